import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { CHAIN_START_SECONDS } from "../../../src/ops/clock.js";

/** A JSON-RPC node started by a test on 127.0.0.1; `stop()` kills it by its process id. */
export interface LocalNode {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

async function waitForRpc(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node exited with code ${child.exitCode} before answering on ${url}`);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`no JSON-RPC answer on ${url} within ${timeoutMs} ms`);
}

async function start(command: string, args: (port: number) => string[]): Promise<LocalNode> {
  const port = await freePort();
  // The binary itself, not a shell or npx: the pid we kill is the server's.
  const child = spawn(command, args(port), { stdio: "ignore", env: { ...process.env, CI: "true" } });
  const url = `http://127.0.0.1:${port}`;
  await waitForRpc(url, child, 60_000);
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(child.pid!, "SIGTERM");
      }),
  };
}

/** `hardhat node` on 127.0.0.1 and a free port, starting at CHAIN_START (the project's configuration). */
export function startHardhatNode(): Promise<LocalNode> {
  return start("node_modules/.bin/hardhat", (port) => ["node", "--hostname", "127.0.0.1", "--port", String(port)]);
}

/**
 * Foundry's anvil on 127.0.0.1 and a free port. The binary comes from the platform package of npm
 * `@foundry-rs/anvil` (its `bin.mjs` wrapper would put a second process between us and the server).
 * Its first block is at CHAIN_START, as the embedded chain's (src/ops/clock.ts).
 */
export function startAnvil(): Promise<LocalNode> {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as "x64" | "arm64"];
  const binary = `node_modules/@foundry-rs/anvil-${process.platform}-${arch}/bin/anvil`;
  return start(binary, (port) => [
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--timestamp",
    String(CHAIN_START_SECONDS),
    "--silent",
  ]);
}
