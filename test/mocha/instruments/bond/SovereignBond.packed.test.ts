import { expect } from "chai";
import { BOND, HOLDINGS, fixedBond } from "./fixtures.js";

/** ERC-1404's code for an amount above the sender's unfrozen tokens. */
const INSUFFICIENT_UNFROZEN_BALANCE = 11n;

/**
 * The bond runs a recovery's freeze bookkeeping in its linked library, which writes the freezes without the flag the
 * core keeps in each balance word: the core must set the flag around it, or a recovered frozen wallet would move.
 */
describe("SovereignBond: recovery of a frozen wallet keeps the freeze binding", function () {
  it("the replacement can move neither its wallet nor its frozen bonds; the lost wallet stays frozen", async function () {
    const { bond, enforcer, alice, aliceSpare, bob } = await fixedBond();
    const frozen = 400n * BOND;
    await bond.connect(enforcer).setFrozenTokens(alice.address, frozen);
    await bond.connect(enforcer).setAddressFrozen(alice.address, true);
    await bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);

    expect(await bond.balanceOf(aliceSpare.address)).to.equal(HOLDINGS.alice);
    expect(await bond.getFrozenTokens(aliceSpare.address)).to.equal(frozen);
    expect(await bond.isAddressFrozen(aliceSpare.address)).to.equal(true);
    expect(await bond.canSend(aliceSpare.address)).to.equal(false);
    await expect(bond.connect(aliceSpare).transfer(bob.address, 1n))
      .to.be.revertedWithCustomError(bond, "ERC7943CannotSend")
      .withArgs(aliceSpare.address);
    expect(await bond.isAddressFrozen(alice.address)).to.equal(true);
    expect(await bond.canSend(alice.address)).to.equal(false);

    // Unfrozen, the replacement moves its unfrozen bonds only.
    await bond.connect(enforcer).setAddressFrozen(aliceSpare.address, false);
    const unfrozen = HOLDINGS.alice - frozen;
    expect(await bond.detectTransferRestriction(aliceSpare.address, bob.address, unfrozen + 1n)).to.equal(
      INSUFFICIENT_UNFROZEN_BALANCE,
    );
    expect(await bond.canTransfer(aliceSpare.address, bob.address, unfrozen + 1n)).to.equal(false);
    await expect(bond.connect(aliceSpare).transfer(bob.address, unfrozen + 1n)).to.be.revertedWithCustomError(
      bond,
      "ERC7943InsufficientUnfrozenBalance",
    );
    await bond.connect(aliceSpare).transfer(bob.address, unfrozen);
    expect(await bond.balanceOf(aliceSpare.address)).to.equal(frozen);
  });
});
