/**
 * The two storage backends the indexer's suites run against: a SQLite file in a temporary folder,
 * and a fresh database on a PostgreSQL server the suite starts (scripts/lib/postgres.ts).
 */
import path from "node:path";
import { openStore, type Store } from "../../../src/indexer/store.js";
import { tempDir } from "../ops/helpers.js";
import { startPostgres, type TestPostgres } from "../../../scripts/lib/postgres.js";

export interface Backend {
  name: "SQLite" | "PostgreSQL";
  /** Where a new, empty database is: a file path or a postgres:// URL. */
  newTarget(): Promise<string>;
}

let server: TestPostgres | undefined;
let databases = 0;

/** Both backends; the PostgreSQL server starts on first use and stops with {@link stopBackends}. */
export const BACKENDS: readonly Backend[] = [
  { name: "SQLite", newTarget: async () => path.join(await tempDir(), "index.sqlite") },
  {
    name: "PostgreSQL",
    newTarget: async () => {
      server ??= await startPostgres();
      return server.createDatabase(`indexer_${process.pid}_${++databases}`);
    },
  },
];

export async function newStore(backend: Backend): Promise<Store> {
  return openStore(await backend.newTarget());
}

/** Stops the PostgreSQL server (by its pid) if a suite started it. */
export async function stopBackends(): Promise<void> {
  await server?.stop();
  server = undefined;
}
