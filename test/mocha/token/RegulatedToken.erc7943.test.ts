import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Country } from "../../../src/sdk/investors.js";
import { ethers, networkHelpers, now, UNIT } from "../fixtures.js";
import { categoryBit, deployTokenWithModule, type ModuleFixture, Role, setCountry } from "./helpers.js";

/**
 * ERC-7943 (uRWA), final text of ethereum/ERCs `ERCS/erc-7943.md`, fungible interface: one test per
 * MUST / SHOULD the core implements, named after the clause. The core has no permissionless burn
 * and no permissionless mint, so those clauses do not apply.
 */

/** The token's events of `tx` in log order, as `Name(arg, ...)` strings, to check order and values at once. */
async function tokenEvents(f: ModuleFixture, tx: ContractTransactionResponse): Promise<string[]> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error("transaction not mined");
  const address = (await f.token.getAddress()).toLowerCase();
  const events: string[] = [];
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address) continue;
    const parsed = f.token.interface.parseLog(log);
    if (parsed !== null) events.push(`${parsed.name}(${parsed.args.map(String).join(", ")})`);
  }
  return events;
}

/** The ERC-165 id of an interface: XOR of the selectors of `signatures`. */
function interfaceId(signatures: string[]): string {
  const id = signatures.reduce((acc, signature) => acc ^ BigInt(ethers.id(signature).slice(0, 10)), 0n);
  return "0x" + id.toString(16).padStart(8, "0");
}

/** The fixture (alice and bob 1,000 tokens each, carol none) with a compliance module set. */
async function fixture(): Promise<ModuleFixture> {
  return deployTokenWithModule();
}

/** Each way an account-level rule can refuse `wallet`, applied to the fixture. */
const ACCOUNT_RULES: [string, (f: ModuleFixture, wallet: HardhatEthersSigner) => Promise<unknown>][] = [
  ["KYC revoked", (f, wallet) => f.registry.connect(f.kycAgent).revokeInvestor(wallet.address)],
  ["wallet frozen", (f, wallet) => f.token.connect(f.enforcer).setAddressFrozen(wallet.address, true)],
  [
    "country not allowed",
    async (f, wallet) => {
      await setCountry(f, wallet, Country.UNITED_ARAB_EMIRATES);
      await f.token.connect(f.compliance).setCountriesAllowed([Country.PAKISTAN], true);
      await f.token.connect(f.compliance).setCountryRestriction(true);
    },
  ],
  [
    "category not allowed",
    async (f, wallet) => {
      const { category } = await f.registry.investorOf(wallet.address);
      await f.token.connect(f.compliance).setAllowedCategories(0xffff & ~categoryBit(Number(category)));
    },
  ],
];

/** Each permissioned transfer-level rule that refuses alice -> carol of 600 tokens. */
const TRANSFER_RULES: [string, (f: ModuleFixture) => Promise<unknown>][] = [
  ["pause", (f) => f.token.connect(f.pauser).pause()],
  ["lock-up", async (f) => f.token.connect(f.compliance).setLockUpEnd((await now()) + 3600n)],
  ["maximum balance", (f) => f.token.connect(f.compliance).setMaxBalance(599n * UNIT)],
  ["maximum number of holders", (f) => f.token.connect(f.compliance).setMaxHolders(2)],
  ["compliance module", (f) => f.module.setBlocked(f.carol.address, true)],
];

