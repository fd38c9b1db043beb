/**
 * The fault matrix: a deployment, an investor import, a T-bill auction and a coupon payment, each
 * cut off at each of its transactions (the RPC loses the answer, as a process killed after
 * sending it; or refuses it, as a process killed before), then run again. The end state (the
 * contracts, balances, the deployment record, the ops log) is that of an uninterrupted run,
 * nothing is done twice, and `token pause` still works. Every case starts from the same chain
 * snapshot of one `hardhat node` (20 accounts, as the sample manifests need), so that an
 * uninterrupted run and each interrupted one end on the same addresses and can be compared whole.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { Wallet, id } from "ethers";
import hre from "hardhat";
import { fundCoupon, payCoupon } from "../../../src/ops/bond.js";
import { contextFor, openContext, type OpsContext } from "../../../src/ops/context.js";
import { deployIssuance } from "../../../src/ops/deploy.js";
import { readRecord, writeRecord, type DeploymentRecord } from "../../../src/ops/deployments.js";
import { importInvestors } from "../../../src/ops/investors.js";
import { issuanceModule } from "../../../src/ops/issuance-module.js";
import { parseManifest, type Manifest } from "../../../src/ops/manifest.js";
import type { Connection } from "../../../src/ops/network.js";
import { OpsLog } from "../../../src/ops/ops-log.js";
import { planIssuance } from "../../../src/ops/plan.js";
import { readPolicy } from "../../../src/ops/policy.js";
import { runAuction } from "../../../src/ops/tbill.js";
import { mint, setPaused } from "../../../src/ops/token.js";
import type { LocalTestDollar, RegulatedToken } from "../../../typechain-types/index.js";
import {
  DEPLOYER_KEY,
  FailingProxy,
  ROOT,
  connectTo,
  loadTestManifest,
  rpc,
  startNode,
  tempDir,
  transactionsOf,
  writeCsv,
  type TestNode,
} from "./helpers.js";

const MODES = ["drop", "reject"] as const;
const CUT = {
  drop: "sent, its answer lost (killed after sending)",
  reject: "refused (killed before sending)",
};
const UNIT = 1_000_000n;
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const BIDS = path.join(ROOT, "issuances/auction-bids.sample.csv");

describe("ops: the fault matrix, each run cut off at each transaction and run again, ends as an uninterrupted run (hardhat node)", function () {
  this.timeout(300_000);
  let node: TestNode;
  let direct: Connection;
  let clean: string;
  before(async function () {
    node = await startNode("hardhat");
    direct = await connectTo(node.url);
    clean = await rpc<string>(node.url, "evm_snapshot");
  });
  after(async function () {
    await direct?.close();
    await node?.stop();
  });

  /** Brings the chain back to snapshot `id` and returns a new snapshot of the same state. */
  async function restore(id: string): Promise<string> {
    expect(await rpc<boolean>(node.url, "evm_revert", [id])).to.equal(true);
    return rpc<string>(node.url, "evm_snapshot");
  }

  /**
   * Runs `work` through an RPC that cuts it off at transaction `at` (from 1) as `mode` says, checks
   * that it failed, then runs it again on a sound RPC, as an operator re-runs the command.
   */
  async function cutOffThenRerun(at: number, mode: (typeof MODES)[number], work: (c: Connection) => Promise<unknown>) {
    const proxy = await new FailingProxy(node.url, at - 1, mode).start();
    const connection = await connectTo(proxy.url);
    try {
      const failure = await work(connection).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure, "the run was cut off").to.be.instanceOf(Error);
      expect(proxy.failures).to.equal(1);
      proxy.heal();
      await work(connection);
    } finally {
      await connection.close();
      await proxy.stop();
    }
  }

  /** The ops log's record of what was done: each transaction confirmed (or deployment), once. */
  async function doneIn(stateDir: string) {
    const entries = await OpsLog.at(stateDir, "localhost", 31337).entries();
    return entries
      .filter((e) => e.status === "confirmed" || e.status === "deployed")
      .map(({ task, status, action, contract, from, key }) => ({ task, status, action, contract, from, key }));
  }

  /** A task's context on the deployment recorded in `stateDir`, as the tasks open it. */
  async function taskContext(connection: Connection, manifest: Manifest, stateDir: string, task: string) {
    return openContext(connection, manifest, { stateDir, task, out: () => {} });
  }

  /** `token pause` on `instrument`, as the task runs it: the issuance is still operable. */
  async function pauses(manifest: Manifest, stateDir: string, instrument: string) {
    const ctx = await taskContext(direct, manifest, stateDir, "token pause");
    await setPaused(ctx, true, { instrument });
    const address = ctx.record.instruments[instrument].address;
    expect(await (await direct.ethers.getContractAt("SovereignToken", address)).paused()).to.equal(true);
  }

  /** A copy of the deployment `record` in a new state directory (an empty ops log). */
  async function stateWith(record: DeploymentRecord): Promise<string> {
    const stateDir = await tempDir();
    await writeRecord(stateDir, record);
    return stateDir;
  }

  describe("deploy", function () {
    const MANIFEST = "test/mocha/ops/fixtures/one-signer.json";
    const manifest = parseManifest(JSON.parse(readFileSync(path.join(ROOT, MANIFEST), "utf8")), MANIFEST);
    const steps = transactionsOf(
      issuanceModule(planIssuance(manifest, [new Wallet(DEPLOYER_KEY).address], "localhost")),
    );
    let start: string;
    let expected: Awaited<ReturnType<typeof deployment>>;
    before(async function () {
      clean = await restore(clean);
      start = await rpc<string>(node.url, "evm_snapshot");
      expected = await deployment((c, options) => deployIssuance(c, hre.artifacts, manifest, options));
    });

    /** Deploys with `run` into a new state directory from the start snapshot: the record, the chain, the log. */
    async function deployment(
      run: (c: Connection, options: { manifestFile: string; stateDir: string; out: () => void }) => Promise<unknown>,
      at?: number,
      mode?: (typeof MODES)[number],
    ) {
      start = await restore(start);
      const stateDir = await tempDir();
      const deployer = (await direct.ethers.getSigners())[0].address;
      const options = { manifestFile: MANIFEST, stateDir, out: () => {} };
      if (at === undefined || mode === undefined) await run(direct, options);
      else await cutOffThenRerun(at, mode, (c) => run(c, options));
      const { updatedAt, ...record } = (await readRecord(stateDir, "localhost", manifest.name))!;
      void updatedAt;
      const token = (await direct.ethers.getContractAt(
        "SovereignToken",
        record.instruments["test-note"].address,
      )) as unknown as RegulatedToken;
      const roles = await Promise.all(
        ["ISSUER_ROLE", "ENFORCEMENT_ROLE", "COMPLIANCE_ROLE", "PAUSER_ROLE"].map((role) =>
          token.hasRole(id(role), deployer),
        ),
      );
      return {
        stateDir,
        record,
        chain: {
          nonce: await direct.ethers.provider.getTransactionCount(deployer),
          registry: await token.registry(),
          roles,
          policy: await readPolicy(token),
        },
        log: await doneIn(stateDir),
      };
    }

    for (let at = 1; at <= steps; at++) {
      for (const mode of MODES) {
        it(`transaction ${at} of ${steps} ${CUT[mode]}`, async function () {
          const result = await deployment(
            (c, options) => deployIssuance(c, hre.artifacts, manifest, options),
            at,
            mode,
          );
          expect(result.record).to.deep.equal(expected.record);
          expect(result.chain).to.deep.equal(expected.chain);
          expect(result.log).to.deep.equal(expected.log);
          await pauses(manifest, result.stateDir, "test-note");
        });
      }
    }
  });

  interface OperationMatrix<State> {
    title: string;
    manifestFile: string;
    /** The instrument `token pause` pauses afterwards. */
    instrument: string;
    /** What the issuance needs before the operation (after its deployment), on the direct connection. */
    setUp?: (ctx: OpsContext) => Promise<void>;
    /** The task's name and the operation, run on a task's context. */
    task: string;
    run: (ctx: OpsContext) => Promise<unknown>;
    /** One name per transaction the operation sends. */
    steps: string[];
    /** What the operation leaves on chain. */
    observe: (record: DeploymentRecord) => Promise<State>;
  }

  /**
   * The operation of `spec` on its issuance deployed once: an uninterrupted run, then one cut off
   * at each of its transactions in each way and run again, each from the same chain snapshot; the
   * chain and the ops log must end the same, and `token pause` must still work.
   */
  function operationMatrix<State>(spec: OperationMatrix<State>) {
    describe(spec.title, function () {
      let manifest: Manifest;
      let record: DeploymentRecord;
      let start: string;
      let expected: { state: State; log: unknown };
      before(async function () {
        manifest = await loadTestManifest(spec.manifestFile);
        clean = await restore(clean);
        const stateDir = await tempDir();
        const options = { manifestFile: spec.manifestFile, stateDir, out: () => {} };
        record = (await deployIssuance(direct, hre.artifacts, manifest, options))!;
        await spec.setUp?.(await contextFor(direct, manifest, record, { stateDir, task: "test", out: () => {} }));
        start = await rpc<string>(node.url, "evm_snapshot");
        expected = await outcome();
      });

      async function outcome(at?: number, mode?: (typeof MODES)[number]) {
        start = await restore(start);
        const stateDir = await stateWith(record);
        const run = async (c: Connection) => spec.run(await taskContext(c, manifest, stateDir, spec.task));
        if (at === undefined || mode === undefined) await run(direct);
        else await cutOffThenRerun(at, mode, run);
        const result = { state: await spec.observe(record), log: await doneIn(stateDir) };
        await pauses(manifest, stateDir, spec.instrument);
        return result;
      }

      for (const [index, step] of spec.steps.entries()) {
        for (const mode of MODES) {
          it(`${step} ${CUT[mode]}`, async function () {
            expect(await outcome(index + 1, mode)).to.deep.equal(expected);
          });
        }
      }
    });
  }

  const ONE_SIGNER = "test/mocha/ops/fixtures/one-signer.json";
  operationMatrix({
    title: "investors import, in chunks of 3",
    manifestFile: ONE_SIGNER,
    instrument: "test-note",
    task: "investors import",
    run: (ctx) => importInvestors(ctx, INVESTORS, { chunk: 3, progress: false }),
    steps: ["chunk 1 of 3", "chunk 2 of 3", "chunk 3 of 3"],
    async observe(record) {
      const registry = await direct.ethers.getContractAt("InvestorRegistry", record.registry!);
      const rows = (await readFile(INVESTORS, "utf8")).trim().split("\n").slice(1);
      const wallets = rows.map((line) => line.split(",")[0]);
      return {
        investors: await Promise.all(wallets.map(async (w) => (await registry.investorOf(w)).map(String))),
        registered: (await registry.queryFilter(registry.filters.InvestorRegistered(), record.startBlock)).length,
      };
    },
  });

  const BILL = "tbill-2027-06";
  const billOf = async (record: DeploymentRecord) => {
    const bill = await direct.ethers.getContractAt("TreasuryBill", record.instruments[BILL].address);
    const cash: LocalTestDollar = await direct.ethers.getContractAt("LocalTestDollar", await bill.settlementToken());
    return { bill, cash };
  };
  operationMatrix({
    title: "T-bill auction: allotments recorded, then settled",
    manifestFile: "issuances/tbill-2027-06.json",
    instrument: BILL,
    async setUp(ctx) {
      await importInvestors(ctx, INVESTORS, { progress: false });
      const { bill, cash } = await billOf(ctx.record);
      for (const signer of (await direct.ethers.getSigners()).slice(6, 14)) {
        await (await cash.mint(signer.address, 100_000_000n * UNIT)).wait();
        await (await cash.connect(signer).approve(await bill.getAddress(), 100_000_000n * UNIT)).wait();
      }
    },
    task: "tbill auction",
    run: (ctx) =>
      runAuction(ctx, BIDS, "1000000", { instrument: BILL, auctionId: "matrix" }).catch((error: Error) => {
        // Run again after the settlement went through, it finds only the allotment that cannot settle: it sends nothing.
        if (!/none of the 1 allotment\(s\) can settle now, nothing sent/.test(error.message)) throw error;
      }),
    steps: ["recordAllotments", "settleAllotments"],
    async observe(record) {
      const { bill, cash } = await billOf(record);
      const holders = (await direct.ethers.getSigners()).slice(2, 14).map((s) => s.address);
      const allotments = [];
      for (let i = 0n; i < (await bill.allotmentCount()); i++) allotments.push((await bill.allotment(i)).map(String));
      expect(allotments).to.have.length(6);
      return {
        allotments,
        supply: await bill.totalSupply(),
        bills: await Promise.all(holders.map((h) => bill.balanceOf(h))),
        cash: await Promise.all(holders.map((h) => cash.balanceOf(h))),
      };
    },
  });

  const FIXED = "bond-3y-2029";
  const bondOf = async (record: DeploymentRecord) => {
    const bond = await direct.ethers.getContractAt("SovereignBond", record.instruments[FIXED].address);
    const cash: LocalTestDollar = await direct.ethers.getContractAt("LocalTestDollar", await bond.settlementToken());
    return { bond, cash };
  };
  operationMatrix({
    title: "bond coupon payment, one holder a transaction",
    manifestFile: "issuances/bonds-2026-12.json",
    instrument: FIXED,
    async setUp(ctx) {
      const signers = await direct.ethers.getSigners();
      const investorId = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
      const holders = [signers[6], signers[7], signers[8]].map((s) => s.address);
      const investors = await writeCsv(await tempDir(), "investors.csv", [
        "wallet,investorId,country,category,expiresAt",
        ...holders.map((h, i) => `${h},${investorId(i + 1)},586,institutional,2040-01-01`),
      ]);
      await importInvestors(ctx, investors, { progress: false });
      for (const [i, amount] of ["200000", "100000", "50000.333333"].entries()) {
        await mint(ctx, holders[i], amount, { instrument: FIXED });
      }
      const { bond, cash } = await bondOf(ctx.record);
      await direct.networkHelpers.time.increaseTo((await bond.recordDate(0)) + 1n);
      await (await cash.mint(signers[2].address, 3_000_000n * UNIT)).wait();
      await fundCoupon(ctx, 0, { instrument: FIXED });
      await direct.networkHelpers.time.increaseTo(await bond.couponDate(0));
    },
    task: "bond pay-coupon",
    run: (ctx) => payCoupon(ctx, 0, undefined, { instrument: FIXED, page: 1 }),
    steps: ["payment 1 of 3", "payment 2 of 3", "payment 3 of 3"],
    async observe(record) {
      const { bond, cash } = await bondOf(record);
      const holders = (await direct.ethers.getSigners()).slice(6, 9).map((s) => s.address);
      const due = await Promise.all(holders.map((h) => bond.couponDue(h, 0)));
      expect(due).to.deep.equal([0n, 0n, 0n]);
      return {
        cash: await Promise.all(holders.map((h) => cash.balanceOf(h))),
        coupon: (await bond.coupon(0)).map(String),
        bondCash: await cash.balanceOf(await bond.getAddress()),
      };
    },
  });
});
