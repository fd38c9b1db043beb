/**
 * What an operations task works with: the network, the deployment record of its manifest, the
 * ops log, and the signers configured for the network (keys come from the network config, config
 * variables or the keystore, never from flags).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id } from "ethers";
import type { InvestorRegistry, RegulatedToken, Timelock } from "../../typechain-types/index.js";
import { loadRecord, type DeploymentRecord, type InstrumentRecord } from "./deployments.js";
import { OpsError } from "./errors.js";
import { INSTRUMENT_ARTIFACTS } from "./kinds/index.js";
import type { Manifest } from "./manifest.js";
import { OpsLog } from "./ops-log.js";
import { recordInterruptedTransactions } from "./ops-log-recovery.js";
import { networkInfo, requireConfirmation, type Connection, type NetworkInfo } from "./network.js";
import { isChecksummedAddress } from "./units.js";

export { INSTRUMENT_ARTIFACTS } from "./kinds/index.js";

export interface OpsContext {
  connection: Connection;
  /** Where the deployment records, the ops log and the investors' labels are kept. */
  stateDir: string;
  network: NetworkInfo;
  manifest: Manifest;
  record: DeploymentRecord;
  log: OpsLog;
  /** The task name written to the ops log, as `token forced-transfer`. */
  task: string;
  /** Confirmations to wait for each transaction. */
  confirmations: number;
  /** Whether `--yes` was given (needed to send on a network that is not local). */
  yes: boolean;
  out: (line: string) => void;
}

/** What an operation on an instrument takes besides its own arguments. */
export interface OperationOptions {
  /** The instrument id; may be left out when the issuance has one instrument. */
  instrument?: string;
  /** The account to send from (default: the first configured account with the role). */
  from?: string;
  /** Why: written to the ops log, and on chain as a reference when the contract supports it. */
  reason?: string;
}

export interface ContextOptions {
  stateDir: string;
  task: string;
  yes?: boolean;
  out?: (line: string) => void;
}

/**
 * The tasks that protect or only read what is deployed: they work on an incomplete deployment (on
 * the contracts it has deployed, with a warning), so that an issuance can always be paused and
 * enforced. The others wait until it is complete: a token whose policy is not set yet, or whose
 * roles are not granted, must not issue or settle.
 */
const ON_WHAT_IS_DEPLOYED = new Set([
  "token pause",
  "token unpause",
  "token freeze",
  "token unfreeze",
  "token forced-transfer",
  "token recover",
  "token burn",
  "token policy",
  "investors revoke",
  "roles revoke",
]);

/** The context of an issuance deployed earlier, from its deployment record. */
export async function openContext(connection: Connection, manifest: Manifest, options: ContextOptions) {
  const network = await networkInfo(connection);
  const record = await loadRecord(options.stateDir, network.name, manifest.name);
  if (!record.complete) {
    const deployed = [
      ...(record.registry === undefined ? [] : ["InvestorRegistry"]),
      ...Object.keys(record.instruments),
    ];
    const state =
      `the deployment of "${record.name}" on network ${network.name} is incomplete ` +
      `(deployed so far: ${deployed.join(", ") || "nothing"}): run the deploy command again to finish it`;
    if (!ON_WHAT_IS_DEPLOYED.has(options.task) && !options.task.startsWith("report ")) {
      throw new OpsError(
        `${state}; until then only pause, freeze, forced transfers, policy, revocations and reports run`,
      );
    }
    (options.out ?? console.log)(`warning: ${state}`);
  }
  const ctx = await contextFor(connection, manifest, record, options, network);
  for (const line of await recordInterruptedTransactions(ctx.log, connection.ethers.provider)) ctx.out(line);
  return ctx;
}

/** The context of the deployment `record` (for example one just made on the embedded chain). */
export async function contextFor(
  connection: Connection,
  manifest: Manifest,
  record: DeploymentRecord,
  options: ContextOptions,
  known?: NetworkInfo,
): Promise<OpsContext> {
  const network = known ?? (await networkInfo(connection));
  if (record.chainId !== network.chainId) {
    throw new OpsError(
      `the deployment record is for chain ${record.chainId}, network ${network.name} is chain ${network.chainId}`,
    );
  }
  return {
    connection,
    stateDir: options.stateDir,
    network,
    manifest,
    record,
    log: OpsLog.at(options.stateDir, network.name, network.chainId),
    task: options.task,
    confirmations: manifest.network.confirmations ?? 1,
    yes: options.yes ?? false,
    out: options.out ?? console.log,
  };
}

