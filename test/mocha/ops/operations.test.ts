import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ZeroAddress, id } from "ethers";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { InvestorRegistry, SovereignToken } from "../../../typechain-types/index.js";
import { contextFor, type OpsContext } from "../../../src/ops/context.js";
import { importInvestors, revokeInvestors, updateInvestor } from "../../../src/ops/investors.js";
import type { Connection } from "../../../src/ops/network.js";
import { toCsv } from "../../../src/ops/output.js";
import { auditRow, auditTrail, capTable } from "../../../src/ops/reports.js";
import {
  burn,
  forcedTransfer,
  freeze,
  mint,
  mintFromFile,
  recoverWallet,
  setPaused,
  unfreeze,
} from "../../../src/ops/token.js";
import { applyPolicy } from "../../../src/ops/token-settings.js";
import { ROOT, deployForTest, expectOpsError, loadTestManifest, tempDir, writeCsv } from "./helpers.js";

const SAMPLE = "issuances/sample-note.json";
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const ALLOCATIONS = path.join(ROOT, "issuances/allocations.sample.csv");
const UNIT = 1_000_000n; // 6 decimals

describe("ops: investor, token and report operations (embedded chain)", function () {
  let connection: Connection;
  before(async function () {
    connection = await hre.network.create();
  });
  after(async function () {
    await connection.close();
  });

  /** The sample issuance deployed, its investors imported (accounts 6 to 13). */
  async function sampleIssuance() {
    const deployed = await deployForTest(connection, await loadTestManifest(SAMPLE));
    await importInvestors(deployed.ctx, INVESTORS, { progress: false });
    return deployed;
  }

  /**
   * The sample issuance as a fixture, with a fresh ops log and output for each test (the chain
   * goes back to the snapshot, the files would not).
   */
  async function setup() {
    const deployed = await connection.networkHelpers.loadFixture(sampleIssuance);
    const lines: string[] = [];
    const ctx: OpsContext = await contextFor(connection, deployed.ctx.manifest, deployed.record, {
      stateDir: await tempDir(),
      task: "test",
      out: (line) => lines.push(line),
    });
    const signers = await connection.ethers.getSigners();
    const registry: InvestorRegistry = await connection.ethers.getContractAt(
      "InvestorRegistry",
      deployed.record.registry!,
    );
    const token: SovereignToken = await connection.ethers.getContractAt(
      "SovereignToken",
      deployed.record.instruments["sample-note"].address,
    );
    const [dealer, fund, exchange, accredited] = signers.slice(6, 10).map((s: HardhatEthersSigner) => s.address);
    return { ctx, lines, signers, registry, token, dealer, fund, exchange, accredited };
  }

  describe("investors import", function () {
    it("registered every row of the file with its exact data, in chunks", async function () {
      const { ctx, registry } = await setup();
      const dir = await tempDir();
      const file = await writeCsv(dir, "more.csv", [
        "wallet,investorId,country,category,expiresAt",
        "0x2546BcD3c84621e976D8185a91A922aE77ECEc30,0x1111111111111111111111111111111111111111111111111111111111111111,586,retail,2028-01-01",
        "0xbDA5747bFD65F08deb54cb465eB87D40e51B197E,0x2222222222222222222222222222222222222222222222222222222222222222,784,2,2028-01-01",
        "0xdD2FD4581271e230360230F9337D5c0430Bf44C0,0x3333333333333333333333333333333333333333333333333333333333333333,GB,institutional,2028-01-01T12:00:00Z",
      ]);
      const result = await importInvestors(ctx, file, { chunk: 2, progress: false });
      expect([
        result.register.length,
        result.update.length,
        result.unchanged.length,
        result.transactions,
      ]).to.deep.equal([3, 0, 0, 2]);
      const stored = await registry.investorOf("0xdD2FD4581271e230360230F9337D5c0430Bf44C0");
      expect([stored.investorId, stored.country, stored.category, stored.expiresAt, stored.revoked]).to.deep.equal([
        `0x${"33".repeat(32)}`,
        826n,
        3n,
        1_830_340_800n,
        false,
      ]);
      const logged = (await ctx.log.entries()).filter((e) => e.status === "confirmed");
      expect(logged.map((e) => [e.action, e.from, (e.args?.lines as number[]).join(" ")])).to.deep.equal([
        ["registerInvestors", (await connection.ethers.getSigners())[1].address, "2 3"],
        ["registerInvestors", (await connection.ethers.getSigners())[1].address, "4"],
      ]);
    });

    it("sends nothing when run again on the same file", async function () {
      const { ctx } = await setup();
      const block = await connection.ethers.provider.getBlockNumber();
      const result = await importInvestors(ctx, INVESTORS, { progress: false });
      expect([
        result.register.length,
        result.update.length,
        result.unchanged.length,
        result.transactions,
      ]).to.deep.equal([0, 0, 8, 0]);
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
    });

    it("updates a changed row with updateInvestor and registers a revoked wallet again", async function () {
      const { ctx, registry, dealer, fund } = await setup();
      await revokeInvestors(ctx, [fund], { reason: "test" });
      expect(await registry.isVerified(fund)).to.equal(false);
      const rows = (await readFile(INVESTORS, "utf8")).trim().split("\n");
      const changed = rows.map((row) => (row.startsWith(dealer) ? row.replace("2027-12-31", "2029-12-31") : row));
      const file = await writeCsv(await tempDir(), "renewed.csv", changed);
      const result = await importInvestors(ctx, file, { progress: false });
      expect(result.update.map((r) => r.wallet)).to.deep.equal([dealer]);
      expect(result.register.map((r) => r.wallet)).to.deep.equal([fund]);
      expect(result.transactions).to.equal(2);
      expect((await registry.investorOf(dealer)).expiresAt).to.equal(1_893_369_600n); // 2029-12-31
      expect(await registry.isVerified(fund)).to.equal(true);
    });

    it("prints the plan and sends nothing with --dry-run", async function () {
      const { ctx, lines } = await setup();
      const file = await writeCsv(await tempDir(), "new.csv", [
        "wallet,investorId,country,category,expiresAt",
        "0x2546BcD3c84621e976D8185a91A922aE77ECEc30,0x1111111111111111111111111111111111111111111111111111111111111111,586,retail,2028-01-01",
      ]);
      const block = await connection.ethers.provider.getBlockNumber();
      const result = await importInvestors(ctx, file, { dryRun: true, progress: false });
      expect(result.transactions).to.equal(0);
      expect(lines).to.deep.equal([
        `${file}: 1 valid row(s): 1 to register (1 transaction(s) of up to 100), 0 to update (one transaction each), 0 already registered with the same data`,
        "  register 0x2546BcD3c84621e976D8185a91A922aE77ECEc30 id 0x11111111... country 586 (PK) retail until 2028-01-01T00:00:00Z",
      ]);
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
    });

    it("refuses to send from an account without KYC_AGENT_ROLE", async function () {
      const { ctx, registry, signers } = await setup();
      const treasury = signers[2].address;
      await expectOpsError(
        updateInvestor(ctx, { wallet: signers[6].address, country: 784 }, { from: treasury }),
        `--from ${treasury} does not hold KYC_AGENT_ROLE on ${await registry.getAddress()}`,
      );
    });

    it("investors update changes the given fields only", async function () {
      const { ctx, registry, dealer } = await setup();
      const before = await registry.investorOf(dealer);
      await updateInvestor(ctx, { wallet: dealer, country: 784, category: 3 });
      const after = await registry.investorOf(dealer);
      expect([after.investorId, after.country, after.category, after.expiresAt]).to.deep.equal([
        before.investorId,
        784n,
        3n,
        before.expiresAt,
      ]);
      await expectOpsError(
        updateInvestor(ctx, { wallet: "0x2546BcD3c84621e976D8185a91A922aE77ECEc30", country: 784 }),
        "0x2546BcD3c84621e976D8185a91A922aE77ECEc30 is not registered: import it instead",
      );
    });
  });

  describe("token operations", function () {
    it("mints to a wallet and logs the transaction with its reason", async function () {
      const { ctx, token, dealer } = await setup();
      const receipt = await mint(ctx, dealer, "1000.25", { reason: "auction 2026-11" });
      expect(await token.balanceOf(dealer)).to.equal(1000_250_000n);
      const [intent, sent, confirmed] = await ctx.log.entries();
      expect(intent).to.include({ status: "intent", action: "mint", nonce: sent.nonce });
      expect(sent).to.include({
        task: "test",
        status: "sent",
        action: "mint",
        contract: "sample-note",
        txHash: receipt.hash,
      });
      expect(confirmed).to.include({ status: "confirmed", reason: "auction 2026-11", block: receipt.blockNumber });
      expect(confirmed.args).to.deep.equal({ to: dealer, amount: "1000.25" });
    });

    it("sends nothing to a network that is not local without --yes", async function () {
      const { ctx, token, dealer } = await setup();
      const remote: OpsContext = { ...ctx, network: { ...ctx.network, name: "mainnet", local: false } };
      await expectOpsError(
        mint(remote, dealer, "1"),
        "network mainnet (chain 31337) is not local: check the plan above, then run the same command with --yes",
      );
      expect(await token.totalSupply()).to.equal(0n);
      await mint({ ...remote, yes: true }, dealer, "1");
      expect(await token.totalSupply()).to.equal(UNIT);
    });

    it("turns a refused call into an error naming the contract's error", async function () {
      const { ctx, dealer } = await setup();
      await expectOpsError(
        mint(ctx, dealer, "50000000.000001"),
        `sample-note.mint refused: RegulatedTokenMaxBalanceExceeded: ${dealer} would hold 50,000,000.000001 SSN, ` +
          "above the maximum balance per wallet of 50,000,000 SSN",
      );
      await expectOpsError(
        mint(ctx, dealer, "1.0000001"),
        '--amount: got "1.0000001", expected at most 6 decimals (the token has 6)',
      );
      expect(await ctx.log.entries()).to.deep.equal([]);
    });

    it("mints the allocations of a file exactly once, a second run sending nothing", async function () {
      const { ctx, token, dealer, accredited } = await setup();
      expect(await mintFromFile(ctx, ALLOCATIONS, { chunk: 3, progress: false })).to.deep.equal({
        sent: 2,
        skipped: 0,
      });
      expect(await token.balanceOf(dealer)).to.equal(2_500_000n * UNIT);
      expect(await token.balanceOf(accredited)).to.equal(100_000_500_000n);
      expect(await token.totalSupply()).to.equal(6_050_000_500_000n);
      expect(await mintFromFile(ctx, ALLOCATIONS, { chunk: 3, progress: false })).to.deep.equal({
        sent: 0,
        skipped: 2,
      });
      expect(await token.totalSupply()).to.equal(6_050_000_500_000n);
    });

    it("freezes and unfreezes a wallet, and amounts of its tokens", async function () {
      const { ctx, token, dealer } = await setup();
      await mint(ctx, dealer, "1000");
      await freeze(ctx, dealer, "100");
      await freeze(ctx, dealer, "50.5");
      expect(await token.getFrozenTokens(dealer)).to.equal(150_500_000n);
      await expectOpsError(
        unfreeze(ctx, dealer, "150.500001"),
        `--amount: got 150.500001, expected at most the 150.5 SSN frozen of ${dealer}`,
      );
      await unfreeze(ctx, dealer, "150.5");
      expect(await token.getFrozenTokens(dealer)).to.equal(0n);
      await freeze(ctx, dealer, undefined);
      expect(await token.isAddressFrozen(dealer)).to.equal(true);
      await unfreeze(ctx, dealer, undefined);
      expect(await token.isAddressFrozen(dealer)).to.equal(false);
    });

    it("forces a transfer only with a reason, which the log and the audit trail keep", async function () {
      const { ctx, token, dealer, fund } = await setup();
      await mint(ctx, dealer, "1000");
      await expectOpsError(
        forcedTransfer(ctx, dealer, fund, "10", { reason: " " }),
        "--reason is required for a forced transfer",
      );
      const receipt = await forcedTransfer(ctx, dealer, fund, "250", { reason: "court order 2026/117" });
      expect([await token.balanceOf(dealer), await token.balanceOf(fund)]).to.deep.equal([750n * UNIT, 250n * UNIT]);
      const events = await auditTrail(ctx);
      const forced = events.find((e) => e.event === "ForcedTransfer")!;
      expect(forced).to.include({ transaction: receipt.hash, contract: "sample-note", reason: "court order 2026/117" });
      expect(forced.args).to.deep.equal({ from: dealer, to: fund, amount: "250000000" });
    });

    it("recovers a lost wallet to another wallet of the same investor", async function () {
      const { ctx, token, registry, dealer } = await setup();
      const spare = "0x2546BcD3c84621e976D8185a91A922aE77ECEc30";
      const dealerRecord = await registry.investorOf(dealer);
      const file = await writeCsv(await tempDir(), "spare.csv", [
        "wallet,investorId,country,category,expiresAt",
        `${spare},${dealerRecord.investorId},586,primaryDealer,2028-01-01`,
      ]);
      await importInvestors(ctx, file, { progress: false });
      await mint(ctx, dealer, "500");
      await recoverWallet(ctx, dealer, spare, { reason: "lost key, ticket 42" });
      expect([await token.balanceOf(dealer), await token.balanceOf(spare)]).to.deep.equal([0n, 500n * UNIT]);
      await expectOpsError(
        recoverWallet(ctx, spare, dealer.toLowerCase()),
        `--replacement: got "${dealer.toLowerCase()}", expected a checksummed address`,
      );
    });

    it("names the role when no configured account holds it", async function () {
      const { ctx, token, signers } = await setup();
      await token.connect(signers[0]).revokeRole(id("PAUSER_ROLE"), signers[5].address);
      await expectOpsError(
        setPaused(ctx, true),
        `none of the 20 account(s) configured for network default holds PAUSER_ROLE on ${await token.getAddress()}; ` +
          "configure the key of a holder (config variable or keystore) for this network",
      );
    });

    it("burns, pauses and unpauses", async function () {
      const { ctx, token, dealer } = await setup();
      await mint(ctx, dealer, "10");
      await burn(ctx, dealer, "4");
      expect(await token.balanceOf(dealer)).to.equal(6n * UNIT);
      await setPaused(ctx, true, { reason: "incident" });
      expect(await token.paused()).to.equal(true);
      await expectOpsError(mint(ctx, dealer, "1"), "sample-note.mint refused: EnforcedPause: The token is paused");
      await setPaused(ctx, false);
      expect(await token.paused()).to.equal(false);
    });

    it("a repeated pause, unpause, wallet freeze or unfreeze sends nothing and says the state is in place", async function () {
      const { ctx, token, dealer, lines } = await setup();
      const provider = token.runner!.provider!;
      const twice = async (run: () => Promise<unknown>, said: string) => {
        await run();
        const block = await provider.getBlockNumber();
        lines.length = 0;
        await run();
        expect(await provider.getBlockNumber(), said).to.equal(block);
        expect(lines, said).to.include(said);
      };
      await twice(() => setPaused(ctx, true), "sample-note: the token is paused already: nothing to send");
      await twice(() => setPaused(ctx, false), "sample-note: the token is not paused: nothing to send");
      await twice(
        () => freeze(ctx, dealer, undefined),
        `sample-note: wallet ${dealer} is frozen already: nothing to send`,
      );
      await twice(
        () => unfreeze(ctx, dealer, undefined),
        `sample-note: wallet ${dealer} is not frozen: nothing to send`,
      );
      expect([await token.paused(), await token.isAddressFrozen(dealer)]).to.deep.equal([false, false]);
    });

    it("brings the policy to the manifest's, then finds nothing to change", async function () {
      const { ctx, token, lines } = await setup();
      const manifest = await loadTestManifest(SAMPLE, (json) => {
        const policy = (json.instruments as { policy: Record<string, unknown> }[])[0].policy;
        policy.countries = [586, 840];
        policy.maxHolders = 0;
        delete policy.lockUpEnd;
      });
      const changed = { ...ctx, manifest };
      await applyPolicy(changed, { dryRun: true });
      expect(lines).to.deep.equal([
        "sample-note: setCountriesAllowed([840 (US)], true)",
        "sample-note: setCountriesAllowed([784 (AE), 826 (GB)], false)",
        "sample-note: setMaxHolders(0)",
        "sample-note: setLockUpEnd(none)",
      ]);
      expect(await token.isCountryAllowed(840)).to.equal(false);
      expect(await applyPolicy(changed)).to.have.length(4);
      expect([
        await token.isCountryAllowed(840),
        await token.isCountryAllowed(784),
        await token.maxHolders(),
        await token.lockUpEndsAt(),
      ]).to.deep.equal([true, false, 0n, 0n]);
      expect(await applyPolicy(changed)).to.deep.equal([]);
      expect(lines.at(-1)).to.equal("sample-note: the policy on chain is the manifest's; nothing to send");
    });

    /** `ctx` with the sample manifest whose policy names `module` (or leaves it out). */
    async function withModule(ctx: OpsContext, module: string | undefined): Promise<OpsContext> {
      const manifest = await loadTestManifest(SAMPLE, (json) => {
        const policy = (json.instruments as { policy: Record<string, unknown> }[])[0].policy;
        if (module !== undefined) policy.complianceModule = module;
      });
      return { ...ctx, manifest };
    }

    it("sets, changes and removes the compliance module; a re-run sends nothing", async function () {
      const { ctx, token, lines, signers } = await setup();
      const first = await (await connection.ethers.deployContract("ComplianceModuleMock")).getAddress();
      const second = await (await connection.ethers.deployContract("ComplianceModuleMock")).getAddress();
      const complianceDesk = signers[4].address;

      await applyPolicy(await withModule(ctx, first), { dryRun: true });
      expect(lines).to.deep.equal([`sample-note: setComplianceModule(${first})`]);
      expect(await token.complianceModule()).to.equal(ZeroAddress);
      const [set] = await applyPolicy(await withModule(ctx, first));
      expect(await token.complianceModule()).to.equal(first);
      const event = token.interface.parseLog(set.logs[0]);
      expect([event?.name, event?.args[0]]).to.deep.equal(["ComplianceModuleSet", first]);

      const block = await connection.ethers.provider.getBlockNumber();
      expect(await applyPolicy(await withModule(ctx, first))).to.deep.equal([]);
      expect(lines.at(-1)).to.equal("sample-note: the policy on chain is the manifest's; nothing to send");
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);

      expect(await applyPolicy(await withModule(ctx, second))).to.have.length(1);
      expect(lines.at(-1)).to.equal(`sample-note: setComplianceModule(${second})`);
      expect(await token.complianceModule()).to.equal(second);

      expect(await applyPolicy(await withModule(ctx, "none"))).to.have.length(1);
      expect(lines.at(-1)).to.equal("sample-note: setComplianceModule(none)");
      expect(await token.complianceModule()).to.equal(ZeroAddress);
      // "none" and a policy without the field are the same: nothing to send either way.
      expect(await applyPolicy(await withModule(ctx, "none"))).to.deep.equal([]);
      expect(await applyPolicy(ctx)).to.deep.equal([]);

      const sent = (await ctx.log.entries()).filter((e) => e.status === "confirmed");
      expect(sent.map((e) => [e.action, e.from, e.args?.change])).to.deep.equal([
        ["setComplianceModule", complianceDesk, `setComplianceModule(${first})`],
        ["setComplianceModule", complianceDesk, `setComplianceModule(${second})`],
        ["setComplianceModule", complianceDesk, "setComplianceModule(none)"],
      ]);
    });

    it("refuses a caller without COMPLIANCE_ROLE and a module that is not a contract, sending nothing", async function () {
      const { ctx, token, signers } = await setup();
      const module = await (await connection.ethers.deployContract("ComplianceModuleMock")).getAddress();
      const operations = signers[5].address; // PAUSER_ROLE only
      await expect(token.connect(signers[5]).setComplianceModule(module))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(operations, id("COMPLIANCE_ROLE"));
      const block = await connection.ethers.provider.getBlockNumber();
      await expectOpsError(
        applyPolicy(await withModule(ctx, module), { from: operations }),
        `--from ${operations} does not hold COMPLIANCE_ROLE on ${await token.getAddress()}`,
      );
      const nothing = "0x000000000000000000000000000000000000dEaD";
      for (const dryRun of [true, false]) {
        await expectOpsError(
          applyPolicy(await withModule(ctx, nothing), { dryRun }),
          `test.json: instruments[0].policy.complianceModule: got "${nothing}", expected a deployed compliance module ` +
            "(no contract at this address on network default)",
        );
      }
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
      expect(await token.complianceModule()).to.equal(ZeroAddress);
      expect(await ctx.log.entries()).to.deep.equal([]);
    });
  });

  describe("reports", function () {
    it("gives the cap table at the latest block and at an earlier one", async function () {
      const { ctx, dealer, fund, exchange } = await setup();
      await mint(ctx, dealer, "700");
      await mint(ctx, fund, "300");
      const earlier = await connection.ethers.provider.getBlockNumber();
      await forcedTransfer(ctx, dealer, exchange, "100", { reason: "test" });

      const now = await capTable(ctx);
      expect([now.totalSupply, now.holders]).to.deep.equal(["1000", 3]);
      expect(now.rows).to.deep.equal([
        row(dealer, "600", "60.00%", "586 (PK)", "primaryDealer"),
        row(fund, "300", "30.00%", "586 (PK)", "institutional"),
        row(exchange, "100", "10.00%", "784 (AE)", "exchangeOmnibus"),
      ]);
      // The investor file's labels, once imported on this machine, name the holders (nothing is sent again).
      await importInvestors(ctx, INVESTORS, { progress: false });
      expect((await capTable(ctx)).rows.map((r) => r.holder)).to.deep.equal([
        "primary dealer",
        "pension fund",
        "exchange omnibus (AE)",
      ]);
      const before = await capTable(ctx, { block: earlier });
      expect(before.rows.map((r) => [r.wallet, r.balance])).to.deep.equal([
        [dealer, "700"],
        [fund, "300"],
      ]);
      const start = ctx.record.startBlock;
      await expectOpsError(
        capTable(ctx, { block: start }),
        `--block: got ${start}, expected a block after ${start}, when the deployment began`,
      );
    });

    it("lists every event of the issuance, decoded, in order", async function () {
      const { ctx, dealer } = await setup();
      await mint(ctx, dealer, "5");
      const events = await auditTrail(ctx);
      const names = events.map((e) => `${e.contract}.${e.event}`);
      expect(names.filter((n) => n === "InvestorRegistry.InvestorRegistered")).to.have.length(8);
      expect(names).to.include.members([
        "InvestorRegistry.RoleGranted",
        "sample-note.RegistryChanged",
        "sample-note.CountryRestrictionSet",
        "sample-note.MaxBalanceSet",
      ]);
      const transfer = events.at(-1)!;
      expect(transfer.event).to.equal("Transfer");
      expect(auditRow(transfer).arguments).to.equal(
        `from=0x0000000000000000000000000000000000000000; to=${dealer}; value=5 SSN`,
      );
      expect(events.every((e, i) => i === 0 || e.block >= events[i - 1].block)).to.equal(true);
    });

    it("writes CSV that spreadsheets read back", function () {
      expect(
        toCsv(
          ["a", "b"],
          [
            { a: 'say "hi"', b: "x,y" },
            { a: 1n, b: true },
          ],
        ),
      ).to.equal('a,b\n"say ""hi""","x,y"\n1,true\n');
    });
  });
});

function row(wallet: string, balance: string, share: string, country: string, category: string) {
  const holder = wallet; // no label known on this machine: the address
  return { holder, wallet, balance, share, frozenTokens: "0", walletFrozen: false, verified: true, country, category };
}
