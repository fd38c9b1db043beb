/**
 * End to end: the tasks run as a ministry engineer runs them, `npx hardhat --network remote ...`
 * with RPC_URL and DEPLOYER_PRIVATE_KEY from the environment, against a `hardhat node` and an
 * anvil started on 127.0.0.1 by the test and stopped by their pid.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { JsonRpcProvider, Wallet, id } from "ethers";
import { issuanceModule } from "../../../src/ops/issuance-module.js";
import { readRecord } from "../../../src/ops/deployments.js";
import { planIssuance } from "../../../src/ops/plan.js";
import {
  InvestorRegistry__factory,
  RegulatedToken__factory,
  SovereignBond__factory,
} from "../../../typechain-types/index.js";
import {
  DEPLOYER_KEY,
  FailingProxy,
  ROOT,
  loadTestManifest,
  startHardhat,
  startNode,
  tempDir,
  transactionsOf,
  writeCsv,
  type TestNode,
} from "./helpers.js";

const MANIFEST = "test/mocha/ops/fixtures/one-signer.json";
const BOND_MANIFEST = "test/mocha/ops/fixtures/one-signer-bond.json";
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const DEALER = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const DEPLOYER = new Wallet(DEPLOYER_KEY).address;

for (const kind of ["hardhat", "anvil"] as const) {
  describe(`ops end to end: the tasks on the command line against ${kind === "hardhat" ? "hardhat node" : "anvil"}`, function () {
    this.timeout(240_000);
    let node: TestNode;
    let provider: JsonRpcProvider;
    let stateDir: string;
    before(async function () {
      node = await startNode(kind);
      provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
      stateDir = await tempDir();
    });
    after(async function () {
      provider?.destroy();
      await node?.stop();
    });

    /** `npx hardhat --network remote <args> --manifest <fixture> --state-dir <tmp>` with the node's URL. */
    const hardhat = (args: readonly string[], url = node.url) =>
      startHardhat(["--network", "remote", ...args, "--manifest", MANIFEST, "--state-dir", stateDir], {
        RPC_URL: url,
        DEPLOYER_PRIVATE_KEY: DEPLOYER_KEY,
      });
    const run = (args: readonly string[]) => hardhat(args).done;
    const contracts = async () => {
      const record = (await readRecord(stateDir, "remote", "one-signer"))!;
      return {
        record,
        registry: InvestorRegistry__factory.connect(record.registry!, provider),
        token: RegulatedToken__factory.connect(record.instruments["test-note"].address, provider),
      };
    };

    it("deploy: a run killed after sending a transaction is finished by the same command, nothing sent twice", async function () {
      const manifest = await loadTestManifest(MANIFEST);
      const expected = transactionsOf(issuanceModule(planIssuance(manifest, [DEPLOYER], "remote")));
      const proxy = await new FailingProxy(node.url, 4, "hang").start();
      const killed = hardhat(["deploy"], proxy.url);
      while (proxy.failures === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      process.kill(killed.pid, "SIGKILL");
      expect((await killed.done).code).to.equal(-1);
      await proxy.stop();
      expect(await provider.getTransactionCount(DEPLOYER)).to.equal(5);

      const resumed = await run(["deploy"]);
      expect(resumed.code, resumed.stderr).to.equal(0);
      expect(resumed.stdout).to.match(/recovered 0x[0-9a-f]{64} \(.+, nonce 4\), sent before the interruption/);
      expect(await provider.getTransactionCount(DEPLOYER)).to.equal(expected);
      const { record, token } = await contracts();
      expect(record.complete).to.equal(true);
      expect(await token.registry()).to.equal(record.registry);
    });

    it("investors import: registers the file in chunks with a progress bar, then finds nothing to do", async function () {
      const first = await run(["investors", "import", "--file", INVESTORS, "--chunk", "3"]);
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stdout).to.include("8 to register (3 transaction(s) of up to 3)");
      expect(first.stdout).to.include("3 transaction(s) sent");
      expect(first.stderr).to.include("investors [##############################] 3/3");
      const { registry } = await contracts();
      const rows = (await readFile(INVESTORS, "utf8")).trim().split("\n").slice(1);
      for (const row of rows) expect(await registry.isVerified(row.split(",")[0])).to.equal(true);

      const nonce = await provider.getTransactionCount(DEPLOYER);
      const second = await run(["investors", "import", "--file", INVESTORS]);
      expect(second.stdout).to.include("8 already registered with the same data");
      expect(await provider.getTransactionCount(DEPLOYER)).to.equal(nonce);
    });

    it("investors import: a bad file exits with status 1, lists every bad row and sends nothing", async function () {
      const file = await writeCsv(await tempDir(), "bad.csv", [
        "wallet,investorId,country,category,expiresAt",
        `${DEALER.toLowerCase()},0x${"11".repeat(32)},586,retail,2030-01-01`,
        `0x2546BcD3c84621e976D8185a91A922aE77ECEc30,0x${"22".repeat(32)},999,retail,2030-01-01`,
      ]);
      const nonce = await provider.getTransactionCount(DEPLOYER);
      const result = await run(["investors", "import", "--file", file]);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include(`Error: ${file}: 2 bad row(s), nothing was sent:`);
      expect(result.stderr).to.include(
        `${file}:2: wallet: got "${DEALER.toLowerCase()}", expected a checksummed address`,
      );
      expect(result.stderr).to.include(`${file}:3: country: got "999", expected an ISO 3166-1 country`);
      expect(await provider.getTransactionCount(DEPLOYER)).to.equal(nonce);
    });

    it("deploy and bond fix-rate: the bond and its linked libraries deploy under the node's size limit", async function () {
      const bondRun = (args: readonly string[]) =>
        startHardhat(["--network", "remote", ...args, "--manifest", BOND_MANIFEST, "--state-dir", stateDir], {
          RPC_URL: node.url,
          DEPLOYER_PRIVATE_KEY: DEPLOYER_KEY,
        }).done;
      const deployed = await bondRun(["deploy"]);
      expect(deployed.code, deployed.stderr).to.equal(0);
      const record = (await readRecord(stateDir, "remote", "one-signer-bond"))!;
      const bond = SovereignBond__factory.connect(record.instruments["frn-e2e"].address, provider);
      expect([await bond.isin(), await bond.couponCount()]).to.deep.equal(["PK0FRN361204", 20n]);

      const fixing = ["bond", "fix-rate", "--period", "0", "--rate", "11.5", "--reason", "e2e fixing"];
      const fixed = await bondRun(fixing);
      expect(fixed.code, fixed.stderr).to.equal(0);
      const coupon = await bond.coupon(0);
      expect([coupon.rateBps, coupon.rateFixed]).to.deep.equal([1150n, true]);
      const nonce = await provider.getTransactionCount(DEPLOYER);
      const again = await bondRun(fixing);
      expect(again.code, again.stderr).to.equal(0);
      expect(await provider.getTransactionCount(DEPLOYER)).to.equal(nonce);
    });

    // Node-independent tasks: run against one node only, to keep the suite short.
    const onOneNode = kind === "hardhat" ? it : () => undefined;
    onOneNode("token mint, then the cap table as JSON and the audit trail as CSV", async function () {
      const minted = await run(["token", "mint", "--to", DEALER, "--amount", "1500.5", "--reason", "e2e allocation"]);
      expect(minted.code, minted.stderr).to.equal(0);
      const { token } = await contracts();
      expect(await token.balanceOf(DEALER)).to.equal(1_500_500_000n);

      const dir = await tempDir();
      const report = await run(["report", "cap-table", "--json", path.join(dir, "cap.json")]);
      expect(report.code, report.stderr).to.equal(0);
      expect(report.stdout).to.include("supply 1,500.5 TNOTE, 1 holder(s)");
      expect(report.stdout).to.match(/balance \(TNOTE\)/);
      const table = JSON.parse(await readFile(path.join(dir, "cap.json"), "utf8")) as {
        rows: Record<string, unknown>[];
      };
      expect(table.rows).to.deep.equal([
        {
          holder: "primary dealer",
          wallet: DEALER,
          balance: "1500.5",
          share: "100.00%",
          frozenTokens: "0",
          walletFrozen: false,
          verified: true,
          country: "586 (PK)",
          category: "primaryDealer",
        },
      ]);

      const audit = await run(["report", "audit-trail", "--csv", path.join(dir, "audit.csv")]);
      expect(audit.code, audit.stderr).to.equal(0);
      const csv = (await readFile(path.join(dir, "audit.csv"), "utf8")).trim().split("\n");
      expect(csv[0]).to.equal("block,time,transaction,contract,event,arguments,reference,reason");
      expect(csv.filter((line) => line.includes(",InvestorRegistry,InvestorRegistered,"))).to.have.length(8);
      expect(csv.at(-1)).to.match(
        new RegExp(
          `,test-note,Transfer,"from=0x0{40}; to=primary dealer \\(${DEALER}\\); value=1,500.5 TNOTE",${id("e2e allocation")},e2e allocation$`,
        ),
      );
    });
  });
}
