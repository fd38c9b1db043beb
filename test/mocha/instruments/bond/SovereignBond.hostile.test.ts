import { expect } from "chai";
import { ZeroAddress } from "ethers";
import {
  FIXED_TERMS,
  HOLDINGS,
  bonds,
  couponOf,
  expectedPerToken,
  passRecordDate,
  reachCouponDate,
} from "./fixtures.js";

describe("SovereignBond: hostile settlement tokens", function () {
  it("refuses to fund a coupon in a token that delivers less than the amount (fee on transfer)", async function () {
    const { bond, treasurer, coupons } = (await bonds()).feeOnTransfer;
    await passRecordDate(coupons, 0);
    const supply = HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave;
    const amount = couponOf(supply, expectedPerToken(coupons, FIXED_TERMS, 0));
    await expect(bond.connect(treasurer).fundCoupon(0))
      .to.be.revertedWithCustomError(bond, "DebtSecurityTransferAmountMismatch")
      .withArgs(amount, amount - amount / 100n);
  });

  it("a token that returns false: the claim reverts, the page skips the holder, who keeps its entitlement", async function () {
    const { bond, falseUsd, treasurer, alice, bob, coupons } = (await bonds()).falseReturning;
    await passRecordDate(coupons, 0);
    await bond.connect(treasurer).fundCoupon(0);
    await reachCouponDate(coupons, 0);
    await falseUsd.setFailing(alice.address, true);
    await expect(bond.connect(alice).claimCoupon(0))
      .to.be.revertedWithCustomError(bond, "SafeERC20FailedOperation")
      .withArgs(await falseUsd.getAddress());
    const reason = bond.interface.encodeErrorResult("SafeERC20FailedOperation", [await falseUsd.getAddress()]);
    const perToken = expectedPerToken(coupons, FIXED_TERMS, 0);
    await expect(bond.connect(treasurer).payCoupon(0, [alice.address, bob.address]))
      .to.emit(bond, "CouponPaymentSkipped")
      .withArgs(0n, alice.address, reason)
      .and.to.emit(bond, "CouponPaid")
      .withArgs(0n, bob.address, couponOf(HOLDINGS.bob, perToken));
    expect(await bond.couponDue(alice.address, 0)).to.equal(couponOf(HOLDINGS.alice, perToken));
    await falseUsd.setFailing(alice.address, false);
    await expect(bond.connect(alice).claimCoupon(0)).to.emit(bond, "CouponPaid");
  });

  it("a token that calls back into the bond during a payment cannot re-enter it", async function () {
    const { bond, reentrantUsd, treasurer, alice, coupons } = (await bonds()).reentrant;
    await passRecordDate(coupons, 1);
    await bond.connect(treasurer).fundCoupon(0);
    await bond.connect(treasurer).fundCoupon(1);
    await reachCouponDate(coupons, 1);
    // While paying coupon 0, the token calls claimCoupon(1) on the bond.
    const claimNext = bond.interface.encodeFunctionData("claimCoupon", [1n]);
    await reentrantUsd.setHook(ZeroAddress, await bond.getAddress(), claimNext);
    await expect(bond.connect(alice).claimCoupon(0)).to.be.revertedWithCustomError(
      bond,
      "ReentrancyGuardReentrantCall",
    );
  });
});
