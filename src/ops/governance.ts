/**
 * Administration of the contracts' roles, by whoever holds `DEFAULT_ADMIN_ROLE`: a configured
 * account directly, or the TimelockController (a proposer schedules, an executor executes after
 * the minimum delay; running the same command again does the next step), or a multisig (the
 * call to submit is printed).
 */
import { ZeroAddress, ZeroHash, id as keccakText, type Interface } from "ethers";
import { revertError } from "../sdk/errors.js";
import type { InvestorRegistry, RegulatedToken } from "../../typechain-types/index.js";
import { confirmSending, instrumentOf, registryOf, signerWithRole, timelockOf, type OpsContext } from "./context.js";
import { blockTime } from "./chain.js";
import { OpsError } from "./errors.js";
import { send } from "./send.js";
import type { Row } from "./output.js";
import { referencedCall, unwrapReference } from "./references.js";
import { sinceDeployment } from "./reports.js";
import { isChecksummedAddress, isoTime, parseDuration } from "./units.js";

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
    const refusal = revertError(error, target.iface);
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

/** What a governance task may say: the contract (default: every one), and the call options. */
export interface GovernanceOptions {
  /** `--contract`: `registry` or an instrument id (default: every contract of the issuance). */
  contract?: string;
  from?: string;
  salt?: string;
  reason?: string;
}

/** A call one contract needs, as `caller` (its admin, or the pending admin accepting). */
interface PlannedCall {
  label: string;
  target: { label: string; address: string; iface: Interface };
  caller: string;
  action: string;
  data: string;
  args?: Record<string, unknown>;
  /** What is done, printed before sending. */
  says: string;
  /** Printed after the call was sent (not when scheduled or printed). */
  after?: () => Promise<string>;
}

/**
 * The admin operations on the contracts of `options.contract`: `plan` reads each contract's state
 * and returns the call it needs, or a line saying why none is (a re-run finds the state already
 * changed and sends nothing). Every call is simulated and `--from` checked for every contract
 * before the first is sent; then each goes directly, through the timelock, or printed for a
 * multisig.
 */
async function governContracts(
  ctx: OpsContext,
  options: GovernanceOptions,
  plan: (label: string, contract: Administered) => Promise<PlannedCall | string>,
): Promise<Record<string, AdminOutcome>> {
  const outcomes: Record<string, AdminOutcome> = {};
  const calls: PlannedCall[] = [];
  for (const { label, contract } of await selectContracts(ctx, options.contract)) {
    const planned = await plan(label, contract);
    if (typeof planned === "string") {
      ctx.out(`${label}: ${planned}; nothing to send`);
      outcomes[label] = "done";
      continue;
    }
    await simulateAs(ctx, planned.caller, planned.target, planned.action, planned.data);
    await checkAdminCaller(ctx, planned.caller, planned.target.address, options.from);
    calls.push(planned);
  }
  for (const call of calls) {
    ctx.out(`${call.label}: ${call.says}`);
    const outcome = await asAdmin(ctx, call.caller, call.target, call.action, call.data, {
      from: options.from,
      salt: options.salt,
      reason: options.reason,
      args: call.args,
    });
    if (outcome === "done") {
      // The state still needs the call, so the executed operation was an earlier, identical one.
      throw new OpsError(
        `${call.label}: an identical ${call.action} executed through the timelock earlier; ` +
          "run the command again with another --salt to schedule it anew",
      );
    }
    if (outcome === "sent" && call.after !== undefined) ctx.out(`  ${await call.after()}`);
    outcomes[call.label] = outcome;
  }
  return outcomes;
}

async function targetOf(label: string, contract: Administered) {
  return { label, address: await contract.getAddress(), iface: contract.interface };
}

/** When the pending admin of `contract` may accept, for people. */
async function acceptanceOf(contract: Administered): Promise<string> {
  const [pending, schedule] = await contract.pendingDefaultAdmin();
  return `${pending} may accept after ${isoTime(schedule)} (governance accept-admin)`;
}

/**
 * Completes the admin hand-overs pending on chain (begun by the deployment, or by
 * {@link beginAdminTransfer}): for each contract whose pending admin may accept now, accepts as
 * that admin (directly, through the timelock, or printed for a multisig). Run it again for the
 * timelock's next step.
 */