/** Stops unless sending is confirmed (local network, or `--yes`); call it after printing what will be sent. */
export function confirmSending(ctx: OpsContext): void {
  requireConfirmation(ctx.network, ctx.yes);
}

export async function registryOf(ctx: OpsContext): Promise<InvestorRegistry> {
  if (ctx.record.registry === undefined) throw new OpsError(`the deployment of "${ctx.record.name}" has no registry`);
  return ctx.connection.ethers.getContractAt("InvestorRegistry", ctx.record.registry);
}

export async function timelockOf(ctx: OpsContext): Promise<Timelock | undefined> {
  if (ctx.record.timelock === undefined) return undefined;
  return ctx.connection.ethers.getContractAt("Timelock", ctx.record.timelock);
}

/**
 * The instrument `id` of the deployment, or its only instrument when `id` is not given; with
 * `kinds`, it must be of one of them.
 */
export async function instrumentOf(
  ctx: OpsContext,
  id: string | undefined,
  kinds?: readonly InstrumentRecord["kind"][],
): Promise<{ id: string; instrument: InstrumentRecord; token: RegulatedToken }> {
  const ids = Object.keys(ctx.record.instruments);
  const chosen = id ?? (ids.length === 1 ? ids[0] : undefined);
  const planned = ctx.manifest.instruments.some((i) => i.id === chosen);
  if (chosen !== undefined && planned && !(chosen in ctx.record.instruments)) {
    throw new OpsError(`instrument "${chosen}" is not deployed yet: run the deploy command again to finish it`);
  }
  if (chosen === undefined || !(chosen in ctx.record.instruments)) {
    throw new OpsError(
      `${id === undefined ? "--instrument is required" : `no instrument "${id}"`}: the issuance has ${ids.join(", ") || "none"}`,
    );
  }
  const instrument = ctx.record.instruments[chosen];
  if (kinds !== undefined && !kinds.includes(instrument.kind)) {
    throw new OpsError(`instrument "${chosen}" is a ${instrument.kind}, not a ${kinds.join(" or a ")}`);
  }
  // The ABI of the instrument's own contract, so that its errors (a mint gate, a matured bill) decode;
  // the operations here use only its regulated core.
  const token = (await ctx.connection.ethers.getContractAt(
    INSTRUMENT_ARTIFACTS[instrument.kind],
    instrument.address,
  )) as unknown as RegulatedToken;
  return { id: chosen, instrument, token };
}

interface RoleHolder {
  hasRole(role: string, account: string): Promise<boolean>;
}

/**
 * The configured account that holds role `roleName` (as `ISSUER_ROLE`) on `contract`: `from`
 * when given (it must be a configured account with the role), else the first configured account
 * that has it.
 */
export async function signerWithRole(
  ctx: OpsContext,
  contract: RoleHolder & { getAddress(): Promise<string> },
  roleName: string,
  from?: string,
): Promise<HardhatEthersSigner> {
  const role = id(roleName);
  const signers = await ctx.connection.ethers.getSigners();
  const where = `${roleName} on ${await contract.getAddress()}`;
  if (from !== undefined && from !== "") {
    if (!isChecksummedAddress(from)) throw new OpsError(`--from: got "${from}", expected a checksummed address`);
    const signer = signers.find((s) => s.address === from);
    if (signer === undefined)
      throw new OpsError(`--from ${from} is not an account configured for network ${ctx.network.name}`);
    if (!(await contract.hasRole(role, from))) throw new OpsError(`--from ${from} does not hold ${where}`);
    return signer;
  }
  for (const signer of signers) if (await contract.hasRole(role, signer.address)) return signer;
  throw new OpsError(
    `none of the ${signers.length} account(s) configured for network ${ctx.network.name} holds ${where}; ` +
      "configure the key of a holder (config variable or keystore) for this network",
  );
}
