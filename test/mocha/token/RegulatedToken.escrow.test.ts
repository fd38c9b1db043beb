import { expect } from "chai";
import { deployToken, ethers, networkHelpers, UNIT } from "../fixtures.js";
import { Code, deployTokenWithModule } from "./helpers.js";

/**
 * The escrow is the token's own balance, reachable only through the internal `_escrow`,
 * `_returnEscrow` and `_releaseEscrow` (exposed by RegulatedTokenMock as `escrow`, `returnEscrow`
 * and `releaseEscrow`).
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

  it("releases while paused and beyond the maximum balance: an enforcement action", async function () {
    const { token, pauser, compliance, alice, bob } = await networkHelpers.loadFixture(deployToken);
    await token.escrow(alice.address, 100n * UNIT);
    await token.connect(compliance).setMaxBalance(1_000n * UNIT);
    await token.connect(pauser).pause();
    await expect(token.releaseEscrow(bob.address, 100n * UNIT)).to.changeTokenBalances(
      ethers,
      token,
      [await token.getAddress(), bob.address],
      [-100n * UNIT, 100n * UNIT],
    );
    await expect(token.releaseEscrow(ethers.ZeroAddress, 0n)).to.not.be.revert(ethers);
  });

  it("stays out of reach even if the token's address were registered as an investor", async function () {
    const { token, registry, kycAgent, enforcer, issuer, alice, now } = await networkHelpers.loadFixture(deployToken);
    const escrowAddress = await token.getAddress();
    await registry
      .connect(kycAgent)
      .registerInvestor(escrowAddress, ethers.id("token"), 586, 3, now + 365n * 24n * 60n * 60n);
    await expect(token.connect(alice).transfer(escrowAddress, 1n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
      .withArgs(escrowAddress);
    await expect(token.connect(issuer).mint(escrowAddress, 1n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
      .withArgs(escrowAddress);
    await expect(token.connect(enforcer).forcedTransfer(alice.address, escrowAddress, 1n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
      .withArgs(escrowAddress);
    expect(await token.detectTransferRestriction(ethers.ZeroAddress, escrowAddress, 1n)).to.equal(
      Code.RECEIVER_NOT_VERIFIED,
    );
  });

  it("releases only to a wallet that may receive", async function () {
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

  describe("returnEscrow: the holder takes its escrow back under the transfer rules for the receiver", function () {
    it("returns to the holder, counts it as a holder again, and ignores the lock-up", async function () {
      const { token, compliance, alice } = await networkHelpers.loadFixture(deployToken);
      await token.escrow(alice.address, 1_000n * UNIT);
      expect(await token.holderCount()).to.equal(1n);
      await token.connect(compliance).setLockUpEnd(BigInt(2) ** 39n);
      await expect(token.returnEscrow(alice.address, 1_000n * UNIT)).to.changeTokenBalances(
        ethers,
        token,
        [await token.getAddress(), alice.address],
        [-1_000n * UNIT, 1_000n * UNIT],
      );
      expect(await token.holderCount()).to.equal(2n);
    });

    it("never lets the holder count exceed the maximum: escrow all, another holder takes the slot", async function () {
      const { token, compliance, alice, bob, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxHolders(2);
      await token.escrow(alice.address, 1_000n * UNIT);
      await token.connect(bob).transfer(carol.address, 1n);
      expect(await token.holderCount()).to.equal(2n);
      await expect(token.returnEscrow(alice.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(token, "RegulatedTokenMaxHoldersReached")
        .withArgs(alice.address, 2n);
      expect(await token.holderCount()).to.equal(2n);
      // Once the slot is free again the holder takes its tokens back.
      await token.connect(carol).transfer(bob.address, 1n);
      await token.returnEscrow(alice.address, 1_000n * UNIT);
      expect(await token.holderCount()).to.equal(2n);
    });

    it("is refused while paused, beyond the maximum balance, or to a wallet that may not receive", async function () {
      const { token, compliance, pauser, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.escrow(alice.address, 100n * UNIT);
      await token.connect(pauser).pause();
      await expect(token.returnEscrow(alice.address, 100n * UNIT)).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
      await token.connect(pauser).unpause();
      await token.connect(bob).transfer(alice.address, 100n * UNIT); // alice back at 1,000
      await token.connect(compliance).setMaxBalance(1_000n * UNIT);
      await expect(token.returnEscrow(alice.address, 100n * UNIT))
        .to.be.revertedWithCustomError(token, "RegulatedTokenMaxBalanceExceeded")
        .withArgs(alice.address, 1_100n * UNIT, 1_000n * UNIT);
      await token.connect(compliance).setMaxBalance(0n);
      await token.connect(enforcer).setAddressFrozen(alice.address, true);
      await expect(token.returnEscrow(alice.address, 100n * UNIT))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(alice.address);
      expect(await token.balanceOf(await token.getAddress())).to.equal(100n * UNIT);
    });

    it("cannot return more than the escrow holds", async function () {
      const { token, alice } = await networkHelpers.loadFixture(deployToken);
      await token.escrow(alice.address, 10n);
      await expect(token.returnEscrow(alice.address, 11n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(await token.getAddress(), 10n, 11n);
    });
  });

  describe("the compliance module sees the escrow as the token's own address", function () {
    it("in canTransfer and in transferred alike, into escrow, back to the holder, released and burnt", async function () {
      const { token, module, alice, bob } = await networkHelpers.loadFixture(deployTokenWithModule);
      const escrowAddress = await token.getAddress();
      const notified = async (index: bigint) => {
        const n = await module.notification(index);
        return [n.from, n.to, n.amount];
      };
      const before = await module.transferredCalls();

      // Into escrow: the module refuses (alice, token) in canTransfer, then is told (alice, token).
      await module.setBlocked(escrowAddress, true);
      await expect(token.escrow(alice.address, 30n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(alice.address, escrowAddress, 30n);
      await module.setBlocked(escrowAddress, false);
      await token.escrow(alice.address, 30n);
      expect(await notified(before)).to.deep.equal([alice.address, escrowAddress, 30n]);

      // Back to the holder: canTransfer asked with (token, alice), transferred told (token, alice).
      await module.setBlockedSender(escrowAddress, true);
      await expect(token.returnEscrow(alice.address, 10n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(escrowAddress, alice.address, 10n);
      await module.setBlockedSender(escrowAddress, false);
      await token.returnEscrow(alice.address, 10n);
      expect(await notified(before + 1n)).to.deep.equal([escrowAddress, alice.address, 10n]);

      // Enforcement releases are not asked, and are told from the token's address too.
      await module.setBlockedSender(escrowAddress, true);
      await token.releaseEscrow(bob.address, 10n);
      await token.releaseEscrow(ethers.ZeroAddress, 10n);
      expect(await notified(before + 2n)).to.deep.equal([escrowAddress, bob.address, 10n]);
      expect(await notified(before + 3n)).to.deep.equal([escrowAddress, ethers.ZeroAddress, 10n]);
      expect(await module.transferredCalls()).to.equal(before + 4n);
    });
  });
});
