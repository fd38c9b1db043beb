/**
 * Administration of the contracts' roles, by whoever holds `DEFAULT_ADMIN_ROLE`: a configured
 * account directly, or the TimelockController (a proposer schedules, an executor executes after
 * the minimum delay; running the same command again does the next step), or a multisig (the
 * call to submit is printed).
 */
import { ZeroAddress, ZeroHash, id as keccakText, type Interface } from "ethers";
import { describeRevert } from "../../scripts/lib/errors.js";
import type { InvestorRegistry, RegulatedToken } from "../../typechain-types/index.js";
import { confirmSending, instrumentOf, registryOf, signerWithRole, timelockOf, type OpsContext } from "./context.js";
import { blockTime } from "./chain.js";
import { OpsError } from "./errors.js";
import { send } from "./send.js";
import { isChecksummedAddress, isoTime } from "./units.js";

type Administered = InvestorRegistry | RegulatedToken;

/** What happened to an administrative call. */
export type AdminOutcome = "sent" | "scheduled" | "waiting" | "executed" | "done" | "printed";

/** The contract a `--contract` value names: `registry`, or an instrument id. */
async function contractNamed(ctx: OpsContext, name: string): Promise<{ label: string; contract: Administered }> {
  if (name === "registry") return { label: "InvestorRegistry", contract: await registryOf(ctx) };
  const { id, token } = await instrumentOf(ctx, name);
  return { label: id, contract: token };
}

/** The contracts this deployment administers: its registry (when it deployed it) and every instrument. */
async function administered(ctx: OpsContext): Promise<{ label: string; contract: Administered }[]> {
  const list: { label: string; contract: Administered }[] = [];
  if (ctx.manifest.registry.deploy) list.push({ label: "InvestorRegistry", contract: await registryOf(ctx) });
  for (const id of Object.keys(ctx.record.instruments))
    list.push({ label: id, contract: (await instrumentOf(ctx, id)).token });
  return list;
}

/** What an administrative call may say: `from` (the admin, or a timelock proposer or executor), `salt`, `reason`. */
export interface AdminOptions {
  from?: string;
  salt?: string;
  reason?: string;
  args?: Record<string, unknown>;
}

/**
 * Sends `data` to `target` as its admin `admin`: directly from a configured account, through the
 * timelock, or printed for a multisig to submit. `options.from`, when given, must be a configured
 * account: the admin itself, or (admin the timelock) the proposer or executor to send from.
 */
async function asAdmin(
  ctx: OpsContext,
  admin: string,
  target: { label: string; address: string; iface: Interface },
  action: string,
  data: string,
  options: AdminOptions,
): Promise<AdminOutcome> {
  const signers = await ctx.connection.ethers.getSigners();
  const from = options.from === "" ? undefined : options.from;
  if (from !== undefined) {
    if (!isChecksummedAddress(from)) throw new OpsError(`--from: got "${from}", expected a checksummed address`);
    if (!signers.some((s) => s.address === from)) {
      throw new OpsError(`--from ${from} is not an account configured for network ${ctx.network.name}`);
    }
  }
  const timelock = await timelockOf(ctx);
  const viaTimelock = timelock !== undefined && (await timelock.getAddress()) === admin;
  if (from !== undefined && from !== admin && !viaTimelock) {
    throw new OpsError(`--from ${from} does not hold DEFAULT_ADMIN_ROLE on ${target.address} (the admin is ${admin})`);
  }
  const direct = signers.find((s) => s.address === admin);
  if (direct !== undefined) {
    confirmSending(ctx);
    await send(ctx, {
      action,
      contract: target.label,
      signer: direct,
      tx: { to: target.address, data },
      iface: target.iface,
      args: options.args,
      reason: options.reason,
    });
    return "sent";
  }
  if (viaTimelock) return throughTimelock(ctx, target, action, data, options);
  ctx.out(`${target.label}: the admin ${admin} is not a configured account; have it submit this call:`);
  ctx.out(`  to:   ${target.address}`);
  ctx.out(`  data: ${data}  (${action})`);
  return "printed";
}

/** A contract administered through `DEFAULT_ADMIN_ROLE` (OpenZeppelin `AccessControlDefaultAdminRules`). */
interface AdminTarget {
  label: string;
  contract: { defaultAdmin(): Promise<string>; getAddress(): Promise<string>; interface: Interface };
}

/**
 * Calls `action` (`data`, encoded with the contract's interface) on `target` as its admin: first
 * simulated from the admin, so that a call the contract would refuse is reported with its decoded
 * error and nothing is sent; then sent directly, through the timelock (run again for the next
 * step), or printed for a multisig.
 */
export async function adminCall(
  ctx: OpsContext,
  target: AdminTarget,
  action: string,
  data: string,
  options: AdminOptions = {},
): Promise<AdminOutcome> {
  const address = await target.contract.getAddress();
  const admin = await target.contract.defaultAdmin();
  try {
    await ctx.connection.ethers.provider.call({ from: admin, to: address, data });
  } catch (error) {
    throw new OpsError(`${target.label}.${action} refused: ${describeRevert(error, target.contract.interface)}`);
  }
  return asAdmin(ctx, admin, { label: target.label, address, iface: target.contract.interface }, action, data, options);
}

/**
 * One step of a timelocked call: schedules it (a configured proposer), or executes it once ready
 * (a configured executor, or anyone when the executor role is open). The operation id is the
 * hash of target, data and `salt`, so running the same command again finds it.
 */
