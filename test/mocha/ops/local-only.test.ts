import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { Interface } from "ethers";
import hre from "hardhat";
import { issuanceModule } from "../../../src/ops/issuance-module.js";
import { localTestDollar } from "../../../scripts/lib/local-test-dollar.js";
import { TEST_CONTRACTS_DIR, contractsDeployedBy, deployIssuance } from "../../../src/ops/deploy.js";
import { parseManifest } from "../../../src/ops/manifest.js";
import type { Connection } from "../../../src/ops/network.js";
import { planIssuance } from "../../../src/ops/plan.js";
import {
  ROOT,
  expectOpsError,
  expectRefusedWithoutSending,
  loadTestManifest,
  manifestJson,
  taskActionRunner,
  tempDir,
} from "./helpers.js";

const TBILL = "issuances/tbill-2027-06.json";
const SAMPLES = [
  "issuances/sample-note.json",
  "issuances/sample-note-timelock.json",
  "issuances/tbill-2027-06.json",
  "issuances/bonds-2026-12.json",
  "issuances/gold-reserve.json",
];
/** Any checksummed address: a settlement token that exists on the target chain. */
const SOME_TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** The names of the test contracts: every artifact compiled from contracts/mocks/. */
async function testContractNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const fqn of await hre.artifacts.getAllFullyQualifiedNames()) {
    const [source, name] = fqn.split(":");
    if (source.startsWith(TEST_CONTRACTS_DIR)) names.add(name);
  }
  return names;
}

/** Sample manifest `file` moved to mainnet (chain 1), its test dollars replaced by an existing token. */
async function onMainnet(file: string) {
  const json = await manifestJson(file);
  json.network = { chainIds: [1] };
  for (const instrument of json.instruments as { terms?: Record<string, unknown> }[]) {
    if (instrument.terms?.deploySettlementToken === true) {
      delete instrument.terms.deploySettlementToken;
      instrument.terms.settlementToken = SOME_TOKEN;
    }
  }
  return parseManifest(json, file);
}

