/**
 * The indexer: follows the contracts of a store from their start block, a range of blocks at a
 * time, up to the chain's head less the confirmations asked for. Each range is written in one
 * transaction with the last block indexed and its hash: a process killed at any point resumes at
 * the next range, with no event lost or counted twice. Before each range it checks that the last
 * block indexed is still on the chain; when a reorg replaced it, it rewinds to the newest block it
 * stored that still is, and indexes again from there.
 */
import { OpsError } from "../ops/errors.js";
import type { BlockHeader, Chain } from "./chain.js";
import { decodeLogs, writeEvents } from "./derive.js";
import { registerContracts, storedContracts } from "./contracts.js";
import { rewindHoldings } from "./holdings.js";
import { FACT_TABLES, migrate } from "./schema.js";
import type { Followed } from "./sources.js";
import { insertRows, type Store } from "./store.js";

export interface IndexOptions {
  /** Blocks the head must be ahead of a block before it is indexed (0: index the head). */
  confirmations?: number;
  /** Blocks per `eth_getLogs` request and per transaction. */
  rangeSize?: number;
  /** Progress lines. */
  out?: (line: string) => void;
}

export interface Cursor {
  chainId: number;
  /** The last block indexed (the start block less one before the first range). */
  block: number;
  hash: string;
}

export type StepResult =
  | { kind: "indexed"; from: number; to: number; events: number }
  | { kind: "rewound"; from: number; to: number }
  | { kind: "retry"; why: string }
  | { kind: "idle"; head: number };

export async function readCursor(store: Store): Promise<Cursor | undefined> {
  const [row] = await store.all<{ chain_id: number; block: number; hash: string }>(
    "SELECT chain_id, block, hash FROM chain WHERE id = 1",
  );
  return row === undefined ? undefined : { chainId: Number(row.chain_id), block: Number(row.block), hash: row.hash };
}

async function writeCursor(store: Store, cursor: Cursor): Promise<void> {
  await store.run(
    "INSERT INTO chain (id, chain_id, block, hash) VALUES (1, ?, ?, ?) " +
      "ON CONFLICT (id) DO UPDATE SET chain_id = excluded.chain_id, block = excluded.block, hash = excluded.hash",
    [cursor.chainId, cursor.block, cursor.hash],
  );
}

/**
 * Migrates `store`, records the contracts to follow (the first time: a database follows one set
 * of contracts on one chain) and returns the cursor.
 */
export async function prepareStore(store: Store, chain: Chain, followed: readonly Followed[]): Promise<Cursor> {
  await migrate(store);
  const chainId = await chain.chainId();
  const cursor = await readCursor(store);
  if (cursor !== undefined && cursor.chainId !== chainId) {
    throw new OpsError(
      `${store.where} indexes chain ${cursor.chainId}, the node is on chain ${chainId}: use another database`,
    );
  }
  await registerContracts(store, chain, followed);
  if (cursor !== undefined) return cursor;
  const start = Math.min(...(await storedContracts(store)).map((c) => c.startBlock)) - 1;
  const first: Cursor = { chainId, block: start, hash: start < 0 ? "" : ((await chain.header(start))?.hash ?? "") };
  await writeCursor(store, first);
  return first;
}

/** Deletes every fact past block `block` and puts the cursor there. */
export async function rewindTo(store: Store, cursor: Cursor, block: number, hash: string): Promise<void> {
  await store.transaction(async () => {
    for (const table of FACT_TABLES) await store.run(`DELETE FROM ${table} WHERE block > ?`, [block]);
    await rewindHoldings(store, block);
    await writeCursor(store, { ...cursor, block, hash });
  });
}

/** The newest stored block before the cursor that the chain still has, or the start block less one. */
async function commonAncestor(store: Store, chain: Chain, below: number): Promise<{ block: number; hash: string }> {
  const stored = await store.all<{ block: number; hash: string }>(
    "SELECT block, hash FROM blocks WHERE block < ? ORDER BY block DESC",
    [below],
  );
  for (const { block, hash } of stored) {
    if ((await chain.header(Number(block)))?.hash === hash) return { block: Number(block), hash };
  }
  const start = Math.min(...(await storedContracts(store)).map((c) => c.startBlock)) - 1;
  return { block: start, hash: start < 0 ? "" : ((await chain.header(start))?.hash ?? "") };
}

