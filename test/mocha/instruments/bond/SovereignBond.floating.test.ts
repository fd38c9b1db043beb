import { expect } from "chai";
import {
  BOND,
  FACE,
  HOLDINGS,
  MATURITY,
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

  it("fixes a rate missed before its record date late, and the coupon is funded and paid at it, to the unit", async function () {
    const { bond, usd, rateSetter, treasurer, alice, bob, coupons, terms } = await floatingBond();
    await passRecordDate(coupons, 1); // record dates 0 and 1 passed, no rate fixed
    await expect(bond.connect(rateSetter).setCouponRate(1, 950)).to.emit(bond, "CouponRateFixed").withArgs(1n, 950n);
    await bond.connect(rateSetter).setCouponRate(1, 975); // corrected, still before funding
    const perToken = expectedPerToken(coupons, terms, 1, 975n);
    const supply = HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave;
    await expect(bond.connect(treasurer).fundCoupon(1))
      .to.emit(bond, "CouponFunded")
      .withArgs(1n, couponOf(supply, perToken), supply, perToken);
    await reachCouponDate(coupons, 1);
    await expect(bond.connect(alice).claimCoupon(1)).to.changeTokenBalances(
      ethers,
      usd,
      [alice],
      [couponOf(HOLDINGS.alice, perToken)],
    );
    await expect(bond.connect(treasurer).payCoupon(1, [bob.address])).to.changeTokenBalances(
      ethers,
      usd,
      [bob],
      [couponOf(HOLDINGS.bob, perToken)],
    );
  });

  it("refuses to change a rate once its coupon is funded, and the final rate once the redemption is", async function () {
    const { bond, rateSetter, treasurer, coupons } = await floatingBond();
    await bond.connect(rateSetter).setCouponRate(0, 900);
    await passRecordDate(coupons, 0);
    await bond.connect(treasurer).fundCoupon(0);
    await expect(bond.connect(rateSetter).setCouponRate(0, 950))
      .to.be.revertedWithCustomError(bond, "SovereignBondCouponAlreadyFunded")
      .withArgs(0n);
    expect((await bond.coupon(0)).rateBps).to.equal(900n);
    await bond.connect(rateSetter).setCouponRate(5, 800); // the final coupon: until the redemption is funded
    await networkHelpers.time.increaseTo(MATURITY);
    await bond.connect(rateSetter).setCouponRate(5, 820); // after maturity, still unfunded
    await bond.connect(treasurer).fundRedemption();
    await expect(bond.connect(rateSetter).setCouponRate(5, 850))
      .to.be.revertedWithCustomError(bond, "SovereignBondCouponAlreadyFunded")
      .withArgs(5n);
    expect((await bond.coupon(5)).rateBps).to.equal(820n);
  });

  it("a coupon funded without a rate pays the fallback: the last rate fixed for an earlier period, else 0", async function () {
    const { bond, usd, rateSetter, treasurer, alice, coupons, terms } = await floatingBond();
    const supply = HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave;
    await passRecordDate(coupons, 0);
    expect(await bond.couponPerToken(0)).to.equal(0n);
    await expect(bond.connect(treasurer).fundCoupon(0)).to.emit(bond, "CouponFunded").withArgs(0n, 0n, supply, 0n);
    await bond.connect(rateSetter).setCouponRate(1, 1_234);
    await bond.connect(rateSetter).setCouponRate(3, 1_500); // a later period fixed early does not count for period 2
    await passRecordDate(coupons, 2);
    const perToken = expectedPerToken(coupons, terms, 2, 1_234n);
    expect(await bond.couponPerToken(2)).to.equal(perToken);
    await expect(bond.connect(treasurer).fundCoupon(2))
      .to.emit(bond, "CouponFunded")
      .withArgs(2n, couponOf(supply, perToken), supply, perToken);
    const coupon = await bond.coupon(2);
    expect([coupon.rateBps, coupon.rateFixed]).to.deep.equal([1_234n, false]);
    // Fixing period 1 again later changes nothing for the funded period 2.
    await bond.connect(rateSetter).setCouponRate(1, 2_000);
    expect(await bond.couponPerToken(2)).to.equal(perToken);
    await reachCouponDate(coupons, 2);
    await expect(bond.connect(alice).claimCoupon(2)).to.changeTokenBalances(
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

  it("a final coupon never fixed: the bond is redeemed with its principal and the fallback coupon, to the unit", async function () {
    const { bond, usd, rateSetter, treasurer, treasuryWallet, alice, bob, dave, coupons, terms } = await floatingBond();
    await bond.connect(rateSetter).setCouponRate(2, 640);
    await bond.connect(rateSetter).setCouponRate(4, 710); // the last rate fixed before the final period
    await bond.connect(rateSetter).setCouponRate(3, 690);
    await networkHelpers.time.increaseTo(MATURITY);
    const supply = HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave;
    // Independent computation: src/sdk/bond's calendar and day count, in bigint.
    const perToken = expectedPerToken(coupons, terms, 5, 710n);
    expect(perToken).to.equal(35_500_000n); // a regular half year at 7.10% of 1,000 dollars
    const payout = (amount: bigint) => (amount * FACE) / BOND + (amount * perToken) / BOND;
    const due = (supply * FACE) / BOND + (supply * perToken) / BOND;
    expect(await bond.redemptionDue()).to.equal(due);
    await expect(bond.connect(treasurer).fundRedemption()).to.changeTokenBalances(
      ethers,
      usd,
      [treasuryWallet, bond],
      [-due, due],
    );
    // A fixing after the redemption is funded changes nothing for it.
    await bond.connect(rateSetter).setCouponRate(4, 900);
    expect(await bond.redemptionDue()).to.equal(0n);
    await expect(bond.connect(alice).redeem(HOLDINGS.alice)).to.changeTokenBalances(
      ethers,
      usd,
      [alice],
      [payout(HOLDINGS.alice)],
    );
    await bond.connect(treasurer).redeemFor([bob.address, dave.address]);
    expect(await usd.balanceOf(bob.address)).to.equal(payout(HOLDINGS.bob));
    expect(await usd.balanceOf(dave.address)).to.equal(payout(HOLDINGS.dave));
    expect(await bond.totalSupply()).to.equal(0n);
    expect(await bond.redemptionPaid()).to.equal(payout(HOLDINGS.alice) + payout(HOLDINGS.bob) + payout(HOLDINGS.dave));
  });

  it("a surplus sweep after funding unlocks nothing: the final rate and its fallback stay those funded", async function () {
    const { bond, usd, issuer, rateSetter, treasurer, alice, bob, dave, coupons, terms } = await floatingBond();
    await bond.connect(rateSetter).setCouponRate(4, 710); // the fallback of the final coupon
    await networkHelpers.time.increaseTo(MATURITY);
    await bond.connect(treasurer).fundRedemption();
    const perToken = expectedPerToken(coupons, terms, 5, 710n);
    const payout = (amount: bigint) => (amount * FACE) / BOND + couponOf(amount, perToken);
    await bond.connect(issuer).burn(alice.address, HOLDINGS.alice); // all of Alice's bonds, bought back
    await bond.connect(treasurer).redeemFor([bob.address]);
    await expect(bond.connect(treasurer).sweepRedemptionSurplus())
      .to.emit(bond, "RedemptionSurplusSwept")
      .withArgs(payout(HOLDINGS.alice));
    await expect(bond.connect(rateSetter).setCouponRate(5, 2_000))
      .to.be.revertedWithCustomError(bond, "SovereignBondCouponAlreadyFunded")
      .withArgs(5n);
    await bond.connect(rateSetter).setCouponRate(4, 3_000); // a later fixing of the period before
    expect(await bond.couponPerToken(5)).to.equal(perToken);
    expect(await bond.redemptionDue()).to.equal(0n);
    await expect(bond.connect(dave).redeem(HOLDINGS.dave)).to.changeTokenBalances(
      ethers,
      usd,
      [dave],
      [payout(HOLDINGS.dave)],
    );
    expect(await bond.totalSupply()).to.equal(0n);
  });

  it("a floating bond never fixed at all is redeemed at its face value (fallback 0 bps)", async function () {
    const { bond, usd, treasurer, alice } = await floatingBond();
    await networkHelpers.time.increaseTo(MATURITY);
    const supply = HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave;
    await expect(bond.connect(treasurer).fundRedemption())
      .to.emit(bond, "RedemptionFunded")
      .withArgs((supply * FACE) / BOND);
    await expect(bond.connect(alice).redeem(HOLDINGS.alice)).to.changeTokenBalances(
      ethers,
      usd,
      [alice],
      [(HOLDINGS.alice * FACE) / BOND],
    );
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
