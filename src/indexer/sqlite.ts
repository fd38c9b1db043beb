/**
 * The SQLite backend: Node's built-in `node:sqlite` (Node 22.13 and later), a file and nothing to
 * install. WAL journal: readers (reports, the explorer) read while the indexer writes, and a
 * transaction committed is kept when the process is killed.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { DatabaseSync } from "node:sqlite";
import type { Param, Store } from "./store.js";

type Sqlite = typeof import("node:sqlite");

let loaded: Sqlite | undefined;

/**
 * `node:sqlite`, loaded once. Node 22 announces the module as experimental on stderr when it
 * loads; that notice alone is held back (every other warning passes), so that a report's output
 * and the test runs stay clean. The module's API used here is the stable subset of Node 22 to 24.
 */
async function sqlite(): Promise<Sqlite> {
  if (loaded !== undefined) return loaded;
  const emit = process.emitWarning;
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/SQLite is an experimental feature/.test(text)) return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    loaded = await import("node:sqlite");
  } finally {
    process.emitWarning = emit;
  }
  return loaded;
}

class SqliteStore implements Store {
  readonly kind = "sqlite";
  private depth = 0;

  constructor(
    private readonly db: DatabaseSync,
    readonly where: string,
  ) {}

  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return this.db.prepare(sql).all(...params) as T[];
  }

  async run(sql: string, params: readonly Param[] = []): Promise<void> {
    this.db.prepare(sql).run(...params);
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return work();
    this.db.exec("BEGIN IMMEDIATE");
    this.depth++;
    try {
      const result = await work();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    } finally {
      this.depth--;
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

export async function openSqlite(file: string): Promise<Store> {
  const { DatabaseSync } = await sqlite();
  if (file !== ":memory:") await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000");
  return new SqliteStore(db, file);
}