export async function acceptAdmin(
  ctx: OpsContext,
  options: GovernanceOptions = {},
): Promise<Record<string, AdminOutcome>> {
  const now = await blockTime(ctx.connection.ethers.provider);
  const waiting: Record<string, AdminOutcome> = {};
  const outcomes = await governContracts(ctx, options, async (label, contract) => {
    const [pending, schedule] = await contract.pendingDefaultAdmin();
    if (pending === ZeroAddress) return `no hand-over pending (the admin is ${await contract.defaultAdmin()})`;
    if (schedule >= now) {
      waiting[label] = "waiting";
      return `${pending} may accept after ${isoTime(schedule)} (the admin delay)`;
    }
    return {
      label,
      target: await targetOf(label, contract),
      caller: pending,
      action: "acceptDefaultAdminTransfer",
      data: contract.interface.encodeFunctionData("acceptDefaultAdminTransfer"),
      args: { newAdmin: pending, previous: await contract.defaultAdmin() },
      says: `${pending} accepts DEFAULT_ADMIN_ROLE (acceptDefaultAdminTransfer)`,
      after: async () => `the admin is now ${await contract.defaultAdmin()}`,
    };
  });
  return { ...outcomes, ...waiting };
}

/**
 * Begins the hand-over of `DEFAULT_ADMIN_ROLE` to `to` (`beginDefaultAdminTransfer`), which then
 * accepts with {@link acceptAdmin} once the admin delay has passed. A hand-over to `to` already
 * pending, or `to` already the admin, sends nothing; one to another account is replaced.
 */
export async function beginAdminTransfer(
  ctx: OpsContext,
  to: string,
  options: GovernanceOptions = {},
): Promise<Record<string, AdminOutcome>> {
  if (!isChecksummedAddress(to)) throw new OpsError(`--to: got "${to}", expected a checksummed address`);
  if (to === ZeroAddress) {
    throw new OpsError(`--to: got ${to}, expected a non-zero address (the admin role cannot be handed to nobody)`);
  }
  return governContracts(ctx, options, async (label, contract) => {
    const [admin, [pending]] = await Promise.all([contract.defaultAdmin(), contract.pendingDefaultAdmin()]);
    if (admin === to) {
      const note =
        pending === ZeroAddress ? "" : ` (a hand-over to ${pending} is pending: governance cancel-admin-transfer)`;
      return `${to} is the admin already${note}`;
    }
    if (pending === to) return `the hand-over to ${to} is begun already; ${await acceptanceOf(contract)}`;
    const delay = await contract.defaultAdminDelay();
    const replaces = pending === ZeroAddress ? "" : `, replacing the pending hand-over to ${pending}`;
    return {
      label,
      target: await targetOf(label, contract),
      caller: admin,
      action: "beginDefaultAdminTransfer",
      data: contract.interface.encodeFunctionData("beginDefaultAdminTransfer", [to]),
      args: { newAdmin: to, admin, ...(pending === ZeroAddress ? {} : { replaces: pending }) },
      says: `begin the hand-over of DEFAULT_ADMIN_ROLE from ${admin} to ${to} (admin delay ${delay} s${replaces})`,
      after: () => acceptanceOf(contract),
    };
  });
}

/** Cancels the pending admin hand-over (`cancelDefaultAdminTransfer`); none pending sends nothing. */
export async function cancelAdminTransfer(
  ctx: OpsContext,
  options: GovernanceOptions = {},
): Promise<Record<string, AdminOutcome>> {
  return governContracts(ctx, options, async (label, contract) => {
    const [admin, [pending]] = await Promise.all([contract.defaultAdmin(), contract.pendingDefaultAdmin()]);
    if (pending === ZeroAddress) return `no hand-over pending (the admin is ${admin})`;
    return {
      label,
      target: await targetOf(label, contract),
      caller: admin,
      action: "cancelDefaultAdminTransfer",
      data: contract.interface.encodeFunctionData("cancelDefaultAdminTransfer"),
      args: { pendingAdmin: pending },
      says: `cancel the hand-over of DEFAULT_ADMIN_ROLE to ${pending}`,
    };
  });
}

/** The largest admin delay the contracts hold (`uint48` seconds). */
const MAX_DELAY = 2n ** 48n - 1n;

/** When the pending delay change of `contract` takes effect, for people. */
async function delayChangeOf(contract: Administered): Promise<string> {
  const [delay, schedule] = await contract.pendingDefaultAdminDelay();
  return schedule === 0n
    ? `the admin delay is ${await contract.defaultAdminDelay()} s`
    : `the admin delay becomes ${delay} s at ${isoTime(schedule)}`;
}

