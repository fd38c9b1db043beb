/**
 * The indexer killed at random points while it indexes (`kill -9` of the `indexer run` task, a
 * child process), then restarted: the database it ends with is the one an uninterrupted run
 * writes, table by table, row by row, on both backends; and it agrees with the contracts.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { expect } from "chai";
import { Chain, httpRpc } from "../../../src/indexer/chain.js";
import { storedContracts } from "../../../src/indexer/contracts.js";
import { checkAgainstChain } from "../../../src/indexer/reconcile.js";
import { openStore } from "../../../src/indexer/store.js";
import type { Connection } from "../../../src/ops/network.js";
import { connectTo, ROOT, startHardhat, startNode, tempDir, writeCsv, type TestNode } from "../ops/helpers.js";
import { BACKENDS, stopBackends } from "./backends.js";
import { playLifecycle, type Lifecycle } from "./lifecycle.js";

const TABLES = [
  "contracts",
  "coupon_schedule",
  "chain",
  "blocks",
  "events",
  "balances",
  "holdings",
  "supply",
  "investors",
];

/** Every row of every table, in a fixed order. */
async function dump(target: string): Promise<Record<string, string[]>> {
  const store = await openStore(target);
  try {
    const tables: Record<string, string[]> = {};
    for (const table of TABLES) {
      tables[table] = (await store.all<Record<string, unknown>>(`SELECT * FROM ${table}`))
        .map((r) => JSON.stringify(r))
        .sort();
    }
    return tables;
  } finally {
    await store.close();
  }
}

describe("indexer: killed at random points, it resumes with no event lost or counted twice", function () {
  this.timeout(900_000);
  let node: TestNode;
  let connection: Connection;
  let life: Lifecycle;

  before(async function () {
    node = await startNode("hardhat");
    connection = await connectTo(node.url);
    life = await playLifecycle(connection);
  });

  after(async function () {
    await stopBackends();
    await connection?.close();
    await node?.stop();
  });

  const args = (db: string) => [
    "--network",
    "localhost",
    "indexer",
    "run",
    "--deployment",
    life.recordFiles.join(","),
    "--db",
    db,
    "--range",
    "3",
  ];

  /** Runs the task until it has printed `ranges` progress lines and a random moment more, then kills it with SIGKILL. */
  function runAndKill(db: string, ranges: number): Promise<"killed" | "finished"> {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/hardhat/dist/src/cli.js"), ...args(db)], {
      cwd: ROOT,
      env: { ...process.env, CI: "true", HARDHAT_DISABLE_TELEMETRY_PROMPT: "true", LOCALHOST_URL: node.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = 0;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        seen += (chunk.toString().match(/^indexed blocks /gm) ?? []).length;
        if (seen >= ranges && child.exitCode === null && !child.killed) {
          setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 60));
        }
      });
      child.on("exit", (code, signal) => {
        if (signal === "SIGKILL") resolve("killed");
        else if (code === 0) resolve("finished");
        else reject(new Error(`indexer run exited with ${code}: ${stderr}`));
      });
    });
  }

  for (const backend of BACKENDS) {
    it(`${backend.name}: the database after kill -9 and restarts is the one an uninterrupted run writes`, async function () {
      const reference = await backend.newTarget();
      const uninterrupted = await startHardhat(args(reference), { LOCALHOST_URL: node.url }).done;
      expect(uninterrupted.code, uninterrupted.stderr).to.equal(0);
      expect(uninterrupted.stdout).to.match(new RegExp(`Indexed up to block ${life.lastBlock} `));

      const killed = await backend.newTarget();
      let kills = 0;
      for (let run = 0; run < 12 && kills < 5; run++) {
        if ((await runAndKill(killed, 1 + Math.floor(Math.random() * 6))) === "finished") break;
        kills++;
      }
      const last = await startHardhat(args(killed), { LOCALHOST_URL: node.url }).done;
      expect(last.code, last.stderr).to.equal(0);
      expect(kills).to.be.at.least(3);

      const [expected, actual] = [await dump(reference), await dump(killed)];
      expect(actual.events.length).to.be.greaterThan(100);
      for (const table of TABLES) expect(actual[table], table).to.deep.equal(expected[table]);

      const store = await openStore(killed);
      try {
        const chain = new Chain(httpRpc(node.url));
        for (const c of (await storedContracts(store)).filter((s) => s.kind !== "registry" && s.kind !== "timelock")) {
          expect(await checkAgainstChain(store, chain, c.address), c.name).to.deep.equal([]);
        }
      } finally {
        await store.close();
      }
    });
  }

  it("indexer run --rpc and indexer reconcile: no difference with the chain; each difference with a register, exit 1", async function () {
    const db = path.join(await tempDir(), "index.sqlite");
    const deployment = life.recordFiles.join(",");
    const run = await startHardhat(["indexer", "run", "--rpc", node.url, "--deployment", deployment, "--db", db]).done;
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^Indexing 5 contract\(s\) of tbill-2027-06, gold-reserve, bonds-2026-12 into sqlite /);
    const agree = await startHardhat([
      "indexer",
      "reconcile",
      "--rpc",
      node.url,
      "--db",
      db,
      "--instrument",
      "gold-reserve",
    ]).done;
    expect(agree.code, agree.stderr).to.equal(0);
    expect(agree.stdout).to.include("no difference");
    const gold = await connection.ethers.getContractAt(
      "CommodityReserveToken",
      life.gold.record.instruments["gold-reserve"].address,
    );
    const holder = (await connection.ethers.getSigners())[9].address; // the accredited investor, 3,000 SGOLD
    expect(await gold.balanceOf(holder)).to.equal(3_000_000_000n);
    const register = await writeCsv(await tempDir(), "register.csv", ["wallet,amount", `${holder},2999`]);
    const differ = await startHardhat([
      "indexer",
      "reconcile",
      "--rpc",
      node.url,
      "--db",
      db,
      "--instrument",
      "gold-reserve",
      "--register",
      register,
    ]).done;
    expect(differ.code).to.equal(1);
    expect(differ.stdout).to.include(`  ${holder}: amounts differ: indexed 3,000 SGOLD, register 2,999 SGOLD`);
    expect(differ.stderr.trim()).to.match(
      /^Error: 2 difference\(s\) between the index of gold-reserve and the chain and /,
    );
  });
});
