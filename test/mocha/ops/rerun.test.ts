/**
 * A deployment record is never lost by a re-run: a re-run that is refused (the manifest changed
 * since the deployment) or cut short (a closed pipe) leaves a complete record complete, a changed
 * manifest is reported field by field with the task that applies it, and the tasks that protect
 * an issuance (pause, freeze, forced transfers) work on what is deployed, even when the deployment
 * was interrupted. Against anvil, with the tasks run as an operator runs them.
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { deployIssuance } from "../../../src/ops/deploy.js";
import { openContext } from "../../../src/ops/context.js";
import { readRecord, writeRecord, type DeploymentRecord } from "../../../src/ops/deployments.js";
import { issuanceModule } from "../../../src/ops/issuance-module.js";
import type { Connection } from "../../../src/ops/network.js";
import { planIssuance } from "../../../src/ops/plan.js";
import { setPaused } from "../../../src/ops/token.js";
import { SovereignToken__factory } from "../../../typechain-types/index.js";
import {
  DEPLOYER_KEY,
  FailingProxy,
  ROOT,
  expectRefusedWithoutSending,
  loadTestManifest,
  manifestJson,
  startHardhat,
  startNode,
  tempDir,
  transactionsOf,
  type TestNode,
} from "./helpers.js";

const MANIFEST = "test/mocha/ops/fixtures/one-signer.json";
const DEALER = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";

describe("ops: a re-run never loses the deployment record; pause and enforcement work on what is deployed (anvil)", function () {
  this.timeout(180_000);
  let node: TestNode;
  let connection: Connection;
  before(async function () {
    node = await startNode("anvil");
    connection = await remote(node.url);
  });
  after(async function () {
    await connection?.close();
    await node?.stop();
  });

  /** A connection as `--network remote` has it (the record is kept under deployments/remote/), to `url`. */
  function remote(url: string): Promise<Connection> {
    return hre.network.create({ network: "remote", override: { url, accounts: [DEPLOYER_KEY] } });
  }

  /** `npx hardhat --network remote <args> --manifest <manifest> --state-dir <stateDir>` against the node. */
  function cli(args: readonly string[], manifest: string, stateDir: string) {
    return startHardhat(["--network", "remote", ...args, "--manifest", manifest, "--state-dir", stateDir], {
      RPC_URL: node.url,
      DEPLOYER_PRIVATE_KEY: DEPLOYER_KEY,
    }).done;
  }

  /** The one-signer issuance deployed into a new state directory, and a copy of its manifest changed by `change`. */
  async function deployedWithChangedManifest(change: (json: Record<string, unknown>) => void) {
    const stateDir = await tempDir();
    const manifest = await loadTestManifest(MANIFEST);
    await deployIssuance(connection, hre.artifacts, manifest, { manifestFile: MANIFEST, stateDir, out: () => {} });
    const json = await manifestJson(MANIFEST);
    change(json);
    const changedFile = path.join(stateDir, "one-signer.json");
    await writeFile(changedFile, JSON.stringify(json));
    const record = (await readRecord(stateDir, "remote", "one-signer"))!;
    expect(record.complete).to.equal(true);
    return { stateDir, changedFile, changed: await loadTestManifest(changedFile), record };
  }

  const tokenOf = (record: DeploymentRecord) =>
    SovereignToken__factory.connect(record.instruments["test-note"].address, connection.ethers.provider);

  const policyOf = (json: Record<string, unknown>) =>
    (json.instruments as { policy: Record<string, unknown> }[])[0].policy;

  it("a manifest whose policy changed: the re-run lists each difference with its task, sends nothing, keeps the record; token pause works, token policy applies it", async function () {
    const { stateDir, changedFile, changed, record } = await deployedWithChangedManifest((json) => {
      policyOf(json).countries = [586, 784, 840];
      policyOf(json).maxBalance = "2000000";
    });
    const task = `npx hardhat --network remote token policy --instrument test-note --manifest ${changedFile}`;
    await expectRefusedWithoutSending(
      connection,
      deployIssuance(connection, hre.artifacts, changed, { manifestFile: changedFile, stateDir, out: () => {} }),
      [
        `${changedFile}: the manifest differs from what is deployed ("one-signer" on network remote); nothing was sent. ` +
          "Apply each change with its task, or restore the deployed value:",
        "  instruments.test-note.policy.countries: 586 (PK), 784 (AE) -> 586 (PK), 784 (AE), 840 (US)",
        `    ${task}`,
        "  instruments.test-note.policy.maxBalance: 1000000 tokens -> 2000000 tokens",
        `    ${task}`,
      ].join("\n"),
    );
    expect(await readRecord(stateDir, "remote", "one-signer")).to.deep.equal(record);

    const paused = await cli(["token", "pause", "--reason", "incident"], changedFile, stateDir);
    expect(paused.code, paused.stderr).to.equal(0);
    expect(await tokenOf(record).paused()).to.equal(true);

    const applied = await cli(["token", "policy", "--instrument", "test-note"], changedFile, stateDir);
    expect(applied.code, applied.stderr).to.equal(0);
    expect(await tokenOf(record).isCountryAllowed(840)).to.equal(true);
    const lines: string[] = [];
    const block = await connection.ethers.provider.getBlockNumber();
    await deployIssuance(connection, hre.artifacts, changed, {
      manifestFile: changedFile,
      stateDir,
      out: (line) => lines.push(line),
    });
    expect(lines).to.include('nothing to do: "one-signer" is deployed as the manifest asks');
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("fields fixed at deployment and roles: each difference names the field, both values and what to do", async function () {
    const { stateDir, changedFile, changed } = await deployedWithChangedManifest((json) => {
      const instrument = (json.instruments as Record<string, unknown>[])[0];
      instrument.symbol = "TNOTE2";
      (instrument.roles as Record<string, string[]>).PAUSER_ROLE = ["deployer", DEALER];
    });
    const error = await expectRefusedWithoutSending(
      connection,
      deployIssuance(connection, hre.artifacts, changed, { manifestFile: changedFile, stateDir, out: () => {} }),
      /differs from what is deployed/,
    );
    const deployer = (await connection.ethers.getSigners())[0].address;
    expect(error.message.split("\n").slice(1)).to.deep.equal([
      `  instruments.test-note.symbol: TNOTE -> TNOTE2`,
      "    fixed when deployed: restore the deployed value (other values make another issuance, under another name)",
      `  instruments.test-note.roles.PAUSER_ROLE: ${deployer} -> ${[deployer, DEALER].sort().join(", ")}`,
      `    npx hardhat --network remote roles grant --contract test-note --role PAUSER_ROLE --account ${DEALER} --manifest ${changedFile}`,
    ]);
  });

  it("a re-run cut short by a closed pipe leaves the record complete; token pause works", async function () {
    const { stateDir, record } = await deployedWithChangedManifest(() => {});
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/hardhat/dist/src/cli.js"),
        ...["--network", "remote", "deploy", "--manifest", MANIFEST, "--state-dir", stateDir],
      ],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "ignore"],
        env: { ...process.env, CI: "true", RPC_URL: node.url, DEPLOYER_PRIVATE_KEY: DEPLOYER_KEY },
      },
    );
    child.stdout.once("data", () => child.stdout.destroy()); // as `| head -1` does
    await new Promise((resolve) => child.once("exit", resolve));
    expect(await readRecord(stateDir, "remote", "one-signer")).to.deep.equal(record);

    const paused = await cli(["token", "pause"], MANIFEST, stateDir);
    expect(paused.code, paused.stderr).to.equal(0);
    expect(await tokenOf(record).paused()).to.equal(true);
  });

  it("a first deployment interrupted before its last step: the record lists what is deployed; pause and freeze work on it with a warning, issuing waits, the re-run finishes", async function () {
    const stateDir = await tempDir();
    const manifest = await loadTestManifest(MANIFEST);
    const deployer = (await connection.ethers.getSigners())[0].address;
    const expected = transactionsOf(issuanceModule(planIssuance(manifest, [deployer], "remote")));
    const nonce = await connection.ethers.provider.getTransactionCount(deployer);
    const proxy = await new FailingProxy(node.url, expected - 1, "reject").start();
    const interrupted = await remote(proxy.url);
    const options = { manifestFile: MANIFEST, stateDir, out: () => {} };
    try {
      const failed = await deployIssuance(interrupted, hre.artifacts, manifest, options).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failed?.message).to.include("injected RPC outage");
    } finally {
      await interrupted.close();
      await proxy.stop();
    }
    const record = (await readRecord(stateDir, "remote", "one-signer"))!;
    expect(record.complete).to.equal(false);
    expect(Object.keys(record.instruments)).to.deep.equal(["test-note"]);
    const token = tokenOf(record);
    expect(await token.registry()).to.equal(record.registry);

    const warning =
      `warning: the deployment of "one-signer" on network remote is incomplete (deployed so far: InvestorRegistry, test-note): ` +
      "run the deploy command again to finish it";
    const paused = await cli(["token", "pause"], MANIFEST, stateDir);
    expect(paused.code, paused.stderr).to.equal(0);
    expect(paused.stdout.split("\n")).to.include(warning);
    expect(await token.paused()).to.equal(true);
    const frozen = await cli(["token", "freeze", "--wallet", DEALER], MANIFEST, stateDir);
    expect(frozen.code, frozen.stderr).to.equal(0);
    expect(await token.isAddressFrozen(DEALER)).to.equal(true);
    const minted = await cli(["token", "mint", "--to", DEALER, "--amount", "1"], MANIFEST, stateDir);
    expect(minted.code).to.equal(1);
    expect(minted.stderr.trim()).to.equal(
      `Error: ${warning.slice("warning: ".length)}; until then only pause, freeze, forced transfers, policy, revocations and reports run`,
    );

    const finished = await deployIssuance(connection, hre.artifacts, manifest, options);
    expect(finished!.complete).to.equal(true);
    expect(finished!.instruments["test-note"].address).to.equal(record.instruments["test-note"].address);
    // Every step sent once, besides the pause and the freeze.
    expect(await connection.ethers.provider.getTransactionCount(deployer)).to.equal(nonce + expected + 2);
  });

  it("a record an earlier version left incomplete and empty after a refused re-run: the deploy command repairs it, sending nothing", async function () {
    const { stateDir, changedFile, changed, record } = await deployedWithChangedManifest((json) => {
      policyOf(json).countries = [586, 784, 840];
    });
    const { deployed, registry, ...rest } = record;
    void [deployed, registry];
    await writeRecord(stateDir, { ...rest, complete: false, instruments: {} });
    const block = await connection.ethers.provider.getBlockNumber();

    // With the changed manifest, Ignition still refuses; the record gets back the contracts its journal holds.
    const refused = await deployIssuance(connection, hre.artifacts, changed, {
      manifestFile: changedFile,
      stateDir,
      out: () => {},
    }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refused?.message).to.match(/^the deployment stopped: .*reconciliation/s);
    const repaired = (await readRecord(stateDir, "remote", "one-signer"))!;
    expect([repaired.complete, repaired.registry, repaired.instruments]).to.deep.equal([
      false,
      record.registry,
      record.instruments,
    ]);
    const ctx = await openContext(connection, changed, { stateDir, task: "token pause", out: () => {} });
    await setPaused(ctx, true);
    expect(await tokenOf(record).paused()).to.equal(true);

    // With the manifest as deployed, the same command completes the record.
    const original = await loadTestManifest(MANIFEST);
    await deployIssuance(connection, hre.artifacts, original, { manifestFile: MANIFEST, stateDir, out: () => {} });
    const complete = (await readRecord(stateDir, "remote", "one-signer"))!;
    expect({ ...complete, updatedAt: "" }).to.deep.equal({ ...record, updatedAt: "" });
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block + 1); // the pause
  });
});