/**
 * Schedules a new admin delay (`changeDefaultAdminDelay`; `delayText` in seconds or as `2d`): it
 * takes effect after the contract's wait (the difference for a decrease, at most 5 days for an
 * increase). The same change already pending, or the delay already in effect, sends nothing.
 */
export async function changeAdminDelay(
  ctx: OpsContext,
  delayText: string,
  options: GovernanceOptions = {},
): Promise<Record<string, AdminOutcome>> {
  const delay = parseDuration(delayText);
  if (delay === undefined) {
    throw new OpsError(
      `--delay: got "${delayText}", expected whole seconds or a number with a unit s, m, h, d or w (as 172800 or 2d)`,
    );
  }
  if (delay > MAX_DELAY) throw new OpsError(`--delay: got ${delay} s, expected at most ${MAX_DELAY} s (uint48)`);
  return governContracts(ctx, options, async (label, contract) => {
    const [admin, current, [pendingDelay, schedule]] = await Promise.all([
      contract.defaultAdmin(),
      contract.defaultAdminDelay(),
      contract.pendingDefaultAdminDelay(),
    ]);
    if (schedule !== 0n && pendingDelay === delay)
      return `the change to ${delay} s is pending already (at ${isoTime(schedule)})`;
    if (schedule === 0n && current === delay) return `the admin delay is ${delay} s already`;
    const replaces = schedule === 0n ? "" : `, replacing the pending change to ${pendingDelay} s`;
    return {
      label,
      target: await targetOf(label, contract),
      caller: admin,
      action: "changeDefaultAdminDelay",
      data: contract.interface.encodeFunctionData("changeDefaultAdminDelay", [delay]),
      args: { delay: delay.toString(), previous: current.toString() },
      says: `change the admin delay from ${current} s to ${delay} s${replaces}`,
      after: () => delayChangeOf(contract),
    };
  });
}

/** Cancels a pending admin delay change (`rollbackDefaultAdminDelay`); none pending sends nothing. */
export async function rollbackAdminDelay(
  ctx: OpsContext,
  options: GovernanceOptions = {},
): Promise<Record<string, AdminOutcome>> {
  return governContracts(ctx, options, async (label, contract) => {
    const [admin, current, [pendingDelay, schedule]] = await Promise.all([
      contract.defaultAdmin(),
      contract.defaultAdminDelay(),
      contract.pendingDefaultAdminDelay(),
    ]);
    if (schedule === 0n) return `no admin delay change pending (the delay is ${current} s)`;
    return {
      label,
      target: await targetOf(label, contract),
      caller: admin,
      action: "rollbackDefaultAdminDelay",
      data: contract.interface.encodeFunctionData("rollbackDefaultAdminDelay"),
      args: { pendingDelay: pendingDelay.toString() },
      says: `roll back the pending change of the admin delay to ${pendingDelay} s (the delay stays ${current} s)`,
      after: () => delayChangeOf(contract),
    };
  });
}

export const ADMINS_COLUMNS = [
  "contract",
  "address",
  "admin",
  "pendingAdmin",
  "acceptAfter",
  "delay",
  "pendingDelay",
  "delayChangeAt",
] as const;

/**
 * Per contract (`options.contract`, or every one): the admin, the pending admin and from when it
 * may accept, the admin delay in seconds and any pending delay change with the time it takes effect.
 */
export async function adminsReport(
  ctx: OpsContext,
  options: { contract?: string } = {},
): Promise<{ block: number; time: string; rows: Row[] }> {
  const provider = ctx.connection.ethers.provider;
  const block = await provider.getBlockNumber();
  const time = isoTime(await blockTime(provider, block));
  const rows: Row[] = [];
  for (const { label, contract } of await selectContracts(ctx, options.contract)) {
    const at = { blockTag: block };
    const [address, admin, [pending, acceptAfter], delay, [pendingDelay, delayChangeAt]] = await Promise.all([
      contract.getAddress(),
      contract.defaultAdmin(at),
      contract.pendingDefaultAdmin(at),
      contract.defaultAdminDelay(at),
      contract.pendingDefaultAdminDelay(at),
    ]);
    rows.push({
      contract: label,
      address,
      admin,
      pendingAdmin: pending === ZeroAddress ? "" : pending,
      acceptAfter: pending === ZeroAddress ? "" : isoTime(acceptAfter),
      delay,
      pendingDelay: delayChangeAt === 0n ? "" : pendingDelay,
      delayChangeAt: delayChangeAt === 0n ? "" : isoTime(delayChangeAt),
    });
  }
  return { block, time, rows };
}
