/**
 * The settings an instrument's regulated core reads: its eligibility policy (brought to the
 * manifest's, COMPLIANCE_ROLE) and the investor registry it consults (an admin call).
 */
import { ZeroAddress, type TransactionReceipt } from "ethers";
import { adminCall, type AdminOutcome } from "./admin-call.js";
import { confirmSending, instrumentOf, signerWithRole, type OperationOptions, type OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import {
  checkComplianceModule,
  checkInvestorRegistry,
  describePolicyCall,
  policyCalls,
  policySettingsOf,
  populatePolicyCall,
  readPolicy,
} from "./policy.js";
import { send } from "./send.js";
import { formatAmount, groupThousands, isChecksummedAddress } from "./units.js";

/**
 * Brings the instrument's policy on chain to what the manifest says: prints the differences and
 * sends one call per difference (`COMPLIANCE_ROLE`). Nothing is sent when they agree.
 */
export async function applyPolicy(ctx: OpsContext, options: OperationOptions & { dryRun?: boolean } = {}) {
  const { id, instrument, token } = await instrumentOf(ctx, options.instrument);
  const index = ctx.manifest.instruments.findIndex((i) => i.id === id);
  if (index < 0) throw new OpsError(`instrument "${id}" is not in the manifest`);
  const spec = ctx.manifest.instruments[index];
  const calls = policyCalls(await readPolicy(token), policySettingsOf(spec.policy, spec.decimals));
  const field = `${ctx.record.manifest}: instruments[${index}].policy.complianceModule`;
  await checkComplianceModule(ctx.connection.ethers.provider, calls, field, ctx.network.name);
  const show = (value: bigint) => groupThousands(formatAmount(value, instrument.decimals));
  if (calls.length === 0) {
    ctx.out(`${id}: the policy on chain is the manifest's; nothing to send`);
    return [];
  }
  calls.forEach((call) => ctx.out(`${id}: ${describePolicyCall(call, show)}`));
  if (options.dryRun) return [];
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, token, "COMPLIANCE_ROLE", options.from);
  const compliance = token.connect(signer);
  const receipts: TransactionReceipt[] = [];
  for (const call of calls) {
    const tx = await populatePolicyCall(compliance, call);
    receipts.push(
      await send(ctx, {
        action: call.fn,
        contract: id,
        signer,
        tx,
        iface: token.interface,
        args: { change: describePolicyCall(call, show) },
        reason: options.reason,
      }),
    );
  }
  return receipts;
}

/**
 * Points the instrument to another investor registry (`setRegistry`, DEFAULT_ADMIN_ROLE): every
 * eligibility check reads it from then on. `registry` must be a contract that answers as an
 * investor registry (`isVerified`). Sent as the admin (directly, through the timelock, or printed
 * for a multisig); nothing is sent when the token reads that registry already.
 */
export async function setRegistry(
  ctx: OpsContext,
  registry: string,
  options: OperationOptions & { salt?: string } = {},
): Promise<AdminOutcome> {
  if (!isChecksummedAddress(registry) || registry === ZeroAddress) {
    throw new OpsError(`--registry: got "${registry}", expected the checksummed address of an investor registry`);
  }
  const { id, token } = await instrumentOf(ctx, options.instrument);
  const current = await token.registry();
  if (current === registry) {
    ctx.out(`${id}: the investor registry is ${registry} already: nothing to send`);
    return "done";
  }
  const candidate = await ctx.connection.ethers.getContractAt("InvestorRegistry", registry);
  try {
    await candidate.isVerified(ZeroAddress);
  } catch {
    throw new OpsError(`--registry: ${registry} is not an investor registry (it does not answer isVerified)`);
  }
  await checkInvestorRegistry(ctx.connection.ethers.provider, registry, "--registry");
  ctx.out(`${id}: change the investor registry from ${current} to ${registry}`);
  if (ctx.record.registry !== undefined && ctx.record.registry !== registry) {
    ctx.out(`  note: the investors tasks of this manifest keep working on ${ctx.record.registry}`);
  }
  return adminCall(
    ctx,
    { label: id, contract: token },
    "setRegistry",
    token.interface.encodeFunctionData("setRegistry", [registry]),
    { from: options.from, salt: options.salt, reason: options.reason, args: { previous: current, registry } },
  );
}
