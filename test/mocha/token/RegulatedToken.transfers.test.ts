import { expect } from "chai";
import { deployToken, ethers, networkHelpers, UNIT } from "../fixtures.js";
import { Code } from "./helpers.js";

describe("RegulatedToken: ERC-20 transfers, holders and interfaces", function () {
  describe("metadata", function () {
    it("reports the name, symbol, 18 decimals and the supply minted by the fixture", async function () {
      const { token } = await networkHelpers.loadFixture(deployToken);
      expect(await token.name()).to.equal("Sovereign Test");
      expect(await token.symbol()).to.equal("SVT");
      expect(await token.decimals()).to.equal(18n);
      expect(await token.totalSupply()).to.equal(2_000n * UNIT);
    });

    it("takes its decimals from the constructor (a 6-decimal token)", async function () {
      const { registry, admin, issuer, alice } = await networkHelpers.loadFixture(deployToken);
      const token6 = await ethers.deployContract("RegulatedTokenMock", [
        "Six Decimals",
        "SIX",
        6,
        await registry.getAddress(),
        admin.address,
        3 * 24 * 60 * 60,
      ]);
      expect(await token6.decimals()).to.equal(6n);
      await token6.connect(admin).grantRole(await token6.ISSUER_ROLE(), issuer.address);
      await token6.connect(issuer).mint(alice.address, 1_500_000n);
      expect(await token6.balanceOf(alice.address)).to.equal(1_500_000n);
      expect(await token6.totalSupply()).to.equal(1_500_000n);
    });
  });

  describe("transfer", function () {
    it("moves tokens between verified holders and emits Transfer", async function () {
      const { token, alice, bob } = await networkHelpers.loadFixture(deployToken);
      const tx = token.connect(alice).transfer(bob.address, 250n * UNIT);
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, 250n * UNIT);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [-250n * UNIT, 250n * UNIT]);
      expect(await token.totalSupply()).to.equal(2_000n * UNIT);
    });

    it("returns true", async function () {
      const { token, alice, bob } = await networkHelpers.loadFixture(deployToken);
      expect(await token.connect(alice).transfer.staticCall(bob.address, 1n)).to.equal(true);
    });

    it("moves the whole balance to a verified wallet holding nothing", async function () {
      const { token, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(alice).transfer(carol.address, 1_000n * UNIT)).to.changeTokenBalances(
        ethers,
        token,
        [alice, carol],
        [-1_000n * UNIT, 1_000n * UNIT],
      );
    });

    it("refuses the zero address as receiver with ERC20InvalidReceiver", async function () {
      const { token, alice } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(alice).transfer(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("transferFrom", function () {
    it("moves tokens on an allowance between verified holders and spends the allowance", async function () {
      const { token, alice, bob, stranger } = await networkHelpers.loadFixture(deployToken);
      await token.connect(alice).approve(stranger.address, 300n * UNIT);
      const tx = token.connect(stranger).transferFrom(alice.address, bob.address, 200n * UNIT);
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, 200n * UNIT);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob, stranger], [-200n * UNIT, 200n * UNIT, 0n]);
      expect(await token.allowance(alice.address, stranger.address)).to.equal(100n * UNIT);
    });

    it("lets a verified spender pull tokens to itself", async function () {
      const { token, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(alice).approve(carol.address, 10n * UNIT);
      await expect(token.connect(carol).transferFrom(alice.address, carol.address, 10n * UNIT)).to.changeTokenBalances(
        ethers,
        token,
        [alice, carol],
        [-10n * UNIT, 10n * UNIT],
      );
    });

    it("refuses a spender without allowance with ERC20InsufficientAllowance", async function () {
      const { token, alice, bob, stranger } = await networkHelpers.loadFixture(deployToken);
      await token.connect(alice).approve(stranger.address, 5n);
      await expect(token.connect(stranger).transferFrom(alice.address, bob.address, 6n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(stranger.address, 5n, 6n);
    });
  });

  describe("holder count", function () {
    it("counts the two holders minted by the fixture", async function () {
      const { token } = await networkHelpers.loadFixture(deployToken);
      expect(await token.holderCount()).to.equal(2n);
    });

    it("rises when a mint reaches a new holder, not when it reaches an existing one", async function () {
      const { token, issuer, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(issuer).mint(carol.address, 1n);
      expect(await token.holderCount()).to.equal(3n);
      await token.connect(issuer).mint(alice.address, 1n);
      await token.connect(issuer).mint(carol.address, 1n);
      expect(await token.holderCount()).to.equal(3n);
    });

    it("does not rise for a mint of zero to a wallet holding nothing", async function () {
      const { token, issuer, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(issuer).mint(carol.address, 0n);
      expect(await token.holderCount()).to.equal(2n);
    });

    it("rises when a transfer reaches a new holder and the sender keeps tokens", async function () {
      const { token, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(alice).transfer(carol.address, 1n);
      expect(await token.holderCount()).to.equal(3n);
    });

    it("falls when a holder sends its whole balance to another holder", async function () {
      const { token, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(alice).transfer(bob.address, 1_000n * UNIT);
      expect(await token.holderCount()).to.equal(1n);
    });

    it("stays the same when a holder sends its whole balance to a new holder", async function () {
      const { token, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(alice).transfer(carol.address, 1_000n * UNIT);
      expect(await token.holderCount()).to.equal(2n);
    });

    it("falls when the issuer burns a whole balance, not for a partial burn", async function () {
      const { token, issuer, alice, bob } = await networkHelpers.loadFixture(deployToken);
      await token.connect(issuer).burn(alice.address, 999n * UNIT);
      expect(await token.holderCount()).to.equal(2n);
      await token.connect(issuer).burn(bob.address, 1_000n * UNIT);
      expect(await token.holderCount()).to.equal(1n);
    });

    it("does not change on a self transfer of the whole balance", async function () {
      const { token, alice } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(alice).transfer(alice.address, 1_000n * UNIT))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, alice.address, 1_000n * UNIT);
      expect(await token.balanceOf(alice.address)).to.equal(1_000n * UNIT);
      expect(await token.holderCount()).to.equal(2n);
    });

    it("does not change on a zero-value transfer to a wallet holding nothing", async function () {
      const { token, alice, carol } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(alice).transfer(carol.address, 0n))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, carol.address, 0n);
      expect(await token.holderCount()).to.equal(2n);
    });

    it("follows forced transfers and wallet recoveries", async function () {
      const { token, enforcer, alice, aliceSpare, bob, carol } = await networkHelpers.loadFixture(deployToken);
      await token.connect(enforcer).forcedTransfer(bob.address, carol.address, 1n);
      expect(await token.holderCount()).to.equal(3n);
      await token.connect(enforcer).recoverWallet(alice.address, aliceSpare.address);
      expect(await token.holderCount()).to.equal(3n);
      await token.connect(enforcer).forcedTransfer(carol.address, bob.address, 1n);
      expect(await token.holderCount()).to.equal(2n);
    });
  });

  describe("supportsInterface", function () {
    it("supports ERC-7943 fungible (0x3edbb4c4)", async function () {
      const { token } = await networkHelpers.loadFixture(deployToken);
      expect(await token.supportsInterface("0x3edbb4c4")).to.equal(true);
    });

    it("supports IERC1404 (XOR of its two selectors)", async function () {
      const { token } = await networkHelpers.loadFixture(deployToken);
      const selectors = [
        "detectTransferRestriction(address,address,uint256)",
        "messageForTransferRestriction(uint8)",
      ].map((signature) => BigInt(ethers.id(signature).slice(0, 10)));
      const interfaceId = ethers.toBeHex(selectors[0] ^ selectors[1], 4);
      expect(interfaceId).to.equal("0xab84a5c8");
      expect(await token.supportsInterface(interfaceId)).to.equal(true);
    });

    it("supports IERC20 (0x36372b07), IAccessControl (0x7965db0b) and ERC-165 (0x01ffc9a7)", async function () {
      const { token } = await networkHelpers.loadFixture(deployToken);
      expect(await token.supportsInterface("0x36372b07")).to.equal(true);
      expect(await token.supportsInterface("0x7965db0b")).to.equal(true);
      expect(await token.supportsInterface("0x01ffc9a7")).to.equal(true);
    });

    it("does not support 0xffffffff nor an unrelated id", async function () {
      const { token } = await networkHelpers.loadFixture(deployToken);
      expect(await token.supportsInterface("0xffffffff")).to.equal(false);
      expect(await token.supportsInterface("0x12345678")).to.equal(false);
    });
  });

  describe("the zero address in the restriction report", function () {
    it("reports a restriction for a transfer to the zero address, which always reverts", async function () {
      const { token, alice } = await networkHelpers.loadFixture(deployToken);
      await expect(token.connect(alice).transfer(ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
        token,
        "ERC20InvalidReceiver",
      );
      expect(await token.detectTransferRestriction(alice.address, ethers.ZeroAddress, 1n)).to.equal(
        Code.RECEIVER_NOT_VERIFIED,
      );
      expect(await token.canTransfer(alice.address, ethers.ZeroAddress, 1n)).to.equal(false);
    });
  });
});
