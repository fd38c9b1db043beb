/**
 * The admin's own operations (hand-over of `DEFAULT_ADMIN_ROLE`, the admin delay, the admins
 * report), sent by whoever holds `DEFAULT_ADMIN_ROLE` (role changes: roles.ts): a configured
 * account directly, or the TimelockController (a proposer schedules, an executor executes after
 * the minimum delay; running the same command again does the next step), or a multisig (the
 * call to submit is printed).
 */
import { ZeroAddress, type Interface } from "ethers";
import type { OpsContext } from "./context.js";
import { blockTime } from "./chain.js";
import { OpsError } from "./errors.js";
import type { Row } from "./output.js";
import { formatDuration, isChecksummedAddress, isoTime, parseDuration } from "./units.js";
import {
  asAdmin,
  checkAdminCaller,
  selectContracts,
  simulateAs,
  type AdminOutcome,
  type Administered,
} from "./admin-call.js";

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
      says: `begin the hand-over of DEFAULT_ADMIN_ROLE from ${admin} to ${to} (admin delay ${formatDuration(delay)}${replaces})`,
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
    ? `the admin delay is ${formatDuration(await contract.defaultAdminDelay())}`
    : `the admin delay becomes ${formatDuration(delay)} at ${isoTime(schedule)}`;
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
      return `the change to ${formatDuration(delay)} is pending already (at ${isoTime(schedule)})`;
    if (schedule === 0n && current === delay) return `the admin delay is ${formatDuration(delay)} already`;
    const replaces = schedule === 0n ? "" : `, replacing the pending change to ${pendingDelay} s`;
    return {
      label,
      target: await targetOf(label, contract),
      caller: admin,
      action: "changeDefaultAdminDelay",
      data: contract.interface.encodeFunctionData("changeDefaultAdminDelay", [delay]),
      args: { delay: delay.toString(), previous: current.toString() },
      says: `change the admin delay from ${formatDuration(current)} to ${formatDuration(delay)}${replaces}`,
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
    if (schedule === 0n) return `no admin delay change pending (the delay is ${formatDuration(current)})`;
    return {
      label,
      target: await targetOf(label, contract),
      caller: admin,
      action: "rollbackDefaultAdminDelay",
      data: contract.interface.encodeFunctionData("rollbackDefaultAdminDelay"),
      args: { pendingDelay: pendingDelay.toString() },
      says: `roll back the pending change of the admin delay to ${formatDuration(pendingDelay)} (the delay stays ${formatDuration(current)})`,
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
