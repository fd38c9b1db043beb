import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type {
  HookSettlementTokenMock,
  HostileHolderMock,
  InvestorRegistry,
  SettlementTokenFalseMock,
  SettlementTokenMock,
  SettlementTokenReentrantMock,
  SovereignBond,
} from "../../../../typechain-types/index.js";
import { Country, InvestorCategory, investorIdOf } from "../../../../src/sdk/investors.js";
import {
  DayCountConvention,
  SECONDS_PER_DAY,
  accrualFraction,
  couponPerToken,
  couponSchedule,
  timeFromIso,
  type Coupon,
} from "../../../../src/sdk/bond/index.js";
import { debtSecurityLibraries } from "../../fixtures.js";

/** The bond suites' own chain connection: they move its clock across years of coupons. */
export const { ethers, networkHelpers } = await network.create();

export const DAY = SECONDS_PER_DAY;
/** One whole bond: the bond has 18 decimals. */
export const BOND = 10n ** 18n;
/** One dollar of the 6-decimal settlement token. */
export const USD = 10n ** 6n;
/** Face value per whole bond: 1,000 dollars. */
export const FACE = 1_000n * USD;
/** A valid ISIN (check digit 8). */
export const ISIN = "PK0000A12348";
/** 7.25% a year. */
export const RATE_BPS = 725n;
export const RECORD_OFFSET = 15n * DAY;
/** A year to claim each coupon: longer than a period, so several coupons can be claimed together. */
export const CLAIM_WINDOW = 365n * DAY;
/** Issued 2030-03-10, maturing 2033-02-28 (a month end): semi-annual coupons on month ends, a short first period. */
export const ISSUE = timeFromIso("2030-03-10");
export const MATURITY = timeFromIso("2033-02-28");
export const ASSET_DOCUMENTS = "0x" + "5a".repeat(32);
export const CouponStatus = { Unfunded: 0n, Funded: 1n, Swept: 2n } as const;

/** The coupon terms of the constructor, as ISovereignBond.BondTerms. */
export interface BondTermsArgs {
  couponFrequency: bigint;
  floatingRate: boolean;
  couponRateBps: bigint;
  dayCount: DayCountConvention;
  recordDateOffset: bigint;
  claimWindow: bigint;
  isSukuk: boolean;
  assetDocumentsHash: string;
}

export const FIXED_TERMS: BondTermsArgs = {
  couponFrequency: 2n,
  floatingRate: false,
  couponRateBps: RATE_BPS,
  dayCount: DayCountConvention.ACT_ACT_ICMA,
  recordDateOffset: RECORD_OFFSET,
  claimWindow: CLAIM_WINDOW,
  isSukuk: false,
  assetDocumentsHash: "0x" + "00".repeat(32),
};

export const FLOATING_TERMS: BondTermsArgs = { ...FIXED_TERMS, floatingRate: true, couponRateBps: 0n };
const SUKUK_ONLY = { isSukuk: true, assetDocumentsHash: ASSET_DOCUMENTS };
export const SUKUK_TERMS: BondTermsArgs = { ...FIXED_TERMS, ...SUKUK_ONLY };

/** Everything a bond test needs: the bond, its settlement token, a signer per role and investors. */
export interface BondFixture {
  bond: SovereignBond;
  usd: SettlementTokenMock;
  registry: InvestorRegistry;
  admin: HardhatEthersSigner;
  kycAgent: HardhatEthersSigner;
  issuer: HardhatEthersSigner;
  treasurer: HardhatEthersSigner;
  rateSetter: HardhatEthersSigner;
  enforcer: HardhatEthersSigner;
  compliance: HardhatEthersSigner;
  pauser: HardhatEthersSigner;
  /** The treasury wallet: funds coupons and redemptions; holds 100 million dollars, approved. */
  treasuryWallet: HardhatEthersSigner;
  /** Verified investors; Alice, Bob and Dave hold bonds from issue (see HOLDINGS), Carol holds nothing. */
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  dave: HardhatEthersSigner;
  /** Another wallet of Alice's investor, verified, holding nothing. */
  aliceSpare: HardhatEthersSigner;
  /** Not registered. */
  outsider: HardhatEthersSigner;
  /** The coupons, computed by src/sdk/bond (not by the contract). */
  coupons: Coupon[];
  terms: BondTermsArgs;
}

/** Initial holdings, uneven so that every coupon amount is rounded. */
export const HOLDINGS = {
  alice: 1_000n * BOND + 123_456_789_012_345_678n,
  bob: 777n * BOND + 1n,
  dave: 5n * BOND,
} as const;

