/**
 * Test helpers for the operations tooling: temporary state directories, manifests, nodes started
 * on 127.0.0.1 as child processes (stopped by their pid), a JSON-RPC proxy that starts failing
 * after a number of transactions, and the Hardhat CLI.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createRequire } from "node:module";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import { FutureType } from "@nomicfoundation/ignition-core";
import { CHAIN_START_SECONDS } from "../../../src/ops/clock.js";
import { contextFor, type OpsContext } from "../../../src/ops/context.js";
import { OpsError } from "../../../src/ops/errors.js";
import { deployIssuance } from "../../../src/ops/deploy.js";
import type { DeploymentRecord } from "../../../src/ops/deployments.js";
import { parseManifest, type Manifest } from "../../../src/ops/manifest.js";
import type { Connection } from "../../../src/ops/network.js";
import { captureOutput } from "../support/capture.js";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const FIXTURES = path.join(import.meta.dirname, "fixtures");
/** Account #0 of the test mnemonic that Hardhat and anvil both use. */
export const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

export const tempDir = () => mkdtemp(path.join(os.tmpdir(), "ops-test-"));

/** The JSON of manifest `file` (under issuances/ or the test fixtures), to modify and parse. */
export async function manifestJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.resolve(ROOT, file), "utf8")) as Record<string, unknown>;
}

export async function loadTestManifest(
  file: string,
  change?: (json: Record<string, unknown>) => void,
): Promise<Manifest> {
  const json = await manifestJson(file);
  change?.(json);
  return parseManifest(json, file);
}

/** A test's view of an issuance deployed with {@link deployForTest}. */
export interface Deployed {
  ctx: OpsContext;
  record: DeploymentRecord;
  lines: string[];
  stateDir: string;
}

/**
 * Runs the action of task file `tasks/<name>.ts` as Hardhat would, with `base` and `args` as its
 * arguments, on `connection`: the actions open their own connection with `hre.network.create`, so
 * they are handed this chain's (kept open when they close it).
 */
export function taskActionRunner(connection: Connection, base: Record<string, unknown>) {
  const taskHre = taskHreOn(connection);
  const run = async (name: string, args: Record<string, unknown>) => {
    const action = (await import(`../../../tasks/${name}.js`)) as {
      default: (a: unknown, h: typeof hre) => Promise<{ success: boolean; error?: string }>;
    };
    const { result, lines } = await captureOutput(() => action.default({ ...base, ...args }, taskHre));
    run.output = lines;
    return result;
  };
  /** What the last action printed (captured: a passing test prints nothing but the reporter's lines). */
  run.output = [] as string[];
  return run;
}

/**
 * The runtime environment a task action sees, connected to `connection` (kept open when the action
 * closes it), with `globalOptions` added to the project's.
 */
export function taskHreOn(connection: Connection, globalOptions: Record<string, unknown> = {}): typeof hre {
  return {
    config: hre.config,
    globalOptions: { ...hre.globalOptions, ...globalOptions },
    network: {
      create: async () =>
        new Proxy(connection, {
          get: (target, key) => (key === "close" ? async () => {} : Reflect.get(target, key)),
        }),
    },
  } as unknown as typeof hre;
}

/** Deploys `manifest` on `connection` into a fresh state directory and opens an ops context on it. */
export async function deployForTest(connection: Connection, manifest: Manifest, task = "test"): Promise<Deployed> {
  const stateDir = await tempDir();
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);
  const record = await deployIssuance(connection, hre.artifacts, manifest, {
    manifestFile: "test.json",
    stateDir,
    out,
  });
  if (record === undefined) throw new Error("no deployment record");
  const ctx = await contextFor(connection, manifest, record, { stateDir, task, out });
  return { ctx, record, lines, stateDir };
}

export async function writeCsv(dir: string, name: string, lines: readonly string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

/** How many transactions the deployment of `module` sends: its contract deployments and calls. */
export function transactionsOf(module: IgnitionModule): number {
  const seen = new Set<string>();
  const visit = (m: IgnitionModule) => {
    for (const future of m.futures) {
      if (future.type === FutureType.NAMED_ARTIFACT_CONTRACT_DEPLOYMENT || future.type === FutureType.CONTRACT_CALL) {
        seen.add(future.id);
      }
    }
    m.submodules.forEach(visit);
  };
  visit(module);
  return seen.size;
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error !== undefined) throw new Error(body.error.message);
  return body.result as T;
}

