import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import hre from "hardhat";
import { JsonRpcProvider } from "ethers";
import { investorIdOf } from "../../../src/sdk/investors.js";
import { startHardhat } from "../ops/helpers.js";
import { startHardhatNode, type LocalNode } from "../support/local-node.js";

const run = promisify(execFile);
const ROOT = resolve(".");
const EXAMPLES = join(ROOT, "docs/examples");

/**
 * What an integrator gets is the packed package, not this repository: the SDK is packed with `npm pack`, installed into a fresh project,
 * and every example of docs/integrators.md (docs/examples/*.ts) is type-checked there with TypeScript
 * against the installed package and run as it is (Node's type stripping) against a local `hardhat
 * node`, on an issuance deployed by the operations tasks and read from its deployment record.
 */
describe("SDK package: packed, installed and used from another project", function () {
  this.timeout(300_000);
  let node: LocalNode;
  let project: string;
  let env: NodeJS.ProcessEnv;
  let packed: string[];
  const output: Record<string, string> = {};

  before(async function () {
    project = await mkdtemp(join(tmpdir(), "sdk-consumer-"));
    // As `npm run sdk:build`: a clean dist/, so that nothing of an earlier build is packed.
    await rm(join(ROOT, "packages/sdk/dist"), { recursive: true, force: true });
    await run("npx", ["tsc", "-p", "tsconfig.sdk.json"], { cwd: ROOT });
    await run("npm", ["pack", "./packages/sdk", "--pack-destination", project], { cwd: ROOT });
    const tarball = (await readdir(project)).find((f) => f.endsWith(".tgz"))!;
    packed = (await run("tar", ["-tzf", join(project, tarball)])).stdout.split("\n").filter((f) => f !== "");
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "sdk-consumer", private: true, type: "module" }, null, 2),
    );
    await run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${tarball}`, "ethers@6.17.0", "@types/node@22"],
      { cwd: project },
    );
    await writeFile(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "node20", target: "es2023", strict: true, types: ["node"] },
        include: ["*.ts"],
      }),
    );
    for (const example of await readdir(EXAMPLES)) await copyFile(join(EXAMPLES, example), join(project, example));
    await run(join(ROOT, "node_modules/.bin/tsc"), ["-p", ".", "--noEmit"], { cwd: project });

    // The issuance as a ministry deploys it: the `deploy` task on issuances/sample-note.json, its
    // record at deployments/localhost/sample-note.json; an investor onboarded and allotted by the tasks.
    node = await startHardhatNode();
    const provider = new JsonRpcProvider(node.url);
    const [holder, outsider] = await Promise.all([6, 10].map(async (i) => (await provider.getSigner(i)).address));
    const stateDir = await mkdtemp(join(tmpdir(), "sdk-deployment-"));
    const investors = join(stateDir, "investors.csv");
    await writeFile(
      investors,
      `wallet,investorId,country,category,expiresAt\n${holder},${investorIdOf("sdk-test", "KYC-1")},586,institutional,2027-12-31\n`,
    );
    for (const task of [
      ["deploy"],
      ["investors", "import", "--file", investors],
      ["token", "mint", "--to", holder, "--amount", "250"],
    ]) {
      const args = [
        "--network",
        "localhost",
        ...task,
        "--manifest",
        "issuances/sample-note.json",
        "--state-dir",
        stateDir,
      ];
      const done = await startHardhat(args, { LOCALHOST_URL: node.url }).done;
      expect(done.code, done.stderr).to.equal(0);
    }
    env = {
      ...process.env,
      RPC_URL: node.url,
      DEPLOYMENT: join(stateDir, "deployments/localhost/sample-note.json"),
      FROM: holder,
      TO: outsider,
    };
    provider.destroy();
    // As docs/integrators.md says to run them: the .ts files themselves, with Node's type stripping.
    for (const example of await readdir(EXAMPLES)) {
      output[example] = (await run(process.execPath, [example], { cwd: project, env })).stdout.trim();
    }
  });

  after(async function () {
    await node?.stop();
    if (project !== undefined) await rm(project, { recursive: true, force: true });
  });

  it("ships no test contract: no binding, ABI or name of a contract of contracts/mocks/", async function () {
    const mocks: string[] = [];
    for (const fqn of await hre.artifacts.getAllFullyQualifiedNames()) {
      const [source, name] = fqn.split(":");
      if (source.startsWith("contracts/mocks/")) mocks.push(name);
    }
    expect(mocks).to.include.members(["RegulatedTokenMock", "LocalTestDollar", "SettlementTokenMock"]);
    expect(packed.filter((file) => /mocks/i.test(file))).to.deep.equal([]);
    const installed = join(project, "node_modules/@sovereign-toolkit/sdk");
    const mentions: string[] = [];
    for (const file of packed) {
      const text = await readFile(join(installed, file.replace(/^package\//, "")), "utf8");
      for (const name of mocks) if (text.includes(name)) mentions.push(`${file}: ${name}`);
    }
    expect(mentions).to.deep.equal([]);
    // What it ships instead: the production contracts' bindings, the deployable core among them.
    expect(packed).to.include.members([
      "package/dist/src/sdk/contracts.js",
      "package/dist/typechain-types/factories/contracts/token/SovereignToken__factory.js",
      "package/dist/typechain-types/factories/contracts/instruments/bond/SovereignBond__factory.js",
    ]);
  });

  it("explains a refused transfer before it is sent (explain-transfer.ts)", function () {
    expect(JSON.parse(output["explain-transfer.ts"])).to.deep.equal({
      allowed: false,
      code: 3,
      reason: "RECEIVER_NOT_VERIFIED",
      message: "Receiver is not verified in the investor registry (unknown, revoked or KYC expired)",
    });
  });

  it("decodes the revert of a refused transfer into a sentence (decode-error.ts)", function () {
    expect(JSON.parse(output["decode-error.ts"])).to.deep.equal({
      name: "ERC7943CannotReceive",
      message: `${env.TO} may not receive: not verified, frozen, or its country or category is not allowed.`,
    });
  });

  it("prices a bill from its yield and back with the exported T-bill math (tbill-price.ts)", function () {
    // 1e9 * 365e18 / (365e18 + 0.125e18 * 182), and (1e9 - price) * 365e18 / (price * 182), rounded down.
    expect(JSON.parse(output["tbill-price.ts"])).to.deep.equal({
      price: "941328175",
      yieldAtThatPrice: "125000000839064617",
    });
  });

  it("lists holders with their registry records (cap-table.ts)", function () {
    expect(output["cap-table.ts"]).to.equal(`${env.FROM} 250000000 verified=true country=586`);
  });
});
