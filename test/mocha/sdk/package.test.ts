import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import hre from "hardhat";
import { JsonRpcProvider, parseUnits } from "ethers";
import { InvestorRegistry__factory, SovereignToken__factory } from "../../../typechain-types/index.js";
import { Country, InvestorCategory, investorIdOf } from "../../../src/sdk/investors.js";
import { startHardhatNode, type LocalNode } from "../support/local-node.js";

const run = promisify(execFile);
const ROOT = resolve(".");
const EXAMPLES = join(ROOT, "docs/examples");

/**
 * What an integrator gets is the packed package, not this repository: the SDK is packed with `npm pack`, installed into a fresh project,
 * and every example of docs/integrators.md (docs/examples/*.ts) is compiled there with TypeScript
 * against the installed package and run against a local `hardhat node`.
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
        compilerOptions: { module: "node20", target: "es2023", strict: true, outDir: "dist", types: ["node"] },
        include: ["*.ts"],
      }),
    );
    for (const example of await readdir(EXAMPLES)) await copyFile(join(EXAMPLES, example), join(project, example));
    await run(join(ROOT, "node_modules/.bin/tsc"), ["-p", "."], { cwd: project });

    node = await startHardhatNode();
    const provider = new JsonRpcProvider(node.url);
    const [admin, holder, outsider] = await Promise.all([0, 1, 2].map((i) => provider.getSigner(i)));
    const registry = await new InvestorRegistry__factory(admin).deploy(admin.address, 0);
    await (await registry.grantRole(await registry.KYC_AGENT_ROLE(), admin.address)).wait();
    const expiresAt = BigInt((await provider.getBlock("latest"))!.timestamp) + 86_400n * 365n;
    await (
      await registry.registerInvestor(
        holder.address,
        investorIdOf("sdk-test", "KYC-1"),
        Country.PAKISTAN,
        InvestorCategory.INSTITUTIONAL,
        expiresAt,
      )
    ).wait();
    const token = await new SovereignToken__factory(admin).deploy(
      "Sample Sovereign Note",
      "SSN",
      6,
      await registry.getAddress(),
      admin.address,
      0,
    );
    await (await token.grantRole(await token.ISSUER_ROLE(), admin.address)).wait();
    await (await token.mint(holder.address, parseUnits("250", 6))).wait();
    env = {
      ...process.env,
      RPC_URL: node.url,
      ISSUANCE: JSON.stringify({ registry: await registry.getAddress(), tokens: { SSN: await token.getAddress() } }),
      FROM: holder.address,
      TO: outsider.address,
    };
    provider.destroy();
    for (const example of await readdir(EXAMPLES)) {
      const script = example.replace(/\.ts$/, ".js");
      output[example] = (await run("node", [join("dist", script)], { cwd: project, env })).stdout.trim();
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
