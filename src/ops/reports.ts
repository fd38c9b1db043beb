/**
 * Reports read from the chain: the cap table of an instrument at any block, and the audit trail
 * of every event of the issuance's contracts.
 */
import type { Interface, Log } from "ethers";
import type { RegulatedToken } from "../../typechain-types/index.js";
import { revertError } from "../sdk/errors.js";
import { readableArgument, type ReadableUnits } from "../sdk/readable.js";
import { investorCategoryName } from "../sdk/investors.js";
import { decodeLog, queryInRanges, recipientsOf } from "../sdk/logs.js";
import { blockTime } from "./chain.js";
import { instrumentOf, registryOf, timelockOf, type OpsContext } from "./context.js";
import { countryLabel } from "./countries.js";
import { documentRegistryOf } from "./documents.js";
import { OpsError } from "./errors.js";
import type { AmountColumns, Row } from "./output.js";
import { percentShares } from "./percent.js";
import { unwrapReference } from "./references.js";
import { unitsOf } from "./readable.js";
import { holderLabels, holderName } from "./labels.js";
import { formatAmount, isoTime } from "./units.js";

/** The logs of the contracts at `address` from `fromBlock` to `toBlock`, in ranges. */
function getLogs(ctx: OpsContext, address: string[], fromBlock: number, toBlock: number): Promise<Log[]> {
  return queryInRanges(
    (from, to) => ctx.connection.ethers.provider.getLogs({ address, fromBlock: from, toBlock: to }),
    fromBlock,
    toBlock,
  );
}

/** The results of `query` over the blocks from the deployment to `toBlock` (latest by default), in ranges. */
export async function sinceDeployment<T>(
  ctx: OpsContext,
  query: (fromBlock: number, toBlock: number) => Promise<T[]>,
  toBlock?: number,
): Promise<T[]> {
  return queryInRanges(
    query,
    ctx.record.startBlock,
    toBlock ?? (await ctx.connection.ethers.provider.getBlockNumber()),
  );
}

/** Every wallet that received `token` (a Transfer to it) from the deployment to `toBlock` (latest by default). */
export async function recipientsSinceDeployment(
  ctx: OpsContext,
  token: Pick<RegulatedToken, "queryFilter" | "filters">,
  toBlock?: number,
): Promise<string[]> {
  const last = toBlock ?? (await ctx.connection.ethers.provider.getBlockNumber());
  return recipientsOf(token, ctx.record.startBlock, last, true);
}

async function resolveBlock(ctx: OpsContext, block: number | undefined): Promise<number> {
  const latest = await ctx.connection.ethers.provider.getBlockNumber();
  if (block === undefined || block < 0) return latest;
  if (block > latest) throw new OpsError(`--block: got ${block}, expected at most the latest block ${latest}`);
  return block;
}

export const CAP_TABLE_COLUMNS = [
  "holder",
  "wallet",
  "balance",
  "share",
  "frozenTokens",
  "walletFrozen",
  "verified",
  "country",
  "category",
] as const;

export interface CapTable {
  instrument: string;
  symbol: string;
  block: number;
  time: string;
  /** Plain decimal, as the rows' balances. */
  totalSupply: string;
  holders: number;
  rows: Row[];
  /** The columns in tokens of the instrument, for the table. */
  amounts: AmountColumns;
}

/**
 * Every wallet with a balance of instrument `id` at `block` (latest by default), largest first,
 * with its share of the supply, freezes and registry data as of that block. Holders are found
 * from the Transfer events since the deployment; the balances are read at the block.
 */
