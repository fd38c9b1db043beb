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
  it("sweepRedemptionSurplus returns exactly an issuer-burnt part's face value and final coupon, never coupon funds", async function () {
    const { bond, usd, issuer, treasurer, treasuryWallet, alice, bob, dave, coupons } = await fixedBond();
    await passRecordDate(coupons, 4);
    await bond.connect(treasurer).fundCoupon(4);
    await networkHelpers.time.increaseTo(MATURITY);
    await bond.connect(treasurer).fundRedemption();
    const coupon4 = await bond.coupon(4);
    const bondAddress = await bond.getAddress();
    const finalPerToken = expectedPerToken(coupons, FIXED_TERMS, 5);
    const liability = (supply: bigint) => faceOf(supply) + couponOf(supply, finalPerToken);
    const burnt = 300n * BOND + 123_456_789_012_345_678n;
    await bond.connect(issuer).burn(alice.address, burnt);
    // Independent computation: funded for the whole supply, liable for the rest, each rounded down.
    const surplus = liability(SUPPLY) - liability(SUPPLY - burnt);
    expect(surplus).to.equal(faceOf(burnt) + couponOf(burnt, finalPerToken));
    expect(surplus).to.equal(311_002_932_097n);
    const tx = bond.connect(treasurer).sweepRedemptionSurplus();
    await expect(tx).to.emit(bond, "RedemptionSurplusSwept").withArgs(surplus);
    await expect(tx).to.changeTokenBalances(ethers, usd, [bond, treasuryWallet], [-surplus, surplus]);
    // The coupon funds are untouched: what the bond holds is coupon 4 and the remaining liability.
    expect(await bond.coupon(4)).to.deep.equal(coupon4);
    expect(await usd.balanceOf(bondAddress)).to.equal(coupon4.funded + liability(SUPPLY - burnt));
    // Alice is still paid coupon 4 on her balance at its record date, burnt part included.
    const perToken4 = expectedPerToken(coupons, FIXED_TERMS, 4);
    await expect(bond.connect(alice).claimCoupon(4)).to.changeTokenBalance(
      ethers,
      usd,
      alice,
      couponOf(HOLDINGS.alice, perToken4),
    );
    // And every remaining holder redeems in full.
    const rest = HOLDINGS.alice - burnt;
    await expect(bond.connect(alice).redeem(rest)).to.changeTokenBalance(ethers, usd, alice, liability(rest));
    const tx2 = bond.connect(treasurer).redeemFor([bob.address, dave.address]);
    await expect(tx2).to.changeTokenBalances(
      ethers,
      usd,
      [bob, dave],
      [liability(HOLDINGS.bob), liability(HOLDINGS.dave)],
    );
    await expect(tx2).not.to.emit(bond, "RedemptionSkipped");
    expect(await bond.totalSupply()).to.equal(0n);
  });

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
