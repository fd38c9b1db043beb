/**
 * A real PostgreSQL server for the tests and the indexer benchmark: `initdb` in a temporary folder, `postgres` listening on
 * a free port of 127.0.0.1 only (and a socket in that folder), started as a child process and
 * stopped by its pid. The binaries are found on PATH or under /usr/lib/postgresql/<version>/bin
 * (Debian's `postgresql` package, which `npm run setup` installs when they are missing). Run as
 * root, the server runs as the `postgres` user (PostgreSQL refuses root).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface TestPostgres {
  pid: number;
  port: number;
  /** A new, empty database on the server, as a postgres:// URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The folder holding `initdb` and `postgres`: PATH first, then the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinaries(): string {
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  const candidates = [
    ...(onPath === "" ? [] : [path.dirname(onPath)]),
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : []),
  ];
  const found = candidates.find(
    (dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "postgres")),
  );
  if (found === undefined) {
    throw new Error(
      "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): run `npm run setup`",
    );
  }
  // initdb may be a link on PATH to the real folder, where postgres lives too.
  return path.dirname(spawnSync("readlink", ["-f", path.join(found, "postgres")], { encoding: "utf8" }).stdout.trim());
}

/** The uid and gid to run the server as: this process's own, or the `postgres` user's when root. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (line === undefined) throw new Error("running as root, and there is no `postgres` user to run the server as");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinaries();
  const user = serverUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), "indexer-pg-"));
  if (user !== undefined) await chown(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const init = spawnSync(
    path.join(bin, "initdb"),
    ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
    { encoding: "utf8", ...user },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const child = spawn(
    path.join(bin, "postgres"),
    ["-D", data, "-p", `${port}`, "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
    { stdio: "ignore", ...user },
  );
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const server: TestPostgres = {
    pid,
    port,
    async createDatabase(name) {
      const client = new pg.Client(admin);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGINT"); // fast shutdown
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client(admin);
    client.on("error", () => {});
    try {
      await client.connect();
      await client.end();
      return server;
    } catch (error) {
      if (attempt > 300 || child.exitCode !== null) {
        await server.stop();
        throw new Error(`postgres did not start on 127.0.0.1:${port}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
