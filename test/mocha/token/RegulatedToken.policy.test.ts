import { expect } from "chai";
import { Country, InvestorCategory } from "../../../src/sdk/investors.js";
import { deployToken, ethers, networkHelpers, now, ONE_YEAR, UNIT } from "../fixtures.js";
import {
  ALL_CATEGORIES,
  categoryBit,
  Code,
  deployTokenAndModule,
  deployTokenWithModule,
  investorIdOfWallet,
  setCountry,
} from "./helpers.js";

describe("RegulatedToken: eligibility policy", function () {
  describe("deployment", function () {
    it("starts with an open policy", async function () {
      const { token, registry } = await networkHelpers.loadFixture(deployToken);
      expect(await token.registry()).to.equal(await registry.getAddress());
      expect(await token.paused()).to.equal(false);
      expect(await token.countryRestricted()).to.equal(false);
      expect(await token.isCountryAllowed(Country.PAKISTAN)).to.equal(false);
      expect(await token.allowedCategories()).to.equal(BigInt(ALL_CATEGORIES));
      expect(await token.maxBalance()).to.equal(0n);
      expect(await token.maxHolders()).to.equal(0n);
      expect(await token.lockUpEndsAt()).to.equal(0n);
      expect(await token.complianceModule()).to.equal(ethers.ZeroAddress);
    });

    it("emits RegistryChanged(0, registry) and AllowedCategoriesSet(0xffff)", async function () {
      const { registry, admin } = await networkHelpers.loadFixture(deployToken);
      const token = await ethers.deployContract("RegulatedTokenMock", [
        "T",
        "T",
        18,
        await registry.getAddress(),
        admin.address,
        0,
      ]);
      const tx = token.deploymentTransaction();
      if (tx === null) throw new Error("no deployment transaction");
      await expect(tx)
        .to.emit(token, "RegistryChanged")
        .withArgs(ethers.ZeroAddress, await registry.getAddress());
      await expect(tx).to.emit(token, "AllowedCategoriesSet").withArgs(ALL_CATEGORIES);
    });

    it("refuses a registry that is not a contract", async function () {
      const { admin, stranger, token } = await networkHelpers.loadFixture(deployToken);
      const factory = await ethers.getContractFactory("RegulatedTokenMock");
      await expect(factory.deploy("T", "T", 18, stranger.address, admin.address, 0))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidRegistry")
        .withArgs(stranger.address);
    });
  });

  describe("setCountryRestriction / setCountriesAllowed", function () {
    it("setCountryRestriction emits CountryRestrictionSet and sets countryRestricted", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(compliance).setCountryRestriction(true))
        .to.emit(token, "CountryRestrictionSet")
        .withArgs(true);
      expect(await token.countryRestricted()).to.equal(true);
      await expect(token.connect(compliance).setCountryRestriction(false))
        .to.emit(token, "CountryRestrictionSet")
        .withArgs(false);
      expect(await token.countryRestricted()).to.equal(false);
    });

    it("setCountriesAllowed emits CountryAllowedSet per country and updates isCountryAllowed", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      const tx = token.connect(compliance).setCountriesAllowed([Country.PAKISTAN, Country.UNITED_KINGDOM], true);
      await expect(tx).to.emit(token, "CountryAllowedSet").withArgs(Country.PAKISTAN, true);
      await expect(tx).to.emit(token, "CountryAllowedSet").withArgs(Country.UNITED_KINGDOM, true);
      expect(await token.isCountryAllowed(Country.PAKISTAN)).to.equal(true);
      expect(await token.isCountryAllowed(Country.UNITED_KINGDOM)).to.equal(true);
      await expect(token.connect(compliance).setCountriesAllowed([Country.PAKISTAN], false))
        .to.emit(token, "CountryAllowedSet")
        .withArgs(Country.PAKISTAN, false);
      expect(await token.isCountryAllowed(Country.PAKISTAN)).to.equal(false);
      expect(await token.isCountryAllowed(Country.UNITED_KINGDOM)).to.equal(true);
    });

    it("keeps every country on its own bit (neighbours and codes 256 apart stay unset)", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setCountriesAllowed([1, 255, 256, Country.PAKISTAN, 999], true);
      for (const code of [1, 255, 256, Country.PAKISTAN, 999]) {
        expect(await token.isCountryAllowed(code)).to.equal(true, `country ${code}`);
      }
      for (const code of [2, 254, 257, Country.PAKISTAN - 256, Country.PAKISTAN - 1, Country.PAKISTAN + 1, 998]) {
        expect(await token.isCountryAllowed(code)).to.equal(false, `country ${code}`);
      }
    });

    it("refuses country 0 and 1000 with RegulatedTokenInvalidCountry, reverting the whole list", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(compliance).setCountriesAllowed([0], true))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidCountry")
        .withArgs(0);
      await expect(token.connect(compliance).setCountriesAllowed([Country.PAKISTAN, 1000], true))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidCountry")
        .withArgs(1000);
      await expect(token.connect(compliance).setCountriesAllowed([1000], false))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidCountry")
        .withArgs(1000);
      expect(await token.isCountryAllowed(Country.PAKISTAN)).to.equal(false);
    });

    it("with the allowlist on, only investors of allowed countries may send and receive", async function () {
      const f = await networkHelpers.loadFixture(deployToken);
      const { token, compliance, alice, bob, carol } = f;
      await setCountry(f, carol, Country.UNITED_ARAB_EMIRATES);
      await token.connect(compliance).setCountriesAllowed([Country.PAKISTAN], true);
      await token.connect(compliance).setCountryRestriction(true);
      await token.connect(alice).transfer(bob.address, 1n);
      await expect(token.connect(alice).transfer(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(carol.address);
      await token.connect(compliance).setCountriesAllowed([Country.UNITED_ARAB_EMIRATES], true);
      await token.connect(alice).transfer(carol.address, 1n);
      expect(await token.balanceOf(carol.address)).to.equal(1n);
    });

    it("with the allowlist off, the allowlist is ignored", async function () {
      const { token, alice, bob } = await networkHelpers.loadFixture(deployToken);
      expect(await token.isCountryAllowed(Country.PAKISTAN)).to.equal(false);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalances(
        ethers,
        token,
        [alice, bob],
        [-1n, 1n],
      );
    });
  });

  describe("setAllowedCategories", function () {
    it("emits AllowedCategoriesSet and sets allowedCategories", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      const mask = categoryBit(InvestorCategory.INSTITUTIONAL) | categoryBit(InvestorCategory.PRIMARY_DEALER);
      await expect(token.connect(compliance).setAllowedCategories(mask))
        .to.emit(token, "AllowedCategoriesSet")
        .withArgs(mask);
      expect(await token.allowedCategories()).to.equal(BigInt(mask));
    });

    it("refuses investors of a category outside the mask, as senders, receivers and mint receivers", async function () {
      const { token, compliance, issuer, alice, bob, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setAllowedCategories(categoryBit(InvestorCategory.INSTITUTIONAL));
      await token.connect(alice).transfer(bob.address, 1n);
      await expect(token.connect(alice).transfer(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(carol.address);
      await expect(token.connect(issuer).mint(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(carol.address);
      await token.connect(compliance).setAllowedCategories(categoryBit(InvestorCategory.RETAIL));
      await expect(token.connect(alice).transfer(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
    });
  });

  describe("setMaxBalance", function () {
    it("emits MaxBalanceSet and sets maxBalance", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(compliance).setMaxBalance(1_200n * UNIT))
        .to.emit(token, "MaxBalanceSet")
        .withArgs(1_200n * UNIT);
      expect(await token.maxBalance()).to.equal(1_200n * UNIT);
    });

    it("allows a receiver up to the maximum exactly and refuses one unit above", async function () {
      const { token, compliance, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxBalance(1_200n * UNIT);
      await expect(token.connect(alice).transfer(bob.address, 200n * UNIT + 1n))
        .to.be.revertedWithCustomError(token, "RegulatedTokenMaxBalanceExceeded")
        .withArgs(bob.address, 1_200n * UNIT + 1n, 1_200n * UNIT);
      await token.connect(alice).transfer(bob.address, 200n * UNIT);
      expect(await token.balanceOf(bob.address)).to.equal(1_200n * UNIT);
    });

    it("applies to mints", async function () {
      const { token, compliance, issuer, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxBalance(100n);
      await expect(token.connect(issuer).mint(carol.address, 101n))
        .to.be.revertedWithCustomError(token, "RegulatedTokenMaxBalanceExceeded")
        .withArgs(carol.address, 101n, 100n);
      await token.connect(issuer).mint(carol.address, 100n);
      expect(await token.balanceOf(carol.address)).to.equal(100n);
    });

    it("does not stop a holder above the maximum from sending, nor a self transfer", async function () {
      const { token, compliance, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxBalance(500n * UNIT);
      await token.connect(alice).transfer(alice.address, 1_000n * UNIT);
      await token.connect(alice).transfer(carol.address, 500n * UNIT);
      expect(await token.balanceOf(alice.address)).to.equal(500n * UNIT);
    });

    it("0 disables the maximum", async function () {
      const { token, compliance, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxBalance(1n);
      await expect(token.connect(compliance).setMaxBalance(0n)).to.emit(token, "MaxBalanceSet").withArgs(0n);
      expect(await token.maxBalance()).to.equal(0n);
      await token.connect(alice).transfer(bob.address, 1_000n * UNIT);
      expect(await token.balanceOf(bob.address)).to.equal(2_000n * UNIT);
    });
  });

  describe("setMaxHolders", function () {
    it("emits MaxHoldersSet and sets maxHolders", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(compliance).setMaxHolders(3)).to.emit(token, "MaxHoldersSet").withArgs(3);
      expect(await token.maxHolders()).to.equal(3n);
    });

    it("refuses a new holder by transfer or mint once the maximum is reached", async function () {
      const { token, compliance, issuer, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxHolders(2);
      await expect(token.connect(alice).transfer(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "RegulatedTokenMaxHoldersReached")
        .withArgs(carol.address, 2n);
      await expect(token.connect(issuer).mint(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "RegulatedTokenMaxHoldersReached")
        .withArgs(carol.address, 2n);
    });

    it("admits a new holder below the maximum", async function () {
      const { token, compliance, issuer, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxHolders(3);
      await token.connect(issuer).mint(carol.address, 1n);
      expect(await token.holderCount()).to.equal(3n);
    });

    it("allows a holder to hand its whole balance to a new holder (the count does not rise)", async function () {
      const { token, compliance, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxHolders(2);
      expect(await token.detectTransferRestriction(alice.address, carol.address, 1_000n * UNIT)).to.equal(Code.SUCCESS);
      await token.connect(alice).transfer(carol.address, 1_000n * UNIT);
      expect(await token.holderCount()).to.equal(2n);
    });

    it("lowered below the current count, refuses new holders only", async function () {
      const { token, compliance, issuer, alice, bob, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxHolders(1);
      expect(await token.holderCount()).to.equal(2n);
      await token.connect(alice).transfer(bob.address, 10n);
      await token.connect(bob).transfer(alice.address, 5n);
      await token.connect(issuer).mint(alice.address, 1n);
      await expect(token.connect(alice).transfer(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "RegulatedTokenMaxHoldersReached")
        .withArgs(carol.address, 1n);
      // Even after one holder leaves, the count (1) is still at the maximum.
      await token.connect(alice).transfer(bob.address, await token.balanceOf(alice.address));
      expect(await token.holderCount()).to.equal(1n);
      await expect(token.connect(bob).transfer(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "RegulatedTokenMaxHoldersReached")
        .withArgs(carol.address, 1n);
    });

    it("0 disables the maximum", async function () {
      const { token, compliance, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setMaxHolders(1);
      await expect(token.connect(compliance).setMaxHolders(0)).to.emit(token, "MaxHoldersSet").withArgs(0);
      expect(await token.maxHolders()).to.equal(0n);
      await token.connect(alice).transfer(carol.address, 1n);
      expect(await token.holderCount()).to.equal(3n);
    });
  });

  describe("setLockUpEnd", function () {
    it("emits LockUpEndSet and sets lockUpEndsAt", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      const end = (await now()) + ONE_YEAR;
      await expect(token.connect(compliance).setLockUpEnd(end)).to.emit(token, "LockUpEndSet").withArgs(end);
      expect(await token.lockUpEndsAt()).to.equal(end);
    });

    it("refuses holder-to-holder transfers until the end, allows them at the end", async function () {
      const { token, compliance, alice, bob } = await networkHelpers.loadFixture(deployToken);
      const end = (await now()) + 1_000n;
      await token.connect(compliance).setLockUpEnd(end);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "RegulatedTokenLockedUp")
        .withArgs(alice.address, end);
      await networkHelpers.time.setNextBlockTimestamp(end - 1n);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "RegulatedTokenLockedUp")
        .withArgs(alice.address, end);
      await networkHelpers.time.setNextBlockTimestamp(end);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalances(
        ethers,
        token,
        [alice, bob],
        [-1n, 1n],
      );
    });

    it("allows holder-to-holder transfers after the end", async function () {
      const { token, compliance, alice, bob } = await networkHelpers.loadFixture(deployToken);
      const end = (await now()) + 1_000n;
      await token.connect(compliance).setLockUpEnd(end);
      await networkHelpers.time.increaseTo(end + 1n);
      expect(await token.detectTransferRestriction(alice.address, bob.address, 1n)).to.equal(Code.SUCCESS);
      await token.connect(alice).transfer(bob.address, 1n);
      expect(await token.balanceOf(bob.address)).to.equal(1_000n * UNIT + 1n);
    });

    it("does not apply to mints, burns or forced transfers", async function () {
      const { token, compliance, issuer, enforcer, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setLockUpEnd((await now()) + ONE_YEAR);
      await token.connect(issuer).mint(carol.address, 5n);
      await token.connect(issuer).burn(alice.address, 1n);
      await token.connect(enforcer).forcedTransfer(alice.address, carol.address, 2n);
      expect(await token.balanceOf(carol.address)).to.equal(7n);
      expect(await token.balanceOf(alice.address)).to.equal(1_000n * UNIT - 3n);
    });

    it("0 removes the lock-up", async function () {
      const { token, compliance, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setLockUpEnd((await now()) + ONE_YEAR);
      await expect(token.connect(compliance).setLockUpEnd(0)).to.emit(token, "LockUpEndSet").withArgs(0n);
      await token.connect(alice).transfer(bob.address, 1n);
      expect(await token.balanceOf(bob.address)).to.equal(1_000n * UNIT + 1n);
    });

    it("refuses an end beyond 40 bits with SafeCastOverflowedUintDowncast", async function () {
      const { token, compliance } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(compliance).setLockUpEnd(2n ** 40n))
        .to.be.revertedWithCustomError(token, "SafeCastOverflowedUintDowncast")
        .withArgs(40, 2n ** 40n);
    });
  });

  describe("setComplianceModule", function () {
    it("emits ComplianceModuleSet and sets complianceModule", async function () {
      const { token, compliance, module } = await networkHelpers.loadFixture(deployTokenAndModule);
      const address = await module.getAddress();
      await expect(token.connect(compliance).setComplianceModule(address))
        .to.emit(token, "ComplianceModuleSet")
        .withArgs(address);
      expect(await token.complianceModule()).to.equal(address);
    });

    it("tells the module about every balance change: transfer, transferFrom, mint, burn, forced, recovery", async function () {
      const { token, issuer, enforcer, module, alice, aliceSpare, bob, carol, stranger } =
        await networkHelpers.loadFixture(deployTokenWithModule);
      const calls = async () => module.transferredCalls();
      expect(await calls()).to.equal(0n);
      await token.connect(alice).transfer(bob.address, 1n);
      expect(await calls()).to.equal(1n);
      await token.connect(alice).approve(stranger.address, 1n);
      expect(await calls()).to.equal(1n);
      await token.connect(stranger).transferFrom(alice.address, bob.address, 1n);
      expect(await calls()).to.equal(2n);
      await token.connect(issuer).mint(carol.address, 1n);
      expect(await calls()).to.equal(3n);
      await token.connect(issuer).burn(carol.address, 1n);
      expect(await calls()).to.equal(4n);
      await token.connect(enforcer).forcedTransfer(bob.address, carol.address, 1n);
      expect(await calls()).to.equal(5n);
      await token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      expect(await calls()).to.equal(6n);
      await token.connect(bob).transfer(carol.address, 0n);
      expect(await calls()).to.equal(7n);
    });

    it("is asked before transfers and mints: a refusal reverts with ERC7943CannotTransfer", async function () {
      const { token, issuer, module, alice, carol } = await networkHelpers.loadFixture(deployTokenWithModule);
      await module.setBlocked(carol.address, true);
      await expect(token.connect(alice).transfer(carol.address, 7n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(alice.address, carol.address, 7n);
      await expect(token.connect(issuer).mint(carol.address, 7n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(ethers.ZeroAddress, carol.address, 7n);
    });

    it("is not asked for enforcement actions (forced transfer to a blocked wallet goes through)", async function () {
      const { token, enforcer, module, alice, carol } = await networkHelpers.loadFixture(deployTokenWithModule);
      await module.setBlocked(carol.address, true);
      await token.connect(enforcer).forcedTransfer(alice.address, carol.address, 7n);
      expect(await token.balanceOf(carol.address)).to.equal(7n);
      expect(await module.transferredCalls()).to.equal(1n);
    });

    it("the zero address disables the module: not asked, not told", async function () {
      const { token, compliance, module, alice, carol } = await networkHelpers.loadFixture(deployTokenWithModule);
      await module.setBlocked(carol.address, true);
      await expect(token.connect(compliance).setComplianceModule(ethers.ZeroAddress))
        .to.emit(token, "ComplianceModuleSet")
        .withArgs(ethers.ZeroAddress);
      expect(await token.complianceModule()).to.equal(ethers.ZeroAddress);
      await token.connect(alice).transfer(carol.address, 7n);
      expect(await token.balanceOf(carol.address)).to.equal(7n);
      expect(await module.transferredCalls()).to.equal(0n);
    });
    it("refuses a module that is not a contract", async function () {
      const { token, compliance, stranger } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(compliance).setComplianceModule(stranger.address))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidComplianceModule")
        .withArgs(stranger.address);
    });
  });

  describe("mint", function () {
    it("mints to a verified wallet with a Transfer from zero", async function () {
      const { token, issuer, carol } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(issuer).mint(carol.address, 42n))
        .to.emit(token, "Transfer")
        .withArgs(ethers.ZeroAddress, carol.address, 42n);
      expect(await token.balanceOf(carol.address)).to.equal(42n);
      expect(await token.totalSupply()).to.equal(2_000n * UNIT + 42n);
    });

    it("refuses an unregistered, revoked or wallet-frozen receiver with ERC7943CannotReceive", async function () {
      const { token, registry, kycAgent, issuer, enforcer, bob, carol, outsider } =
        await networkHelpers.loadFixture(deployToken);
      await registry.connect(kycAgent).revokeInvestor(bob.address);
      await token.connect(enforcer).setAddressFrozen(carol.address, true);
      for (const wallet of [outsider, bob, carol]) {
        await expect(token.connect(issuer).mint(wallet.address, 1n))
          .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
          .withArgs(wallet.address);
      }
    });

    it("refuses a receiver of a disallowed country with ERC7943CannotReceive", async function () {
      const f = await networkHelpers.loadFixture(deployToken);
      const { token, compliance, issuer, carol } = f;
      await setCountry(f, carol, Country.SAUDI_ARABIA);
      await token.connect(compliance).setCountriesAllowed([Country.PAKISTAN], true);
      await token.connect(compliance).setCountryRestriction(true);
      await expect(token.connect(issuer).mint(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(carol.address);
    });

    it("is not subject to the lock-up", async function () {
      const { token, compliance, issuer, alice, bob, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(compliance).setLockUpEnd((await now()) + ONE_YEAR);
      expect(await token.detectTransferRestriction(ethers.ZeroAddress, carol.address, 5n)).to.equal(Code.SUCCESS);
      await token.connect(issuer).mint(carol.address, 5n);
      expect(await token.balanceOf(carol.address)).to.equal(5n);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "RegulatedTokenLockedUp",
      );
    });

    it("batchMint mints to each receiver", async function () {
      const { token, issuer, alice, carol } = await networkHelpers.loadFixture(deployToken);
      const tx = token.connect(issuer).batchMint([alice.address, carol.address], [3n, 4n]);
      await expect(tx).to.emit(token, "Transfer").withArgs(ethers.ZeroAddress, alice.address, 3n);
      await expect(tx).to.emit(token, "Transfer").withArgs(ethers.ZeroAddress, carol.address, 4n);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, carol], [3n, 4n]);
    });

    it("batchMint reverts as a whole when one receiver is refused", async function () {
      const { token, issuer, carol, outsider } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(issuer).batchMint([carol.address, outsider.address], [3n, 4n]))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(outsider.address);
      expect(await token.balanceOf(carol.address)).to.equal(0n);
    });

    it("batchMint refuses arrays of different lengths with BatchLengthMismatch", async function () {
      const { token, issuer, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(issuer).batchMint([alice.address, carol.address], [1n]))
        .to.be.revertedWithCustomError(token, "BatchLengthMismatch")
        .withArgs(2n, 1n);
      await expect(token.connect(issuer).batchMint([alice.address], [1n, 2n]))
        .to.be.revertedWithCustomError(token, "BatchLengthMismatch")
        .withArgs(1n, 2n);
    });
  });

  describe("setRegistry", function () {
    it("emits RegistryChanged(old, new) and switches the registry", async function () {
      const { token, registry, admin } = await networkHelpers.loadFixture(deployToken);
      const next = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
      await expect(token.connect(admin).setRegistry(await next.getAddress()))
        .to.emit(token, "RegistryChanged")
        .withArgs(await registry.getAddress(), await next.getAddress());
      expect(await token.registry()).to.equal(await next.getAddress());
    });

    it("refuses an EOA or the zero address with RegulatedTokenInvalidRegistry", async function () {
      const { token, admin, stranger } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(admin).setRegistry(stranger.address))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidRegistry")
        .withArgs(stranger.address);
      await expect(token.connect(admin).setRegistry(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "RegulatedTokenInvalidRegistry")
        .withArgs(ethers.ZeroAddress);
    });

    it("after the switch, refuses investors known only to the old registry", async function () {
      const f = await networkHelpers.loadFixture(deployToken);
      const { token, admin, kycAgent, alice, bob, carol } = f;
      const next = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
      await next.connect(admin).grantRole(await next.KYC_AGENT_ROLE(), kycAgent.address);
      const expiresAt = (await now()) + ONE_YEAR;
      await next
        .connect(kycAgent)
        .registerInvestor(
          bob.address,
          await investorIdOfWallet(f, bob),
          Country.PAKISTAN,
          InvestorCategory.INSTITUTIONAL,
          expiresAt,
        );
      await next
        .connect(kycAgent)
        .registerInvestor(
          carol.address,
          await investorIdOfWallet(f, carol),
          Country.PAKISTAN,
          InvestorCategory.RETAIL,
          expiresAt,
        );
      await token.connect(admin).setRegistry(await next.getAddress());

      expect(await token.canSend(alice.address)).to.equal(false);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
      await expect(token.connect(bob).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(alice.address);
      await token.connect(bob).transfer(carol.address, 1n);
      expect(await token.balanceOf(carol.address)).to.equal(1n);
    });
  });
});
