import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Country, InvestorCategory } from "../../../src/sdk/investors.js";
import { ethers, networkHelpers, now, UNIT } from "../fixtures.js";
import {
  ALL_CATEGORIES,
  categoryBit,
  Code,
  type CodeName,
  deployTokenWithModule,
  MESSAGES,
  type ModuleFixture,
  setCountry,
  UNKNOWN_CODE_MESSAGE,
} from "./helpers.js";

/** One situation that produces a restriction code, and what `transfer` must revert with. */
interface RestrictionCase {
  code: CodeName;
  situation: string;
  /** Puts the token in the situation; returns the transfer to attempt. */
  setup: (f: ModuleFixture) => Promise<{ from: HardhatEthersSigner; to: HardhatEthersSigner; amount: bigint }>;
  error: string;
  /** The custom error's arguments, once the situation is set up. */
  args: (f: ModuleFixture, from: HardhatEthersSigner, to: HardhatEthersSigner, amount: bigint) => Promise<unknown[]>;
}

const A = 100n * UNIT;
const LOCK_UP = 30n * 24n * 60n * 60n;

const CASES: RestrictionCase[] = [
  {
    code: "PAUSED",
    situation: "the token is paused",
    setup: async (f) => {
      await f.token.connect(f.pauser).pause();
      return { from: f.alice, to: f.bob, amount: A };
    },
    error: "EnforcedPause",
    args: async () => [],
  },
  {
    code: "SENDER_NOT_VERIFIED",
    situation: "the sender's KYC was revoked while it holds tokens",
    setup: async (f) => {
      await f.registry.connect(f.kycAgent).revokeInvestor(f.alice.address);
      return { from: f.alice, to: f.bob, amount: A };
    },
    error: "ERC7943CannotSend",
    args: async (_f, from) => [from.address],
  },
  {
    code: "SENDER_NOT_VERIFIED",
    situation: "the sender was never registered",
    setup: async (f) => ({ from: f.outsider, to: f.bob, amount: 0n }),
    error: "ERC7943CannotSend",
    args: async (_f, from) => [from.address],
  },
  {
    code: "RECEIVER_NOT_VERIFIED",
    situation: "the receiver was never registered",
    setup: async (f) => ({ from: f.alice, to: f.outsider, amount: A }),
    error: "ERC7943CannotReceive",
    args: async (_f, _from, to) => [to.address],
  },
  {
    code: "RECEIVER_NOT_VERIFIED",
    situation: "the receiver's KYC was revoked",
    setup: async (f) => {
      await f.registry.connect(f.kycAgent).revokeInvestor(f.carol.address);
      return { from: f.alice, to: f.carol, amount: A };
    },
    error: "ERC7943CannotReceive",
    args: async (_f, _from, to) => [to.address],
  },
  {
    code: "SENDER_FROZEN",
    situation: "the sender's wallet is frozen",
    setup: async (f) => {
      await f.token.connect(f.enforcer).setAddressFrozen(f.alice.address, true);
      return { from: f.alice, to: f.bob, amount: A };
    },
    error: "ERC7943CannotSend",
    args: async (_f, from) => [from.address],
  },
  {
    code: "RECEIVER_FROZEN",
    situation: "the receiver's wallet is frozen",
    setup: async (f) => {
      await f.token.connect(f.enforcer).setAddressFrozen(f.bob.address, true);
      return { from: f.alice, to: f.bob, amount: A };
    },
    error: "ERC7943CannotReceive",
    args: async (_f, _from, to) => [to.address],
  },
  {
    code: "SENDER_COUNTRY_NOT_ALLOWED",
    situation: "the sender moved to a country outside the allowlist",
    setup: async (f) => {
      await setCountry(f, f.bob, Country.UNITED_STATES);
      await f.token.connect(f.compliance).setCountriesAllowed([Country.PAKISTAN], true);
      await f.token.connect(f.compliance).setCountryRestriction(true);
      return { from: f.bob, to: f.alice, amount: A };
    },
    error: "ERC7943CannotSend",
    args: async (_f, from) => [from.address],
  },
  {
    code: "RECEIVER_COUNTRY_NOT_ALLOWED",
    situation: "the receiver's country is outside the allowlist",
    setup: async (f) => {
      await setCountry(f, f.carol, Country.UNITED_STATES);
      await f.token.connect(f.compliance).setCountriesAllowed([Country.PAKISTAN], true);
      await f.token.connect(f.compliance).setCountryRestriction(true);
      return { from: f.alice, to: f.carol, amount: A };
    },
    error: "ERC7943CannotReceive",
    args: async (_f, _from, to) => [to.address],
  },
  {
    code: "SENDER_CATEGORY_NOT_ALLOWED",
    situation: "the sender's category (institutional) is not allowed",
    setup: async (f) => {
      await f.token.connect(f.compliance).setAllowedCategories(categoryBit(InvestorCategory.RETAIL));
      return { from: f.alice, to: f.carol, amount: A };
    },
    error: "ERC7943CannotSend",
    args: async (_f, from) => [from.address],
  },
  {
    code: "RECEIVER_CATEGORY_NOT_ALLOWED",
    situation: "the receiver's category (retail) is not allowed",
    setup: async (f) => {
      await f.token.connect(f.compliance).setAllowedCategories(ALL_CATEGORIES & ~categoryBit(InvestorCategory.RETAIL));
      return { from: f.alice, to: f.carol, amount: A };
    },
    error: "ERC7943CannotReceive",
    args: async (_f, _from, to) => [to.address],
  },
  {
    code: "INSUFFICIENT_BALANCE",
    situation: "the amount exceeds the sender's balance by one",
    setup: async (f) => ({ from: f.alice, to: f.bob, amount: 1_000n * UNIT + 1n }),
    error: "ERC20InsufficientBalance",
    args: async (_f, from, _to, amount) => [from.address, 1_000n * UNIT, amount],
  },
  {
    code: "INSUFFICIENT_UNFROZEN_BALANCE",
    situation: "the amount exceeds the sender's unfrozen tokens by one",
    setup: async (f) => {
      await f.token.connect(f.enforcer).setFrozenTokens(f.alice.address, 400n * UNIT);
      return { from: f.alice, to: f.bob, amount: 600n * UNIT + 1n };
    },
    error: "ERC7943InsufficientUnfrozenBalance",
    args: async (_f, from, _to, amount) => [from.address, amount, 600n * UNIT],
  },
  {
    code: "LOCKED_UP",
    situation: "a holder-to-holder transfer before the lock-up end",
    setup: async (f) => {
      await f.token.connect(f.compliance).setLockUpEnd((await now()) + LOCK_UP);
      return { from: f.alice, to: f.bob, amount: A };
    },
    error: "RegulatedTokenLockedUp",
    args: async (f, from) => [from.address, await f.token.lockUpEndsAt()],
  },
  {
    code: "MAX_BALANCE_EXCEEDED",
    situation: "the receiver would hold one token unit above the maximum",
    setup: async (f) => {
      await f.token.connect(f.compliance).setMaxBalance(1_500n * UNIT);
      return { from: f.alice, to: f.bob, amount: 500n * UNIT + 1n };
    },
    error: "RegulatedTokenMaxBalanceExceeded",
    args: async (_f, _from, to) => [to.address, 1_500n * UNIT + 1n, 1_500n * UNIT],
  },
  {
    code: "MAX_HOLDERS_REACHED",
    situation: "a new holder when the maximum of holders is reached",
    setup: async (f) => {
      await f.token.connect(f.compliance).setMaxHolders(2);
      return { from: f.alice, to: f.carol, amount: A };
    },
    error: "RegulatedTokenMaxHoldersReached",
    args: async (_f, _from, to) => [to.address, 2n],
  },
  {
    code: "COMPLIANCE_MODULE_REFUSED",
    situation: "the compliance module blocks the receiver",
    setup: async (f) => {
      await f.module.setBlocked(f.bob.address, true);
      return { from: f.alice, to: f.bob, amount: A };
    },
    error: "ERC7943CannotTransfer",
    args: async (_f, from, to, amount) => [from.address, to.address, amount],
  },
];

