import { expect } from "chai";
import { ZeroAddress } from "ethers";
import {
  bonds,
  CLAIM_WINDOW,
  CouponStatus,
  ethers,
  fixedBond,
  floatingBond,
  networkHelpers,
  passRecordDate,
  reachCouponDate,
} from "./fixtures.js";

const REF = ethers.id("Treasury ticket OPS-2031-0007");

/**
 * withReference runs the call by DELEGATECALL to the bond itself: `msg.sender` stays the external
 * caller, so the one-holder payment step that accepts only the bond as caller (onlySelf) refuses it.
 */
describe("SovereignBond: withReference grants nothing", function () {
  it("the treasurer cannot reach the bond-only payment step through withReference", async function () {
    const { bond, treasurer, alice, outsider } = await fixedBond();
    const step = bond.interface.encodeFunctionData("payCouponTo", [0n, alice.address]);
    for (const caller of [treasurer, alice, outsider]) {
      await expect(bond.connect(caller).withReference(REF, step))
        .to.be.revertedWithCustomError(bond, "DebtSecurityOnlySelf")
        .withArgs(caller.address);
    }
  });

  it("a settlement token that calls the payment step through withReference is skipped as not the bond", async function () {
    const { bond, reentrantUsd, treasurer, alice, bob, coupons } = (await bonds()).reentrant;
    await passRecordDate(coupons, 0);
    await bond.connect(treasurer).fundCoupon(0);
    await reachCouponDate(coupons, 0);
    const paymentToBob = bond.interface.encodeFunctionData("withReference", [
      REF,
      bond.interface.encodeFunctionData("payCouponTo", [0n, bob.address]),
    ]);
    await reentrantUsd.setHook(ZeroAddress, await bond.getAddress(), paymentToBob);
    const tokenAddress = await reentrantUsd.getAddress();
    await expect(bond.connect(treasurer).payCoupon(0, [alice.address]))
      .to.emit(bond, "CouponPaymentSkipped")
      .withArgs(0n, alice.address, bond.interface.encodeErrorResult("DebtSecurityOnlySelf", [tokenAddress]));
    expect(await bond.couponDue(bob.address, 0)).to.be.greaterThan(0n);
  });
});

/**
 * setCouponRate, payCoupon and sweepUnclaimed hand their call data over to the linked library, which
 * runs a function of its own name chosen from the call's selector: through withReference (the same
 * call data, run by DELEGATECALL to the bond) each still reaches its own library function.
 */
describe("SovereignBond: calls handed over to the library, sent with a reference", function () {
  it("fix a rate, pay a page of holders and sweep as direct calls do", async function () {
    const floating = await floatingBond();
    const fix = floating.bond.interface.encodeFunctionData("setCouponRate", [0n, 1_100n]);
    const fixing = floating.bond.connect(floating.rateSetter).withReference(REF, fix);
    await expect(fixing).to.emit(floating.bond, "ActionReferenced");
    await expect(fixing).to.emit(floating.bond, "CouponRateFixed").withArgs(0n, 1_100n);

    const { bond, treasurer, alice, coupons } = await fixedBond();
    await passRecordDate(coupons, 0);
    await bond.connect(treasurer).fundCoupon(0);
    await reachCouponDate(coupons, 0);
    const page = bond.interface.encodeFunctionData("payCoupon", [0n, [alice.address]]);
    const paying = bond.connect(treasurer).withReference(REF, page);
    await expect(paying).to.emit(bond, "CouponPaid");
    expect(await bond.couponDue(alice.address, 0)).to.equal(0n);
    await networkHelpers.time.setNextBlockTimestamp(coupons[0].date + CLAIM_WINDOW);
    const sweep = bond.interface.encodeFunctionData("sweepUnclaimed", [0n]);
    await expect(bond.connect(treasurer).withReference(REF, sweep)).to.emit(bond, "CouponUnclaimedSwept");
    expect((await bond.coupon(0)).status).to.equal(CouponStatus.Swept);
  });
});