export async function capTable(
  ctx: OpsContext,
  options: { instrument?: string; block?: number } = {},
): Promise<CapTable> {
  const { id, instrument, token } = await instrumentOf(ctx, options.instrument);
  const registry = await registryOf(ctx);
  const block = await resolveBlock(ctx, options.block);
  if (block <= ctx.record.startBlock) {
    throw new OpsError(
      `--block: got ${block}, expected a block after ${ctx.record.startBlock}, when the deployment began`,
    );
  }
  const wallets = await recipientsSinceDeployment(ctx, token, block);
  const at = { blockTag: block };
  const [totalSupply, time] = await Promise.all([
    token.totalSupply(at),
    blockTime(ctx.connection.ethers.provider, block),
  ]);
  const show = (units: bigint) => formatAmount(units, instrument.decimals);
  const entries = await Promise.all(
    wallets.map(async (wallet) => {
      const [balance, frozen, walletFrozen, verified, record] = await Promise.all([
        token.balanceOf(wallet, at),
        token.getFrozenTokens(wallet, at),
        token.isAddressFrozen(wallet, at),
        registry.isVerified(wallet, at),
        registry.investorOf(wallet, at),
      ]);
      return { wallet, balance, frozen, walletFrozen, verified, record };
    }),
  );
  const holders = entries
    .filter((e) => e.balance > 0n)
    .sort((a, b) => (b.balance > a.balance ? 1 : b.balance < a.balance ? -1 : 0));
  const sum = holders.reduce((total, e) => total + e.balance, 0n);
  if (sum !== totalSupply)
    throw new OpsError(`cap table of ${id} at block ${block}: balances add up to ${sum}, supply is ${totalSupply}`);
  const labels = await holderLabels(ctx);
  const shares = percentShares(
    holders.map((e) => e.balance),
    totalSupply,
  );
  return {
    instrument: id,
    symbol: instrument.symbol,
    block,
    time: isoTime(time),
    totalSupply: show(totalSupply),
    holders: holders.length,
    amounts: { balance: instrument.symbol, frozenTokens: instrument.symbol },
    rows: holders.map((e, i) => ({
      holder: e.wallet === instrument.address ? "escrow" : holderName(labels, e.wallet),
      wallet: e.wallet === instrument.address ? `${e.wallet} (escrow)` : e.wallet,
      balance: show(e.balance),
      share: shares[i],
      frozenTokens: show(e.frozen),
      walletFrozen: e.walletFrozen,
      verified: e.verified,
      country: e.record.country === 0n ? "" : countryLabel(Number(e.record.country)),
      category: e.record.category === 0n ? "" : investorCategoryName(Number(e.record.category)),
    })),
  };
}

export const AUDIT_COLUMNS = [
  "block",
  "time",
  "transaction",
  "contract",
  "event",
  "arguments",
  "reference",
  "reason",
] as const;

export interface AuditEvent {
  block: number;
  time: string;
  transaction: string;
  logIndex: number;
  contract: string;
  address: string;
  event: string;
  /** The event's arguments as emitted (base units, Unix times, hashes): for machines. */
  args: Record<string, string>;
  /** The same arguments for people: role names, decoded revert reasons, tokens with units, ISO times. */
  shown: Record<string, string>;
  /**
   * The reference the action carried on chain: that of the contract's `ActionReferenced` event
   * before it in the same transaction (up to the contract's next one), or empty.
   */
  reference: string;
  /**
   * The reason's text: the one the ops log holds for `reference` (its hash), else for this
   * transaction if a task sent it; empty when this machine's ops log does not know it.
   */
  reason: string;
}

/**
 * Every event of the issuance's contracts (timelock, registry, instruments) from `fromBlock`
 * (the deployment by default) to `toBlock` (latest), decoded, with the block time, the reference
 * the action carried on chain (`withReference`) and the reason's text from the ops log.
 *
 * An `ActionReferenced` event applies to the events of the same contract that follow it in the
 * same transaction, up to that contract's next one: exact for the tasks, which send one action per
 * transaction. Anyone may attach a reference to a call it may make; the event names the caller.
 * A timelock's `CallScheduled` shows the reference inside the call it scheduled.
 */