/** One step: rewinds after a reorg, or indexes the next range, or says there is nothing to index yet. */
export async function indexStep(store: Store, chain: Chain, options: IndexOptions = {}): Promise<StepResult> {
  const confirmations = options.confirmations ?? 0;
  const rangeSize = options.rangeSize ?? 2_000;
  const cursor = (await readCursor(store))!;
  if (cursor.block >= 0 && (await chain.header(cursor.block))?.hash !== cursor.hash) {
    const ancestor = await commonAncestor(store, chain, cursor.block);
    await rewindTo(store, cursor, ancestor.block, ancestor.hash);
    return { kind: "rewound", from: cursor.block, to: ancestor.block };
  }
  const head = await chain.head();
  const target = head - confirmations;
  if (cursor.block >= target) return { kind: "idle", head };
  const from = cursor.block + 1;
  const to = Math.min(target, from + rangeSize - 1);
  const contracts = (await storedContracts(store)).filter((c) => c.startBlock <= to);
  const end = await chain.header(to);
  const first = from === to ? end : await chain.header(from);
  if (end === null || first === null) return { kind: "retry", why: `block ${to} went away` };
  // The range must continue the chain indexed so far: otherwise the next step's check rewinds.
  if (cursor.block >= 0 && first.parentHash !== cursor.hash) return { kind: "retry", why: "a reorg before the range" };
  const byAddress = new Map(contracts.map((c) => [c.address, c]));
  const logs =
    contracts.length === 0
      ? []
      : (await chain.logs([...byAddress.keys()], from, to)).filter(
          (l) => l.block >= byAddress.get(l.address)!.startBlock,
        );
  const blocks = new Map<number, BlockHeader & { senders: Map<string, string> }>();
  for (const block of new Set(logs.map((l) => l.block))) blocks.set(block, await chain.blockWithSenders(block));
  if (logs.some((l) => blocks.get(l.block)!.hash !== l.blockHash))
    return { kind: "retry", why: "a reorg while reading" };
  if ((await chain.header(to))?.hash !== end.hash) return { kind: "retry", why: "a reorg while reading" };
  const senders = new Map([...blocks.values()].flatMap((b) => [...b.senders]));
  const decoded = decodeLogs(logs, byAddress, senders);
  blocks.set(to, { ...end, senders: new Map() });
  await store.transaction(async () => {
    await insertRows(
      store,
      "blocks",
      ["block", "hash", "time"],
      [...blocks.values()].map((b) => [b.block, b.hash, b.time]),
    );
    await writeEvents(store, decoded);
    await writeCursor(store, { ...cursor, block: to, hash: end.hash });
  });
  return { kind: "indexed", from, to, events: decoded.length };
}

/**
 * Indexes until the cursor reaches the head less the confirmations (rewinding after reorgs on the
 * way); returns the last block indexed.
 */
export async function indexToHead(store: Store, chain: Chain, options: IndexOptions = {}): Promise<number> {
  let retries = 0;
  for (;;) {
    const step = await indexStep(store, chain, options);
    if (step.kind === "idle") return (await readCursor(store))!.block;
    if (step.kind === "retry") {
      if (++retries > 10) throw new OpsError(`the chain keeps changing under the indexer (${step.why})`);
      continue;
    }
    retries = 0;
    if (step.kind === "rewound")
      options.out?.(`reorg: block ${step.from} is no longer on the chain, rewound to ${step.to}`);
    else options.out?.(`indexed blocks ${step.from} to ${step.to}: ${step.events} event(s)`);
  }
}

/**
 * Indexes to the head, then keeps following it, polling every `pollMs`, until `signal` aborts
 * (the range being written is finished first: nothing is left half-written).
 */
export async function follow(
  store: Store,
  chain: Chain,
  options: IndexOptions & { pollMs: number; signal: AbortSignal },
): Promise<number> {
  let last = await indexToHead(store, chain, options);
  while (!options.signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.pollMs);
      options.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
    if (!options.signal.aborted) last = await indexToHead(store, chain, options);
  }
  return last;
}