describe("RegulatedToken: ERC-1404 / ERC-7943 restrictions", function () {
  describe("messageForTransferRestriction", function () {
    for (const [name, message] of Object.entries(MESSAGES) as [CodeName, string][]) {
      it(`code ${Code[name]} (${name}) reads "${message}"`, async function () {
        const { token } = await networkHelpers.loadFixture(deployTokenWithModule);
        expect(await token.messageForTransferRestriction(Code[name])).to.equal(message);
      });
    }

    it(`codes outside the core (16, 31, 32, 200, 255) read "${UNKNOWN_CODE_MESSAGE}"`, async function () {
      const { token } = await networkHelpers.loadFixture(deployTokenWithModule);
      for (const code of [16n, 31n, 32n, 200n, 255n]) {
        expect(await token.messageForTransferRestriction(code)).to.equal(UNKNOWN_CODE_MESSAGE);
      }
    });
  });

  it("covers every restriction code of TransferRestriction.sol", function () {
    const covered = new Set(CASES.map((c) => c.code));
    const expected = (Object.keys(Code) as CodeName[]).filter((name) => name !== "SUCCESS");
    expect([...covered].sort()).to.deep.equal([...expected].sort());
  });

  for (const c of CASES) {
    describe(`${c.code} (${Code[c.code]}): ${c.situation}`, function () {
      // ERC-7943's canTransfer answers the permissioned rules only: the balance is ERC-20's rule.
      const permissioned = c.code !== "INSUFFICIENT_BALANCE";
      it(`is reported by detectTransferRestriction, and canTransfer is ${!permissioned}`, async function () {
        const f = await networkHelpers.loadFixture(deployTokenWithModule);
        const { from, to, amount } = await c.setup(f);
        expect(await f.token.detectTransferRestriction(from.address, to.address, amount)).to.equal(Code[c.code]);
        expect(await f.token.canTransfer(from.address, to.address, amount)).to.equal(!permissioned);
      });

      it(`makes transfer revert with ${c.error}`, async function () {
        const f = await networkHelpers.loadFixture(deployTokenWithModule);
        const { from, to, amount } = await c.setup(f);
        const args = await c.args(f, from, to, amount);
        await expect(f.token.connect(from).transfer(to.address, amount))
          .to.be.revertedWithCustomError(f.token, c.error)
          .withArgs(...args);
      });

      it(`makes transferFrom revert with ${c.error}`, async function () {
        const f = await networkHelpers.loadFixture(deployTokenWithModule);
        const { from, to, amount } = await c.setup(f);
        await f.token.connect(from).approve(f.stranger.address, amount);
        const args = await c.args(f, from, to, amount);
        await expect(f.token.connect(f.stranger).transferFrom(from.address, to.address, amount))
          .to.be.revertedWithCustomError(f.token, c.error)
          .withArgs(...args);
      });
    });
  }

  describe("without a restriction", function () {
    it("reports SUCCESS and canTransfer true for a transfer that goes through", async function () {
      const { token, alice, bob } = await networkHelpers.loadFixture(deployTokenWithModule);
      expect(await token.detectTransferRestriction(alice.address, bob.address, 1_000n * UNIT)).to.equal(Code.SUCCESS);
      expect(await token.canTransfer(alice.address, bob.address, 1_000n * UNIT)).to.equal(true);
      await token.connect(alice).transfer(bob.address, 1_000n * UNIT);
      expect(await token.balanceOf(bob.address)).to.equal(2_000n * UNIT);
    });

    it("allows transfers at the edges: exactly the unfrozen tokens and exactly the maximum balance", async function () {
      const { token, compliance, enforcer, alice, bob } = await networkHelpers.loadFixture(deployTokenWithModule);
      await token.connect(enforcer).setFrozenTokens(alice.address, 400n * UNIT);
      await token.connect(compliance).setMaxBalance(1_600n * UNIT);
      expect(await token.detectTransferRestriction(alice.address, bob.address, 600n * UNIT)).to.equal(Code.SUCCESS);
      await token.connect(alice).transfer(bob.address, 600n * UNIT);
      expect(await token.balanceOf(bob.address)).to.equal(1_600n * UNIT);
      expect(await token.balanceOf(alice.address)).to.equal(400n * UNIT);
    });
  });

  describe("order of the rules (the first failing rule gives the code)", function () {
    it("reports each rule in turn as the previous ones are lifted", async function () {
      const f = await networkHelpers.loadFixture(deployTokenWithModule);
      const { token, registry, kycAgent, issuer, enforcer, compliance, pauser, module, alice, bob, carol } = f;
      const amount = 700n * UNIT;
      const aliceRecord = await registry.investorOf(alice.address);
      const carolRecord = await registry.investorOf(carol.address);
      const register = (wallet: HardhatEthersSigner, record: typeof aliceRecord, country: number) =>
        registry
          .connect(kycAgent)
          .registerInvestor(wallet.address, record.investorId, country, record.category, record.expiresAt);

      // Break every rule at once for alice -> carol (700 tokens). The frozen rule is evaluated for an
      // amount within the balance only, so it shows once the balance is restored, after the others.
      await token.connect(issuer).burn(alice.address, 500n * UNIT); // balance 500 < 700
      await token.connect(enforcer).setFrozenTokens(alice.address, 400n * UNIT);
      await token.connect(compliance).setLockUpEnd((await now()) + LOCK_UP);
      await token.connect(compliance).setMaxBalance(600n * UNIT);
      await token.connect(compliance).setMaxHolders(2);
      await module.setBlocked(carol.address, true);
      await token.connect(compliance).setAllowedCategories(0);
      await token.connect(compliance).setCountryRestriction(true);
      await token.connect(enforcer).batchSetAddressFrozen([alice.address, carol.address], [true, true]);
      await registry.connect(kycAgent).revokeInvestors([alice.address, carol.address]);
      await token.connect(pauser).pause();

      const lifts: [CodeName, () => Promise<unknown>][] = [
        ["PAUSED", () => token.connect(pauser).unpause()],
        // All the sender's account rules come before the receiver's.
        ["SENDER_NOT_VERIFIED", () => register(alice, aliceRecord, Country.PAKISTAN)],
        ["SENDER_FROZEN", () => token.connect(enforcer).setAddressFrozen(alice.address, false)],
        ["SENDER_COUNTRY_NOT_ALLOWED", () => token.connect(compliance).setCountriesAllowed([Country.PAKISTAN], true)],
        [
          "SENDER_CATEGORY_NOT_ALLOWED",
          () => token.connect(compliance).setAllowedCategories(categoryBit(InvestorCategory.INSTITUTIONAL)),
        ],
        ["RECEIVER_NOT_VERIFIED", () => register(carol, carolRecord, Country.UNITED_STATES)],
        ["RECEIVER_FROZEN", () => token.connect(enforcer).setAddressFrozen(carol.address, false)],
        [
          "RECEIVER_COUNTRY_NOT_ALLOWED",
          () => token.connect(compliance).setCountriesAllowed([Country.UNITED_STATES], true),
        ],
        [
          "RECEIVER_CATEGORY_NOT_ALLOWED",
          () =>
            token
              .connect(compliance)
              .setAllowedCategories(categoryBit(InvestorCategory.INSTITUTIONAL) | categoryBit(InvestorCategory.RETAIL)),
        ],
        ["LOCKED_UP", () => token.connect(compliance).setLockUpEnd(0)],
        ["MAX_BALANCE_EXCEEDED", () => token.connect(compliance).setMaxBalance(0n)],
        ["MAX_HOLDERS_REACHED", () => token.connect(compliance).setMaxHolders(0)],
        ["COMPLIANCE_MODULE_REFUSED", () => module.setBlocked(carol.address, false)],
        // ERC-20's balance rule last. Back to 1,000 tokens of which 400 frozen: 600 unfrozen < 700.
        ["INSUFFICIENT_BALANCE", () => token.connect(enforcer).forcedTransfer(bob.address, alice.address, 500n * UNIT)],
        ["INSUFFICIENT_UNFROZEN_BALANCE", () => token.connect(enforcer).setFrozenTokens(alice.address, 0n)],
      ];
      for (const [name, lift] of lifts) {
        expect(await token.detectTransferRestriction(alice.address, carol.address, amount)).to.equal(
          Code[name],
          `expected ${name}`,
        );
        expect(await token.canTransfer(alice.address, carol.address, amount)).to.equal(
          name === "INSUFFICIENT_BALANCE",
          `canTransfer under ${name}`,
        );
        await expect(token.connect(alice).transfer.staticCall(carol.address, amount)).to.revert(ethers);
        await lift();
      }
      expect(await token.detectTransferRestriction(alice.address, carol.address, amount)).to.equal(Code.SUCCESS);
      await token.connect(alice).transfer(carol.address, amount);
      expect(await token.balanceOf(carol.address)).to.equal(amount);
    });
  });

  describe("canSend / canReceive", function () {
    it("are true for a verified wallet, false for an unregistered one", async function () {
      const { token, alice, carol, outsider } = await networkHelpers.loadFixture(deployTokenWithModule);
      expect(await token.canSend(alice.address)).to.equal(true);
      expect(await token.canReceive(carol.address)).to.equal(true);
      expect(await token.canSend(outsider.address)).to.equal(false);
      expect(await token.canReceive(outsider.address)).to.equal(false);
    });

    it("turn false when the KYC is revoked", async function () {
      const { token, registry, kycAgent, alice } = await networkHelpers.loadFixture(deployTokenWithModule);
      await registry.connect(kycAgent).revokeInvestor(alice.address);
      expect(await token.canSend(alice.address)).to.equal(false);
      expect(await token.canReceive(alice.address)).to.equal(false);
    });

    it("turn false when the wallet is frozen, and true again once unfrozen", async function () {
      const { token, enforcer, alice } = await networkHelpers.loadFixture(deployTokenWithModule);
      await token.connect(enforcer).setAddressFrozen(alice.address, true);
      expect(await token.canSend(alice.address)).to.equal(false);
      expect(await token.canReceive(alice.address)).to.equal(false);
      await token.connect(enforcer).setAddressFrozen(alice.address, false);
      expect(await token.canSend(alice.address)).to.equal(true);
      expect(await token.canReceive(alice.address)).to.equal(true);
    });

    it("are not affected by frozen tokens", async function () {
      const { token, enforcer, alice } = await networkHelpers.loadFixture(deployTokenWithModule);
      await token.connect(enforcer).setFrozenTokens(alice.address, 1_000n * UNIT);
      expect(await token.canSend(alice.address)).to.equal(true);
      expect(await token.canReceive(alice.address)).to.equal(true);
    });

    it("follow the country allowlist only while it is switched on", async function () {
      const { token, compliance, alice } = await networkHelpers.loadFixture(deployTokenWithModule);
      await token.connect(compliance).setCountryRestriction(true);
      expect(await token.canSend(alice.address)).to.equal(false);
      expect(await token.canReceive(alice.address)).to.equal(false);
      await token.connect(compliance).setCountriesAllowed([Country.PAKISTAN], true);
      expect(await token.canSend(alice.address)).to.equal(true);
      expect(await token.canReceive(alice.address)).to.equal(true);
      await token.connect(compliance).setCountriesAllowed([Country.PAKISTAN], false);
      expect(await token.canSend(alice.address)).to.equal(false);
      await token.connect(compliance).setCountryRestriction(false);
      expect(await token.canSend(alice.address)).to.equal(true);
    });

    it("follow the allowed categories", async function () {
      const { token, compliance, alice, carol } = await networkHelpers.loadFixture(deployTokenWithModule);
      await token.connect(compliance).setAllowedCategories(categoryBit(InvestorCategory.RETAIL));
      expect(await token.canSend(alice.address)).to.equal(false);
      expect(await token.canReceive(alice.address)).to.equal(false);
      expect(await token.canSend(carol.address)).to.equal(true);
      expect(await token.canReceive(carol.address)).to.equal(true);
    });

    it("are not affected by the pause, unlike canTransfer", async function () {
      const { token, pauser, alice, bob } = await networkHelpers.loadFixture(deployTokenWithModule);
      await token.connect(pauser).pause();
      expect(await token.canSend(alice.address)).to.equal(true);
      expect(await token.canReceive(bob.address)).to.equal(true);
      expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(false);
    });

    it("are not affected by transfer-level rules (lock-up, maximums, module)", async function () {
      const { token, compliance, module, alice, carol } = await networkHelpers.loadFixture(deployTokenWithModule);
      await token.connect(compliance).setLockUpEnd((await now()) + LOCK_UP);
      await token.connect(compliance).setMaxBalance(1n);
      await token.connect(compliance).setMaxHolders(1);
      await module.setBlocked(carol.address, true);
      expect(await token.canSend(alice.address)).to.equal(true);
      expect(await token.canReceive(carol.address)).to.equal(true);
      expect(await token.canTransfer(alice.address, carol.address, 1n)).to.equal(false);
    });
  });

  describe("expired KYC", function () {
    it("stops a holder without any transaction once expiresAt is passed", async function () {
      const { token, registry, issuer, alice, bob } = await networkHelpers.loadFixture(deployTokenWithModule);
      const { expiresAt } = await registry.investorOf(alice.address);
      expect(await token.canSend(alice.address)).to.equal(true);

      await networkHelpers.time.increaseTo(expiresAt + 1n);

      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await token.canSend(alice.address)).to.equal(false);
      expect(await token.canReceive(bob.address)).to.equal(false);
      expect(await token.detectTransferRestriction(alice.address, bob.address, 1n)).to.equal(Code.SENDER_NOT_VERIFIED);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
      await expect(token.connect(issuer).mint(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(bob.address);
    });

    it("still lets a holder send one second before expiresAt", async function () {
      const { token, registry, alice, bob } = await networkHelpers.loadFixture(deployTokenWithModule);
      const { expiresAt } = await registry.investorOf(alice.address);
      await networkHelpers.time.setNextBlockTimestamp(expiresAt - 1n);
      await token.connect(alice).transfer(bob.address, 1n);
      expect(await token.balanceOf(bob.address)).to.equal(1_000n * UNIT + 1n);
    });

    it("refuses a transfer mined exactly at expiresAt", async function () {
      const { token, registry, alice, bob } = await networkHelpers.loadFixture(deployTokenWithModule);
      const { expiresAt } = await registry.investorOf(alice.address);
      await networkHelpers.time.setNextBlockTimestamp(expiresAt);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
    });
  });
});
