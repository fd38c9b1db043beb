import { expect } from "chai";
import { deployToken, ethers, networkHelpers, UNIT } from "../fixtures.js";
import { Code } from "./helpers.js";

/**
 * The escrow is the token's own balance, reachable only through the internal `_escrow` and
 * `_releaseEscrow` (exposed by RegulatedTokenMock as `escrow` and `releaseEscrow`).
 */
describe("RegulatedToken: escrow", function () {
  it("moves a holder's tokens into escrow under the holder's rules and keeps the supply", async function () {
    const { token, alice } = await networkHelpers.loadFixture(deployToken);
    const escrowAddress = await token.getAddress();
    await expect(token.escrow(alice.address, 100n * UNIT))
      .to.emit(token, "Transfer")
      .withArgs(alice.address, escrowAddress, 100n * UNIT);
    expect(await token.balanceOf(escrowAddress)).to.equal(100n * UNIT);
    expect(await token.balanceOf(alice.address)).to.equal(900n * UNIT);
    expect(await token.totalSupply()).to.equal(2_000n * UNIT);
    expect(await token.holderCount()).to.equal(2n);
  });

  it("refuses to escrow frozen tokens, or from a wallet that may not send, or while paused", async function () {
    const { token, enforcer, pauser, alice, bob } = await networkHelpers.loadFixture(deployToken);
    await token.connect(enforcer).setFrozenTokens(alice.address, 950n * UNIT);
    await expect(token.escrow(alice.address, 100n * UNIT))
      .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
      .withArgs(alice.address, 100n * UNIT, 50n * UNIT);
    await token.connect(enforcer).setAddressFrozen(bob.address, true);
    await expect(token.escrow(bob.address, 1n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
      .withArgs(bob.address);
    await token.connect(pauser).pause();
    await expect(token.escrow(alice.address, 1n)).to.be.revertedWithCustomError(token, "EnforcedPause");
  });

  it("does not count the escrow as a holder and releases to an eligible wallet", async function () {
    const { token, alice, carol } = await networkHelpers.loadFixture(deployToken);
    await token.escrow(alice.address, 1_000n * UNIT);
    expect(await token.holderCount()).to.equal(1n);
    await expect(token.releaseEscrow(carol.address, 400n * UNIT)).to.changeTokenBalances(
      ethers,
      token,
      [await token.getAddress(), carol.address],
      [-400n * UNIT, 400n * UNIT],
    );
    expect(await token.holderCount()).to.equal(2n);
  });

  it("releases under the rules of a mint: the receiver must be eligible", async function () {
    const { token, alice, outsider } = await networkHelpers.loadFixture(deployToken);
    await token.escrow(alice.address, 10n);
    await expect(token.releaseEscrow(outsider.address, 10n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
      .withArgs(outsider.address);
  });

  it("burns from escrow when released to the zero address", async function () {
    const { token, alice } = await networkHelpers.loadFixture(deployToken);
    await token.escrow(alice.address, 10n * UNIT);
    await expect(token.releaseEscrow(ethers.ZeroAddress, 10n * UNIT))
      .to.emit(token, "Transfer")
      .withArgs(await token.getAddress(), ethers.ZeroAddress, 10n * UNIT);
    expect(await token.totalSupply()).to.equal(1_990n * UNIT);
  });

  it("cannot release more than the escrow holds", async function () {
    const { token, alice, bob } = await networkHelpers.loadFixture(deployToken);
    await token.escrow(alice.address, 10n);
    await expect(token.releaseEscrow(bob.address, 11n))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
      .withArgs(await token.getAddress(), 10n, 11n);
  });

  it("is an unregistered wallet to holders: transfers into it are refused", async function () {
    const { token, alice } = await networkHelpers.loadFixture(deployToken);
    const escrowAddress = await token.getAddress();
    expect(await token.detectTransferRestriction(alice.address, escrowAddress, 1n)).to.equal(
      Code.RECEIVER_NOT_VERIFIED,
    );
    await expect(token.connect(alice).transfer(escrowAddress, 1n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
      .withArgs(escrowAddress);
  });

  it("cannot be taken by enforcement actions", async function () {
    const { token, enforcer, issuer, alice, bob } = await networkHelpers.loadFixture(deployToken);
    const escrowAddress = await token.getAddress();
    await token.escrow(alice.address, 10n);
    await expect(token.connect(enforcer).forcedTransfer(escrowAddress, bob.address, 10n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
      .withArgs(escrowAddress);
    await expect(token.connect(issuer).burn(escrowAddress, 10n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
      .withArgs(escrowAddress);
  });
});