describe("ops: test contracts (contracts/mocks/) go to local chains only", function () {
  let local: Connection;
  let mainnet: Connection;
  before(async function () {
    local = await hre.network.create();
    // An embedded chain that answers chain id 1, as mainnet (or a fork of it) does.
    mainnet = await hre.network.create({ override: { chainId: 1 } });
  });
  after(async function () {
    await local.close();
    await mainnet.close();
  });

  it("the deploy task refuses a manifest for chain 1 that asks for the test dollar, before anything is sent", async function () {
    const stateDir = await tempDir();
    const json = await manifestJson(TBILL);
    json.network = { chainIds: [1] };
    const file = path.join(stateDir, "tbill-mainnet.json");
    await writeFile(file, JSON.stringify(json));
    const run = taskActionRunner(local, { stateDir, yes: true, dryRun: false, reset: false, manifest: file });
    const block = await local.ethers.provider.getBlockNumber();
    const result = (await run("deploy", {})) as { success: boolean; error?: string };
    expect(result.success).to.equal(false);
    expect(result.error).to.equal(
      `${path.relative(process.cwd(), file)}: instruments[0].terms.deploySettlementToken: got true, expected it only ` +
        "on local chains: network.chainIds must list only 31337 or 1337, not 1 " +
        "(it deploys LocalTestDollar, a test dollar with an open mint)",
    );
    expect(await local.ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("the deployment refuses any test contract on a chain that is not local, whatever the manifest says", async function () {
    // A manifest object that skipped validation: the last gate is what the Ignition module would deploy.
    const manifest = await loadTestManifest(TBILL);
    manifest.network.chainIds = [1];
    for (const dryRun of [true, false]) {
      await expectRefusedWithoutSending(
        mainnet,
        deployIssuance(mainnet, hre.artifacts, manifest, {
          manifestFile: TBILL,
          stateDir: await tempDir(),
          dryRun,
          yes: true,
          out: () => {},
        }),
        `${TBILL}: the deployment would deploy LocalTestDollar (contracts/mocks/LocalTestDollar.sol), a test ` +
          "contract, on chain 1 (network default): test contracts go only to local chains (chain ids 31337, 1337)",
      );
    }
  });

  it("a regulatedToken instrument deploys SovereignToken, which has no escrow entry point, on chain 1 too", async function () {
    const manifest = await onMainnet("issuances/sample-note.json");
    const record = await deployIssuance(mainnet, hre.artifacts, manifest, {
      manifestFile: "issuances/sample-note.json",
      stateDir: await tempDir(),
      yes: true,
      out: () => {},
    });
    const address = record!.instruments["sample-note"].address;
    const deployed = await mainnet.ethers.provider.getCode(address);
    const sovereign = await hre.artifacts.readArtifact("SovereignToken");
    expect(deployed.length).to.equal(sovereign.deployedBytecode.length);
    const mock = new Interface((await hre.artifacts.readArtifact("RegulatedTokenMock")).abi);
    for (const fn of ["escrow", "returnEscrow", "releaseEscrow"]) {
      expect(new Interface(sovereign.abi).getFunction(fn), fn).to.equal(null);
      const selector = mock.getFunction(fn)!.selector.slice(2);
      expect(deployed.includes(selector), `${fn} selector in the deployed code`).to.equal(false);
    }
  });

  it("LocalTestDollar cannot be deployed on a chain other than 31337 or 1337", async function () {
    const factory = await mainnet.ethers.getContractFactory("LocalTestDollar");
    await expect(factory.deploy()).to.be.revertedWithCustomError(factory, "LocalTestDollarNotLocalChain").withArgs(1n);
    const ganache = await hre.network.create({ override: { chainId: 1337 } });
    try {
      for (const connection of [local, ganache]) {
        const token = await connection.ethers.deployContract("LocalTestDollar");
        expect(await token.decimals()).to.equal(6n);
      }
    } finally {
      await ganache.close();
    }
    // The demo's and the tests' handle on its open mint refuses other chains too.
    await expectOpsError(
      localTestDollar(mainnet, SOME_TOKEN),
      "the test dollar exists only on local chains (chain ids 31337, 1337), not on chain 1",
    );
  });

  it("no sample manifest moved to chain 1 makes Ignition deploy a contract of contracts/mocks/", async function () {
    const mocks = await testContractNames();
    expect(mocks.has("LocalTestDollar") && mocks.has("RegulatedTokenMock")).to.equal(true);
    const accounts = (await mainnet.ethers.getSigners()).map((s) => s.address);
    const deployed = new Set<string>();
    for (const file of SAMPLES) {
      const names = contractsDeployedBy(issuanceModule(planIssuance(await onMainnet(file), accounts, "mainnet")));
      for (const name of names) {
        const { sourceName } = await hre.artifacts.readArtifact(name);
        expect(sourceName.startsWith("contracts/mocks/"), `${file} deploys ${name} (${sourceName})`).to.equal(false);
        expect(mocks.has(name), `${file} deploys ${name}`).to.equal(false);
        deployed.add(name);
      }
    }
    expect([...deployed].sort()).to.deep.equal([
      "CommodityReserveToken",
      "DebtSecurityLogic",
      "DocumentRegistry",
      "InvestorRegistry",
      "SovereignBond",
      "SovereignBondLogic",
      "SovereignToken",
      "Timelock",
      "TreasuryBill",
    ]);
    // The scan sees a test contract when one is there: the samples as they are (local) deploy the test dollar.
    const tbill = await loadTestManifest(TBILL);
    expect(contractsDeployedBy(issuanceModule(planIssuance(tbill, accounts, "default")))).to.include("LocalTestDollar");
  });

  it("no deployment code (Ignition modules, tasks, ops, the demo) names a test contract, but the guarded two", async function () {
    const mocks = await testContractNames();
    // The test dollar of `deploySettlementToken` (refused on other chains by the manifest, the deployment
    // and its constructor), and the demo's handle on its mint (refuses other chains).
    const allowed = new Set([
      "ignition/modules/DebtSecurity.ts:LocalTestDollar",
      "scripts/lib/local-test-dollar.ts:LocalTestDollar",
    ]);
    const files: string[] = ["scripts/demo.ts"];
    for (const dir of ["ignition", "tasks", "src", "scripts/lib"]) {
      for (const entry of await readdir(path.join(ROOT, dir), { recursive: true })) {
        if (entry.endsWith(".ts")) files.push(path.join(dir, entry));
      }
    }
    const found: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(ROOT, file), "utf8");
      for (const name of mocks) {
        if (new RegExp(`["'\`]${name}["'\`]|\\b${name}__factory\\b|type \\{[^}]*\\b${name}\\b`).test(text)) {
          if (!allowed.has(`${file}:${name}`)) found.push(`${file}: ${name}`);
        }
      }
    }
    expect(found).to.deep.equal([]);
    expect(files.length).to.be.greaterThan(40);
  });
});
