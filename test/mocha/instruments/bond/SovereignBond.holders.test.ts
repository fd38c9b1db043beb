import { expect } from "chai";
import { Country, InvestorCategory, investorIdOf } from "../../../../src/sdk/investors.js";
import {
  BOND,
  CLAIM_WINDOW,
  DAY,
  FIXED_TERMS,
  HOLDINGS,
  RECORD_OFFSET,
  couponOf,
  fixedBond,
  ethers,
  expectedPerToken,
  networkHelpers,
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
    it("pays the lost wallet's unpaid entitlements to the replacement, and its bonds carry later coupons", async function () {
      const { bond, usd, treasurer, enforcer, alice, aliceSpare, bob, coupons, perToken } = await firstCouponDue();
      await passRecordDate(coupons, 1); // coupon 1's record date passed too, not funded yet
      const tx = bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      await expect(tx)
        .to.emit(bond, "EntitlementsMoved")
        .withArgs(alice.address, aliceSpare.address, 2n)
        .and.to.emit(bond, "WalletRecovered");
      expect(await bond.couponPayee(alice.address, 0)).to.equal(aliceSpare.address);
      expect(await bond.couponPayee(alice.address, 2)).to.equal(alice.address);
      const amount = couponOf(HOLDINGS.alice, perToken);
      expect(await bond.couponDue(alice.address, 0)).to.equal(amount); // owed on Alice's bonds, paid to the spare
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondEntitlementMoved")
        .withArgs(0n, alice.address, aliceSpare.address);
      await expect(bond.connect(bob).claimCouponsOf(alice.address, [0]))
        .to.be.revertedWithCustomError(bond, "SovereignBondEntitlementMoved")
        .withArgs(0n, alice.address, aliceSpare.address);
      await expect(bond.connect(aliceSpare).claimCouponsOf(alice.address, [0])).to.changeTokenBalances(
        ethers,
        usd,
        [aliceSpare, alice],
        [amount, 0n],
      );
      expect(await bond.couponDue(alice.address, 0)).to.equal(0n);
      // Coupon 1: moved as well, pushed by the treasury on the lost wallet; coupon 2: the spare holds the bonds.
      await bond.connect(treasurer).fundCoupon(1);
      await passRecordDate(coupons, 2);
      await bond.connect(treasurer).fundCoupon(2);
      await reachCouponDate(coupons, 2);
      const later = couponOf(HOLDINGS.alice, expectedPerToken(coupons, FIXED_TERMS, 1));
      await expect(bond.connect(treasurer).payCoupon(1, [alice.address]))
        .to.emit(bond, "CouponPaid")
        .withArgs(1n, aliceSpare.address, later);
      await expect(bond.connect(aliceSpare).claimCoupons([2])).to.changeTokenBalances(
        ethers,
        usd,
        [aliceSpare],
        [couponOf(HOLDINGS.alice, expectedPerToken(coupons, FIXED_TERMS, 2))],
      );
      await expect(bond.connect(aliceSpare).claimCouponsOf(alice.address, [1]))
        .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
        .withArgs(1n, alice.address);
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
      expect(await bond.couponDue(alice.address, 0)).to.equal(moved);
      expect(await bond.couponDue(aliceSpare.address, 0)).to.equal(0n);
      await expect(bond.connect(aliceSpare).claimCouponsOf(alice.address, [0])).to.changeTokenBalances(
        ethers,
        usd,
        [aliceSpare],
        [moved],
      );
    });

    it("moves nothing for coupons whose record date has not passed: the bonds carry them", async function () {
      const { bond, enforcer, alice, aliceSpare, coupons } = await fixedBond();
      await expect(bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address)).not.to.emit(
        bond,
        "EntitlementsMoved",
      );
      await passRecordDate(coupons, 0);
      expect(await bond.balanceAtRecord(aliceSpare.address, 0)).to.equal(HOLDINGS.alice);
      expect(await bond.balanceAtRecord(alice.address, 0)).to.equal(0n);
      expect(await bond.couponPayee(alice.address, 0)).to.equal(alice.address);
    });

    it("a recovery back to the first wallet makes it the payee of its own entitlements again, paid once", async function () {
      const { bond, usd, enforcer, alice, aliceSpare, perToken } = await firstCouponDue();
      await bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      await bond.connect(enforcer).recoverWallet(aliceSpare.address, alice.address);
      expect(await bond.couponPayee(alice.address, 0)).to.equal(alice.address);
      expect(await bond.couponPayee(aliceSpare.address, 0)).to.equal(alice.address);
      const amount = couponOf(HOLDINGS.alice, perToken);
      await expect(bond.connect(alice).claimCoupon(0)).to.changeTokenBalances(ethers, usd, [alice], [amount]);
      await expect(bond.connect(alice).claimCouponsOf(aliceSpare.address, [0]))
        .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
        .withArgs(0n, aliceSpare.address);
    });

    it("a chain of recoveries, one at a record date's very instant and one back to the first wallet, pays each coupon once, to the unit", async function () {
      const f = await fixedBond();
      const { bond, usd, registry, kycAgent, treasurer, enforcer, alice, aliceSpare, bob, dave, coupons } = f;
      const third = f.outsider; // a third wallet of Alice's
      await registry
        .connect(kycAgent)
        .registerInvestor(
          third.address,
          investorIdOf("test-salt", "KYC-ALICE"),
          Country.PAKISTAN,
          InvestorCategory.INSTITUTIONAL,
          coupons[coupons.length - 1].date + 365n * DAY,
        );
      // In the block of record date 0 itself: the move counts for coupon 0, which follows the bonds.
      await networkHelpers.time.setNextBlockTimestamp(coupons[0].date - RECORD_OFFSET);
      await expect(bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address)).not.to.emit(
        bond,
        "EntitlementsMoved",
      );
      await passRecordDate(coupons, 1);
      await bond.connect(treasurer).fundCoupon(0);
      await bond.connect(treasurer).fundCoupon(1);
      // Between record date 1 and its coupon date: on to the third wallet, and back to the first.
      await expect(bond.connect(enforcer).recoverWallet(aliceSpare.address, third.address))
        .to.emit(bond, "EntitlementsMoved")
        .withArgs(aliceSpare.address, third.address, 2n);
      await expect(bond.connect(enforcer).recoverWallet(third.address, alice.address))
        .to.emit(bond, "EntitlementsMoved")
        .withArgs(third.address, alice.address, 2n);
      await reachCouponDate(coupons, 1);
      for (const period of [0, 1]) {
        expect(await bond.balanceAtRecord(alice.address, period)).to.equal(0n);
        expect(await bond.balanceAtRecord(aliceSpare.address, period)).to.equal(HOLDINGS.alice);
        expect(await bond.balanceAtRecord(third.address, period)).to.equal(0n);
        expect(await bond.couponPayee(aliceSpare.address, period)).to.equal(alice.address);
        expect(await bond.couponPayee(third.address, period)).to.equal(alice.address);
      }
      const perToken = [0, 1].map((period) => expectedPerToken(coupons, FIXED_TERMS, period));
      const owed = couponOf(HOLDINGS.alice, perToken[0]) + couponOf(HOLDINGS.alice, perToken[1]);
      await expect(bond.connect(third).claimCouponsOf(aliceSpare.address, [0, 1]))
        .to.be.revertedWithCustomError(bond, "SovereignBondEntitlementMoved")
        .withArgs(0n, aliceSpare.address, alice.address);
      await expect(bond.connect(alice).claimCouponsOf(aliceSpare.address, [0, 1])).to.changeTokenBalances(
        ethers,
        usd,
        [alice, aliceSpare, third],
        [owed, 0n, 0n],
      );
      // Nothing more for any of the three wallets, by claim or by push; the others are paid in full.
      for (const wallet of [alice, aliceSpare, third]) {
        await expect(bond.connect(alice).claimCouponsOf(wallet.address, [0]))
          .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
          .withArgs(0n, wallet.address);
      }
      const page = bond
        .connect(treasurer)
        .payCoupon(1, [alice.address, aliceSpare.address, third.address, bob.address, dave.address]);
      await expect(page).to.changeTokenBalances(
        ethers,
        usd,
        [alice, bob, dave],
        [0n, couponOf(HOLDINGS.bob, perToken[1]), couponOf(HOLDINGS.dave, perToken[1])],
      );
      const coupon = await bond.coupon(1);
      expect(coupon.paid).to.equal(
        couponOf(HOLDINGS.alice, perToken[1]) +
          couponOf(HOLDINGS.bob, perToken[1]) +
          couponOf(HOLDINGS.dave, perToken[1]),
      );
      expect(coupon.paid).to.be.at.most(coupon.funded);
    });

    it("a recovery does not release a withheld coupon: the frozen tokens move with it, and the replacement is paid that part once unfrozen", async function () {
      const { bond, usd, enforcer, alice, aliceSpare, perToken } = await firstCouponDue();
      const frozen = 300n * BOND + 7n;
      await bond.connect(enforcer).setFrozenTokens(alice.address, frozen);
      const first = couponOf(HOLDINGS.alice - frozen, perToken);
      await expect(bond.connect(alice).claimCoupon(0)).to.changeTokenBalances(ethers, usd, [alice], [first]);
      await bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      expect(await bond.getFrozenTokens(aliceSpare.address)).to.equal(frozen);
      await expect(bond.connect(aliceSpare).claimCouponsOf(alice.address, [0]))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponWithheld")
        .withArgs(0n, aliceSpare.address, frozen);
      await bond.connect(enforcer).setFrozenTokens(aliceSpare.address, 0n);
      await expect(bond.connect(aliceSpare).claimCouponsOf(alice.address, [0])).to.changeTokenBalances(
        ethers,
        usd,
        [aliceSpare],
        [couponOf(frozen, perToken)],
      );
      expect(await bond.couponDue(alice.address, 0)).to.equal(0n);
    });

    it("a frozen lost wallet leaves the replacement frozen: it claims once unfrozen", async function () {
      const { bond, enforcer, alice, aliceSpare, perToken } = await firstCouponDue();
      await bond.connect(enforcer).setAddressFrozen(alice.address, true);
      await bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      await expect(bond.connect(aliceSpare).claimCouponsOf(alice.address, [0]))
        .to.be.revertedWithCustomError(bond, "ERC7943CannotSend")
        .withArgs(aliceSpare.address);
      await bond.connect(enforcer).setAddressFrozen(aliceSpare.address, false);
      await expect(bond.connect(aliceSpare).claimCouponsOf(alice.address, [0]))
        .to.emit(bond, "CouponPaid")
        .withArgs(0n, aliceSpare.address, couponOf(HOLDINGS.alice, perToken));
    });
  });

  describe("frozen tokens: the coupon on as many tokens as are frozen now is withheld", function () {
    it("a holder whose every token is frozen is paid neither by claim nor by push, and is paid in full once unfrozen", async function () {
      const { bond, usd, treasurer, enforcer, alice, perToken } = await firstCouponDue();
      await bond.connect(enforcer).setFrozenTokens(alice.address, HOLDINGS.alice);
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponWithheld")
        .withArgs(0n, alice.address, HOLDINGS.alice);
      const withheld = bond.interface.encodeErrorResult("SovereignBondCouponWithheld", [
        0n,
        alice.address,
        HOLDINGS.alice,
      ]);
      const push = bond.connect(treasurer).payCoupon(0, [alice.address]);
      await expect(push).to.emit(bond, "CouponPaymentSkipped").withArgs(0n, alice.address, withheld);
      await expect(push).to.changeTokenBalances(ethers, usd, [alice], [0n]);
      const amount = couponOf(HOLDINGS.alice, perToken);
      expect(await bond.couponDue(alice.address, 0)).to.equal(amount);
      await bond.connect(enforcer).setFrozenTokens(alice.address, 0n);
      await expect(bond.connect(alice).claimCoupon(0)).to.changeTokenBalances(ethers, usd, [alice], [amount]);
      expect((await bond.coupon(0)).paid).to.equal(amount);
    });

    it("a partly frozen holder is paid on the rest now and on the frozen part once unfrozen, each rounded down", async function () {
      const { bond, usd, treasurer, enforcer, alice, bob, dave, perToken } = await firstCouponDue();
      const frozen = 400n * BOND + 3n;
      await bond.connect(enforcer).setFrozenTokens(alice.address, frozen);
      const now = couponOf(HOLDINGS.alice - frozen, perToken);
      const tx = bond.connect(alice).claimCoupon(0);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice], [now]);
      await expect(tx).to.emit(bond, "CouponWithheld").withArgs(0n, alice.address, frozen);
      expect(await bond.couponDue(alice.address, 0)).to.equal(couponOf(frozen, perToken));
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponWithheld")
        .withArgs(0n, alice.address, frozen);
      // Half unfrozen: the coupon on the unfrozen half is paid, the other stays withheld.
      const stillFrozen = frozen / 2n;
      await bond.connect(enforcer).setFrozenTokens(alice.address, stillFrozen);
      const second = couponOf(frozen - stillFrozen, perToken);
      await expect(bond.connect(treasurer).payCoupon(0, [alice.address]))
        .to.emit(bond, "CouponPaid")
        .withArgs(0n, alice.address, second);
      await bond.connect(enforcer).setFrozenTokens(alice.address, 0n);
      const third = couponOf(stillFrozen, perToken);
      await expect(bond.connect(alice).claimCoupon(0)).to.changeTokenBalances(ethers, usd, [alice], [third]);
      expect(now + second + third).to.be.at.most(couponOf(HOLDINGS.alice, perToken));
      await bond.connect(treasurer).payCoupon(0, [bob.address, dave.address]);
      const coupon = await bond.coupon(0);
      expect(coupon.paid).to.equal(
        now + second + third + couponOf(HOLDINGS.bob, perToken) + couponOf(HOLDINGS.dave, perToken),
      );
      expect(coupon.paid).to.be.at.most(coupon.funded);
    });

    it("what is still withheld when the claim window closes is swept to the treasury with the unclaimed rest", async function () {
      const { bond, usd, treasurer, treasuryWallet, enforcer, alice, bob, dave, coupons, perToken } =
        await firstCouponDue();
      await bond.connect(enforcer).setFrozenTokens(alice.address, HOLDINGS.alice);
      await bond.connect(treasurer).payCoupon(0, [alice.address, bob.address, dave.address]);
      await networkHelpers.time.increaseTo(coupons[0].date + CLAIM_WINDOW);
      const coupon = await bond.coupon(0);
      const rest = coupon.funded - coupon.paid;
      expect(rest).to.be.at.least(couponOf(HOLDINGS.alice, perToken));
      await expect(bond.connect(treasurer).sweepUnclaimed(0)).to.changeTokenBalances(
        ethers,
        usd,
        [treasuryWallet, bond],
        [rest, -rest],
      );
      await bond.connect(enforcer).setFrozenTokens(alice.address, 0n);
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponSwept")
        .withArgs(0n);
    });
  });
});
