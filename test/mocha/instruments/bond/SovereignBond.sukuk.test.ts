import { expect } from "chai";
import {
  CLAIM_WINDOW,
  FIXED_TERMS,
  HOLDINGS,
  bonds,
  couponOf,
  expectedPerToken,
  networkHelpers,
  passRecordDate,
  reachCouponDate,
} from "./fixtures.js";

describe("SovereignBond as an Ijara sukuk: rentals", function () {
  it("funds, pays, skips and sweeps rentals, with rental events and no coupon events", async function () {
    const { bond, treasurer, alice, outsider, coupons } = (await bonds()).sukuk;
    const perToken = expectedPerToken(coupons, FIXED_TERMS, 0);
    const supply = HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave;
    const funded = couponOf(supply, perToken);
    await passRecordDate(coupons, 0);
    await expect(bond.connect(treasurer).fundCoupon(0))
      .to.emit(bond, "RentalFunded")
      .withArgs(0n, funded, supply, perToken)
      .and.not.to.emit(bond, "CouponFunded");
    await reachCouponDate(coupons, 0);
    const paid = couponOf(HOLDINGS.alice, perToken);
    await expect(bond.connect(alice).claimCoupon(0))
      .to.emit(bond, "RentalPaid")
      .withArgs(0n, alice.address, paid)
      .and.not.to.emit(bond, "CouponPaid");
    const reason = bond.interface.encodeErrorResult("ERC7943CannotSend", [outsider.address]);
    await expect(bond.connect(treasurer).payCoupon(0, [outsider.address]))
      .to.emit(bond, "RentalPaymentSkipped")
      .withArgs(0n, outsider.address, reason)
      .and.not.to.emit(bond, "CouponPaymentSkipped");
    await networkHelpers.time.increaseTo(coupons[0].date + CLAIM_WINDOW);
    await expect(bond.connect(treasurer).sweepUnclaimed(0))
      .to.emit(bond, "RentalUnclaimedSwept")
      .withArgs(0n, funded - paid)
      .and.not.to.emit(bond, "CouponUnclaimedSwept");
  });

  it("fixes floating rental rates with a rental event", async function () {
    const { bond, rateSetter } = (await bonds()).floatingSukuk;
    await expect(bond.connect(rateSetter).setCouponRate(0, 990))
      .to.emit(bond, "RentalRateFixed")
      .withArgs(0n, 990n)
      .and.not.to.emit(bond, "CouponRateFixed");
  });
});