describe("RegulatedToken: ERC-7943 final text, clause by clause", function () {
  describe("canSend and canReceive", function () {
    it("MUST NOT revert", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const tokenAddress = await f.token.getAddress();
      for (const account of [ethers.ZeroAddress, tokenAddress, f.outsider.address, f.alice.address]) {
        await f.token.canSend(account);
        await f.token.canReceive(account);
      }
      expect(await f.token.canSend(f.outsider.address)).to.equal(false);
      expect(await f.token.canReceive(ethers.ZeroAddress)).to.equal(false);
    });

    it("MUST NOT change the storage of the contract (view functions)", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      for (const name of ["canSend", "canReceive", "canTransfer"] as const) {
        expect(f.token.interface.getFunction(name)?.stateMutability).to.equal("view", name);
      }
    });

    it("MUST NOT encode transfer-specific or quantitative rules (balance, amount limits)", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, compliance, alice, bob, carol } = f;
      // Every quantitative and transfer-level rule at once: no balance (carol), every token frozen
      // (alice), the maximum balance reached (bob), the maximum number of holders reached, a lock-up.
      await token.connect(enforcer).setFrozenTokens(alice.address, 5_000n * UNIT);
      await token.connect(compliance).setMaxBalance(1_000n * UNIT);
      await token.connect(compliance).setMaxHolders(2);
      await token.connect(compliance).setLockUpEnd((await now()) + 3600n);
      for (const wallet of [alice, bob, carol]) {
        expect(await token.canSend(wallet.address)).to.equal(true, `canSend ${wallet.address}`);
        expect(await token.canReceive(wallet.address)).to.equal(true, `canReceive ${wallet.address}`);
      }
      // They are account-level: only an account rule turns them false.
      await token.connect(enforcer).setAddressFrozen(carol.address, true);
      expect(await token.canSend(carol.address)).to.equal(false);
      expect(await token.canReceive(carol.address)).to.equal(false);
    });
  });

  describe("canTransfer", function () {
    it("MUST NOT revert", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, compliance, alice, bob } = f;
      await token.connect(compliance).setMaxBalance(1_500n * UNIT); // balance + amount would overflow
      const tokenAddress = await token.getAddress();
      const parties = [ethers.ZeroAddress, tokenAddress, alice.address, bob.address, f.outsider.address];
      for (const from of parties) {
        for (const to of parties) {
          for (const amount of [0n, 1n, ethers.MaxUint256]) await token.canTransfer(from, to, amount);
        }
      }
      expect(await token.canTransfer(alice.address, bob.address, ethers.MaxUint256)).to.equal(false);
    });

    it("MUST validate that the amount doesn't exceed the unfrozen amount (balance minus frozen)", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, alice, bob } = f;
      await token.connect(enforcer).setFrozenTokens(alice.address, 400n * UNIT);
      const unfrozen = 1_000n * UNIT - 400n * UNIT;
      expect(await token.canTransfer(alice.address, bob.address, unfrozen)).to.equal(true);
      expect(await token.canTransfer(alice.address, bob.address, unfrozen + 1n)).to.equal(false);
      expect(await token.canTransfer(alice.address, bob.address, 1_000n * UNIT)).to.equal(false);
      await expect(token.connect(alice).transfer(bob.address, unfrozen + 1n)).to.be.revertedWithCustomError(
        token,
        "ERC7943InsufficientUnfrozenBalance",
      );
      await expect(token.connect(alice).transfer(bob.address, unfrozen)).to.changeTokenBalances(
        ethers,
        token,
        [alice, bob],
        [-unfrozen, unfrozen],
      );
    });

    it("MUST perform a canSend check on from and a canReceive check on to", async function () {
      for (const [rule, apply] of ACCOUNT_RULES) {
        for (const side of ["from", "to"] as const) {
          const f = await networkHelpers.loadFixture(fixture);
          const { token, alice, bob } = f;
          expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(true);
          await apply(f, side === "from" ? alice : bob);
          const check = side === "from" ? token.canSend(alice.address) : token.canReceive(bob.address);
          expect(await check).to.equal(false, `${rule} on ${side}: account check`);
          expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(false, `${rule} on ${side}`);
        }
      }
    });

    it("MUST return false if any permissioned rule would prevent the transfer (pause, policy, module)", async function () {
      for (const [rule, apply] of TRANSFER_RULES) {
        const f = await networkHelpers.loadFixture(fixture);
        const { token, alice, carol } = f;
        expect(await token.canTransfer(alice.address, carol.address, 600n * UNIT)).to.equal(true);
        await apply(f);
        expect(await token.canSend(alice.address)).to.equal(true, rule);
        expect(await token.canReceive(carol.address)).to.equal(true, rule);
        expect(await token.canTransfer(alice.address, carol.address, 600n * UNIT)).to.equal(false, rule);
        await expect(token.connect(alice).transfer(carol.address, 600n * UNIT)).to.revert(ethers);
      }
    });

    it("MUST NOT return false based on balance or allowance checks (they belong to ERC-20)", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, alice, bob, carol, stranger } = f;
      const above = 1_000n * UNIT + 1n;
      // Above the balance: allowed by every permissioned rule, refused by ERC-20 alone.
      expect(await token.canTransfer(alice.address, bob.address, above)).to.equal(true);
      await expect(token.connect(alice).transfer(bob.address, above))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 1_000n * UNIT, above);
      // A wallet with no balance at all.
      expect(await token.canTransfer(carol.address, bob.address, 1n)).to.equal(true);
      // No allowance: canTransfer is about the transfer, transferFrom's allowance is ERC-20's.
      expect(await token.allowance(alice.address, stranger.address)).to.equal(0n);
      expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(true);
      await expect(token.connect(stranger).transferFrom(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(stranger.address, 0n, 1n);
      // A permissioned rule still makes it false above the balance.
      await token.connect(f.pauser).pause();
      expect(await token.canTransfer(alice.address, bob.address, above)).to.equal(false);
    });
  });

  describe("errors", function () {
    it("ERC7943InsufficientUnfrozenBalance SHOULD be used for an amount within the balance but above the unfrozen balance", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, alice, bob, stranger } = f;
      await token.connect(enforcer).setFrozenTokens(alice.address, 1n);
      const balance = 1_000n * UNIT;
      await expect(token.connect(alice).transfer(bob.address, balance))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(alice.address, balance, balance - 1n);
      await token.connect(alice).approve(stranger.address, balance);
      await expect(token.connect(stranger).transferFrom(alice.address, bob.address, balance))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(alice.address, balance, balance - 1n);
    });

    it("above the whole balance, the base standard's error (ERC20InsufficientBalance) SHOULD be used instead", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, alice, bob } = f;
      await token.connect(enforcer).setFrozenTokens(alice.address, 400n * UNIT);
      const above = 1_000n * UNIT + 1n;
      expect(await token.canTransfer(alice.address, bob.address, above)).to.equal(true);
      await expect(token.connect(alice).transfer(bob.address, above))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 1_000n * UNIT, above);
    });
  });

  describe("forcedTransfer", function () {
    it("MUST be restricted in access", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, alice, bob, compliance } = f;
      for (const caller of [alice, compliance, f.stranger]) {
        await expect(token.connect(caller).forcedTransfer(alice.address, bob.address, 1n))
          .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, Role.ENFORCEMENT);
      }
      expect(await token.balanceOf(alice.address)).to.equal(1_000n * UNIT);
    });

    it("MAY bypass canTransfer; moving frozen tokens it MUST unfreeze them first and emit Frozen before Transfer", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, pauser, alice, bob } = f;
      await token.connect(enforcer).setFrozenTokens(alice.address, 800n * UNIT);
      await token.connect(pauser).pause();
      expect(await token.canTransfer(alice.address, bob.address, 500n * UNIT)).to.equal(false);
      const tx = await token.connect(enforcer).forcedTransfer(alice.address, bob.address, 500n * UNIT);
      // 500 moved, 200 of them unfrozen: 300 frozen tokens taken, 800 - 300 = 500 stay frozen.
      const frozenAfter = 800n * UNIT - (500n * UNIT - 200n * UNIT);
      expect(await tokenEvents(f, tx)).to.deep.equal([
        `Frozen(${alice.address}, ${frozenAfter})`,
        `Transfer(${alice.address}, ${bob.address}, ${500n * UNIT})`,
        `ForcedTransfer(${alice.address}, ${bob.address}, ${500n * UNIT})`,
      ]);
      expect(await token.getFrozenTokens(alice.address)).to.equal(frozenAfter);
      expect(await token.balanceOf(alice.address)).to.equal(500n * UNIT);
    });

    it("MUST emit the base standard's Transfer event and the ForcedTransfer event", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, alice, bob } = f;
      const tx = await token.connect(enforcer).forcedTransfer(alice.address, bob.address, 7n);
      expect(await tokenEvents(f, tx)).to.deep.equal([
        `Transfer(${alice.address}, ${bob.address}, 7)`,
        `ForcedTransfer(${alice.address}, ${bob.address}, 7)`,
      ]);
    });

    it("SHOULD perform a canReceive check on to, and MUST revert when it fails", async function () {
      for (const [rule, apply] of ACCOUNT_RULES) {
        const f = await networkHelpers.loadFixture(fixture);
        const { token, enforcer, alice, bob } = f;
        await apply(f, bob);
        expect(await token.canReceive(bob.address)).to.equal(false, rule);
        await expect(token.connect(enforcer).forcedTransfer(alice.address, bob.address, 1n))
          .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
          .withArgs(bob.address);
      }
    });

    it("MUST perform necessary validation checks (sufficient balance)", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, alice, bob } = f;
      await token.connect(enforcer).setFrozenTokens(alice.address, 400n * UNIT);
      await expect(token.connect(enforcer).forcedTransfer(alice.address, bob.address, 1_000n * UNIT + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 1_000n * UNIT, 1_000n * UNIT + 1n);
      expect(await token.getFrozenTokens(alice.address)).to.equal(400n * UNIT);
    });
  });

  describe("setFrozenTokens", function () {
    it("MUST emit the Frozen event", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, alice } = f;
      await expect(token.connect(enforcer).setFrozenTokens(alice.address, 5n))
        .to.emit(token, "Frozen")
        .withArgs(alice.address, 5n);
      await expect(token.connect(enforcer).setFrozenTokens(alice.address, 0n))
        .to.emit(token, "Frozen")
        .withArgs(alice.address, 0n);
    });

    it("MUST be restricted in access", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, alice, pauser } = f;
      for (const caller of [alice, pauser, f.stranger]) {
        await expect(token.connect(caller).setFrozenTokens(alice.address, 0n))
          .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, Role.ENFORCEMENT);
      }
    });

    it("MUST allow freezing more assets than those held (getFrozenTokens MAY exceed the balance)", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, issuer, alice, carol } = f;
      await token.connect(enforcer).setFrozenTokens(alice.address, 5_000n * UNIT);
      await token.connect(enforcer).setFrozenTokens(carol.address, 300n * UNIT);
      expect(await token.getFrozenTokens(alice.address)).to.equal(5_000n * UNIT);
      expect(await token.getFrozenTokens(carol.address)).to.equal(300n * UNIT);
      // Future balances are withheld: carol receives 500 and may move only the 200 above the freeze.
      await token.connect(issuer).mint(carol.address, 500n * UNIT);
      expect(await token.canTransfer(carol.address, alice.address, 200n * UNIT)).to.equal(true);
      expect(await token.canTransfer(carol.address, alice.address, 200n * UNIT + 1n)).to.equal(false);
    });
  });

  describe("burning and minting", function () {
    it("permissioned burn MAY burn above the unfrozen amount, and MUST update the frozen amount and emit Frozen before Transfer", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const { token, enforcer, issuer, registry, kycAgent, alice } = f;
      await token.connect(enforcer).setFrozenTokens(alice.address, 900n * UNIT);
      await token.connect(enforcer).setAddressFrozen(alice.address, true);
      await registry.connect(kycAgent).revokeInvestor(alice.address);
      expect(await token.canSend(alice.address)).to.equal(false);
      const tx = await token.connect(issuer).burn(alice.address, 400n * UNIT);
      // 400 burnt, 100 of them unfrozen: 300 frozen tokens taken, 900 - 300 = 600 stay frozen.
      const frozenAfter = 900n * UNIT - (400n * UNIT - 100n * UNIT);
      expect(await tokenEvents(f, tx)).to.deep.equal([
        `Frozen(${alice.address}, ${frozenAfter})`,
        `Transfer(${alice.address}, ${ethers.ZeroAddress}, ${400n * UNIT})`,
      ]);
      expect(await token.getFrozenTokens(alice.address)).to.equal(frozenAfter);
      expect(await token.balanceOf(alice.address)).to.equal(600n * UNIT);
    });

    it("permissioned minting SHOULD respect canReceive on the recipient", async function () {
      for (const [rule, apply] of ACCOUNT_RULES) {
        const f = await networkHelpers.loadFixture(fixture);
        const { token, issuer, carol } = f;
        await apply(f, carol);
        await expect(token.connect(issuer).mint(carol.address, 1n), rule)
          .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
          .withArgs(carol.address);
      }
    });
  });

  describe("public transfers", function () {
    it("MUST NOT succeed where canTransfer, canSend(from) or canReceive(to) is false", async function () {
      type Case = [string, (f: ModuleFixture) => Promise<unknown>];
      const cases: Case[] = [
        ...ACCOUNT_RULES.map(([rule, apply]): Case => [`sender: ${rule}`, (f) => apply(f, f.alice)]),
        ...ACCOUNT_RULES.map(([rule, apply]): Case => [`receiver: ${rule}`, (f) => apply(f, f.carol)]),
        ...TRANSFER_RULES,
      ];
      for (const [rule, apply] of cases) {
        const f = await networkHelpers.loadFixture(fixture);
        const { token, alice, carol, stranger } = f;
        await token.connect(alice).approve(stranger.address, 600n * UNIT);
        await apply(f);
        expect(await token.canTransfer(alice.address, carol.address, 600n * UNIT)).to.equal(false, rule);
        await expect(token.connect(alice).transfer(carol.address, 600n * UNIT), rule).to.revert(ethers);
        await expect(token.connect(stranger).transferFrom(alice.address, carol.address, 600n * UNIT), rule).to.revert(
          ethers,
        );
      }
    });
  });

  describe("ERC-165", function () {
    it("supportsInterface MUST return true for 0x3edbb4c4, the id of IERC7943Fungible", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      // The fungible interface of the final text, function by function.
      const specified = interfaceId([
        "forcedTransfer(address,address,uint256)",
        "setFrozenTokens(address,uint256)",
        "canSend(address)",
        "canReceive(address)",
        "getFrozenTokens(address)",
        "canTransfer(address,address,uint256)",
      ]);
      expect(specified).to.equal("0x3edbb4c4");
      // The project's interface declares exactly those functions (IERC165's supportsInterface is inherited, not counted).
      const artifact = await hre.artifacts.readArtifact("IERC7943Fungible");
      const declared: string[] = [];
      new ethers.Interface(artifact.abi).forEachFunction((fn) => {
        if (fn.name !== "supportsInterface") declared.push(fn.format("sighash"));
      });
      expect(interfaceId(declared)).to.equal("0x3edbb4c4");
      expect(await f.token.supportsInterface("0x3edbb4c4")).to.equal(true);
      expect(await f.token.supportsInterface("0xffffffff")).to.equal(false);
    });
  });
});