export async function throughTimelock(
  ctx: OpsContext,
  target: { label: string; address: string; iface: Interface },
  action: string,
  data: string,
  options: AdminOptions = {},
): Promise<AdminOutcome> {
  const timelock = await timelockOf(ctx);
  if (timelock === undefined) throw new OpsError(`the deployment of "${ctx.record.name}" has no timelock`);
  const salt = options.salt === undefined || options.salt === "" ? ZeroHash : keccakText(options.salt);
  const operation = await timelock.hashOperation(target.address, 0, data, ZeroHash, salt);
  const base = { contract: "Timelock", iface: timelock.interface, reason: options.reason };
  const args = { target: target.label, call: action, ...options.args, operation };
  if (await timelock.isOperationDone(operation)) {
    ctx.out(`${target.label}: ${action} through the timelock was executed already (operation ${operation})`);
    return "done";
  }
  if (!(await timelock.isOperation(operation))) {
    const delay = await timelock.getMinDelay();
    ctx.out(`${target.label}: schedule ${action} through the timelock (min delay ${delay} s)`);
    confirmSending(ctx);
    const proposer = await signerWithRole(ctx, timelock, "PROPOSER_ROLE", options.from);
    const tx = await timelock
      .connect(proposer)
      .schedule.populateTransaction(target.address, 0, data, ZeroHash, salt, delay);
    await send(ctx, { ...base, action: "schedule", signer: proposer, tx, args });
    const ready = await timelock.getTimestamp(operation);
    ctx.out(`  scheduled; run the same command again after ${isoTime(ready)} to execute it`);
    return "scheduled";
  }
  if (!(await timelock.isOperationReady(operation))) {
    ctx.out(
      `${target.label}: ${action} is scheduled; it can be executed after ${isoTime(await timelock.getTimestamp(operation))}`,
    );
    return "waiting";
  }
  ctx.out(`${target.label}: execute ${action} through the timelock`);
  confirmSending(ctx);
  const signers = await ctx.connection.ethers.getSigners();
  const executor = (await timelock.hasRole(keccakText("EXECUTOR_ROLE"), ZeroAddress))
    ? (signers.find((s) => s.address === options.from) ?? signers[0])
    : await signerWithRole(ctx, timelock, "EXECUTOR_ROLE", options.from);
  const tx = await timelock.connect(executor).execute.populateTransaction(target.address, 0, data, ZeroHash, salt);
  await send(ctx, { ...base, action: "execute", signer: executor, tx, args });
  return "executed";
}

/** Grants (`grant` true) or revokes `role` on contract `name` (`registry` or an instrument id) for `account`. */
export async function changeRole(
  ctx: OpsContext,
  name: string,
  role: string,
  account: string,
  grant: boolean,
  options: { from?: string; salt?: string; reason?: string } = {},
): Promise<AdminOutcome> {
  if (!/^[A-Z][A-Z0-9_]*_ROLE$/.test(role))
    throw new OpsError(`--role: got "${role}", expected a role name such as ISSUER_ROLE`);
  if (!isChecksummedAddress(account)) throw new OpsError(`--account: got "${account}", expected a checksummed address`);
  const { label, contract } = await contractNamed(ctx, name);
  const roleId = keccakText(role);
  if (role === "DEFAULT_ADMIN_ROLE")
    throw new OpsError("DEFAULT_ADMIN_ROLE changes hands with the two-step hand-over, not grant/revoke");
  if ((await contract.hasRole(roleId, account)) === grant) {
    ctx.out(`${label}: ${account} ${grant ? "already holds" : "does not hold"} ${role}; nothing to send`);
    return "done";
  }
  const action = grant ? "grantRole" : "revokeRole";
  const data = grant
    ? contract.interface.encodeFunctionData("grantRole", [roleId, account])
    : contract.interface.encodeFunctionData("revokeRole", [roleId, account]);
  ctx.out(`${label}: ${action}(${role}, ${account})`);
  const target = { label, address: await contract.getAddress(), iface: contract.interface };
  return asAdmin(ctx, await contract.defaultAdmin(), target, action, data, { ...options, args: { role, account } });
}

/**
 * Completes the admin hand-overs begun by the deployment: for each contract whose pending admin
 * may accept now, accepts as that admin (directly, through the timelock, or printed for a
 * multisig). Run it again for the timelock's next step.
 */
export async function acceptAdmin(
  ctx: OpsContext,
  options: { from?: string; reason?: string } = {},
): Promise<Record<string, AdminOutcome>> {
  const outcomes: Record<string, AdminOutcome> = {};
  const now = await blockTime(ctx.connection.ethers.provider);
  for (const { label, contract } of await administered(ctx)) {
    const [pending, schedule] = await contract.pendingDefaultAdmin();
    if (pending === ZeroAddress) {
      ctx.out(`${label}: no hand-over pending; the admin is ${await contract.defaultAdmin()}`);
      outcomes[label] = "done";
    } else if (schedule >= now) {
      ctx.out(`${label}: ${pending} may accept after ${isoTime(schedule)} (the admin delay)`);
      outcomes[label] = "waiting";
    } else {
      const data = contract.interface.encodeFunctionData("acceptDefaultAdminTransfer");
      const target = { label, address: await contract.getAddress(), iface: contract.interface };
      outcomes[label] = await asAdmin(ctx, pending, target, "acceptDefaultAdminTransfer", data, options);
    }
  }
  return outcomes;
}
