import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Country, InvestorCategory } from "../../../src/sdk/investors.js";
import { deployToken, ethers, networkHelpers, now, ONE_YEAR, type TokenFixture, UNIT } from "../fixtures.js";
import { categoryBit, Code, investorIdOfWallet, setCountry } from "./helpers.js";

/**
 * Property: for every (from, to, amount) of a grid over the fixture's wallets, under several
 * policies, `detectTransferRestriction` is non-zero exactly when `transfer` (and `transferFrom`)
 * reverts, and the revert is the error that explains the code. `canTransfer` (ERC-7943) answers the
 * permissioned rules only: it is false exactly when the code is a permissioned one, and when it is
 * true the transfer either goes through or, for an amount above the balance, reverts only with
 * ERC-20's `ERC20InsufficientBalance`.
 */

interface Scenario extends TokenFixture {
  /** Verified holder whose KYC was revoked afterwards: holds 500 tokens. */
  dave: HardhatEthersSigner;
  /** Verified holder of 100 tokens with 300 frozen (more than its balance). */
  erin: HardhatEthersSigner;
  /** Every wallet of the grid. */
  wallets: { label: string; signer: HardhatEthersSigner }[];
}

async function deployScenario(): Promise<Scenario> {
  const f = await deployToken();
  const { token, registry, kycAgent, issuer, enforcer, alice, bob, carol, aliceSpare, outsider, stranger } = f;
  const [dave, erin] = f.others.slice(9, 11);
  const expiresAt = (await now()) + ONE_YEAR;
  const aliceId = await investorIdOfWallet(f, alice);
  await registry
    .connect(kycAgent)
    .registerInvestor(dave.address, ethers.id("dave"), Country.PAKISTAN, InvestorCategory.ACCREDITED, expiresAt);
  await registry
    .connect(kycAgent)
    .registerInvestor(erin.address, ethers.id("erin"), Country.PAKISTAN, InvestorCategory.INSTITUTIONAL, expiresAt);
  // Carol is a retail investor of another country, to tell the country and category policies apart.
  await setCountry(f, carol, Country.UNITED_ARAB_EMIRATES);
  expect(await investorIdOfWallet(f, aliceSpare)).to.equal(aliceId);

  await token
    .connect(issuer)
    .batchMint([aliceSpare.address, dave.address, erin.address], [600n * UNIT, 500n * UNIT, 100n * UNIT]);
  await token.connect(enforcer).batchSetFrozenTokens([alice.address, erin.address], [400n * UNIT, 300n * UNIT]);
  await token.connect(enforcer).setAddressFrozen(aliceSpare.address, true);
  await registry.connect(kycAgent).revokeInvestor(dave.address);

  const wallets = [
    { label: "alice (400 of 1000 frozen)", signer: alice },
    { label: "bob", signer: bob },
    { label: "carol (empty, retail, UAE)", signer: carol },
    { label: "outsider (unregistered)", signer: outsider },
    { label: "aliceSpare (wallet frozen)", signer: aliceSpare },
    { label: "dave (revoked holder)", signer: dave },
    { label: "erin (frozen above balance)", signer: erin },
  ];
  for (const { signer } of wallets) await token.connect(signer).approve(stranger.address, ethers.MaxUint256);
  return { ...f, dave, erin, wallets };
}

/** The custom error `transfer` must revert with for each restriction code. */
const ERROR_OF_CODE = new Map<bigint, string>([
  [Code.PAUSED, "EnforcedPause"],
  [Code.SENDER_NOT_VERIFIED, "ERC7943CannotSend"],
  [Code.RECEIVER_NOT_VERIFIED, "ERC7943CannotReceive"],
  [Code.SENDER_FROZEN, "ERC7943CannotSend"],
  [Code.RECEIVER_FROZEN, "ERC7943CannotReceive"],
  [Code.SENDER_COUNTRY_NOT_ALLOWED, "ERC7943CannotSend"],
  [Code.RECEIVER_COUNTRY_NOT_ALLOWED, "ERC7943CannotReceive"],
  [Code.SENDER_CATEGORY_NOT_ALLOWED, "ERC7943CannotSend"],
  [Code.RECEIVER_CATEGORY_NOT_ALLOWED, "ERC7943CannotReceive"],
  [Code.INSUFFICIENT_BALANCE, "ERC20InsufficientBalance"],
  [Code.INSUFFICIENT_UNFROZEN_BALANCE, "ERC7943InsufficientUnfrozenBalance"],
  [Code.LOCKED_UP, "RegulatedTokenLockedUp"],
  [Code.MAX_BALANCE_EXCEEDED, "RegulatedTokenMaxBalanceExceeded"],
  [Code.MAX_HOLDERS_REACHED, "RegulatedTokenMaxHoldersReached"],
  [Code.COMPLIANCE_MODULE_REFUSED, "ERC7943CannotTransfer"],
]);

