/**
 * The query layer the explorer's pages and the reports read: cap table as of a block, a holder's
 * history, the audit trail, an investor's positions, the indexer's status. Amounts are bigint
 * (base units of the instrument); times are Unix seconds of the block. The instruments' own books
 * (coupons, auctions, redemptions, reserves, roles, enforcement) are in books.ts.
 */
import type { EventArgs } from "./derive.js";
import { readCursor } from "./indexer.js";
import { storedContracts } from "./contracts.js";
import type { Followed } from "./sources.js";
import type { Param, Store } from "./store.js";

export interface Holding {
  wallet: string;
  balance: bigint;
}

export interface Page {
  limit?: number;
  offset?: number;
}

/** The holdings of `instrument` with a balance at the end of block `?` (given twice). */
const HELD_AT = "FROM holdings WHERE instrument = ? AND to_block > ? AND from_block <= ? AND balance <> '0'";

/** The last block indexed: the default "as of" of every query. */
export async function indexedBlock(store: Store): Promise<number> {
  return (await readCursor(store))?.block ?? -1;
}

/** The contract followed at `address`, or by its name (an instrument id, "registry"). */
export async function contractOf(store: Store, nameOrAddress: string): Promise<Followed | undefined> {
  const wanted = nameOrAddress.toLowerCase();
  return (await storedContracts(store)).find(
    (c) => c.address.toLowerCase() === wanted || c.name.toLowerCase() === wanted,
  );
}

/** The supply of `instrument` at the end of `block` (0 before its first mint). */
export async function supplyAt(store: Store, instrument: string, block: number): Promise<bigint> {
  const [row] = await store.all<{ supply: string }>(
    "SELECT supply FROM supply WHERE instrument = ? AND block <= ? ORDER BY block DESC, log_index DESC LIMIT 1",
    [instrument, block],
  );
  return BigInt(row?.supply ?? 0);
}

/**
 * The holders of `instrument` at the end of `block` (the last indexed by default), largest first
 * (amounts are decimal text: longer is larger), a page of them, with their count and the supply.
 * `search` keeps the wallets that contain it.
 */
export async function capTableAt(
  store: Store,
  instrument: string,
  options: Page & { block?: number; search?: string } = {},
): Promise<{ block: number; supply: bigint; holders: number; rows: Holding[] }> {
  const block = options.block ?? (await indexedBlock(store));
  const filter = options.search ? " AND lower(wallet) LIKE ?" : "";
  const params: Param[] = [instrument, block, block, ...(options.search ? [`%${options.search.toLowerCase()}%`] : [])];
  const [{ count }] = await store.all<{ count: number }>(`SELECT count(*) AS count ${HELD_AT}${filter}`, params);
  const rows = await store.all<{ wallet: string; balance: string }>(
    `SELECT wallet, balance ${HELD_AT}${filter} ORDER BY length(balance) DESC, balance DESC, wallet LIMIT ? OFFSET ?`,
    [...params, options.limit ?? 1_000_000, options.offset ?? 0],
  );
  return {
    block,
    supply: await supplyAt(store, instrument, block),
    holders: Number(count),
    rows: rows.map((r) => ({ wallet: r.wallet, balance: BigInt(r.balance) })),
  };
}

export interface Movement {
  instrument: string;
  block: number;
  time: number;
  logIndex: number;
  txHash: string;
  /** The event that moved it: Transfer, with ForcedTransfer or WalletRecovered of the same transaction when there is one. */
  event: string;
  counterparty: string;
  delta: bigint;
  balance: bigint;
}

/** Every change of `wallet`'s balances (of `instrument`, or of all), oldest first. */
export async function holderHistory(
  store: Store,
  wallet: string,
  options: Page & { instrument?: string } = {},
): Promise<Movement[]> {
  const rows = await store.all<{
    instrument: string;
    block: number;
    log_index: number;
    delta: string;
    balance: string;
    tx_hash: string;
    args: string;
    time: number;
  }>(
    `SELECT b.instrument, b.block, b.log_index, b.delta, b.balance, e.tx_hash, e.args, k.time
     FROM balances b JOIN events e ON e.block = b.block AND e.log_index = b.log_index
     JOIN blocks k ON k.block = b.block
     WHERE b.wallet = ?${options.instrument ? " AND b.instrument = ?" : ""}
     ORDER BY b.block, b.log_index LIMIT ? OFFSET ?`,
    [wallet, ...(options.instrument ? [options.instrument] : []), options.limit ?? 1_000_000, options.offset ?? 0],
  );
  const causes = await store.all<{ tx_hash: string; event: string }>(
    `SELECT tx_hash, event FROM events WHERE event IN ('ForcedTransfer', 'WalletRecovered') AND tx_hash IN (
       SELECT e.tx_hash FROM balances b JOIN events e ON e.block = b.block AND e.log_index = b.log_index WHERE b.wallet = ?)`,
    [wallet],
  );
  const cause = new Map(causes.map((c) => [c.tx_hash, c.event]));
  return rows.map((r) => {
    const args = JSON.parse(r.args) as { from: string; to: string };
    const delta = BigInt(r.delta);
    return {
      instrument: r.instrument,
      block: Number(r.block),
      time: Number(r.time),
      logIndex: Number(r.log_index),
      txHash: r.tx_hash,
      event: cause.has(r.tx_hash) ? `Transfer (${cause.get(r.tx_hash)})` : "Transfer",
      counterparty: delta < 0n ? args.to : args.from,
      delta,
      balance: BigInt(r.balance),
    };
  });
}