export async function auditTrail(
  ctx: OpsContext,
  options: { fromBlock?: number; toBlock?: number } = {},
): Promise<AuditEvent[]> {
  const toBlock = await resolveBlock(ctx, options.toBlock);
  const fromBlock =
    options.fromBlock === undefined || options.fromBlock < 0 ? ctx.record.startBlock : options.fromBlock;
  const labels = await holderLabels(ctx);
  const sources = new Map<string, { label: string; iface: Interface; units: ReadableUnits }>();
  const timelock = await timelockOf(ctx);
  if (timelock !== undefined)
    sources.set((await timelock.getAddress()).toLowerCase(), {
      label: "Timelock",
      iface: timelock.interface,
      units: {},
    });
  const registry = await registryOf(ctx);
  sources.set((await registry.getAddress()).toLowerCase(), {
    label: "InvestorRegistry",
    iface: registry.interface,
    units: {},
  });
  if (ctx.record.documentRegistry !== undefined) {
    const documents = await documentRegistryOf(ctx);
    sources.set(ctx.record.documentRegistry.toLowerCase(), {
      label: "DocumentRegistry",
      iface: documents.interface,
      units: {},
    });
  }
  for (const id of Object.keys(ctx.record.instruments)) {
    const { instrument, token } = await instrumentOf(ctx, id);
    sources.set(instrument.address.toLowerCase(), { label: id, iface: token.interface, units: await unitsOf(ctx, id) });
  }
  const logs = (await getLogs(ctx, [...sources.keys()], fromBlock, toBlock)).sort(
    (a, b) => a.blockNumber - b.blockNumber || a.index - b.index,
  );
  const reasons = new Map<string, string>();
  const reasonsByReference = new Map<string, string>();
  for (const entry of await ctx.log.entries()) {
    if (entry.txHash && entry.reason) reasons.set(entry.txHash, entry.reason);
    if (entry.reference && entry.reason) reasonsByReference.set(entry.reference.toLowerCase(), entry.reason);
  }
  // The reference in force, per transaction and contract.
  const references = new Map<string, string>();
  const times = new Map<number, string>();
  const timeOf = async (block: number) => {
    const time = times.get(block) ?? isoTime(await blockTime(ctx.connection.ethers.provider, block));
    times.set(block, time);
    return time;
  };
  const events: AuditEvent[] = [];
  for (const log of logs) {
    const source = sources.get(log.address.toLowerCase());
    if (source === undefined) continue;
    const parsed = decodeLog(source.iface, log);
    const args: Record<string, string> = {};
    const shown: Record<string, string> = {};
    parsed?.fragment.inputs.forEach((input, i) => {
      const name = input.name || String(i);
      args[name] = String(parsed.args[i]);
      shown[name] = shownArgument(parsed.name, name, input.type, parsed.args[i], source, labels);
    });
    const scope = `${log.transactionHash}:${log.address.toLowerCase()}`;
    if (parsed?.name === "ActionReferenced") references.set(scope, String(parsed.args[0]).toLowerCase());
    // A call scheduled through the timelock shows the reference it will carry when executed.
    const scheduled = parsed?.name === "CallScheduled" ? unwrapReference(String(parsed.args.data)).ref : undefined;
    const reference = scheduled ?? references.get(scope) ?? "";
    events.push({
      block: log.blockNumber,
      time: await timeOf(log.blockNumber),
      transaction: log.transactionHash,
      logIndex: log.index,
      contract: source.label,
      address: log.address,
      event: parsed?.name ?? `unknown ${log.topics[0]}`,
      args,
      shown,
      reference,
      reason: reasonsByReference.get(reference) ?? reasons.get(log.transactionHash) ?? "",
    });
  }
  return events;
}

/** One event argument for people (see {@link AuditEvent.shown}): a known wallet by name, a revert reason decoded. */
function shownArgument(
  event: string,
  name: string,
  type: string,
  value: unknown,
  source: { iface: Interface; units: ReadableUnits },
  labels: ReadonlyMap<string, string>,
): string {
  const raw = String(value);
  if (type === "address" && labels.has(raw.toLowerCase())) return `${holderName(labels, raw)} (${raw})`;
  if (type === "bytes" && name === "reason" && raw !== "0x")
    return revertError(raw, source.iface, source.units).shortMessage;
  return readableArgument(event, name, type, value, source.units);
}

/** An audit event as a table or CSV row. */
export function auditRow(event: AuditEvent): Row {
  return {
    block: event.block,
    time: event.time,
    transaction: event.transaction,
    contract: event.contract,
    event: event.event,
    arguments: Object.entries(event.shown)
      .map(([name, value]) => `${name}=${value}`)
      .join("; "),
    reference: event.reference,
    reason: event.reason,
  };
}
