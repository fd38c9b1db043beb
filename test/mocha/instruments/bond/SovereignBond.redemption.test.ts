import { expect } from "chai";
import {
  BOND,
  FACE,
  FIXED_TERMS,
  HOLDINGS,
  MATURITY,
  bonds,
  couponOf,
  ethers,
  expectedPerToken,
  fixedBond,
  networkHelpers,
  passRecordDate,
  reachCouponDate,
} from "./fixtures.js";

const SUPPLY = HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave;
const faceOf = (amount: bigint) => (amount * FACE) / BOND;

describe("SovereignBond: redemption at maturity", function () {
  it("funds the face value and the final coupon of the whole supply, each rounded down", async function () {
    const { bond, usd, treasurer, treasuryWallet, coupons } = await fixedBond();
    const finalPerToken = expectedPerToken(coupons, FIXED_TERMS, 5);
    expect(finalPerToken).to.equal(36_250_000n); // a regular half year at 7.25%
    const due = faceOf(SUPPLY) + couponOf(SUPPLY, finalPerToken);
    expect(await bond.redemptionDue()).to.equal(due);
    const tx = bond.connect(treasurer).fundRedemption();
    await expect(tx).to.changeTokenBalances(ethers, usd, [treasuryWallet, bond], [-due, due]);
    await expect(tx).to.emit(bond, "RedemptionFunded").withArgs(due);
  });

  it("pays each redeemed bond its face value and its final coupon, also in parts and by pages", async function () {
    const { bond, usd, treasurer, alice, bob, coupons } = await fixedBond();
    await bond.connect(treasurer).fundRedemption();
    await networkHelpers.time.increaseTo(MATURITY);
    const perToken = expectedPerToken(coupons, FIXED_TERMS, 5);
    const part = 100n * BOND + 7n;
    const paid = faceOf(part) + couponOf(part, perToken);
    const tx = bond.connect(alice).redeem(part);
    await expect(tx).to.changeTokenBalances(ethers, usd, [alice], [paid]);
    await expect(tx).to.emit(bond, "Redeemed").withArgs(alice.address, part, paid);
    // The rest of Alice's bonds carry the rest of her final coupon.
    const rest = HOLDINGS.alice - part;
    await expect(bond.connect(alice).redeem(rest))
      .to.emit(bond, "Redeemed")
      .withArgs(alice.address, rest, faceOf(rest) + couponOf(rest, perToken));
    await expect(bond.connect(treasurer).redeemFor([bob.address]))
      .to.emit(bond, "Redeemed")
      .withArgs(bob.address, HOLDINGS.bob, faceOf(HOLDINGS.bob) + couponOf(HOLDINGS.bob, perToken));
    expect(await bond.redemptionPaid()).to.be.at.most(await bond.redemptionFunded());
  });

  it("leaves unclaimed earlier coupons claimable after the bonds are redeemed", async function () {
    const { bond, usd, treasurer, alice, coupons } = await fixedBond();
    await passRecordDate(coupons, 4);
    await bond.connect(treasurer).fundCoupon(4);
    await networkHelpers.time.increaseTo(MATURITY);
    await bond.connect(treasurer).fundRedemption();
    await bond.connect(alice).redeem(HOLDINGS.alice);
    expect(await bond.balanceOf(alice.address)).to.equal(0n);
    const coupon4 = couponOf(HOLDINGS.alice, expectedPerToken(coupons, FIXED_TERMS, 4));
    await expect(bond.connect(alice).claimCoupon(4)).to.changeTokenBalances(ethers, usd, [alice], [coupon4]);
  });

  it("without unclaimed coupons, the redemption leaves nothing owed to the holder", async function () {
    const { bond, treasurer, alice, coupons } = await fixedBond();
    await passRecordDate(coupons, 4);
    await bond.connect(treasurer).fundCoupon(4);
    await reachCouponDate(coupons, 4);
    await bond.connect(alice).claimCoupon(4);
    await networkHelpers.time.increaseTo(MATURITY);
    await bond.connect(treasurer).fundRedemption();
    await bond.connect(alice).redeem(HOLDINGS.alice);
    expect(await bond.couponDue(alice.address, 4)).to.equal(0n);
    await expect(bond.connect(alice).claimCoupon(4))
      .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
      .withArgs(4n, alice.address);
    await expect(bond.connect(alice).redeem(1n))
      .to.be.revertedWithCustomError(bond, "ERC20InsufficientBalance")
      .withArgs(alice.address, 0n, 1n);
  });

  it("a frozen holder redeems its bonds and the final coupon once unfrozen", async function () {
    const { bond, treasurer, enforcer, dave, coupons } = await fixedBond();
    await networkHelpers.time.increaseTo(MATURITY);
    await bond.connect(treasurer).fundRedemption();
    await bond.connect(enforcer).setAddressFrozen(dave.address, true);
    await expect(bond.connect(dave).redeem(HOLDINGS.dave))
      .to.be.revertedWithCustomError(bond, "ERC7943CannotSend")
      .withArgs(dave.address);
    await bond.connect(enforcer).setAddressFrozen(dave.address, false);
    const paid = faceOf(HOLDINGS.dave) + couponOf(HOLDINGS.dave, expectedPerToken(coupons, FIXED_TERMS, 5));
    await expect(bond.connect(dave).redeem(HOLDINGS.dave))
      .to.emit(bond, "Redeemed")
      .withArgs(dave.address, HOLDINGS.dave, paid);
  });

  it("a zero-coupon bond repays the face value only", async function () {
    const { bond, treasurer, alice } = (await bonds()).zeroCoupon;
    expect(await bond.redemptionDue()).to.equal(faceOf(SUPPLY));
    await networkHelpers.time.increaseTo(MATURITY);
    await bond.connect(treasurer).fundRedemption();
    await expect(bond.connect(alice).redeem(HOLDINGS.alice))
      .to.emit(bond, "Redeemed")
      .withArgs(alice.address, HOLDINGS.alice, faceOf(HOLDINGS.alice));
  });
});
