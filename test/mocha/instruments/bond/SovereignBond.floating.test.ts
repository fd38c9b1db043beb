import { expect } from "chai";
import {
  BOND,
  FACE,
  HOLDINGS,
  MATURITY,
  RECORD_OFFSET,
  couponOf,
  fixedBond,
  floatingBond,
  ethers,
  expectedPerToken,
  networkHelpers,
  passRecordDate,
  reachCouponDate,
} from "./fixtures.js";

describe("SovereignBond: floating rate", function () {
  it("the rate setter fixes a period's rate before its record date, and may correct it until then", async function () {
    const { bond, rateSetter, coupons, terms } = await floatingBond();
    await expect(bond.connect(rateSetter).setCouponRate(0, 1_100))
      .to.emit(bond, "CouponRateFixed")
      .withArgs(0n, 1_100n);
    await expect(bond.connect(rateSetter).setCouponRate(0, 1_050))
      .to.emit(bond, "CouponRateFixed")
      .withArgs(0n, 1_050n);
    expect(await bond.couponPerToken(0)).to.equal(expectedPerToken(coupons, terms, 0, 1_050n));
    const coupon = await bond.coupon(0);
    expect([coupon.rateBps, coupon.rateFixed]).to.deep.equal([1_050n, true]);
  });

  it("refuses to fix a rate at or after the record date", async function () {
    const { bond, rateSetter, coupons } = await floatingBond();
    const recordDate = coupons[1].date - RECORD_OFFSET;
    await networkHelpers.time.setNextBlockTimestamp(recordDate - 1n);
    await bond.connect(rateSetter).setCouponRate(1, 900); // the last second before it
    await networkHelpers.time.setNextBlockTimestamp(recordDate);
    await expect(bond.connect(rateSetter).setCouponRate(1, 950))
      .to.be.revertedWithCustomError(bond, "SovereignBondRecordDatePassed")
      .withArgs(1n, recordDate);
    expect((await bond.coupon(1)).rateBps).to.equal(900n);
  });

  it("a period without a rate cannot be funded; with one, it pays at that rate", async function () {
    const { bond, usd, rateSetter, treasurer, alice, coupons, terms } = await floatingBond();
    await bond.connect(rateSetter).setCouponRate(1, 1_234);
    await passRecordDate(coupons, 0);
    await expect(bond.connect(treasurer).fundCoupon(0))
      .to.be.revertedWithCustomError(bond, "SovereignBondRateNotFixed")
      .withArgs(0n);
    await passRecordDate(coupons, 1);
    await bond.connect(treasurer).fundCoupon(1);
    await reachCouponDate(coupons, 1);
    const perToken = expectedPerToken(coupons, terms, 1, 1_234n);
    await expect(bond.connect(alice).claimCoupon(1)).to.changeTokenBalances(
      ethers,
      usd,
      [alice],
      [couponOf(HOLDINGS.alice, perToken)],
    );
  });

  it("a rate of zero is a rate: the period is funded with nothing and pays nothing", async function () {
    const { bond, rateSetter, treasurer, alice, coupons } = await floatingBond();
    await bond.connect(rateSetter).setCouponRate(0, 0);
    await passRecordDate(coupons, 0);
    await expect(bond.connect(treasurer).fundCoupon(0))
      .to.emit(bond, "CouponFunded")
      .withArgs(0n, 0n, HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave, 0n);
    await reachCouponDate(coupons, 0);
    await expect(bond.connect(alice).claimCoupon(0))
      .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
      .withArgs(0n, alice.address);
  });

  it("the redemption cannot be funded without the final period's rate", async function () {
    const { bond, treasurer } = await floatingBond();
    await networkHelpers.time.increaseTo(MATURITY);
    await expect(bond.connect(treasurer).fundRedemption())
      .to.be.revertedWithCustomError(bond, "SovereignBondRateNotFixed")
      .withArgs(5n);
    await expect(bond.redemptionDue()).to.be.revertedWithCustomError(bond, "SovereignBondRateNotFixed").withArgs(5n);
  });

  it("with the final period's rate, the redemption pulls the principal and the final coupon", async function () {
    const { bond, rateSetter, treasurer, coupons, terms } = await floatingBond();
    await bond.connect(rateSetter).setCouponRate(5, 800);
    await networkHelpers.time.increaseTo(MATURITY);
    const supply = HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave;
    const finalCoupon = couponOf(supply, expectedPerToken(coupons, terms, 5, 800n));
    await expect(bond.connect(treasurer).fundRedemption())
      .to.emit(bond, "RedemptionFunded")
      .withArgs((supply * FACE) / BOND + finalCoupon);
  });

  it("a fixed-rate bond has no rate to fix", async function () {
    const { bond, rateSetter } = await fixedBond();
    await expect(bond.connect(rateSetter).setCouponRate(0, 100)).to.be.revertedWithCustomError(
      bond,
      "SovereignBondNotFloating",
    );
  });

  it("takes setCouponRate(uint256,uint256) and refuses a rate above 65,535 bps (kept in 16 bits)", async function () {
    const { bond, rateSetter } = await floatingBond();
    expect(bond.interface.getFunction("setCouponRate")!.selector).to.equal(
      ethers.id("setCouponRate(uint256,uint256)").slice(0, 10),
    );
    await expect(bond.connect(rateSetter).setCouponRate(0, 65_536))
      .to.be.revertedWithCustomError(bond, "SafeCastOverflowedUintDowncast")
      .withArgs(16n, 65_536n);
    await bond.connect(rateSetter).setCouponRate(0, 65_535);
    expect((await bond.coupon(0)).rateBps).to.equal(65_535n);
  });

  it("refuses a period that does not exist", async function () {
    const { bond, rateSetter } = await floatingBond();
    await expect(bond.connect(rateSetter).setCouponRate(6, 100))
      .to.be.revertedWithCustomError(bond, "CouponScheduleInvalidCoupon")
      .withArgs(6n, 6n);
  });
});
