import { expect } from "chai";
import { readFile } from "node:fs/promises";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { LocalTestDollar, SovereignBond } from "../../../typechain-types/index.js";
import { fixCouponRate, fundCoupon, payCoupon, readHolderFile, sweepUnclaimed } from "../../../src/ops/bond.js";
import { contextFor, type OpsContext } from "../../../src/ops/context.js";
import { writeRecord } from "../../../src/ops/deployments.js";
import { fundRedemption, redeemFor } from "../../../src/ops/debt.js";
import { couponReport } from "../../../src/ops/instrument-reports.js";
import { importInvestors } from "../../../src/ops/investors.js";
import type { Connection } from "../../../src/ops/network.js";
import { mint } from "../../../src/ops/token.js";
import {
  deployForTest,
  expectOpsError,
  loadTestManifest,
  expectRefusedWithoutSending,
  taskActionRunner,
  tempDir,
  writeCsv,
} from "./helpers.js";

const BONDS = "issuances/bonds-2026-12.json";
const FIXED = "bond-3y-2029";
const FRN = "frn-10y-2036";
const UNIT = 1_000_000n; // 6 decimals, bonds and the test dollar

/** Registers accounts 6 (dealer), 7 (pension fund) and 8 (exchange omnibus) until 2040, past the bonds' maturity. */
async function investorsFile(connection: Connection): Promise<string> {
  const signers = await connection.ethers.getSigners();
  const id = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
  return writeCsv(await tempDir(), "investors.csv", [
    "wallet,investorId,country,category,expiresAt",
    `${signers[6].address},${id(1)},586,primaryDealer,2040-01-01`,
    `${signers[7].address},${id(2)},586,institutional,2040-01-01`,
    `${signers[8].address},${id(3)},784,exchangeOmnibus,2040-01-01`,
  ]);
}

