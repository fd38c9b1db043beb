import { expect } from "chai";
import { Country, InvestorCategory } from "../../../src/sdk/investors.js";
import { deployToken, ethers, networkHelpers, UNIT } from "../fixtures.js";
import { ALL_CATEGORIES, categoryBit, deployTokenWithModule, setCountry, tokenEventNames } from "./helpers.js";

describe("RegulatedToken: enforcement (pause, freezes, forced transfers, burns, recovery)", function () {
  describe("pause / unpause", function () {
    it("pause sets paused and emits Paused(pauser)", async function () {
      const { token, pauser } = await networkHelpers.loadFixture(deployToken);
      expect(await token.paused()).to.equal(false);
      await expect(token.connect(pauser).pause()).to.emit(token, "Paused").withArgs(pauser.address);
      expect(await token.paused()).to.equal(true);
    });

    it("unpause clears paused and emits Unpaused(pauser)", async function () {
      const { token, pauser } = await networkHelpers.loadFixture(deployToken);
      await token.connect(pauser).pause();
      await expect(token.connect(pauser).unpause()).to.emit(token, "Unpaused").withArgs(pauser.address);
      expect(await token.paused()).to.equal(false);
    });

    it("refuses to pause twice with EnforcedPause", async function () {
      const { token, pauser } = await networkHelpers.loadFixture(deployToken);
      await token.connect(pauser).pause();
      await expect(token.connect(pauser).pause()).to.be.revertedWithCustomError(token, "EnforcedPause").withArgs();
    });

    it("refuses to unpause when not paused with ExpectedPause", async function () {
      const { token, pauser } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(pauser).unpause()).to.be.revertedWithCustomError(token, "ExpectedPause").withArgs();
    });

    it("blocks transfer, transferFrom, mint and batchMint while paused", async function () {
      const { token, pauser, issuer, alice, bob, carol, stranger } = await networkHelpers.loadFixture(deployToken);
      await token.connect(alice).approve(stranger.address, 10n);
      await token.connect(pauser).pause();
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
      await expect(token.connect(stranger).transferFrom(alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
      await expect(token.connect(issuer).mint(carol.address, 1n)).to.be.revertedWithCustomError(token, "EnforcedPause");
      await expect(token.connect(issuer).batchMint([carol.address], [1n])).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
    });

    it("lets transfers run again after unpause", async function () {
      const { token, pauser, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(pauser).pause();
      await token.connect(pauser).unpause();
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalances(
        ethers,
        token,
        [alice, bob],
        [-1n, 1n],
      );
    });

    it("does not block the issuer's burn, forcedTransfer nor recoverWallet", async function () {
      const { token, pauser, issuer, enforcer, alice, aliceSpare, bob, carol } =
        await networkHelpers.loadFixture(deployToken);
      await token.connect(pauser).pause();
      await expect(token.connect(issuer).burn(bob.address, 100n * UNIT)).to.changeTokenBalance(
        ethers,
        token,
        bob,
        -100n * UNIT,
      );
      await expect(
        token.connect(enforcer).forcedTransfer(bob.address, carol.address, 100n * UNIT),
      ).to.changeTokenBalances(ethers, token, [bob, carol], [-100n * UNIT, 100n * UNIT]);
      await expect(token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address)).to.changeTokenBalances(
        ethers,
        token,
        [alice, aliceSpare],
        [-1_000n * UNIT, 1_000n * UNIT],
      );
      expect(await token.paused()).to.equal(true);
    });
  });

  describe("setAddressFrozen", function () {
    it("freezes a wallet with AddressFrozen(wallet, true) and unfreezes it with AddressFrozen(wallet, false)", async function () {
      const { token, enforcer, alice } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).setAddressFrozen(alice.address, true))
        .to.emit(token, "AddressFrozen")
        .withArgs(alice.address, true);
      expect(await token.isAddressFrozen(alice.address)).to.equal(true);
      await expect(token.connect(enforcer).setAddressFrozen(alice.address, false))
        .to.emit(token, "AddressFrozen")
        .withArgs(alice.address, false);
      expect(await token.isAddressFrozen(alice.address)).to.equal(false);
    });

    it("stops a frozen wallet from sending and from receiving, by transfer and by mint", async function () {
      const { token, enforcer, issuer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setAddressFrozen(alice.address, true);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
      await expect(token.connect(bob).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(alice.address);
      await expect(token.connect(issuer).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(alice.address);
    });

    it("lets an unfrozen wallet send again", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setAddressFrozen(alice.address, true);
      await token.connect(enforcer).setAddressFrozen(alice.address, false);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalances(
        ethers,
        token,
        [alice, bob],
        [-1n, 1n],
      );
    });

    it("batchSetAddressFrozen sets each wallet and emits one AddressFrozen per wallet", async function () {
      const { token, enforcer, alice, bob, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setAddressFrozen(carol.address, true);
      const tx = token
        .connect(enforcer)
        .batchSetAddressFrozen([alice.address, bob.address, carol.address], [true, true, false]);
      await expect(tx).to.emit(token, "AddressFrozen").withArgs(alice.address, true);
      await expect(tx).to.emit(token, "AddressFrozen").withArgs(bob.address, true);
      await expect(tx).to.emit(token, "AddressFrozen").withArgs(carol.address, false);
      expect(await token.isAddressFrozen(alice.address)).to.equal(true);
      expect(await token.isAddressFrozen(bob.address)).to.equal(true);
      expect(await token.isAddressFrozen(carol.address)).to.equal(false);
    });

    it("batchSetAddressFrozen refuses arrays of different lengths with BatchLengthMismatch", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).batchSetAddressFrozen([alice.address, bob.address], [true]))
        .to.be.revertedWithCustomError(token, "BatchLengthMismatch")
        .withArgs(2n, 1n);
      await expect(token.connect(enforcer).batchSetAddressFrozen([alice.address], [true, false]))
        .to.be.revertedWithCustomError(token, "BatchLengthMismatch")
        .withArgs(1n, 2n);
    });
  });

  describe("setFrozenTokens", function () {
    it("sets the frozen amount with Frozen(account, amount), read by getFrozenTokens", async function () {
      const { token, enforcer, alice } = await networkHelpers.loadFixture(deployToken);
      expect(await token.getFrozenTokens(alice.address)).to.equal(0n);
      await expect(token.connect(enforcer).setFrozenTokens(alice.address, 400n * UNIT))
        .to.emit(token, "Frozen")
        .withArgs(alice.address, 400n * UNIT);
      expect(await token.getFrozenTokens(alice.address)).to.equal(400n * UNIT);
      await expect(token.connect(enforcer).setFrozenTokens(alice.address, 0n))
        .to.emit(token, "Frozen")
        .withArgs(alice.address, 0n);
      expect(await token.getFrozenTokens(alice.address)).to.equal(0n);
    });

    it("returns true", async function () {
      const { token, enforcer, alice } = await networkHelpers.loadFixture(deployToken);
      expect(await token.connect(enforcer).setFrozenTokens.staticCall(alice.address, 1n)).to.equal(true);
    });

    it("lets the holder move only its unfrozen tokens", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 400n * UNIT);
      await expect(token.connect(alice).transfer(bob.address, 600n * UNIT + 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(alice.address, 600n * UNIT + 1n, 600n * UNIT);
      await token.connect(alice).transfer(bob.address, 600n * UNIT);
      expect(await token.balanceOf(alice.address)).to.equal(400n * UNIT);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(alice.address, 1n, 0n);
    });

    it("may exceed the balance: nothing can be sent, and tokens received stay frozen up to the amount", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).setFrozenTokens(alice.address, 1_500n * UNIT))
        .to.emit(token, "Frozen")
        .withArgs(alice.address, 1_500n * UNIT);
      expect(await token.getFrozenTokens(alice.address)).to.equal(1_500n * UNIT);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(alice.address, 1n, 0n);
      // Frozen tokens do not stop receiving.
      await token.connect(bob).transfer(alice.address, 600n * UNIT);
      await expect(token.connect(alice).transfer(bob.address, 100n * UNIT + 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(alice.address, 100n * UNIT + 1n, 100n * UNIT);
      await token.connect(alice).transfer(bob.address, 100n * UNIT);
      expect(await token.balanceOf(alice.address)).to.equal(1_500n * UNIT);
    });

    it("batchSetFrozenTokens sets each amount with one Frozen event each", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      const tx = token.connect(enforcer).batchSetFrozenTokens([alice.address, bob.address], [1n, 2n * UNIT]);
      await expect(tx).to.emit(token, "Frozen").withArgs(alice.address, 1n);
      await expect(tx)
        .to.emit(token, "Frozen")
        .withArgs(bob.address, 2n * UNIT);
      expect(await token.getFrozenTokens(alice.address)).to.equal(1n);
      expect(await token.getFrozenTokens(bob.address)).to.equal(2n * UNIT);
    });

    it("batchSetFrozenTokens refuses arrays of different lengths with BatchLengthMismatch", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).batchSetFrozenTokens([alice.address, bob.address], [1n]))
        .to.be.revertedWithCustomError(token, "BatchLengthMismatch")
        .withArgs(2n, 1n);
      await expect(token.connect(enforcer).batchSetFrozenTokens([], [1n]))
        .to.be.revertedWithCustomError(token, "BatchLengthMismatch")
        .withArgs(0n, 1n);
    });
  });

  describe("forcedTransfer", function () {
    it("moves tokens from a wallet-frozen sender, emitting Transfer and ForcedTransfer", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setAddressFrozen(alice.address, true);
      const tx = token.connect(enforcer).forcedTransfer(alice.address, bob.address, 300n * UNIT);
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, 300n * UNIT);
      await expect(tx)
        .to.emit(token, "ForcedTransfer")
        .withArgs(alice.address, bob.address, 300n * UNIT);
      await expect(tx).to.not.emit(token, "Frozen");
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [-300n * UNIT, 300n * UNIT]);
    });

    it("moves tokens from an unverified (revoked) sender", async function () {
      const { token, registry, kycAgent, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await registry.connect(kycAgent).revokeInvestor(alice.address);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, bob.address, 1_000n * UNIT))
        .to.emit(token, "ForcedTransfer")
        .withArgs(alice.address, bob.address, 1_000n * UNIT);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.balanceOf(bob.address)).to.equal(2_000n * UNIT);
    });

    it("returns true", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      expect(await token.connect(enforcer).forcedTransfer.staticCall(alice.address, bob.address, 1n)).to.equal(true);
    });

    it("takes frozen tokens: emits Frozen(from, balance - amount), Transfer, ForcedTransfer in that order", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 800n * UNIT);
      const tx = await token.connect(enforcer).forcedTransfer(alice.address, bob.address, 300n * UNIT);
      await expect(tx)
        .to.emit(token, "Frozen")
        .withArgs(alice.address, 700n * UNIT);
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, 300n * UNIT);
      await expect(tx)
        .to.emit(token, "ForcedTransfer")
        .withArgs(alice.address, bob.address, 300n * UNIT);
      expect(await tokenEventNames(token, tx)).to.deep.equal(["Frozen", "Transfer", "ForcedTransfer"]);
      expect(await token.getFrozenTokens(alice.address)).to.equal(700n * UNIT);
      expect(await token.balanceOf(alice.address)).to.equal(700n * UNIT);
    });

    it("leaves the frozen amount alone when only unfrozen tokens are taken", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 700n * UNIT);
      const tx = await token.connect(enforcer).forcedTransfer(alice.address, bob.address, 300n * UNIT);
      expect(await tokenEventNames(token, tx)).to.deep.equal(["Transfer", "ForcedTransfer"]);
      expect(await token.getFrozenTokens(alice.address)).to.equal(700n * UNIT);
    });

    it("unfreezes only the tokens it takes: a freeze above the balance keeps its excess", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 5_000n * UNIT);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, bob.address, 100n * UNIT))
        .to.emit(token, "Frozen")
        .withArgs(alice.address, 4_900n * UNIT);
      expect(await token.getFrozenTokens(alice.address)).to.equal(4_900n * UNIT);
    });

    it("unfreezes nothing when nothing leaves the wallet (zero amount, or to itself)", async function () {
      const { token, enforcer, alice } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 5_000n * UNIT);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, alice.address, 100n * UNIT)).not.to.emit(
        token,
        "Frozen",
      );
      await expect(token.connect(enforcer).forcedTransfer(alice.address, alice.address, 0n)).not.to.emit(
        token,
        "Frozen",
      );
      expect(await token.getFrozenTokens(alice.address)).to.equal(5_000n * UNIT);
    });

    it("refuses more than the sender's balance with ERC20InsufficientBalance", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, bob.address, 1_000n * UNIT + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 1_000n * UNIT, 1_000n * UNIT + 1n);
    });

    it("refuses an unregistered receiver with ERC7943CannotReceive", async function () {
      const { token, enforcer, alice, outsider } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, outsider.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(outsider.address);
    });

    it("refuses a revoked receiver with ERC7943CannotReceive", async function () {
      const { token, registry, kycAgent, enforcer, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await registry.connect(kycAgent).revokeInvestor(carol.address);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(carol.address);
    });

    it("refuses a wallet-frozen receiver with ERC7943CannotReceive", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setAddressFrozen(bob.address, true);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(bob.address);
    });

    it("refuses a receiver of a disallowed category or country with ERC7943CannotReceive", async function () {
      const f = await networkHelpers.loadFixture(deployToken);
      const { token, enforcer, compliance, alice, bob, carol } = f;
      await token.connect(compliance).setAllowedCategories(ALL_CATEGORIES & ~categoryBit(InvestorCategory.RETAIL));
      await expect(token.connect(enforcer).forcedTransfer(alice.address, carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(carol.address);
      await setCountry(f, bob, Country.UNITED_KINGDOM);
      await token.connect(compliance).setCountriesAllowed([Country.PAKISTAN], true);
      await token.connect(compliance).setCountryRestriction(true);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(bob.address);
    });

    it("skips the lock-up, the maximum balance, the maximum of holders and the module's check", async function () {
      const { token, compliance, enforcer, module, alice, carol } =
        await networkHelpers.loadFixture(deployTokenWithModule);
      await token.connect(compliance).setLockUpEnd(BigInt(await networkHelpers.time.latest()) + 1_000_000n);
      await token.connect(compliance).setMaxBalance(10n * UNIT);
      await token.connect(compliance).setMaxHolders(2);
      await module.setBlocked(carol.address, true);
      expect(await token.canTransfer(alice.address, carol.address, 500n * UNIT)).to.equal(false);
      await token.connect(enforcer).forcedTransfer(alice.address, carol.address, 500n * UNIT);
      expect(await token.balanceOf(carol.address)).to.equal(500n * UNIT);
      expect(await token.holderCount()).to.equal(3n);
    });

    it("batchForcedTransfer moves each item with its ForcedTransfer event", async function () {
      const { token, enforcer, alice, bob, carol } = await networkHelpers.loadFixture(deployToken);
      const tx = token
        .connect(enforcer)
        .batchForcedTransfer([alice.address, bob.address], [carol.address, carol.address], [10n, 20n]);
      await expect(tx).to.emit(token, "ForcedTransfer").withArgs(alice.address, carol.address, 10n);
      await expect(tx).to.emit(token, "ForcedTransfer").withArgs(bob.address, carol.address, 20n);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob, carol], [-10n, -20n, 30n]);
    });

    it("batchForcedTransfer reverts as a whole when one receiver is refused", async function () {
      const { token, enforcer, alice, bob, carol, outsider } = await networkHelpers.loadFixture(deployToken);
      await expect(
        token
          .connect(enforcer)
          .batchForcedTransfer([alice.address, bob.address], [carol.address, outsider.address], [10n, 20n]),
      )
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(outsider.address);
      expect(await token.balanceOf(carol.address)).to.equal(0n);
    });

    it("batchForcedTransfer refuses arrays of different lengths with BatchLengthMismatch", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).batchForcedTransfer([alice.address], [bob.address, bob.address], [1n]))
        .to.be.revertedWithCustomError(token, "BatchLengthMismatch")
        .withArgs(1n, 2n);
      await expect(token.connect(enforcer).batchForcedTransfer([alice.address], [bob.address], [1n, 2n, 3n]))
        .to.be.revertedWithCustomError(token, "BatchLengthMismatch")
        .withArgs(1n, 3n);
    });
  });

  describe("burn by the issuer", function () {
    it("burns tokens of a holder and lowers the supply", async function () {
      const { token, issuer, alice } = await networkHelpers.loadFixture(deployToken);
      const tx = token.connect(issuer).burn(alice.address, 250n * UNIT);
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(alice.address, ethers.ZeroAddress, 250n * UNIT);
      await expect(tx).to.changeTokenBalance(ethers, token, alice, -250n * UNIT);
      expect(await token.totalSupply()).to.equal(1_750n * UNIT);
    });

    it("burns frozen tokens and lowers the frozen amount with Frozen(from, balance - amount)", async function () {
      const { token, issuer, enforcer, alice } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 1_000n * UNIT);
      const tx = await token.connect(issuer).burn(alice.address, 300n * UNIT);
      await expect(tx)
        .to.emit(token, "Frozen")
        .withArgs(alice.address, 700n * UNIT);
      expect(await tokenEventNames(token, tx)).to.deep.equal(["Frozen", "Transfer"]);
      expect(await token.getFrozenTokens(alice.address)).to.equal(700n * UNIT);
      expect(await token.balanceOf(alice.address)).to.equal(700n * UNIT);
    });

    it("does not touch frozen tokens covered by the remaining balance", async function () {
      const { token, issuer, enforcer, alice } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 700n * UNIT);
      await expect(token.connect(issuer).burn(alice.address, 300n * UNIT)).to.not.emit(token, "Frozen");
      expect(await token.getFrozenTokens(alice.address)).to.equal(700n * UNIT);
    });

    it("burns from a wallet-frozen or unverified holder", async function () {
      const { token, registry, kycAgent, issuer, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setAddressFrozen(alice.address, true);
      await registry.connect(kycAgent).revokeInvestor(bob.address);
      await token.connect(issuer).burn(alice.address, 1n);
      await token.connect(issuer).burn(bob.address, 2n);
      expect(await token.balanceOf(alice.address)).to.equal(1_000n * UNIT - 1n);
      expect(await token.balanceOf(bob.address)).to.equal(1_000n * UNIT - 2n);
    });

    it("works while paused", async function () {
      const { token, pauser, issuer, alice } = await networkHelpers.loadFixture(deployToken);
      await token.connect(pauser).pause();
      await expect(token.connect(issuer).burn(alice.address, 1n))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, ethers.ZeroAddress, 1n);
    });

    it("refuses more than the balance with ERC20InsufficientBalance", async function () {
      const { token, issuer, alice } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(issuer).burn(alice.address, 1_000n * UNIT + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 1_000n * UNIT, 1_000n * UNIT + 1n);
    });
  });

  describe("recoverWallet", function () {
    it("moves the whole balance and the frozen amount to another wallet of the same investor", async function () {
      const { token, enforcer, alice, aliceSpare } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 300n * UNIT);
      const tx = await token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      await expect(tx)
        .to.emit(token, "WalletRecovered")
        .withArgs(alice.address, aliceSpare.address, 1_000n * UNIT, 300n * UNIT);
      await expect(tx).to.emit(token, "Frozen").withArgs(alice.address, 0n);
      await expect(tx)
        .to.emit(token, "Frozen")
        .withArgs(aliceSpare.address, 300n * UNIT);
      await expect(tx)
        .to.emit(token, "ForcedTransfer")
        .withArgs(alice.address, aliceSpare.address, 1_000n * UNIT);
      expect(await tokenEventNames(token, tx)).to.deep.equal([
        "Frozen",
        "Transfer",
        "ForcedTransfer",
        "Frozen",
        "WalletRecovered",
      ]);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.balanceOf(aliceSpare.address)).to.equal(1_000n * UNIT);
      expect(await token.getFrozenTokens(alice.address)).to.equal(0n);
      expect(await token.getFrozenTokens(aliceSpare.address)).to.equal(300n * UNIT);
      expect(await token.isAddressFrozen(aliceSpare.address)).to.equal(false);
    });

    it("adds the lost wallet's frozen amount to the replacement's own", async function () {
      const { token, issuer, enforcer, alice, aliceSpare } = await networkHelpers.loadFixture(deployToken);
      await token.connect(issuer).mint(aliceSpare.address, 50n * UNIT);
      await token
        .connect(enforcer)
        .batchSetFrozenTokens([alice.address, aliceSpare.address], [300n * UNIT, 20n * UNIT]);
      await expect(token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address))
        .to.emit(token, "Frozen")
        .withArgs(aliceSpare.address, 320n * UNIT);
      expect(await token.getFrozenTokens(aliceSpare.address)).to.equal(320n * UNIT);
      expect(await token.balanceOf(aliceSpare.address)).to.equal(1_050n * UNIT);
    });

    it("moves a frozen amount above the balance as a whole, leaving nothing frozen on the lost wallet", async function () {
      const { token, enforcer, alice, aliceSpare } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setFrozenTokens(alice.address, 5_000n * UNIT);
      await expect(token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address))
        .to.emit(token, "WalletRecovered")
        .withArgs(alice.address, aliceSpare.address, 1_000n * UNIT, 5_000n * UNIT);
      expect(await token.getFrozenTokens(alice.address)).to.equal(0n);
      expect(await token.getFrozenTokens(aliceSpare.address)).to.equal(5_000n * UNIT);
    });

    it("emits WalletRecovered with a zero frozen amount and no Frozen event when nothing is frozen", async function () {
      const { token, enforcer, alice, aliceSpare } = await networkHelpers.loadFixture(deployToken);
      const tx = await token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      await expect(tx)
        .to.emit(token, "WalletRecovered")
        .withArgs(alice.address, aliceSpare.address, 1_000n * UNIT, 0n);
      expect(await tokenEventNames(token, tx)).to.deep.equal(["Transfer", "ForcedTransfer", "WalletRecovered"]);
    });

    it("leaves the replacement frozen when the lost wallet was frozen", async function () {
      const { token, enforcer, alice, aliceSpare } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setAddressFrozen(alice.address, true);
      const tx = await token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      await expect(tx).to.emit(token, "AddressFrozen").withArgs(aliceSpare.address, true);
      await expect(tx)
        .to.emit(token, "WalletRecovered")
        .withArgs(alice.address, aliceSpare.address, 1_000n * UNIT, 0n);
      expect(await token.isAddressFrozen(aliceSpare.address)).to.equal(true);
      expect(await token.balanceOf(aliceSpare.address)).to.equal(1_000n * UNIT);
    });

    it("recovers a lost wallet whose KYC was already revoked (its record is kept)", async function () {
      const { token, registry, kycAgent, enforcer, alice, aliceSpare } = await networkHelpers.loadFixture(deployToken);
      await registry.connect(kycAgent).revokeInvestor(alice.address);
      await expect(token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address))
        .to.emit(token, "WalletRecovered")
        .withArgs(alice.address, aliceSpare.address, 1_000n * UNIT, 0n);
    });

    it("refuses the same wallet with RegulatedTokenInvalidRecovery", async function () {
      const { token, enforcer, alice } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).recoverWallet(alice.address, alice.address))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidRecovery")
        .withArgs(alice.address, alice.address);
    });

    it("refuses a wallet of another investor with RegulatedTokenInvalidRecovery", async function () {
      const { token, enforcer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).recoverWallet(alice.address, bob.address))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidRecovery")
        .withArgs(alice.address, bob.address);
    });

    it("refuses an unknown lost wallet or an unknown replacement with RegulatedTokenInvalidRecovery", async function () {
      const { token, enforcer, alice, outsider, stranger } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(enforcer).recoverWallet(outsider.address, stranger.address))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidRecovery")
        .withArgs(outsider.address, stranger.address);
      await expect(token.connect(enforcer).recoverWallet(outsider.address, alice.address))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidRecovery")
        .withArgs(outsider.address, alice.address);
      await expect(token.connect(enforcer).recoverWallet(alice.address, outsider.address))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidRecovery")
        .withArgs(alice.address, outsider.address);
    });

    it("refuses an unverified replacement of the same investor with ERC7943CannotReceive", async function () {
      const { token, registry, kycAgent, enforcer, alice, aliceSpare } = await networkHelpers.loadFixture(deployToken);
      await registry.connect(kycAgent).revokeInvestor(aliceSpare.address);
      await expect(token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(aliceSpare.address);
    });

    it("refuses a wallet-frozen replacement with ERC7943CannotReceive", async function () {
      const { token, enforcer, alice, aliceSpare } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).setAddressFrozen(aliceSpare.address, true);
      await expect(token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(aliceSpare.address);
    });
  });
});
