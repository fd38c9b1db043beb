import { expect } from "chai";
import { network } from "hardhat";
import { Country, InvestorCategory, investorIdOf } from "../../../../src/sdk/investors.js";
import {
  DayCountConvention,
  SECONDS_PER_DAY,
  accrualFraction,
  couponPerToken,
  couponSchedule,
  timeFromIso,
} from "../../../../src/sdk/bond/index.js";
import { debtSecurityLibraries } from "../../fixtures.js";

/** Its own chain: the test moves the clock 29 years. */
const { ethers, networkHelpers } = await network.create();

const BOND = 10n ** 18n;
const USD = 10n ** 6n;
const FACE = 1_000n * USD;
const RATE_BPS = 637n;
const ISSUE = timeFromIso("2031-01-15");
const MATURITY = timeFromIso("2061-01-15");
const RECORD_OFFSET = 5n * SECONDS_PER_DAY;
/** Long enough for 29 years of coupons to stay claimable. */
const CLAIM_WINDOW = 31n * 365n * SECONDS_PER_DAY;
const HOLDING = 2_500n * BOND + 987_654_321n;
/** The bound asserted on a recovery: independent of the number of coupons (the old loop took 10.6 M gas). */
const RECOVERY_GAS_BOUND = 1_000_000n;

describe("SovereignBond: recovery of a long-unpaid holder of a 30-year monthly bond", function () {
  it("costs bounded gas, and the replacement is then paid every owed coupon to the unit; the lost wallet is not", async function () {
    this.timeout(300_000);
    const [admin, kycAgent, treasurer, enforcer, treasuryWallet, lost, replacement, other] = await ethers.getSigners();
    const registry = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
    await registry.connect(admin).grantRole(await registry.KYC_AGENT_ROLE(), kycAgent.address);
    const register = (wallet: string, reference: string) =>
      registry
        .connect(kycAgent)
        .registerInvestor(
          wallet,
          investorIdOf("test-salt", reference),
          Country.PAKISTAN,
          InvestorCategory.INSTITUTIONAL,
          timeFromIso("2070-01-01"),
        );
    await register(lost.address, "KYC-LONG");
    await register(replacement.address, "KYC-LONG");
    await register(other.address, "KYC-OTHER");
    const usd = await ethers.deployContract("SettlementTokenMock");
    const logic = await ethers.deployContract("SovereignBondLogic");
    const libraries = { SovereignBondLogic: await logic.getAddress(), ...(await debtSecurityLibraries(ethers)) };
    const terms = {
      couponFrequency: 12n,
      floatingRate: false,
      couponRateBps: RATE_BPS,
      dayCount: DayCountConvention.ACT_ACT_ICMA,
      recordDateOffset: RECORD_OFFSET,
      claimWindow: CLAIM_WINDOW,
      isSukuk: false,
      assetDocumentsHash: "0x" + "00".repeat(32),
    };
    const bond = await ethers.deployContract(
      "SovereignBond",
      [
        "Long bond",
        "LB61",
        18,
        await registry.getAddress(),
        admin.address,
        0,
        {
          isin: "PK0000A12348",
          settlementToken: await usd.getAddress(),
          treasury: treasuryWallet.address,
          faceValue: FACE,
          issueDate: ISSUE,
          maturityDate: MATURITY,
        },
        terms,
      ],
      { libraries },
    );
    await bond.connect(admin).grantRole(await bond.ISSUER_ROLE(), admin.address);
    await bond.connect(admin).grantRole(await bond.TREASURY_ROLE(), treasurer.address);
    await bond.connect(admin).grantRole(await bond.ENFORCEMENT_ROLE(), enforcer.address);
    await bond.connect(admin).mint(lost.address, HOLDING);
    await bond.connect(admin).mint(other.address, 1_000n * BOND);
    await usd.mint(treasuryWallet.address, 10n ** 30n);
    await usd.connect(treasuryWallet).approve(await bond.getAddress(), ethers.MaxUint256);

    const coupons = couponSchedule({ issueDate: ISSUE, maturityDate: MATURITY, frequency: 12n });
    expect(coupons.length).to.equal(360);
    expect(await bond.couponCount()).to.equal(360n);
    // 29 years later: 348 coupons paid by the treasury into the bond, none claimed by the lost wallet.
    const unpaid = 348;
    await networkHelpers.time.increaseTo(coupons[unpaid - 1].date);
    for (let period = 0; period < unpaid; ++period) await bond.connect(treasurer).fundCoupon(period);

    const receipt = await (await bond.connect(enforcer).recoverWallet(lost.address, replacement.address)).wait();
    expect(receipt!.gasUsed).to.be.lessThan(RECOVERY_GAS_BOUND);
    expect(await bond.couponPayee(lost.address, unpaid - 1)).to.equal(replacement.address);

    // Independent computation: src/sdk/bond's schedule and day count, in bigint.
    const perToken = (period: number) =>
      couponPerToken(FACE, RATE_BPS, accrualFraction(coupons[period], 12n, DayCountConvention.ACT_ACT_ICMA));
    let owed = 0n;
    for (let period = 0; period < unpaid; ++period) owed += (HOLDING * perToken(period)) / BOND;
    const periods = [...Array(unpaid).keys()];
    await expect(bond.connect(lost).claimCoupons([0]))
      .to.be.revertedWithCustomError(bond, "SovereignBondEntitlementMoved")
      .withArgs(0n, lost.address, replacement.address);
    const before = await usd.balanceOf(replacement.address);
    for (let start = 0; start < unpaid; start += 87) {
      await bond.connect(replacement).claimCouponsOf(lost.address, periods.slice(start, start + 87));
    }
    expect((await usd.balanceOf(replacement.address)) - before).to.equal(owed);
    expect(await usd.balanceOf(lost.address)).to.equal(0n);
    for (const period of [0, 200, unpaid - 1]) {
      expect(await bond.couponDue(lost.address, period)).to.equal(0n);
      const coupon = await bond.coupon(period);
      expect(coupon.paid).to.be.at.most(coupon.funded);
    }
    await expect(bond.connect(replacement).claimCouponsOf(lost.address, [unpaid - 1]))
      .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
      .withArgs(BigInt(unpaid - 1), lost.address);
  });
});