describe("ops: bond tasks and the coupon report (embedded chain)", function () {
  let connection: Connection;
  before(async function () {
    connection = await hre.network.create();
  });
  after(async function () {
    await connection.close();
  });

  /**
   * Both bonds deployed, three investors registered, 200,000 of each bond minted to the dealer and
   * 100,000 to the pension fund; before the first record date the dealer sells 50,000.333333 of
   * the fixed-rate bond to the exchange (an odd amount, so that the coupon leaves rounding dust).
   */
  async function issuance() {
    const deployed = await deployForTest(connection, await loadTestManifest(BONDS));
    await importInvestors(deployed.ctx, await investorsFile(connection), { progress: false });
    const signers = await connection.ethers.getSigners();
    for (const instrument of [FIXED, FRN]) {
      await mint(deployed.ctx, signers[6].address, "200000", { instrument });
      await mint(deployed.ctx, signers[7].address, "100000", { instrument });
    }
    const fixed: SovereignBond = await connection.ethers.getContractAt(
      "SovereignBond",
      deployed.record.instruments[FIXED].address,
    );
    await (await fixed.connect(signers[6]).transfer(signers[8].address, 50_000_333_333n)).wait();
    return deployed;
  }

  async function setup() {
    const deployed = await connection.networkHelpers.loadFixture(issuance);
    const lines: string[] = [];
    const ctx: OpsContext = await contextFor(connection, deployed.ctx.manifest, deployed.record, {
      stateDir: await tempDir(),
      task: "test",
      out: (line) => lines.push(line),
    });
    const signers = await connection.ethers.getSigners();
    const at = (id: string) =>
      connection.ethers.getContractAt("SovereignBond", deployed.record.instruments[id].address);
    const fixed: SovereignBond = await at(FIXED);
    const frn: SovereignBond = await at(FRN);
    const cash: LocalTestDollar = await connection.ethers.getContractAt(
      "LocalTestDollar",
      await fixed.settlementToken(),
    );
    const [dealer, fund, exchange] = signers.slice(6, 9).map((s: HardhatEthersSigner) => s.address);
    return { ctx, lines, signers, fixed, frn, cash, treasury: signers[2], dealer, fund, exchange };
  }

  const blockNumber = () => connection.ethers.provider.getBlockNumber();

  const refusedWithoutSending = (work: Promise<unknown>, message: RegExp | string) =>
    expectRefusedWithoutSending(connection, work, message);

  describe("bond fix-rate", function () {
    it("fixes a floating rate in basis points; the same rate again sends nothing", async function () {
      const { ctx, lines, frn } = await setup();
      await fixCouponRate(ctx, "0", "12.25", { instrument: FRN, reason: "6M reference 11.50% + 0.75%" });
      const coupon = await frn.coupon(0);
      expect([coupon.rateBps, coupon.rateFixed]).to.deep.equal([1225n, true]);
      // ACT/365F, 15 Dec 2026 to 15 Jun 2027 = 182 days: 100 * 12.25% * 182 / 365, rounded down.
      expect(await frn.couponPerToken(0)).to.equal((100n * UNIT * 1225n * 182n) / (10_000n * 365n));
      const before = await blockNumber();
      await fixCouponRate(ctx, 0, "12.25", { instrument: FRN });
      expect(await blockNumber()).to.equal(before);
      expect(lines).to.include(`${FRN}: the rate of coupon 0 is fixed at 12.25% already: nothing to send`);
      await fixCouponRate(ctx, 0, "12.5", { instrument: FRN });
      expect((await frn.coupon(0)).rateBps).to.equal(1250n);
    });

    it("refuses bad input, a fixed-rate bond, a funded coupon and a caller without the role, sending nothing", async function () {
      const { ctx, frn, treasury } = await setup();
      const options = { instrument: FRN };
      await refusedWithoutSending(
        fixCouponRate(ctx, "20", "12.25", options),
        `--period: got "20", expected a coupon number from 0 to 19 (${FRN} has 20 coupons)`,
      );
      await refusedWithoutSending(fixCouponRate(ctx, "-1", "12.25", options), /^--period: got "-1", expected/);
      for (const rate of ["12.255", "abc", "700", "-1", "1e2"]) {
        await refusedWithoutSending(
          fixCouponRate(ctx, 0, rate, options),
          `--rate: got "${rate}", expected a percent with at most 2 decimals, at most 655.35, as 12.25`,
        );
      }
      await refusedWithoutSending(
        fixCouponRate(ctx, 0, "12.25", { instrument: FIXED }),
        `${FIXED} is a fixed-rate bond (11.75% in its terms): only a floating-rate bond's rates are fixed`,
      );
      await refusedWithoutSending(
        fixCouponRate(ctx, 0, "12.25", { ...options, from: treasury.address }),
        `--from ${treasury.address} does not hold RATE_SETTER_ROLE on ${await frn.getAddress()}`,
      );
      // After its record date, a rate may still be fixed until its coupon is funded.
      await connection.networkHelpers.time.increaseTo((await frn.recordDate(0)) + 1n);
      await fixCouponRate(ctx, 0, "12.25", options);
      const frnCash = await connection.ethers.getContractAt("SettlementTokenMock", await frn.settlementToken());
      await (await frnCash.mint(await frn.treasury(), 10_000_000n * UNIT)).wait();
      await fundCoupon(ctx, 0, options);
      await refusedWithoutSending(
        fixCouponRate(ctx, 0, "12.5", options),
        `${FRN}: coupon 0 is funded already: its rate can no longer change`,
      );
    });
  });

  describe("bond fund-coupon", function () {
    it("pulls supply at record x per-token from the treasury, once; a re-run sends nothing", async function () {
      const { ctx, lines, fixed, cash, treasury, signers } = await setup();
      await refusedWithoutSending(
        fundCoupon(ctx, 0, { instrument: FIXED }),
        `${FIXED}: coupon 0 can be funded after its record date 2027-05-31T00:00:00Z, not before`,
      );
      await connection.networkHelpers.time.increaseTo((await fixed.recordDate(0)) + 1n);
      // After the record date: a sale changes neither the supply nor the entitlements of record.
      await (await fixed.connect(signers[6]).transfer(signers[7].address, 10_000n * UNIT)).wait();
      // ACT/ACT-ICMA, a regular half-year: 100 * 11.75% / 2 per bond; 300,000 bonds at the record date.
      const perToken = (100n * UNIT * 1175n) / (10_000n * 2n);
      const expected = (300_000n * UNIT * perToken) / UNIT;
      expect(expected).to.equal(1_762_500n * UNIT);
      await (await cash.mint(treasury.address, expected)).wait();
      expect(await fundCoupon(ctx, "0", { instrument: FIXED, reason: "budget line 7" })).to.equal(expected);
      expect(await cash.balanceOf(treasury.address)).to.equal(0n);
      expect(await cash.balanceOf(await fixed.getAddress())).to.equal(expected);
      const coupon = await fixed.coupon(0);
      expect([coupon.funded, coupon.perToken, coupon.status]).to.deep.equal([expected, perToken, 1n]);
      const before = await blockNumber();
      expect(await fundCoupon(ctx, 0, { instrument: FIXED })).to.equal(0n);
      expect(await blockNumber()).to.equal(before);
      expect(lines).to.include(`${FIXED}: coupon 0 is funded already (1,762,500 TUSD): nothing to send`);
    });

    it("refuses the final coupon, a period out of range, an unfixed rate and a caller without the role, sending nothing", async function () {
      const { ctx, fixed, frn, cash, treasury, signers } = await setup();
      await connection.networkHelpers.time.increaseTo((await fixed.recordDate(0)) + 1n);
      await (await cash.mint(treasury.address, 10_000_000n * UNIT)).wait();
      await refusedWithoutSending(
        fundCoupon(ctx, 5, { instrument: FIXED }),
        `--period: got "5", expected a coupon number from 0 to 4 (${FIXED} has 6 coupons; coupon 5, the last, is paid with the principal (bond redeem-for))`,
      );
      await refusedWithoutSending(fundCoupon(ctx, "1.5", { instrument: FIXED }), /^--period: got "1.5"/);
      await refusedWithoutSending(
        fundCoupon(ctx, 0, { instrument: FRN }),
        `${FRN}: coupon 0 has no rate fixed: fix its rate first (bond fix-rate); funded without one, it would pay the fallback rate`,
      );
      // The rate desk holds RATE_SETTER_ROLE, not TREASURY_ROLE: not even the approval is sent.
      await refusedWithoutSending(
        fundCoupon(ctx, 0, { instrument: FIXED, from: signers[16].address }),
        `--from ${signers[16].address} does not hold TREASURY_ROLE on ${await fixed.getAddress()}`,
      );
      expect(await cash.allowance(treasury.address, await fixed.getAddress())).to.equal(0n);
      expect((await frn.coupon(0)).status).to.equal(0n);
    });
  });

  /** Coupon 0 of the fixed-rate bond funded, the chain at its coupon date. */
  async function funded() {
    const s = await setup();
    await connection.networkHelpers.time.increaseTo((await s.fixed.recordDate(0)) + 1n);
    await (await s.cash.mint(s.treasury.address, 1_762_500n * UNIT)).wait();
    await fundCoupon(s.ctx, 0, { instrument: FIXED });
    await connection.networkHelpers.time.increaseTo(await s.fixed.couponDate(0));
    return s;
  }

  describe("bond pay-coupon", function () {
    it("pays every holder still due, balance at record x per-token, in pages; a re-run pays only those left", async function () {
      const { ctx, lines, fixed, cash, dealer, fund, exchange, signers } = await funded();
      // After the record date the dealer sells; its coupon stays that of its balance at the record date.
      await (await fixed.connect(signers[6]).transfer(fund, 20_000n * UNIT)).wait();
      const perToken = 5_875_000n;
      const atRecord = { [dealer]: 149_999_666_667n, [fund]: 100_000n * UNIT, [exchange]: 50_000_333_333n };
      const expected = Object.fromEntries(Object.entries(atRecord).map(([h, b]) => [h, (b * perToken) / UNIT]));
      expect(expected[dealer]).to.equal(881_248_041_668n); // 881,248.041668625 rounded down
      const before = Object.fromEntries(
        await Promise.all([dealer, fund, exchange].map(async (h) => [h, await cash.balanceOf(h)] as const)),
      );
      // A first run paid the pension fund alone, then stopped.
      const first = await payCoupon(ctx, 0, [fund], { instrument: FIXED });
      expect(first.paid).to.deep.equal([{ holder: fund, amount: "587500" }]);
      // The re-run, for every holder of record, pays the two left, one per transaction.
      const start = await blockNumber();
      const second = await payCoupon(ctx, "0", undefined, { instrument: FIXED, page: 1 });
      expect(await blockNumber()).to.equal(start + 2);
      expect(second.paid).to.have.deep.members([
        { holder: dealer, amount: "881248.041668" },
        { holder: exchange, amount: "293751.958331" },
      ]);
      expect(second.skipped).to.deep.equal([]);
      for (const holder of [dealer, fund, exchange]) {
        expect((await cash.balanceOf(holder)) - before[holder]).to.equal(expected[holder]);
        expect(await fixed.couponDue(holder, 0)).to.equal(0n);
      }
      const coupon = await fixed.coupon(0);
      const paid = expected[dealer] + expected[fund] + expected[exchange];
      expect(coupon.paid).to.equal(paid);
      expect(coupon.funded - paid).to.equal(1n); // the rounding dust
      // Once more: nobody is due, nothing is sent.
      const after = await blockNumber();
      expect(await payCoupon(ctx, 0, undefined, { instrument: FIXED })).to.deep.equal({ paid: [], skipped: [] });
      await payCoupon(ctx, 0, [dealer], { instrument: FIXED });
      expect(await blockNumber()).to.equal(after);
      expect(lines).to.include(`${FIXED}: nobody is still due coupon 0: nothing to send`);
      expect(lines).to.include(`  ${dealer}: nothing due (paid already, or no bonds at the record date)`);
    });

    it("reports a holder who cannot be paid; it keeps its entitlement and is paid on a later run", async function () {
      const { ctx, lines, fixed, cash, exchange, signers } = await funded();
      await (await fixed.connect(signers[3]).setAddressFrozen(exchange, true)).wait();
      const { paid, skipped } = await payCoupon(ctx, 0, undefined, { instrument: FIXED });
      expect(paid.map((p) => p.holder)).to.have.members([signers[6].address, signers[7].address]);
      const reason = `ERC7943CannotSend: ${exchange} may not send: not verified, frozen, or its country or category is not allowed`;
      expect(skipped).to.deep.equal([{ holder: exchange, reason }]);
      expect(lines).to.include(`  SKIPPED ${exchange}: ${reason} (keeps its entitlement)`);
      expect(await fixed.couponDue(exchange, 0)).to.equal(293_751_958_331n);
      await (await fixed.connect(signers[3]).setAddressFrozen(exchange, false)).wait();
      const before = await cash.balanceOf(exchange);
      const again = await payCoupon(ctx, 0, undefined, { instrument: FIXED });
      expect(again.paid).to.deep.equal([{ holder: exchange, amount: "293751.958331" }]);
      expect((await cash.balanceOf(exchange)) - before).to.equal(293_751_958_331n);
    });

    it("reads holders from a file; refuses bad holders, pages, an unfunded coupon, the wrong time and a caller without the role", async function () {
      const { ctx, fixed, dealer, fund, signers } = await funded();
      const dir = await tempDir();
      expect(await readHolderFile(await writeCsv(dir, "ok.csv", ["wallet", dealer, fund]))).to.deep.equal([
        dealer,
        fund,
      ]);
      const badFile = await writeCsv(dir, "bad.csv", ["wallet", dealer.toLowerCase(), fund, fund]);
      await expectOpsError(
        readHolderFile(badFile),
        `${badFile}: 2 bad row(s), nothing was sent:\n` +
          `${badFile}:2: wallet: got "${dealer.toLowerCase()}", expected a checksummed address (EIP-55)\n` +
          `${badFile}:4: wallet: got "${fund}", expected each wallet once`,
      );
      await refusedWithoutSending(
        payCoupon(ctx, 0, [dealer, dealer.toLowerCase()], { instrument: FIXED }),
        `--holders: got "${dealer.toLowerCase()}", expected checksummed addresses`,
      );
      await refusedWithoutSending(
        payCoupon(ctx, 0, undefined, { instrument: FIXED, page: 0 }),
        "--page: got 0, expected a whole number of holders of at least 1",
      );
      await refusedWithoutSending(
        payCoupon(ctx, 1, undefined, { instrument: FIXED }),
        `${FIXED}: coupon 1 is not funded: fund it first (bond fund-coupon)`,
      );
      await refusedWithoutSending(
        payCoupon(ctx, 0, undefined, { instrument: FIXED, from: signers[16].address }),
        `--from ${signers[16].address} does not hold TREASURY_ROLE on ${await fixed.getAddress()}`,
      );
      const closesAt = (await fixed.couponDate(0)) + (await fixed.bondTerms()).claimWindow;
      await connection.networkHelpers.time.increaseTo(closesAt);
      await refusedWithoutSending(
        payCoupon(ctx, 0, undefined, { instrument: FIXED }),
        `${FIXED}: the claim window of coupon 0 closed at 2028-06-14T00:00:00Z (sweep it instead)`,
      );
    });
  });

  describe("bond sweep", function () {
    it("after the claim window, sends the unpaid rest to the treasury once", async function () {
      const { ctx, lines, fixed, cash, treasury, fund } = await funded();
      await payCoupon(ctx, 0, [fund], { instrument: FIXED });
      await refusedWithoutSending(
        sweepUnclaimed(ctx, 0, { instrument: FIXED }),
        `${FIXED}: the claim window of coupon 0 is open until 2028-06-14T00:00:00Z: sweep after`,
      );
      await refusedWithoutSending(
        sweepUnclaimed(ctx, 1, { instrument: FIXED }),
        `${FIXED}: coupon 1 is not funded: there is nothing to sweep`,
      );
      await connection.networkHelpers.time.increaseTo(
        (await fixed.couponDate(0)) + (await fixed.bondTerms()).claimWindow,
      );
      const rest = 1_762_500n * UNIT - 587_500n * UNIT;
      const before = await cash.balanceOf(treasury.address);
      expect(await sweepUnclaimed(ctx, "0", { instrument: FIXED })).to.equal(rest);
      expect((await cash.balanceOf(treasury.address)) - before).to.equal(rest);
      expect(await cash.balanceOf(await fixed.getAddress())).to.equal(0n);
      expect((await fixed.coupon(0)).status).to.equal(2n);
      const block = await blockNumber();
      expect(await sweepUnclaimed(ctx, 0, { instrument: FIXED })).to.equal(0n);
      expect(await fundCoupon(ctx, 0, { instrument: FIXED })).to.equal(0n);
      expect(await blockNumber()).to.equal(block);
      expect(lines).to.include(`${FIXED}: coupon 0 was swept already: nothing to send`);
    });
  });

  describe("bond fund-redemption and redeem-for (shared with the T-bill)", function () {
    it("funds face value and final coupon of the supply, redeems every holder, and re-runs send nothing", async function () {
      const { ctx, lines, fixed, frn, cash, treasury, dealer, fund, exchange } = await setup();
      await refusedWithoutSending(
        fundRedemption(ctx, { instrument: FIXED, kind: "treasuryBill" }),
        `instrument "${FIXED}" is a sovereignBond, not a treasuryBill`,
      );
      // No rate fixed for the floating final coupon: the redemption needs the face value alone (fallback 0 bps).
      expect(await frn.redemptionDue()).to.equal(((await frn.totalSupply()) * (await frn.faceValue())) / UNIT);
      expect(await frn.redemptionFunded()).to.equal(0n);
      await connection.networkHelpers.time.increaseTo(await fixed.maturityDate());
      // 300,000 bonds: face value 100 and the final coupon 5.875 each.
      const due = 300_000n * 100n * UNIT + 300_000n * 5_875_000n;
      await (await cash.mint(treasury.address, due)).wait();
      expect(await fundRedemption(ctx, { instrument: FIXED, kind: "sovereignBond" })).to.equal(due);
      expect(await cash.balanceOf(treasury.address)).to.equal(0n);
      const before = await Promise.all([dealer, fund, exchange].map((h) => cash.balanceOf(h)));
      const { redeemed, skipped } = await redeemFor(ctx, undefined, { instrument: FIXED });
      expect(skipped).to.deep.equal([]);
      const balances = [149_999_666_667n, 100_000n * UNIT, 50_000_333_333n];
      const paid = balances.map((b) => (b * 100n * UNIT) / UNIT + (b * 5_875_000n) / UNIT);
      expect(redeemed.map((r) => [r.holder, r.amount])).to.have.deep.members([
        [dealer, "149999.666667"],
        [fund, "100000"],
        [exchange, "50000.333333"],
      ]);
      for (const [i, holder] of [dealer, fund, exchange].entries()) {
        expect((await cash.balanceOf(holder)) - before[i]).to.equal(paid[i]);
      }
      expect(await fixed.totalSupply()).to.equal(0n);
      const block = await blockNumber();
      expect(await fundRedemption(ctx, { instrument: FIXED })).to.equal(0n);
      expect(await redeemFor(ctx, undefined, { instrument: FIXED })).to.deep.equal({ redeemed: [], skipped: [] });
      expect(await blockNumber()).to.equal(block);
      expect(lines).to.include(`${FIXED}: no holder to redeem`);
    });

    it("refuses to fund a floating bond's redemption before its final rate is fixed, sending nothing; funds it once fixed", async function () {
      const { ctx, frn } = await setup();
      const cash = await connection.ethers.getContractAt("LocalTestDollar", await frn.settlementToken());
      await refusedWithoutSending(
        fundRedemption(ctx, { instrument: FRN }),
        `${FRN}: coupon 19, the final one, has no rate fixed: fix its rate first (bond fix-rate); ` +
          "the first funding of the redemption would fix it at the fallback rate for good",
      );
      expect(await frn.redemptionFunded()).to.equal(0n);
      await fixCouponRate(ctx, 19, "12.25", { instrument: FRN });
      const due = await frn.redemptionDue();
      expect(due).to.be.greaterThan(((await frn.totalSupply()) * (await frn.faceValue())) / UNIT);
      await (await cash.mint(await frn.treasury(), due)).wait();
      expect(await fundRedemption(ctx, { instrument: FRN })).to.equal(due);
      expect(await frn.redemptionFunded()).to.equal(due);
    });
  });

  describe("the task actions (tasks/bond, tasks/report/coupons)", function () {
    it("parse their options, send through src/ops/bond.ts, and end with a clean error on bad input", async function () {
      const { fixed, frn, cash, treasury, dealer } = await setup();
      // The embedded chain keeps no deployment record: write the fixture's where the actions read it.
      const stateDir = await tempDir();
      await writeRecord(stateDir, (await connection.networkHelpers.loadFixture(issuance)).record);
      const run = taskActionRunner(connection, {
        manifest: BONDS,
        stateDir,
        yes: false,
        from: undefined,
        reason: undefined,
      });
      expect(await run("bond/fix-rate", { instrument: FRN, period: "0", rate: "12.25" })).to.deep.include({
        success: true,
      });
      expect((await frn.coupon(0)).rateBps).to.equal(1225n);
      const before = await blockNumber();
      expect(await run("bond/fix-rate", { instrument: FIXED, period: "0", rate: "12.25" })).to.deep.equal({
        success: false,
        error: `${FIXED} is a fixed-rate bond (11.75% in its terms): only a floating-rate bond's rates are fixed`,
      });
      expect(await run("bond/fund-coupon", { instrument: FIXED, period: undefined })).to.deep.equal({
        success: false,
        error: "--period is required",
      });
      expect(
        await run("bond/pay-coupon", { instrument: FIXED, period: "0", holders: dealer, file: "x.csv", page: 100 }),
      ).to.deep.equal({ success: false, error: "--holders and --file: give one of them, not both" });
      expect(await blockNumber()).to.equal(before);
      await connection.networkHelpers.time.increaseTo((await fixed.recordDate(0)) + 1n);
      await (await cash.mint(treasury.address, 1_762_500n * UNIT)).wait();
      expect(await run("bond/fund-coupon", { instrument: FIXED, period: "0" })).to.deep.include({ success: true });
      expect((await fixed.coupon(0)).funded).to.equal(1_762_500n * UNIT);
      await connection.networkHelpers.time.increaseTo(await fixed.couponDate(0));
      const file = await writeCsv(await tempDir(), "holders.csv", ["wallet", dealer]);
      expect(
        await run("bond/pay-coupon", { instrument: FIXED, period: "0", holders: undefined, file, page: 100 }),
      ).to.deep.include({ success: true });
      expect(await fixed.couponDue(dealer, 0)).to.equal(0n);
      expect(await run("bond/sweep", { instrument: FIXED, period: "0" })).to.deep.equal({
        success: false,
        error: `${FIXED}: the claim window of coupon 0 is open until 2028-06-14T00:00:00Z: sweep after`,
      });
      const out = await tempDir();
      const csv = `${out}/coupons.csv`;
      const json = `${out}/coupons.json`;
      expect(await run("report/coupons", { instrument: FIXED, holder: undefined, csv, json })).to.deep.include({
        success: true,
      });
      const schedule = (await readFile(csv, "utf8")).trim().split("\n");
      expect(schedule[0]).to.equal("period,couponDate,recordDate,rate,perToken,status,funded,paid");
      expect(schedule[1]).to.equal(
        "0,2027-06-15T00:00:00Z,2027-05-31T00:00:00Z,11.75%,5.875,funded,1762500,881248.041668",
      );
      const flows = (await readFile(`${out}/coupons-holders.csv`, "utf8")).trim().split("\n");
      expect(flows[0]).to.equal("holder,wallet,period,couponDate,balanceAtRecord,entitlement,paid,due");
      expect(flows).to.include(
        `${dealer},${dealer},0,2027-06-15T00:00:00Z,149999.666667,881248.041668,881248.041668,0`,
      );
      const parsed = JSON.parse(await readFile(json, "utf8")) as { schedule: unknown[]; flows: unknown[] };
      expect([parsed.schedule.length, parsed.flows.length]).to.deep.equal([6, 3]);
      expect(await run("bond/redeem-for", { instrument: FIXED, wallet: undefined })).to.deep.equal({
        success: false,
        error: `${FIXED} matures on 2029-12-15T00:00:00Z: redeem from then on`,
      });
      // Nothing funded for the redemption yet: no surplus, nothing sent.
      const sweepBlock = await connection.ethers.provider.getBlockNumber();
      expect(await run("bond/sweep-redemption", { instrument: FIXED })).to.deep.include({ success: true });
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(sweepBlock);
    });
  });

  describe("report coupons", function () {
    it("lists the schedule with statuses and amounts, and each holder's entitlement, payments and dues", async function () {
      const { ctx, fixed, fund, dealer, exchange } = await funded();
      await payCoupon(ctx, 0, [fund], { instrument: FIXED });
      const report = await couponReport(ctx, { instrument: FIXED });
      expect(report.payment).to.equal("coupon");
      expect(report.schedule).to.have.length(6);
      expect(report.schedule[0]).to.deep.equal({
        period: 0,
        couponDate: "2027-06-15T00:00:00Z",
        recordDate: "2027-05-31T00:00:00Z",
        rate: "11.75%",
        perToken: "5.875",
        status: "funded",
        funded: "1762500",
        paid: "587500",
      });
      expect(report.schedule.map((r) => r.status)).to.deep.equal([
        "funded",
        "scheduled",
        "scheduled",
        "scheduled",
        "scheduled",
        "at maturity",
      ]);
      expect(report.schedule[1].couponDate).to.equal("2027-12-15T00:00:00Z");
      expect(report.flows).to.have.deep.members([
        {
          holder: dealer,
          wallet: dealer,
          period: 0,
          couponDate: "2027-06-15T00:00:00Z",
          balanceAtRecord: "149999.666667",
          entitlement: "881248.041668",
          paid: "0",
          due: "881248.041668",
        },
        {
          holder: fund,
          wallet: fund,
          period: 0,
          couponDate: "2027-06-15T00:00:00Z",
          balanceAtRecord: "100000",
          entitlement: "587500",
          paid: "587500",
          due: "0",
        },
        {
          holder: exchange,
          wallet: exchange,
          period: 0,
          couponDate: "2027-06-15T00:00:00Z",
          balanceAtRecord: "50000.333333",
          entitlement: "293751.958331",
          paid: "0",
          due: "293751.958331",
        },
      ]);
      await payCoupon(ctx, 0, undefined, { instrument: FIXED });
      const after = await couponReport(ctx, { instrument: FIXED, holder: dealer });
      expect(after.schedule[0]).to.include({ status: "paid", paid: "1762499.999999" });
      expect(after.flows).to.deep.equal([
        {
          holder: dealer,
          wallet: dealer,
          period: 0,
          couponDate: "2027-06-15T00:00:00Z",
          balanceAtRecord: "149999.666667",
          entitlement: "881248.041668",
          paid: "881248.041668",
          due: "0",
        },
      ]);
      await expectOpsError(
        couponReport(ctx, { instrument: FIXED, holder: dealer.toLowerCase() }),
        `--holder: got "${dealer.toLowerCase()}", expected a checksummed address`,
      );
      expect(await fixed.couponDue(dealer, 0)).to.equal(0n);
    });

    it("quotes the accrued interest of one bond per 100 at the report's time: cum coupon, ex coupon, none", async function () {
      const { ctx } = await setup();
      // 2027-03-01: 76 days (17 + 31 + 28) of the 182-day period from 2026-12-15, 11.75 % on 100:
      // 5.875 * 76 / 182 = 2.4532967... dollars a bond, 2.453296 rounded down to the unit.
      await connection.networkHelpers.time.increaseTo(1_803_859_200n); // 2027-03-01T00:00:00Z
      const cum = await couponReport(ctx, { instrument: FIXED });
      expect([cum.time, cum.accruedPer100]).to.deep.equal(["2027-03-01T00:00:00Z", "2.453296"]);
      // The floating-rate bond's first rate is not fixed yet: nothing to quote.
      expect((await couponReport(ctx, { instrument: FRN })).accruedPer100).to.equal("");
      // 2027-06-10, after the record date 2027-05-31: 177 days accrued (5.713598) less the coupon 5.875.
      await connection.networkHelpers.time.increaseTo(1_812_585_600n); // 2027-06-10T00:00:00Z
      expect((await couponReport(ctx, { instrument: FIXED })).accruedPer100).to.equal("-0.161402");
    });

    it("shows a floating rate not fixed yet, then fixed, and an unfunded coupon whose record date passed", async function () {
      const { ctx, frn } = await setup();
      const before = await couponReport(ctx, { instrument: FRN });
      expect(before.schedule).to.have.length(20);
      expect(before.schedule[0]).to.include({ rate: "not fixed", perToken: "", status: "scheduled" });
      await fixCouponRate(ctx, 0, "12.25", { instrument: FRN });
      await connection.networkHelpers.time.increaseTo((await frn.recordDate(0)) + 1n);
      const after = await couponReport(ctx, { instrument: FRN });
      const perToken = (100n * UNIT * 1225n * 182n) / (10_000n * 365n);
      expect(after.schedule[0]).to.include({ rate: "12.25%", perToken: "6.108219", status: "unfunded", funded: "0" });
      expect(perToken).to.equal(6_108_219n);
      expect(after.flows.find((f) => f.balanceAtRecord === "200000")).to.deep.include({
        period: 0,
        entitlement: "1221643.8", // 200,000 x 6.108219
        paid: "0",
        due: "1221643.8",
      });
    });
  });
});
