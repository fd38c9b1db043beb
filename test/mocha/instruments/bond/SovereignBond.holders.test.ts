import { expect } from "chai";
import { Country, InvestorCategory, investorIdOf } from "../../../../scripts/lib/investors.js";
import {
  BOND,
  DAY,
  FIXED_TERMS,
  HOLDINGS,
  couponOf,
  fixedBond,
  ethers,
  expectedPerToken,
  passRecordDate,
  reachCouponDate,
} from "./fixtures.js";

/** Coupon 0 funded and due; Alice holds her initial bonds. */
async function firstCouponDue() {
  const f = await fixedBond();
  await passRecordDate(f.coupons, 0);
  await f.bond.connect(f.treasurer).fundCoupon(0);
  await reachCouponDate(f.coupons, 0);
  const perToken = expectedPerToken(f.coupons, FIXED_TERMS, 0);
  return { ...f, perToken };
}

describe("SovereignBond: holders who cannot be paid", function () {
  it("a frozen holder keeps its entitlement and claims once unfrozen", async function () {
    const { bond, usd, treasurer, enforcer, alice, perToken } = await firstCouponDue();
    const amount = couponOf(HOLDINGS.alice, perToken);
    await bond.connect(enforcer).setAddressFrozen(alice.address, true);
    await expect(bond.connect(alice).claimCoupon(0))
      .to.be.revertedWithCustomError(bond, "ERC7943CannotSend")
      .withArgs(alice.address);
    await expect(bond.connect(treasurer).payCoupon(0, [alice.address]))
      .to.emit(bond, "CouponPaymentSkipped")
      .withArgs(0n, alice.address, bond.interface.encodeErrorResult("ERC7943CannotSend", [alice.address]));
    expect(await bond.couponDue(alice.address, 0)).to.equal(amount);
    await bond.connect(enforcer).setAddressFrozen(alice.address, false);
    await expect(bond.connect(alice).claimCoupon(0)).to.changeTokenBalances(ethers, usd, [alice], [amount]);
  });

  it("a holder whose KYC expired keeps its entitlement and claims once verified again", async function () {
    const f = await fixedBond();
    const { bond, usd, registry, kycAgent, treasurer, bob, coupons } = f;
    const bobId = investorIdOf("test-salt", "KYC-BOB");
    const renew = (expiresAt: bigint) =>
      registry
        .connect(kycAgent)
        .updateInvestor(bob.address, bobId, Country.PAKISTAN, InvestorCategory.INSTITUTIONAL, expiresAt);
    await renew(coupons[0].date - DAY); // expires before the coupon date
    await passRecordDate(f.coupons, 0);
    await bond.connect(treasurer).fundCoupon(0);
    await reachCouponDate(coupons, 0);
    expect(await registry.isVerified(bob.address)).to.equal(false);
    await expect(bond.connect(bob).claimCoupon(0))
      .to.be.revertedWithCustomError(bond, "ERC7943CannotSend")
      .withArgs(bob.address);
    await renew(coupons[0].date + 365n * DAY);
    const amount = couponOf(HOLDINGS.bob, expectedPerToken(coupons, FIXED_TERMS, 0));
    await expect(bond.connect(bob).claimCoupon(0)).to.changeTokenBalances(ethers, usd, [bob], [amount]);
  });

  it("no holder is paid while the bond is paused", async function () {
    const { bond, treasurer, pauser, alice } = await firstCouponDue();
    await bond.connect(pauser).pause();
    await expect(bond.connect(alice).claimCoupon(0)).to.be.revertedWithCustomError(bond, "EnforcedPause");
    await expect(bond.connect(treasurer).payCoupon(0, [alice.address]))
      .to.emit(bond, "CouponPaymentSkipped")
      .withArgs(0n, alice.address, bond.interface.encodeErrorResult("EnforcedPause", []));
  });

  describe("wallet recovery", function () {
    it("moves the lost wallet's unpaid entitlements to the replacement, and its bonds with later coupons", async function () {
      const { bond, usd, treasurer, enforcer, alice, aliceSpare, coupons, perToken } = await firstCouponDue();
      await passRecordDate(coupons, 1); // coupon 1's record date passed too, not funded yet
      const tx = bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      await expect(tx)
        .to.emit(bond, "EntitlementMoved")
        .withArgs(0n, alice.address, aliceSpare.address, HOLDINGS.alice)
        .and.to.emit(bond, "EntitlementMoved")
        .withArgs(1n, alice.address, aliceSpare.address, HOLDINGS.alice)
        .and.to.emit(bond, "WalletRecovered");
      expect(await bond.couponDue(alice.address, 0)).to.equal(0n);
      const amount = couponOf(HOLDINGS.alice, perToken);
      expect(await bond.couponDue(aliceSpare.address, 0)).to.equal(amount);
      await expect(bond.connect(aliceSpare).claimCoupon(0)).to.changeTokenBalances(ethers, usd, [aliceSpare], [amount]);
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
        .withArgs(0n, alice.address);
      // Coupon 1: moved as well; coupon 2: the replacement holds the bonds at its record date.
      await bond.connect(treasurer).fundCoupon(1);
      await passRecordDate(coupons, 2);
      await bond.connect(treasurer).fundCoupon(2);
      await reachCouponDate(coupons, 2);
      const later = couponOf(HOLDINGS.alice, expectedPerToken(coupons, FIXED_TERMS, 1));
      await expect(bond.connect(aliceSpare).claimCoupons([1, 2])).to.changeTokenBalances(
        ethers,
        usd,
        [aliceSpare],
        [later + couponOf(HOLDINGS.alice, expectedPerToken(coupons, FIXED_TERMS, 2))],
      );
    });

    it("pays the moved entitlement even when the replacement was already paid for the period", async function () {
      const f = await fixedBond();
      const { bond, usd, treasurer, enforcer, alice, aliceSpare, coupons } = f;
      await bond.connect(alice).transfer(aliceSpare.address, 10n * BOND);
      await passRecordDate(coupons, 0);
      await bond.connect(treasurer).fundCoupon(0);
      await reachCouponDate(coupons, 0);
      const perToken = expectedPerToken(coupons, FIXED_TERMS, 0);
      await bond.connect(aliceSpare).claimCoupon(0);
      await bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      const moved = couponOf(HOLDINGS.alice - 10n * BOND, perToken);
      expect(await bond.couponDue(aliceSpare.address, 0)).to.equal(moved);
      await expect(bond.connect(aliceSpare).claimCoupon(0)).to.changeTokenBalances(ethers, usd, [aliceSpare], [moved]);
    });

    it("moves nothing for coupons whose record date has not passed: the bonds carry them", async function () {
      const { bond, enforcer, alice, aliceSpare, coupons } = await fixedBond();
      await expect(bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address)).not.to.emit(
        bond,
        "EntitlementMoved",
      );
      await passRecordDate(coupons, 0);
      expect(await bond.balanceAtRecord(aliceSpare.address, 0)).to.equal(HOLDINGS.alice);
      expect(await bond.balanceAtRecord(alice.address, 0)).to.equal(0n);
    });

    it("a frozen lost wallet leaves the replacement frozen: it claims once unfrozen", async function () {
      const { bond, enforcer, alice, aliceSpare, perToken } = await firstCouponDue();
      await bond.connect(enforcer).setAddressFrozen(alice.address, true);
      await bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      await expect(bond.connect(aliceSpare).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "ERC7943CannotSend")
        .withArgs(aliceSpare.address);
      await bond.connect(enforcer).setAddressFrozen(aliceSpare.address, false);
      await expect(bond.connect(aliceSpare).claimCoupon(0))
        .to.emit(bond, "CouponPaid")
        .withArgs(0n, aliceSpare.address, couponOf(HOLDINGS.alice, perToken));
    });
  });
});
