import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { bonds, ethers, fixedBond, passRecordDate, reachCouponDate } from "./fixtures.js";

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