export interface AuditEntry {
  block: number;
  time: number;
  logIndex: number;
  txHash: string;
  sender: string;
  contract: string;
  address: string;
  event: string;
  args: EventArgs;
  reference: string;
}

/**
 * Every event of the followed contracts (or of `contract`, or only the `events` named), oldest
 * first, with its block time, sender and the reference it carried.
 */
export async function auditTrail(
  store: Store,
  options: Page & { contract?: string; events?: readonly string[]; fromBlock?: number; toBlock?: number } = {},
): Promise<AuditEntry[]> {
  const where = ["e.block >= ?", "e.block <= ?"];
  const params: Param[] = [options.fromBlock ?? 0, options.toBlock ?? Number.MAX_SAFE_INTEGER];
  if (options.contract !== undefined) {
    where.push("e.address = ?");
    params.push(options.contract);
  }
  if (options.events !== undefined && options.events.length > 0) {
    where.push(`e.event IN (${options.events.map(() => "?").join(", ")})`);
    params.push(...options.events);
  }
  const rows = await store.all<{
    block: number;
    time: number;
    log_index: number;
    tx_hash: string;
    tx_from: string;
    name: string;
    address: string;
    event: string;
    args: string;
    reference: string;
  }>(
    `SELECT e.block, k.time, e.log_index, e.tx_hash, e.tx_from, c.name, e.address, e.event, e.args, e.reference
     FROM events e JOIN blocks k ON k.block = e.block JOIN contracts c ON c.address = e.address
     WHERE ${where.join(" AND ")} ORDER BY e.block, e.log_index LIMIT ? OFFSET ?`,
    [...params, options.limit ?? 1_000_000, options.offset ?? 0],
  );
  return rows.map((r) => ({
    block: Number(r.block),
    time: Number(r.time),
    logIndex: Number(r.log_index),
    txHash: r.tx_hash,
    sender: r.tx_from,
    contract: r.name,
    address: r.address,
    event: r.event,
    args: JSON.parse(r.args) as EventArgs,
    reference: r.reference,
  }));
}

export interface InvestorRecord {
  registry: string;
  wallet: string;
  investorId: string;
  status: "registered" | "updated" | "revoked";
  country: number;
  category: number;
  expiresAt: number;
  block: number;
}

/** Each wallet's latest registry record at the end of `block` (the last indexed by default). */
export async function investorsAt(store: Store, block?: number): Promise<InvestorRecord[]> {
  const at = block ?? (await indexedBlock(store));
  const rows = await store.all<{
    registry: string;
    wallet: string;
    investor_id: string;
    status: InvestorRecord["status"];
    country: number;
    category: number;
    expires_at: number;
    block: number;
  }>(
    `SELECT registry, wallet, investor_id, status, country, category, expires_at, block FROM (
       SELECT *, ROW_NUMBER() OVER (PARTITION BY registry, wallet ORDER BY block DESC, log_index DESC) AS position
       FROM investors WHERE block <= ?) latest WHERE position = 1 ORDER BY wallet`,
    [at],
  );
  return rows.map((r) => ({
    registry: r.registry,
    wallet: r.wallet,
    investorId: r.investor_id,
    status: r.status,
    country: Number(r.country),
    category: Number(r.category),
    expiresAt: Number(r.expires_at),
    block: Number(r.block),
  }));
}

/**
 * The positions of investor `investorId` (the registry's hashed id) at the end of `block`: every
 * wallet registered to it then (revoked ones included: they may still hold), with its balance of
 * each instrument.
 */
export async function positionsOf(
  store: Store,
  investorId: string,
  block?: number,
): Promise<{ wallet: string; status: string; instrument: string; balance: bigint }[]> {
  const at = block ?? (await indexedBlock(store));
  const wallets = (await investorsAt(store, at)).filter((r) => r.investorId.toLowerCase() === investorId.toLowerCase());
  const positions = [];
  for (const record of wallets) {
    const rows = await store.all<{ instrument: string; balance: string }>(
      `SELECT instrument, balance FROM (
         SELECT instrument, balance, ROW_NUMBER() OVER (PARTITION BY instrument ORDER BY block DESC, log_index DESC) AS position
         FROM balances WHERE wallet = ? AND block <= ?) latest WHERE position = 1 ORDER BY instrument`,
      [record.wallet, at],
    );
    for (const r of rows) {
      positions.push({
        wallet: record.wallet,
        status: record.status,
        instrument: r.instrument,
        balance: BigInt(r.balance),
      });
    }
  }
  return positions;
}

/** What the database holds: the last block indexed, the contracts, how many events. */
export async function indexStatus(store: Store) {
  const cursor = await readCursor(store);
  const [{ count }] = await store.all<{ count: number }>("SELECT count(*) AS count FROM events");
  return {
    chainId: cursor?.chainId,
    block: cursor?.block ?? -1,
    events: Number(count),
    contracts: await storedContracts(store),
  };
}
