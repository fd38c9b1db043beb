/**
 * The PostgreSQL backend (npm `pg`), for a ministry's shared server: `DATABASE_URL` or `--db
 * postgres://…`. One connection: the indexer is the only writer, and a transaction must run on
 * the connection that began it. BIGINT columns come back as numbers (block numbers and Unix
 * times fit in them); amounts are TEXT.
 */
import pg from "pg";
import { OpsError } from "../ops/errors.js";
import { withoutPassword, type Param, type Store } from "./store.js";

const INT8 = 20;

/** `?` placeholders numbered as PostgreSQL wants them ($1, $2, …). The SQL of src/indexer has no `?` in literals. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

class PostgresStore implements Store {
  readonly kind = "postgres";
  private depth = 0;

  constructor(
    private readonly client: pg.Client,
    readonly where: string,
  ) {}

  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return (await this.client.query(numbered(sql), [...params])).rows as T[];
  }

  async run(sql: string, params: readonly Param[] = []): Promise<void> {
    await this.client.query(numbered(sql), [...params]);
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return work();
    await this.client.query("BEGIN");
    this.depth++;
    try {
      const result = await work();
      await this.client.query("COMMIT");
      return result;
    } catch (error) {
      await this.client.query("ROLLBACK");
      throw error;
    } finally {
      this.depth--;
    }
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

export async function openPostgres(url: string): Promise<Store> {
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A server that drops the connection later must not crash the process: the next query fails.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new OpsError(
      `--db: cannot connect to PostgreSQL at ${withoutPassword(url)} (${(error as Error).message}): check that the server runs and the URL`,
      { cause: error },
    );
  }
  await client.query("SET client_min_messages = warning");
  return new PostgresStore(client, withoutPassword(url));
}
