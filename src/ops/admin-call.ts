/**
 * How an administrative call reaches a contract administered through `DEFAULT_ADMIN_ROLE`: sent
 * by a configured admin account, scheduled then executed through the TimelockController (a
 * proposer schedules, an executor executes after the minimum delay; running the same command
 * again does the next step), or printed for a multisig to submit. Every call is simulated first.
 */
import { ZeroAddress, ZeroHash, id as keccakText, type Interface } from "ethers";
import type { DocumentRegistry, InvestorRegistry, RegulatedToken } from "../../typechain-types/index.js";
import { confirmSending, instrumentOf, registryOf, signerWithRole, timelockOf, type OpsContext } from "./context.js";
import { documentRegistryOf } from "./documents.js";
import { OpsError } from "./errors.js";
import { send } from "./send.js";
import { referencedCall, unwrapReference } from "./references.js";
import { sinceDeployment } from "./reports.js";
import { refusalOf } from "./readable.js";
import { isChecksummedAddress, isoTime } from "./units.js";

export type Administered = InvestorRegistry | RegulatedToken | DocumentRegistry;

/** What happened to an administrative call. */
export type AdminOutcome = "sent" | "scheduled" | "waiting" | "executed" | "done" | "printed";

/** The contract a `--contract` value names: `registry`, or an instrument id. */
export async function contractNamed(ctx: OpsContext, name: string): Promise<{ label: string; contract: Administered }> {
  if (name === "registry") return { label: "InvestorRegistry", contract: await registryOf(ctx) };
  if (name === "documents") return { label: "DocumentRegistry", contract: await documentRegistryOf(ctx) };
  const { id, token } = await instrumentOf(ctx, name);
  return { label: id, contract: token };
}

/** The contracts this deployment administers: its registry (when it deployed it) and every instrument. */
async function administered(ctx: OpsContext): Promise<{ label: string; contract: Administered }[]> {
  const list: { label: string; contract: Administered }[] = [];
  if (ctx.manifest.registry.deploy) list.push({ label: "InvestorRegistry", contract: await registryOf(ctx) });
  if (ctx.record.documentRegistry !== undefined)
    list.push({ label: "DocumentRegistry", contract: await documentRegistryOf(ctx) });
  for (const id of Object.keys(ctx.record.instruments))
    list.push({ label: id, contract: (await instrumentOf(ctx, id)).token });
  return list;
}

/** The contract `name` (`--contract`: `registry` or an instrument id), or every contract the deployment administers. */
export async function selectContracts(
  ctx: OpsContext,
  name?: string,
): Promise<{ label: string; contract: Administered }[]> {
  return name === undefined || name === "" ? administered(ctx) : [await contractNamed(ctx, name)];
}

/** What an administrative call may say: `from` (the admin, or a timelock proposer or executor), `salt`, `reason`. */
export interface AdminOptions {
  from?: string;
  salt?: string;
  reason?: string;
  args?: Record<string, unknown>;
}

/**
 * Checks `from` (`--from`) for a call as `admin` on `address`, before anything is sent: a
 * configured account, and the admin itself unless the admin is the timelock (then a proposer or
 * executor, checked when scheduling or executing).
 */
export async function checkAdminCaller(ctx: OpsContext, admin: string, address: string, from?: string): Promise<void> {
  if (from === undefined || from === "") return;
  if (!isChecksummedAddress(from)) throw new OpsError(`--from: got "${from}", expected a checksummed address`);
  const signers = await ctx.connection.ethers.getSigners();
  if (!signers.some((s) => s.address === from)) {
    throw new OpsError(`--from ${from} is not an account configured for network ${ctx.network.name}`);
  }
  const timelock = await timelockOf(ctx);
  const viaTimelock = timelock !== undefined && (await timelock.getAddress()) === admin;
  if (from !== admin && !viaTimelock) {
    throw new OpsError(`--from ${from} does not hold DEFAULT_ADMIN_ROLE on ${address} (the admin is ${admin})`);
  }
}

/**
 * Sends `data` to `target` as its admin `admin`: directly from a configured account, through the
 * timelock, or printed for a multisig to submit. `options.from`, when given, must be a configured
 * account: the admin itself, or (admin the timelock) the proposer or executor to send from.
 */