interface Policy {
  name: string;
  apply: (s: Scenario) => Promise<void>;
  /** Codes that must show up somewhere in the grid under this policy, so the grid is not vacuous. */
  expects: bigint[];
}

const POLICIES: Policy[] = [
  {
    name: "open policy",
    apply: async () => {},
    expects: [
      Code.SUCCESS,
      Code.SENDER_NOT_VERIFIED,
      Code.RECEIVER_NOT_VERIFIED,
      Code.SENDER_FROZEN,
      Code.RECEIVER_FROZEN,
      Code.INSUFFICIENT_BALANCE,
      Code.INSUFFICIENT_UNFROZEN_BALANCE,
    ],
  },
  {
    name: "paused",
    apply: async (s) => {
      await s.token.connect(s.pauser).pause();
    },
    expects: [Code.PAUSED],
  },
  {
    name: "lock-up running",
    apply: async (s) => {
      await s.token.connect(s.compliance).setLockUpEnd((await now()) + ONE_YEAR);
    },
    expects: [Code.LOCKED_UP],
  },
  {
    name: "maximum balance 1,500",
    apply: async (s) => {
      await s.token.connect(s.compliance).setMaxBalance(1_500n * UNIT);
    },
    expects: [Code.SUCCESS, Code.MAX_BALANCE_EXCEEDED],
  },
  {
    name: "maximum holders reached (5)",
    apply: async (s) => {
      await s.token.connect(s.compliance).setMaxHolders(Number(await s.token.holderCount()));
    },
    expects: [Code.SUCCESS, Code.MAX_HOLDERS_REACHED],
  },
  {
    name: "compliance module blocking bob",
    apply: async (s) => {
      const module = await ethers.deployContract("ComplianceModuleMock");
      await module.setBlocked(s.bob.address, true);
      await s.token.connect(s.compliance).setComplianceModule(await module.getAddress());
    },
    expects: [Code.SUCCESS, Code.COMPLIANCE_MODULE_REFUSED],
  },
  {
    name: "country allowlist: Pakistan only",
    apply: async (s) => {
      await s.token.connect(s.compliance).setCountriesAllowed([Country.PAKISTAN], true);
      await s.token.connect(s.compliance).setCountryRestriction(true);
    },
    expects: [Code.SUCCESS, Code.SENDER_COUNTRY_NOT_ALLOWED, Code.RECEIVER_COUNTRY_NOT_ALLOWED],
  },
  {
    name: "categories: institutional only",
    apply: async (s) => {
      await s.token.connect(s.compliance).setAllowedCategories(categoryBit(InvestorCategory.INSTITUTIONAL));
    },
    expects: [Code.SUCCESS, Code.SENDER_CATEGORY_NOT_ALLOWED, Code.RECEIVER_CATEGORY_NOT_ALLOWED],
  },
];

/** Fixtures are built once per policy so that loadFixture can snapshot each of them. */
const FIXTURES = POLICIES.map((policy) => ({
  policy,
  fixture: async function policyScenario(): Promise<Scenario> {
    const s = await deployScenario();
    await policy.apply(s);
    return s;
  },
}));

/** The name of the custom error a call reverted with, or null when it went through. */
async function revertOf(s: Scenario, call: Promise<unknown>): Promise<string | null> {
  try {
    await call;
    return null;
  } catch (error) {
    const data = (error as { data?: unknown }).data;
    if (typeof data !== "string") return `non-custom revert: ${String(error)}`;
    return s.token.interface.parseError(data)?.name ?? `unknown revert data ${data}`;
  }
}

