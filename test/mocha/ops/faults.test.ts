import { expect } from "chai";
import path from "node:path";
import hre from "hardhat";
import { issuanceModule } from "../../../src/ops/issuance-module.js";
import { contextFor } from "../../../src/ops/context.js";
import { deployIssuance } from "../../../src/ops/deploy.js";
import { readRecord, type DeploymentRecord } from "../../../src/ops/deployments.js";
import { importInvestors } from "../../../src/ops/investors.js";
import type { Manifest } from "../../../src/ops/manifest.js";
import type { Connection } from "../../../src/ops/network.js";
import { planIssuance } from "../../../src/ops/plan.js";
import { mintFromFile } from "../../../src/ops/token.js";
import {
  FailingProxy,
  expectOpsError,
  ROOT,
  connectTo,
  loadTestManifest,
  startNode,
  tempDir,
  transactionsOf,
  writeCsv,
  type TestNode,
} from "./helpers.js";

const MANIFEST = "test/mocha/ops/fixtures/one-signer.json";
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const MODES = ["reject", "drop"] as const;
const WHAT = {
  reject: "refuses every transaction from then on",
  drop: "sends the transaction but loses the answer, as a process killed after sending",
};

/** The error `promise` fails with. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("ops: runs interrupted by a failing RPC finish with nothing done twice and nothing lost (anvil)", function () {
  this.timeout(120_000);
  let node: TestNode;
  let direct: Connection;
  let manifest: Manifest;
  before(async function () {
    node = await startNode("anvil");
    direct = await connectTo(node.url);
    manifest = await loadTestManifest(MANIFEST);
  });
  after(async function () {
    await direct?.close();
    await node?.stop();
  });

  const nonceOf = (address: string) => direct.ethers.provider.getTransactionCount(address);

  /** Deploys `manifest` without faults into a new state directory. */
  async function deployed(): Promise<{ record: DeploymentRecord; stateDir: string }> {
    const stateDir = await tempDir();
    const record = await deployIssuance(direct, hre.artifacts, manifest, {
      manifestFile: MANIFEST,
      stateDir,
      out: () => {},
    });
    return { record: record!, stateDir };
  }

  for (const mode of MODES) {
    it(`deployment: the RPC ${WHAT[mode]} at the 4th transaction; the same command finishes it`, async function () {
      const stateDir = await tempDir();
      const proxy = await new FailingProxy(node.url, 3, mode).start();
      const connection = await connectTo(proxy.url);
      const deployer = (await connection.ethers.getSigners())[0].address;
      const expected = transactionsOf(issuanceModule(planIssuance(manifest, [deployer], "localhost")));
      const nonceBefore = await nonceOf(deployer);
      const options = { manifestFile: MANIFEST, stateDir };
      try {
        await rejectionOf(deployIssuance(connection, hre.artifacts, manifest, { ...options, out: () => {} }));
        expect(proxy.failures).to.equal(1);
        expect(await nonceOf(deployer)).to.equal(nonceBefore + (mode === "reject" ? 3 : 4));
        expect((await readRecord(stateDir, "localhost", manifest.name))?.complete).to.equal(false);

        proxy.heal();
        const lines: string[] = [];
        const record = await deployIssuance(connection, hre.artifacts, manifest, {
          ...options,
          out: (l) => lines.push(l),
        });
        expect(record?.complete).to.equal(true);
        expect(lines).to.include("resuming the deployment (steps already done are skipped)...");
        const repaired =
          mode === "drop"
            ? /^recovered 0x[0-9a-f]{64} \(.+, nonce \d+\), sent before the interruption$/
            : /^.+ \(nonce \d+\) never reached the chain: it is sent again$/;
        expect(lines.filter((l) => repaired.test(l))).to.have.length(1);
        // Every transaction of the deployment was sent exactly once.
        expect(await nonceOf(deployer)).to.equal(nonceBefore + expected);
        const token = await direct.ethers.getContractAt("SovereignToken", record!.instruments["test-note"].address);
        expect(await token.registry()).to.equal(record!.registry);
        expect(await token.maxBalance()).to.equal(1_000_000_000_000n);

        // And a third run has nothing left to do.
        await deployIssuance(connection, hre.artifacts, manifest, { ...options, out: () => {} });
        expect(await nonceOf(deployer)).to.equal(nonceBefore + expected);
      } finally {
        await connection.close();
        await proxy.stop();
      }
    });
  }

  it("deployment: a record left by a node that was restarted is refused, and --reset deploys afresh", async function () {
    const stateDir = await tempDir();
    const options = { manifestFile: MANIFEST, stateDir, out: () => {} };
    const first = await startNode("anvil");
    const before = await connectTo(first.url);
    const record = await deployIssuance(before, hre.artifacts, manifest, options);
    await before.close();
    await first.stop();

    const restarted = await startNode("anvil");
    const after = await connectTo(restarted.url);
    try {
      await expectOpsError(
        deployIssuance(after, hre.artifacts, manifest, options),
        `the deployment recorded for "one-signer" on network localhost has no contract at ${record!.registry} ` +
          "(was the node restarted?): run the same command with --reset to deploy afresh",
      );
      const fresh = await deployIssuance(after, hre.artifacts, manifest, { ...options, reset: true });
      expect(fresh!.complete).to.equal(true);
      expect(await after.ethers.provider.getCode(fresh!.registry!)).to.not.equal("0x");
    } finally {
      await after.close();
      await restarted.stop();
    }
  });

  for (const mode of MODES) {
    it(`investors import: the RPC ${WHAT[mode]} at the 2nd chunk; running it again registers the rest, each wallet once`, async function () {
      const { record, stateDir } = await deployed();
      const proxy = await new FailingProxy(node.url, 1, mode).start();
      const connection = await connectTo(proxy.url);
      try {
        const ctx = await contextFor(connection, manifest, record, { stateDir, task: "test", out: () => {} });
        const failure = await rejectionOf(importInvestors(ctx, INVESTORS, { chunk: 3, progress: false }));
        expect(failure.message).to.match(
          /^InvestorRegistry\.registerInvestors failed to send \(.+\): check the network, then run the same command again$/,
        );
        proxy.heal();
        const result = await importInvestors(ctx, INVESTORS, { chunk: 3, progress: false });
        // reject: chunks 2 and 3 are left; drop: chunk 2 reached the chain, only chunk 3 is left.
        expect(result.unchanged).to.have.length(mode === "reject" ? 3 : 6);
        expect(result.register).to.have.length(mode === "reject" ? 5 : 2);

        const registry = await direct.ethers.getContractAt("InvestorRegistry", record.registry!);
        const registered = await registry.queryFilter(registry.filters.InvestorRegistered(), record.startBlock);
        expect(registered).to.have.length(8);
        expect(new Set(registered.map((e) => e.args.wallet)).size).to.equal(8);
      } finally {
        await connection.close();
        await proxy.stop();
      }
    });
  }

  it("token mint --file: the RPC loses the answer of the 2nd chunk; running it again mints the rest, each chunk once", async function () {
    const { record, stateDir } = await deployed();
    const setupCtx = await contextFor(direct, manifest, record, { stateDir, task: "test", out: () => {} });
    await importInvestors(setupCtx, INVESTORS, { progress: false });
    const file = await writeCsv(await tempDir(), "allocations.csv", [
      "wallet,amount",
      "0x976EA74026E726554dB657fA54763abd0C3a0aa9,1000",
      "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,2000",
      "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f,3000",
      "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720,4000.5",
      "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a,5000",
    ]);
    const proxy = await new FailingProxy(node.url, 1, "drop").start();
    const connection = await connectTo(proxy.url);
    try {
      const ctx = await contextFor(connection, manifest, record, { stateDir, task: "test", out: () => {} });
      await rejectionOf(mintFromFile(ctx, file, { chunk: 2, progress: false }));
      proxy.heal();
      expect(await mintFromFile(ctx, file, { chunk: 2, progress: false })).to.deep.equal({ sent: 1, skipped: 2 });
      const token = await direct.ethers.getContractAt("SovereignToken", record.instruments["test-note"].address);
      expect(await token.totalSupply()).to.equal(15_000_500_000n);
      expect(await token.balanceOf("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720")).to.equal(4_000_500_000n);
    } finally {
      await connection.close();
      await proxy.stop();
    }
  });
});