export async function asAdmin(
  ctx: OpsContext,
  admin: string,
  target: { label: string; address: string; iface: Interface },
  action: string,
  data: string,
  options: AdminOptions,
): Promise<AdminOutcome> {
  await checkAdminCaller(ctx, admin, target.address, options.from);
  const signers = await ctx.connection.ethers.getSigners();
  const timelock = await timelockOf(ctx);
  const viaTimelock = timelock !== undefined && (await timelock.getAddress()) === admin;
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
  const call = await referencedCall(ctx.connection.ethers.provider, target.address, data, options.reason);
  ctx.out(`${target.label}: the admin ${admin} is not a configured account; have it submit this call:`);
  ctx.out(`  to:   ${target.address}`);
  ctx.out(`  data: ${call.data}  (${action}${call.ref === undefined ? "" : ` with reference ${call.ref}`})`);
  return "printed";
}

/** A contract administered through `DEFAULT_ADMIN_ROLE` (OpenZeppelin `AccessControlDefaultAdminRules`). */
export interface AdminTarget {
  label: string;
  contract: { defaultAdmin(): Promise<string>; getAddress(): Promise<string>; interface: Interface };
}

/** Simulates `data` on `address` from `from` (an `eth_call`): a call the contract would refuse becomes an {@link OpsError} with its decoded error. */
export async function simulateAs(
  ctx: OpsContext,
  from: string,
  target: { label: string; address: string; iface: Interface },
  action: string,
  data: string,
): Promise<void> {
  try {
    await ctx.connection.ethers.provider.call({ from, to: target.address, data });
  } catch (error) {
    const refusal = await refusalOf(ctx, target.label, error, target.iface);
    throw new OpsError(`${target.label}.${action} refused: ${refusal.shortMessage}`, { cause: refusal });
  }
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
  const call = { label: target.label, address, iface: target.contract.interface };
  await simulateAs(ctx, admin, call, action, data);
  return asAdmin(ctx, admin, call, action, data, options);
}

/**
 * The operation scheduled earlier on the timelock for the call `call` to `target` with `salt`,
 * whatever reference it carries (or none), preferring one still pending; read from the
 * timelock's `CallScheduled` events since the deployment.
 */
async function earlierOperation(
  ctx: OpsContext,
  timelock: NonNullable<Awaited<ReturnType<typeof timelockOf>>>,
  target: string,
  call: string,
  salt: string,
): Promise<{ id: string; data: string; ref?: string } | undefined> {
  const scheduled = await sinceDeployment(ctx, (from, to) =>
    timelock.queryFilter(timelock.filters.CallScheduled(), from, to),
  );
  let done: { id: string; data: string; ref?: string } | undefined;
  for (const event of scheduled.reverse()) {
    const { id, target: to, data } = event.args;
    if (to.toLowerCase() !== target.toLowerCase() || unwrapReference(data).call !== call) continue;
    if ((await timelock.hashOperation(target, 0, data, ZeroHash, salt)) !== id) continue;
    const found = { id, data, ref: unwrapReference(data).ref };
    if (!(await timelock.isOperationDone(id))) return found;
    done ??= found;
  }
  return done;
}

/**
 * One step of a timelocked call: schedules it (a configured proposer), or executes it once ready
 * (a configured executor, or anyone when the executor role is open). The operation id is the
 * hash of target, data and `salt`, so running the same command again finds it. With a reason,
 * the scheduled call carries its reference (`withReference`, when the target supports it); the
 * next run finds the operation with or without `--reason`, and refuses another reason for an
 * operation still pending (its reference was fixed when it was scheduled).
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
  const referenced = await referencedCall(ctx.connection.ethers.provider, target.address, data, options.reason);
  let call = referenced.data;
  let reference = referenced.ref;
  let operation = await timelock.hashOperation(target.address, 0, call, ZeroHash, salt);
  if (!(await timelock.isOperation(operation))) {
    const earlier = await earlierOperation(ctx, timelock, target.address, data, salt);
    if (earlier !== undefined) {
      if (reference !== undefined && !(await timelock.isOperationDone(earlier.id))) {
        throw new OpsError(
          `${target.label}: ${action} is scheduled through the timelock with ${earlier.ref === undefined ? "no reference" : `reference ${earlier.ref}`} ` +
            `(operation ${earlier.id}), not the one of this --reason: run again with the reason it was scheduled with, or without --reason`,
        );
      }
      ({ id: operation, data: call, ref: reference } = earlier);
    }
  }
  const base = { contract: "Timelock", iface: timelock.interface, reason: options.reason, reference };
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
      .schedule.populateTransaction(target.address, 0, call, ZeroHash, salt, delay);
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
  const tx = await timelock.connect(executor).execute.populateTransaction(target.address, 0, call, ZeroHash, salt);
  await send(ctx, { ...base, action: "execute", signer: executor, tx, args });
  return "executed";
}
