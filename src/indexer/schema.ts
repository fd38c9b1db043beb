/**
 * The indexer's schema, as numbered migrations of plain SQL that SQLite and PostgreSQL both run.
 * A migration is applied once, in a transaction with its row in `schema_migrations`; a database
 * newer than this code is refused. Add a migration at the end; never change one that shipped.
 *
 * Every table but `contracts`, `coupon_schedule` (terms fixed at deployment), `chain` and
 * `schema_migrations` holds facts of a block (`block`,
 * and `log_index` for those of an event): a reorg rewinds by deleting what is past the last
 * block that is still on the chain ({@link FACT_TABLES}; `holdings`, valid over a range of blocks,
 * is cut back by holdings.ts). State "as of a block" is the latest
 * fact at or before it.
 */
import { OpsError } from "../ops/errors.js";
import type { Store } from "./store.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "events, blocks, balances, supply, investors, coupon schedule",
    sql: `
CREATE TABLE contracts (
  address TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  deployment TEXT NOT NULL,
  symbol TEXT NOT NULL,
  decimals INTEGER NOT NULL,
  start_block BIGINT NOT NULL
);
CREATE TABLE chain (
  id INTEGER PRIMARY KEY,
  chain_id BIGINT NOT NULL,
  block BIGINT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE blocks (
  block BIGINT PRIMARY KEY,
  hash TEXT NOT NULL,
  time BIGINT NOT NULL
);
CREATE TABLE events (
  block BIGINT NOT NULL,
  log_index INTEGER NOT NULL,
  tx_hash TEXT NOT NULL,
  tx_from TEXT NOT NULL,
  address TEXT NOT NULL,
  event TEXT NOT NULL,
  args TEXT NOT NULL,
  reference TEXT NOT NULL,
  topics TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (block, log_index)
);
CREATE INDEX events_by_contract ON events (address, event, block);
CREATE INDEX events_by_transaction ON events (tx_hash);
CREATE TABLE balances (
  instrument TEXT NOT NULL,
  wallet TEXT NOT NULL,
  block BIGINT NOT NULL,
  log_index INTEGER NOT NULL,
  delta TEXT NOT NULL,
  balance TEXT NOT NULL,
  PRIMARY KEY (instrument, wallet, block, log_index)
);
CREATE INDEX balances_by_block ON balances (instrument, block);
CREATE INDEX balances_by_wallet ON balances (wallet, block);
CREATE TABLE supply (
  instrument TEXT NOT NULL,
  block BIGINT NOT NULL,
  log_index INTEGER NOT NULL,
  supply TEXT NOT NULL,
  PRIMARY KEY (instrument, block, log_index)
);
CREATE TABLE investors (
  registry TEXT NOT NULL,
  wallet TEXT NOT NULL,
  block BIGINT NOT NULL,
  log_index INTEGER NOT NULL,
  investor_id TEXT NOT NULL,
  status TEXT NOT NULL,
  country INTEGER NOT NULL,
  category INTEGER NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (registry, wallet, block, log_index)
);
CREATE INDEX investors_by_id ON investors (investor_id, block);
CREATE TABLE coupon_schedule (
  instrument TEXT NOT NULL,
  period INTEGER NOT NULL,
  record_date BIGINT NOT NULL,
  payment_date BIGINT NOT NULL,
  PRIMARY KEY (instrument, period)
)`,
  },
  {
    version: 2,
    name: "holdings: balances valid from a block to the next change, for cap tables as of a block",
    sql: `
CREATE TABLE holdings (
  instrument TEXT NOT NULL,
  wallet TEXT NOT NULL,
  from_block BIGINT NOT NULL,
  to_block BIGINT NOT NULL,
  balance TEXT NOT NULL,
  PRIMARY KEY (instrument, wallet, from_block)
);
CREATE INDEX holdings_as_of ON holdings (instrument, to_block, from_block);
INSERT INTO holdings (instrument, wallet, from_block, to_block, balance)
SELECT instrument, wallet, block,
  COALESCE(LEAD(block) OVER (PARTITION BY instrument, wallet ORDER BY block), ${Number.MAX_SAFE_INTEGER}), balance
FROM (
  SELECT instrument, wallet, block, balance,
    ROW_NUMBER() OVER (PARTITION BY instrument, wallet, block ORDER BY log_index DESC) AS position
  FROM balances
) last_of_block WHERE position = 1`,
  },
];

/** The tables of facts of a block, which a rewind cuts back. */
export const FACT_TABLES = ["blocks", "events", "balances", "supply", "investors"] as const;

/** Applies the migrations `store` has not had yet, in order; returns the versions applied. */
export async function migrate(store: Store): Promise<number[]> {
  await store.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const done = new Set(
    (await store.all<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => Number(r.version)),
  );
  const newest = Math.max(0, ...done);
  const known = MIGRATIONS.at(-1)!.version;
  if (newest > known) {
    throw new OpsError(
      `${store.where}: the database has schema version ${newest}, this indexer knows up to ${known}: update the toolkit`,
    );
  }
  const applied: number[] = [];
  for (const migration of MIGRATIONS.filter((m) => !done.has(m.version))) {
    await store.transaction(async () => {
      for (const statement of migration.sql.split(/;\s*\n/).filter((s) => s.trim() !== "")) {
        await store.exec(statement);
      }
      await store.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    });
    applied.push(migration.version);
  }
  return applied;
}
