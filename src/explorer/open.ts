/**
 * The explorer opens an index the indexer wrote and only reads it: it never creates a database
 * nor applies a migration (the indexer does both); an index of another schema version is refused
 * with what to do.
 */
import { MIGRATIONS } from "../indexer/schema.js";
import { openStore, storeExists, type Store } from "../indexer/store.js";
import { OpsError } from "../ops/errors.js";

/** The index at `target` (a SQLite file or a postgres:// URL), checked to be one this toolkit reads. */
export async function openIndex(target: string): Promise<Store> {
  if (target.trim() === "") throw new OpsError('--db: got "", expected a SQLite file or a postgres:// URL');
  if (!storeExists(target)) throw new OpsError(`--db: ${target} does not exist: run \`indexer run\` first`);
  const store = await openStore(target);
  try {
    const versions = await store
      .all<{ version: number }>("SELECT version FROM schema_migrations")
      .catch(() => undefined);
    if (versions === undefined || versions.length === 0)
      throw new OpsError(`--db: ${store.where} is not an index: run \`indexer run\` to fill it`);
    const newest = Math.max(...versions.map((v) => Number(v.version)));
    const known = MIGRATIONS.at(-1)!.version;
    if (newest !== known) {
      throw new OpsError(
        `--db: ${store.where} has schema version ${newest}, the explorer reads version ${known}: ${
          newest < known ? "run `indexer run` to migrate it" : "update the toolkit"
        }`,
      );
    }
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
