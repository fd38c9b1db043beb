/**
 * The indexer's storage: one interface, two backends (SQLite in a file, the embedded default;
 * PostgreSQL for a shared server), chosen by {@link openStore} from the target's form. SQL is
 * written once, with `?` placeholders and types that both accept (TEXT, BIGINT, INTEGER); the
 * PostgreSQL backend numbers the placeholders. Amounts are uint256: they are kept as decimal TEXT
 * (no SQL number type of SQLite holds them) and added up in TypeScript with bigint.
 */
import { existsSync } from "node:fs";
import { OpsError } from "../ops/errors.js";

export type Param = string | number | null;

export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** Where it is, for people: the file, or the server without its password. */
  readonly where: string;
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  run(sql: string, params?: readonly Param[]): Promise<void>;
  /** Statements separated by `;`, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: all of its writes, or none of them (a kill in between rolls back). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Whether `target` names a PostgreSQL server (a `postgres://` or `postgresql://` URL) rather than a file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** `url` without its password, for messages. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}

/** Whether `target` holds a database already (a SQLite file that exists; a PostgreSQL URL always may). */
export function storeExists(target: string): boolean {
  return isPostgresUrl(target) || existsSync(target);
}

/**
 * The store at `target`: a PostgreSQL URL, or the path of a SQLite file (created if missing).
 * Backends load only when used, so a SQLite user never loads the PostgreSQL client.
 */
export async function openStore(target: string): Promise<Store> {
  if (target.trim() === "") throw new OpsError('--db: got "", expected a SQLite file or a postgres:// URL');
  if (isPostgresUrl(target)) {
    const { openPostgres } = await import("./postgres.js");
    return openPostgres(target);
  }
  const { openSqlite } = await import("./sqlite.js");
  return openSqlite(target);
}

const CHUNK = 200;

/** Inserts `rows` into `table` (its `columns`), many rows per statement. */
export async function insertRows(store: Store, table: string, columns: readonly string[], rows: Param[][]) {
  const one = `(${columns.map(() => "?").join(", ")})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await store.run(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${chunk.map(() => one).join(", ")}`,
      chunk.flat(),
    );
  }
}