/** What one whole bond earns for coupon `index` under `terms`, computed by src/sdk/bond. */
export function expectedPerToken(coupons: readonly Coupon[], terms: BondTermsArgs, index: number, rateBps?: bigint) {
  const fraction = accrualFraction(coupons[index], terms.couponFrequency, terms.dayCount);
  return couponPerToken(FACE, rateBps ?? terms.couponRateBps, fraction);
}

/** A holder's coupon: balance times the coupon per whole bond, rounded down. */
export function couponOf(balance: bigint, perToken: bigint): bigint {
  return (balance * perToken) / BOND;
}

/** The signers, the registry (investors registered) and the library shared by every bond of the fixture. */
interface Shared {
  registry: InvestorRegistry;
  libraries: Record<string, string>;
  signers: HardhatEthersSigner[];
}

async function deployShared(): Promise<Shared> {
  const signers = await ethers.getSigners();
  const [admin, kycAgent] = signers;
  const [alice, bob, carol, dave, aliceSpare] = signers.slice(9);
  const registry = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
  await registry.connect(admin).grantRole(await registry.KYC_AGENT_ROLE(), kycAgent.address);
  const expiresAt = timeFromIso("2040-01-01");
  const register = (wallet: HardhatEthersSigner, reference: string) =>
    registry
      .connect(kycAgent)
      .registerInvestor(
        wallet.address,
        investorIdOf("test-salt", reference),
        Country.PAKISTAN,
        InvestorCategory.INSTITUTIONAL,
        expiresAt,
      );
  await register(alice, "KYC-ALICE");
  await register(aliceSpare, "KYC-ALICE");
  await register(bob, "KYC-BOB");
  await register(carol, "KYC-CAROL");
  await register(dave, "KYC-DAVE");
  const logic = await ethers.deployContract("SovereignBondLogic");
  const libraries = { SovereignBondLogic: await logic.getAddress(), ...(await debtSecurityLibraries(ethers)) };
  return { registry, libraries, signers };
}

/** Deploys a bond with `terms` settled in `usd`, grants the roles, issues HOLDINGS and funds the treasury. */
async function deployBondOn(
  shared: Shared,
  terms: BondTermsArgs,
  usd: SettlementTokenMock,
  maturity = MATURITY,
): Promise<BondFixture> {
  const { registry, libraries, signers } = shared;
  const [admin, kycAgent, issuer, treasurer, rateSetter, enforcer, compliance, pauser, treasuryWallet] = signers;
  const [alice, bob, carol, dave, aliceSpare, outsider] = signers.slice(9);
  const bond = await ethers.deployContract(
    "SovereignBond",
    [
      "Pakistan 7.25% 2033",
      "PK33",
      18,
      await registry.getAddress(),
      admin.address,
      0,
      {
        isin: ISIN,
        settlementToken: await usd.getAddress(),
        treasury: treasuryWallet.address,
        faceValue: FACE,
        issueDate: ISSUE,
        maturityDate: maturity,
      },
      terms,
    ],
    { libraries },
  );
  await bond.connect(admin).grantRole(await bond.ISSUER_ROLE(), issuer.address);
  await bond.connect(admin).grantRole(await bond.TREASURY_ROLE(), treasurer.address);
  await bond.connect(admin).grantRole(await bond.RATE_SETTER_ROLE(), rateSetter.address);
  await bond.connect(admin).grantRole(await bond.ENFORCEMENT_ROLE(), enforcer.address);
  await bond.connect(admin).grantRole(await bond.COMPLIANCE_ROLE(), compliance.address);
  await bond.connect(admin).grantRole(await bond.PAUSER_ROLE(), pauser.address);
  await bond.connect(issuer).mint(alice.address, HOLDINGS.alice);
  await bond.connect(issuer).mint(bob.address, HOLDINGS.bob);
  await bond.connect(issuer).mint(dave.address, HOLDINGS.dave);
  await usd.mint(treasuryWallet.address, 100_000_000n * USD);
  await usd.connect(treasuryWallet).approve(await bond.getAddress(), ethers.MaxUint256);

  const coupons = couponSchedule({ issueDate: ISSUE, maturityDate: maturity, frequency: terms.couponFrequency });
  return {
    bond,
    usd,
    registry,
    admin,
    kycAgent,
    issuer,
    treasurer,
    rateSetter,
    enforcer,
    compliance,
    pauser,
    treasuryWallet,
    alice,
    bob,
    carol,
    dave,
    aliceSpare,
    outsider,
    coupons,
    terms,
  };
}

