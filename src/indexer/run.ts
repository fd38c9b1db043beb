/**
 * What the `indexer` tasks do, between their options and the indexer: which contracts to follow
 * (deployment record files, or addresses), which database (`--db`, else `DATABASE_URL`, else a
 * SQLite file), and a summary for people.
 */
import path from "node:path";
import { OpsError } from "../ops/errors.js";
import { isoTime } from "../ops/units.js";
import type { Chain } from "./chain.js";
import { follow, indexToHead, prepareStore, type IndexOptions } from "./indexer.js";
import { indexStatus } from "./queries.js";
import { contractsOfRecord, mergeFollowed, parseContracts, readDeploymentFile, type Followed } from "./sources.js";
import { isPostgresUrl, openStore, storeExists, type Store } from "./store.js";

export interface FollowOptions {
  /** Deployment record files, separated by commas. */
  deployment?: string;
  /** `kind:address[:name]`, separated by commas. */
  contracts?: string;
  /** The first block for `contracts` (default 0). */
  fromBlock?: number;
}

/** The contracts of `--deployment` and `--contracts` (none: the database goes on with those it follows). */
export async function followedOf(options: FollowOptions): Promise<Followed[]> {
  const followed: Followed[] = [];
  for (const file of (options.deployment ?? "").split(",").filter((f) => f.trim() !== "")) {
    followed.push(...contractsOfRecord(await readDeploymentFile(file.trim())));
  }
  if (options.fromBlock !== undefined && (!Number.isSafeInteger(options.fromBlock) || options.fromBlock < 0)) {
    throw new OpsError(`--from-block: got ${options.fromBlock}, expected a block number`);
  }
  if (options.contracts !== undefined) followed.push(...parseContracts(options.contracts, options.fromBlock ?? 0));
  return mergeFollowed(followed);
}

/** The database of `--db`, else of `DATABASE_URL`, else `<root>/indexer/<network>.sqlite`. */
export function databaseTarget(db: string | undefined, root: string, network: string): string {
  if (db !== undefined && db !== "") return isPostgresUrl(db) ? db : path.resolve(db);
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== "") return url;
  return path.join(root, "indexer", `${network}.sqlite`);
}

export interface RunOptions extends IndexOptions {
  /** Keep following the head until the signal aborts. */
  follow?: { pollMs: number; signal: AbortSignal };
}

/** Opens the database, records what to follow, indexes (and follows); prints what it did. */
export async function runIndexer(
  target: string,
  chain: Chain,
  followed: readonly Followed[],
  options: RunOptions & { out: (line: string) => void },
): Promise<void> {
  if (followed.length === 0 && !storeExists(target)) {
    throw new OpsError(`nothing to follow: give --deployment or --contracts (${target} does not exist yet)`);
  }
  const store: Store = await openStore(target);
  try {
    const cursor = await prepareStore(store, chain, followed);
    const status = await indexStatus(store);
    const deployments = [...new Set(status.contracts.map((c) => c.deployment || "given addresses"))].join(", ");
    options.out(
      `Indexing ${status.contracts.length} contract(s) of ${deployments} into ${store.kind} ${store.where}, ` +
        `from block ${cursor.block + 1}, ${options.confirmations ?? 0} confirmation(s)`,
    );
    const last = options.follow
      ? await follow(store, chain, { ...options, ...options.follow })
      : await indexToHead(store, chain, options);
    const header = last >= 0 ? await chain.header(last) : null;
    const done = await indexStatus(store);
    options.out(
      `Indexed up to block ${last}${header ? ` (${isoTime(header.time)})` : ""}: ${done.events} event(s) stored`,
    );
  } finally {
    await store.close();
  }
}