/** A node on 127.0.0.1, started by the test; `stop` kills it by its pid. */
export interface TestNode {
  kind: "hardhat" | "anvil";
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The anvil binary itself (node_modules/.bin/anvil is a Node wrapper that would be another process). */
function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const pkg = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/package.json`);
  return path.join(path.dirname(pkg), "bin", "anvil");
}

/**
 * Starts `hardhat node` or anvil on a free port of 127.0.0.1, spawning the server process itself
 * (so its pid is the server's), and waits until it answers. Both start at CHAIN_START
 * (src/ops/clock.ts), before the samples' calendar: `hardhat node` from the project's
 * configuration, anvil with `--timestamp`.
 */
export async function startNode(kind: "hardhat" | "anvil"): Promise<TestNode> {
  const port = await freePort();
  const child: ChildProcess =
    kind === "hardhat"
      ? spawn(
          process.execPath,
          [
            path.join(ROOT, "node_modules/hardhat/dist/src/cli.js"),
            "node",
            "--hostname",
            "127.0.0.1",
            "--port",
            `${port}`,
          ],
          { cwd: ROOT, stdio: "ignore", env: { ...process.env, CI: "true", HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" } },
        )
      : spawn(
          anvilBinary(),
          ["--host", "127.0.0.1", "--port", `${port}`, "--timestamp", `${CHAIN_START_SECONDS}`, "--silent"],
          { stdio: "ignore" },
        );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${kind}`);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const node: TestNode = {
    kind,
    url,
    pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGTERM");
      await exited;
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await rpc(url, "eth_chainId");
      return node;
    } catch (error) {
      if (attempt > 300 || child.exitCode !== null) {
        await node.stop();
        throw new Error(`${kind} did not start on ${url}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const SEND_METHODS = new Set(["eth_sendTransaction", "eth_sendRawTransaction"]);

/**
 * A JSON-RPC proxy in front of `upstream` that lets `failAfter` transactions through and then
 * fails every further one until {@link heal}: `reject` answers with an error without forwarding
 * (the transaction is never sent); `drop` forwards it (the node mines it) and then closes the
 * connection without an answer, as a client killed after sending; `hang` forwards it and never
 * answers, so that the test can kill the client while it waits.
 */
export class FailingProxy {
  sends = 0;
  failures = 0;
  private server: Server | undefined;
  private port = 0;

  constructor(
    private readonly upstream: string,
    private failAfter: number,
    private readonly mode: "reject" | "drop" | "hang",
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  heal(): void {
    this.failAfter = Number.POSITIVE_INFINITY;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const payload = JSON.parse(body) as { id: unknown; method: string } | { id: unknown; method: string }[];
    const sends = (Array.isArray(payload) ? payload : [payload]).filter((p) => SEND_METHODS.has(p.method)).length;
    const failing = sends > 0 && this.sends + sends > this.failAfter;
    this.sends += sends;
    if (failing && this.mode === "reject") {
      this.failures++;
      const error = (id: unknown) => ({ jsonrpc: "2.0", id, error: { code: -32603, message: "injected RPC outage" } });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(Array.isArray(payload) ? payload.map((p) => error(p.id)) : error(payload.id)));
      return;
    }
    const answer = await forward(this.upstream, body);
    if (failing) {
      this.failures++;
      if (this.mode === "drop") req.socket.destroy();
      return;
    }
    res.setHeader("content-type", "application/json");
    res.end(answer);
  }
}

function forward(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve(Buffer.concat(chunks).toString()));
    });
    upstream.on("error", reject);
    upstream.end(body);
  });
}

/** A connection to the node at `url` (through the `localhost` network, which uses the node's accounts). */
export function connectTo(url: string): Promise<Connection> {
  return hre.network.create({ network: "localhost", override: { url } });
}

export interface CliRun {
  pid: number;
  /** Exit code (-1 when killed by a signal) and output. */
  done: Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Starts the Hardhat CLI in the project with `env` added. */
export function startHardhat(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/hardhat/dist/src/cli.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: "true", HARDHAT_DISABLE_TELEMETRY_PROMPT: "true", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr })),
  );
  return { pid: child.pid!, done };
}

/** Awaits `promise` and checks that it fails with an {@link OpsError} whose message is (or matches) `message`. */
export async function expectOpsError(promise: Promise<unknown>, message: RegExp | string): Promise<OpsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(OpsError);
    if (typeof message === "string") expect((error as Error).message).to.equal(message);
    else expect((error as Error).message).to.match(message);
    return error as OpsError;
  }
  throw new Error("expected an OpsError, nothing was thrown");
}

/**
 * Awaits `work`, which must fail with an OpsError matching `message`, and checks that `connection`
 * mined no block meanwhile: the operation refused before sending anything.
 */
export async function expectRefusedWithoutSending(
  connection: Connection,
  work: Promise<unknown>,
  message: RegExp | string,
): Promise<OpsError> {
  work.catch(() => {}); // handled below: input checks may reject before the block number is read
  const before = await connection.ethers.provider.getBlockNumber();
  const error = await expectOpsError(work, message);
  expect(await connection.ethers.provider.getBlockNumber()).to.equal(before);
  return error;
}