/** Every bond the tests use, deployed before the issue date. */
export interface Bonds {
  /** 7.25% semi-annual, ACT/ACT ICMA. */
  fixed: BondFixture;
  /** The same with a floating rate. */
  floating: BondFixture;
  /** The fixed-rate bond as an Ijara sukuk. */
  sukuk: BondFixture;
  /** The floating-rate bond as an Ijara sukuk. */
  floatingSukuk: BondFixture;
  /** No coupon. */
  zeroCoupon: BondFixture;
  /** The fixed-rate bond settled in a token that takes a 1% fee on transfers. */
  feeOnTransfer: BondFixture;
  /** The fixed-rate bond settled in a token that returns false for marked wallets. */
  falseReturning: BondFixture & { falseUsd: SettlementTokenFalseMock };
  /** The fixed-rate bond settled in a token that calls back into a target on its next transfer. */
  reentrant: BondFixture & { reentrantUsd: SettlementTokenReentrantMock };
  /**
   * The fixed-rate bond settled in a token that calls a hooked account's code on its transfers (as
   * ERC-777 hooks do); `hostile`, a registered contract wallet hooked by the token, holds
   * HOLDINGS.dave besides the others.
   */
  hooked: BondFixture & { hookUsd: HookSettlementTokenMock; hostile: HostileHolderMock };
}

/** The fixed-rate bond on a hook-calling token, with a hostile contract wallet among its holders. */
async function deployHookedBond(shared: Shared): Promise<Bonds["hooked"]> {
  const hookUsd = await ethers.deployContract("HookSettlementTokenMock");
  const f = await deployBondOn(shared, FIXED_TERMS, hookUsd as unknown as SettlementTokenMock);
  const hostile = await ethers.deployContract("HostileHolderMock");
  await shared.registry
    .connect(f.kycAgent)
    .registerInvestor(
      await hostile.getAddress(),
      investorIdOf("test-salt", "KYC-HOSTILE"),
      Country.PAKISTAN,
      InvestorCategory.INSTITUTIONAL,
      timeFromIso("2040-01-01"),
    );
  await f.bond.connect(f.issuer).mint(await hostile.getAddress(), HOLDINGS.dave);
  await hookUsd.setHooked(await hostile.getAddress());
  return { ...f, hookUsd, hostile };
}

/**
 * The one fixture of the bond tests. Its dates are fixed (2030 to 2033) and time only moves
 * forward, so every bond is deployed in it, once, before any test moves the time; each test then
 * starts from its snapshot.
 */
export async function deployBonds(): Promise<Bonds> {
  const shared = await deployShared();
  const plain = () => ethers.deployContract("SettlementTokenMock");
  const falseUsd = await ethers.deployContract("SettlementTokenFalseMock");
  const reentrantUsd = await ethers.deployContract("SettlementTokenReentrantMock");
  return {
    fixed: await deployBondOn(shared, FIXED_TERMS, await plain()),
    floating: await deployBondOn(shared, FLOATING_TERMS, await plain()),
    sukuk: await deployBondOn(shared, SUKUK_TERMS, await plain()),
    floatingSukuk: await deployBondOn(shared, { ...FLOATING_TERMS, ...SUKUK_ONLY }, await plain()),
    zeroCoupon: await deployBondOn(shared, { ...FIXED_TERMS, couponFrequency: 0n, couponRateBps: 0n }, await plain()),
    feeOnTransfer: await deployBondOn(
      shared,
      FIXED_TERMS,
      (await ethers.deployContract("SettlementTokenFeeOnTransferMock")) as unknown as SettlementTokenMock,
    ),
    falseReturning: {
      ...(await deployBondOn(shared, FIXED_TERMS, falseUsd as unknown as SettlementTokenMock)),
      falseUsd,
    },
    reentrant: {
      ...(await deployBondOn(shared, FIXED_TERMS, reentrantUsd as unknown as SettlementTokenMock)),
      reentrantUsd,
    },
    hooked: await deployHookedBond(shared),
  };
}

/** Every bond, from the fixture's snapshot. */
export async function bonds(): Promise<Bonds> {
  return networkHelpers.loadFixture(deployBonds);
}

/** The fixed-rate bond, from the fixture's snapshot. */
export async function fixedBond(): Promise<BondFixture> {
  return (await networkHelpers.loadFixture(deployBonds)).fixed;
}

/** The floating-rate bond, from the fixture's snapshot. */
export async function floatingBond(): Promise<BondFixture> {
  return (await networkHelpers.loadFixture(deployBonds)).floating;
}

/** Moves the chain to just after the record date of coupon `index` (so that it has passed). */
export async function passRecordDate(coupons: readonly Coupon[], index: number): Promise<void> {
  await networkHelpers.time.increaseTo(coupons[index].date - RECORD_OFFSET + 1n);
}

/** Moves the chain to coupon date `index`. */
export async function reachCouponDate(coupons: readonly Coupon[], index: number): Promise<void> {
  await networkHelpers.time.increaseTo(coupons[index].date);
}
