import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";
import { fixedBond, floatingBond } from "./fixtures.js";

describe("SovereignBond: access control", function () {
  it("setCouponRate needs RATE_SETTER_ROLE", async function () {
    const { bond, treasurer } = await floatingBond();
    await expect(bond.connect(treasurer).setCouponRate(0, 100))
      .to.be.revertedWithCustomError(bond, "AccessControlUnauthorizedAccount")
      .withArgs(treasurer.address, await bond.RATE_SETTER_ROLE());
  });

  it("fundCoupon, payCoupon and sweepUnclaimed need TREASURY_ROLE", async function () {
    const { bond, rateSetter, alice } = await fixedBond();
    const role = await bond.TREASURY_ROLE();
    await expect(bond.connect(rateSetter).fundCoupon(0))
      .to.be.revertedWithCustomError(bond, "AccessControlUnauthorizedAccount")
      .withArgs(rateSetter.address, role);
    await expect(bond.connect(alice).payCoupon(0, [alice.address]))
      .to.be.revertedWithCustomError(bond, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, role);
    await expect(bond.connect(alice).sweepUnclaimed(0))
      .to.be.revertedWithCustomError(bond, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, role);
  });

  it("recoverWallet, extended by the bond, still needs ENFORCEMENT_ROLE", async function () {
    const { bond, treasurer, alice, aliceSpare } = await fixedBond();
    await expect(bond.connect(treasurer).recoverWallet(alice.address, aliceSpare.address))
      .to.be.revertedWithCustomError(bond, "AccessControlUnauthorizedAccount")
      .withArgs(treasurer.address, await bond.ENFORCEMENT_ROLE());
  });

  it("the role that fixes rates is its own: keccak256(RATE_SETTER_ROLE)", async function () {
    const { bond } = await fixedBond();
    expect(await bond.RATE_SETTER_ROLE()).to.equal(keccak256(toUtf8Bytes("RATE_SETTER_ROLE")));
  });
});
