import { expect } from "chai";
import { ZeroAddress } from "ethers";
import {
  FIXED_TERMS,
  HOLDINGS,
  bonds,
  couponOf,
  ethers,
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

  describe("a token that calls the holder's code (hooks) cannot take a coupon page down", function () {
    it("a holder whose hook burns all its gas is skipped alone, the others are paid, the page stays cheap", async function () {
      const { bond, hookUsd, hostile, treasurer, alice, bob, coupons } = (await bonds()).hooked;
      const hostileAddress = await hostile.getAddress();
      await passRecordDate(coupons, 0);
      await bond.connect(treasurer).fundCoupon(0);
      await reachCouponDate(coupons, 0);
      await hostile.setMode(1, 0);
      const perToken = expectedPerToken(coupons, FIXED_TERMS, 0);
      // Just under a transaction's gas cap (2**24, EIP-7825): a step given all remaining gas could burn millions.
      const tx = await bond
        .connect(treasurer)
        .payCoupon(0, [alice.address, hostileAddress, bob.address], { gasLimit: 16_000_000n });
      const receipt = (await tx.wait())!;
      await expect(tx).to.emit(bond, "CouponPaid").withArgs(0n, alice.address, couponOf(HOLDINGS.alice, perToken));
      await expect(tx).to.emit(bond, "CouponPaymentSkipped").withArgs(0n, hostileAddress, "0x");
      await expect(tx).to.emit(bond, "CouponPaid").withArgs(0n, bob.address, couponOf(HOLDINGS.bob, perToken));
      await expect(tx).to.changeTokenBalances(
        ethers,
        hookUsd,
        [alice, bob, hostile],
        [couponOf(HOLDINGS.alice, perToken), couponOf(HOLDINGS.bob, perToken), 0n],
      );
      // The hostile step burnt at most its bound (400,000), not the 16 million the page was sent with.
      expect(receipt.gasUsed).to.be.lessThan(1_000_000n);
      // Its entitlement is kept: paid once its hook accepts.
      expect(await bond.couponDue(hostileAddress, 0)).to.equal(couponOf(HOLDINGS.dave, perToken));
      await hostile.setMode(0, 0);
      await expect(bond.connect(treasurer).payCoupon(0, [hostileAddress]))
        .to.emit(bond, "CouponPaid")
        .withArgs(0n, hostileAddress, couponOf(HOLDINGS.dave, perToken));
    });

    it("a page sent with too little gas for a step's bound reverts, instead of skipping an honest holder", async function () {
      const { bond, treasurer, alice, bob, dave, coupons } = (await bonds()).fixed;
      await passRecordDate(coupons, 0);
      await bond.connect(treasurer).fundCoupon(0);
      await reachCouponDate(coupons, 0);
      const holders = [alice.address, bob.address, dave.address];
      const estimate = await bond.connect(treasurer).payCoupon.estimateGas(0, holders);
      await expect(
        bond.connect(treasurer).payCoupon(0, holders, { gasLimit: estimate - 50_000n }),
      ).to.be.revertedWithCustomError(bond, "DebtSecurityBatchGasShort");
      await expect(bond.connect(treasurer).payCoupon(0, holders, { gasLimit: estimate })).not.to.emit(
        bond,
        "CouponPaymentSkipped",
      );
      expect(await bond.couponDue(dave.address, 0)).to.equal(0n);
    });
  });
});