/** The amounts tried for a sender: 0, 1, the unfrozen edge, the whole balance and one above. */
async function amountsFor(s: Scenario, wallet: HardhatEthersSigner): Promise<bigint[]> {
  const balance = await s.token.balanceOf(wallet.address);
  const frozen = await s.token.getFrozenTokens(wallet.address);
  const unfrozen = balance > frozen ? balance - frozen : 0n;
  return [...new Set([0n, 1n, unfrozen, unfrozen + 1n, balance, balance + 1n])];
}

describe("RegulatedToken: property — the restriction report matches the transfers", function () {
  for (const { policy, fixture } of FIXTURES) {
    it(`under "${policy.name}", detectTransferRestriction != 0 exactly when transfer / transferFrom revert`, async function () {
      this.timeout(120_000);
      const s = await networkHelpers.loadFixture(fixture);
      const mismatches: string[] = [];
      const seen = new Set<bigint>();
      let cases = 0;
      for (const from of s.wallets) {
        for (const amount of await amountsFor(s, from.signer)) {
          for (const to of s.wallets) {
            const label = `${from.label} -> ${to.label}, ${amount}`;
            const [code, can, viaTransfer, viaTransferFrom] = await Promise.all([
              s.token.detectTransferRestriction(from.signer.address, to.signer.address, amount),
              s.token.canTransfer(from.signer.address, to.signer.address, amount),
              revertOf(s, s.token.connect(from.signer).transfer.staticCall(to.signer.address, amount)),
              revertOf(
                s,
                s.token.connect(s.stranger).transferFrom.staticCall(from.signer.address, to.signer.address, amount),
              ),
            ]);
            cases++;
            seen.add(code);
            const expectedError = code === Code.SUCCESS ? null : (ERROR_OF_CODE.get(code) ?? `code ${code}`);
            const aboveBalance = amount > (await s.token.balanceOf(from.signer.address));
            if (can !== (code === Code.SUCCESS || code === Code.INSUFFICIENT_BALANCE)) {
              mismatches.push(`${label}: code ${code} but canTransfer ${can}`);
            }
            if (can && viaTransfer !== null && !(aboveBalance && viaTransfer === "ERC20InsufficientBalance")) {
              mismatches.push(`${label}: canTransfer true but transfer -> ${viaTransfer}`);
            }
            if ((code === Code.INSUFFICIENT_BALANCE) !== (can && aboveBalance)) {
              mismatches.push(`${label}: code ${code}, canTransfer ${can}, above the balance ${aboveBalance}`);
            }
            if (viaTransfer !== expectedError) {
              mismatches.push(`${label}: code ${code} but transfer -> ${viaTransfer ?? "success"}`);
            }
            if (viaTransferFrom !== expectedError) {
              mismatches.push(`${label}: code ${code} but transferFrom -> ${viaTransferFrom ?? "success"}`);
            }
          }
        }
      }
      expect(mismatches).to.deep.equal([]);
      expect(cases).to.be.greaterThan(150);
      for (const code of policy.expects) expect(seen.has(code)).to.equal(true, `code ${code} never produced`);
    });
  }

  it("the report agrees with a transfer actually mined, case by case on one sample", async function () {
    const s = await networkHelpers.loadFixture(FIXTURES[0].fixture);
    const { token, alice, bob, carol, erin } = s;
    const samples: [HardhatEthersSigner, HardhatEthersSigner, bigint][] = [
      [alice, bob, 600n * UNIT],
      [alice, carol, 600n * UNIT + 1n],
      [erin, bob, 1n],
      [bob, carol, 1_000n * UNIT],
    ];
    for (const [from, to, amount] of samples) {
      const snapshot = await networkHelpers.takeSnapshot();
      const code = await token.detectTransferRestriction(from.address, to.address, amount);
      if (code === Code.SUCCESS) {
        await expect(token.connect(from).transfer(to.address, amount)).to.changeTokenBalances(
          ethers,
          token,
          [from, to],
          [-amount, amount],
        );
      } else {
        await expect(token.connect(from).transfer(to.address, amount)).to.be.revertedWithCustomError(
          token,
          ERROR_OF_CODE.get(code) ?? "",
        );
      }
      await snapshot.restore();
    }
  });
});
