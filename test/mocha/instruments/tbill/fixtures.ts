import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type {
  SettlementTokenFalseMock,
  SettlementTokenFeeOnTransferMock,
  SettlementTokenMock,
  SettlementTokenReentrantMock,
  TreasuryBill,
} from "../../../../typechain-types/index.js";
import { Country, InvestorCategory, investorIdOf } from "../../../../src/sdk/investors.js";
import { debtSecurityLibraries, deployRegistry, ethers, ONE_YEAR, type RegistryFixture } from "../../fixtures.js";

export const DAY = 86_400n;
/** One whole bill: the bill has 18 decimals. */
export const BILL = 10n ** 18n;
/** One dollar of the 6-decimal settlement token. */
export const USD = 10n ** 6n;
/** Face value per whole bill: 100 dollars. */
export const FACE = 100n * USD;
/** A valid ISIN (check digit 8). */
export const ISIN = "PK0000A12348";
/** Tenor of the fixture's bill: 91 days (a 3-month bill). */
export const TENOR_DAYS = 91n;
/** Dollars each dealer starts with, and the treasury wallet ten times that. */
export const DEALER_CASH = 1_000_000n * USD;
export const AUCTION = "0x" + "a1".repeat(32);
export const DayCount = { Actual365Fixed: 0, Actual360: 1 } as const;
/** Allowed categories of the bill: primary dealers and institutions (bits 4 and 3). */
export const BANKS_AND_INSTITUTIONS = (1 << InvestorCategory.PRIMARY_DEALER) | (1 << InvestorCategory.INSTITUTIONAL);

/** Everything a T-bill test needs: the bill, its settlement token, a signer per role and investors. */
export interface BillFixture extends RegistryFixture {
  bill: TreasuryBill;
  usd: SettlementTokenMock;
  issuer: HardhatEthersSigner;
  treasurer: HardhatEthersSigner;
  enforcer: HardhatEthersSigner;
  compliance: HardhatEthersSigner;
  pauser: HardhatEthersSigner;
  /** The treasury wallet: receives proceeds, funds redemptions; holds 10 x DEALER_CASH, approved. */
  treasuryWallet: HardhatEthersSigner;
  /** Primary dealers (verified, Pakistan), each holding DEALER_CASH and having approved the bill. */
  dealer1: HardhatEthersSigner;
  dealer2: HardhatEthersSigner;
  dealer3: HardhatEthersSigner;
  /** An institution (verified, allowed), holding DEALER_CASH and having approved the bill. */
  fund: HardhatEthersSigner;
  /** Verified retail investor: not allowed by the bill's policy; holds DEALER_CASH, approved. */
  retail: HardhatEthersSigner;
  /** Another wallet of dealer1's investor, verified, holding nothing. */
  dealer1Spare: HardhatEthersSigner;
  /** Not registered. */
  outsider: HardhatEthersSigner;
  issueDate: bigint;
  maturityDate: bigint;
}

/** Midnight UTC of the day after `time`. */
export function nextMidnight(time: bigint): bigint {
  return (time / DAY + 1n) * DAY;
}

/** What a test may change in a bill's constructor arguments. */
export interface BillOptions {
  isin?: string;
  settlementToken?: string;
  treasury?: string;
  faceValue?: bigint;
  issueDate?: bigint;
  maturityDate?: bigint;
  dayCount?: number;
}

/** The constructor arguments of `TreasuryBill`. */
export type BillArgs = [
  name: string,
  symbol: string,
  decimals: number,
  registry: string,
  admin: string,
  adminDelay: number,
  terms: {
    isin: string;
    settlementToken: string;
    treasury: string;
    faceValue: bigint;
    issueDate: bigint;
    maturityDate: bigint;
  },
  dayCount: number,
];

/**
 * Constructor arguments of a bill like the fixture's (its registry, admin, settlement token,
 * treasury wallet and dates; face 100, ACT/365), with `options` applied.
 */
export async function billArgs(
  f: Pick<BillFixture, "registry" | "admin" | "usd" | "treasuryWallet" | "issueDate" | "maturityDate">,
  options: BillOptions = {},
): Promise<BillArgs> {
  const terms = {
    isin: options.isin ?? ISIN,
    settlementToken: options.settlementToken ?? (await f.usd.getAddress()),
    treasury: options.treasury ?? f.treasuryWallet.address,
    faceValue: options.faceValue ?? FACE,
    issueDate: options.issueDate ?? f.issueDate,
    maturityDate: options.maturityDate ?? f.maturityDate,
  };
  const dayCount = options.dayCount ?? DayCount.Actual365Fixed;
  return ["Pakistan T-Bill 91D", "PTB91", 18, await f.registry.getAddress(), f.admin.address, 0, terms, dayCount];
}

/** Deploys another bill beside the fixture's (see {@link billArgs}). */
export async function deployAnotherBill(f: BillFixture, options: BillOptions = {}): Promise<TreasuryBill> {
  return ethers.deployContract("TreasuryBill", await billArgs(f, options), {
    libraries: await debtSecurityLibraries(),
  });
}

/** The ISIN of the newer bill. */
export const NEWER_ISIN = "PK0000A23451";

/**
 * A newer 91-day bill issued at the fixture bill's maturity (`options` apply), with the fixture's
 * issuer, enforcer and compliance officer, and the same policy.
 */
export async function deployNewerBill(f: BillFixture, options: BillOptions = {}) {
  const newMaturityDate = f.maturityDate + TENOR_DAYS * DAY;
  const newBill = await deployAnotherBill(f, {
    isin: NEWER_ISIN,
    issueDate: f.maturityDate,
    maturityDate: newMaturityDate,
    ...options,
  });
  await newBill.connect(f.admin).grantRole(await newBill.ISSUER_ROLE(), f.issuer.address);
  await newBill.connect(f.admin).grantRole(await newBill.ENFORCEMENT_ROLE(), f.enforcer.address);
  await newBill.connect(f.admin).grantRole(await newBill.COMPLIANCE_ROLE(), f.compliance.address);
  await newBill.connect(f.compliance).setAllowedCategories(BANKS_AND_INSTITUTIONS);
  return { newBill, newMaturityDate };
}

/** A newer bill (see {@link deployNewerBill}) holding ROLLOVER_ROLE on the fixture's bill, rolling it at `price`. */
export async function openRollover(f: BillFixture, price: bigint) {
  const newer = await deployNewerBill(f);
  await f.bill.connect(f.admin).grantRole(await f.bill.ROLLOVER_ROLE(), await newer.newBill.getAddress());
  await newer.newBill.connect(f.issuer).setRolloverPrice(await f.bill.getAddress(), price);
  return newer;
}

/**
 * A 91-day bill (ACT/365) of face 100 dollars, issued at the next midnight, settled in `usd`,
 * with roles granted, investors registered and funded.
 */
export async function deployBillOn(usd: SettlementTokenMock): Promise<BillFixture> {
  const base = await deployRegistry();
  const { registry, admin, kycAgent, others } = base;
  const [issuer, treasurer, enforcer, compliance, pauser, treasuryWallet, dealer1, dealer2, dealer3, fund, retail] =
    others;
  const [dealer1Spare, outsider] = others.slice(11);
  const issueDate = nextMidnight(base.now);
  const maturityDate = issueDate + TENOR_DAYS * DAY;
  const bill = await ethers.deployContract(
    "TreasuryBill",
    await billArgs({ registry, admin, usd, treasuryWallet, issueDate, maturityDate }),
    { libraries: await debtSecurityLibraries() },
  );
  await bill.connect(admin).grantRole(await bill.ISSUER_ROLE(), issuer.address);
  await bill.connect(admin).grantRole(await bill.TREASURY_ROLE(), treasurer.address);
  await bill.connect(admin).grantRole(await bill.ENFORCEMENT_ROLE(), enforcer.address);
  await bill.connect(admin).grantRole(await bill.COMPLIANCE_ROLE(), compliance.address);
  await bill.connect(admin).grantRole(await bill.PAUSER_ROLE(), pauser.address);
  await bill.connect(compliance).setAllowedCategories(BANKS_AND_INSTITUTIONS);

  const expiresAt = base.now + ONE_YEAR;
  const register = (wallet: HardhatEthersSigner, reference: string, category: number) =>
    registry
      .connect(kycAgent)
      .registerInvestor(wallet.address, investorIdOf("test-salt", reference), Country.PAKISTAN, category, expiresAt);
  await register(dealer1, "KYC-DEALER-1", InvestorCategory.PRIMARY_DEALER);
  await register(dealer1Spare, "KYC-DEALER-1", InvestorCategory.PRIMARY_DEALER);
  await register(dealer2, "KYC-DEALER-2", InvestorCategory.PRIMARY_DEALER);
  await register(dealer3, "KYC-DEALER-3", InvestorCategory.PRIMARY_DEALER);
  await register(fund, "KYC-FUND", InvestorCategory.INSTITUTIONAL);
  await register(retail, "KYC-RETAIL", InvestorCategory.RETAIL);

  const billAddress = await bill.getAddress();
  for (const investor of [dealer1, dealer2, dealer3, fund, retail]) {
    await usd.mint(investor.address, DEALER_CASH);
    await usd.connect(investor).approve(billAddress, ethers.MaxUint256);
  }
  await usd.mint(treasuryWallet.address, 10n * DEALER_CASH);
  await usd.connect(treasuryWallet).approve(billAddress, ethers.MaxUint256);

  return {
    ...base,
    bill,
    usd,
    issuer,
    treasurer,
    enforcer,
    compliance,
    pauser,
    treasuryWallet,
    dealer1,
    dealer2,
    dealer3,
    fund,
    retail,
    dealer1Spare,
    outsider,
    issueDate,
    maturityDate,
  };
}

export async function deployBill(): Promise<BillFixture> {
  return deployBillOn(await ethers.deployContract("SettlementTokenMock"));
}

export async function deployBillFeeOnTransfer(): Promise<BillFixture & { feeToken: SettlementTokenFeeOnTransferMock }> {
  const feeToken = await ethers.deployContract("SettlementTokenFeeOnTransferMock");
  return { ...(await deployBillOn(feeToken)), feeToken };
}

export async function deployBillFalseReturning(): Promise<BillFixture & { falseToken: SettlementTokenFalseMock }> {
  const falseToken = await ethers.deployContract("SettlementTokenFalseMock");
  return { ...(await deployBillOn(falseToken)), falseToken };
}

export async function deployBillReentrant(): Promise<BillFixture & { reentrantToken: SettlementTokenReentrantMock }> {
  const reentrantToken = await ethers.deployContract("SettlementTokenReentrantMock");
  return { ...(await deployBillOn(reentrantToken)), reentrantToken };
}

/** Records one allotment per row of `rows` ([bidder, amount, price]) and returns their ids. */
export async function record(
  f: BillFixture,
  rows: readonly (readonly [HardhatEthersSigner, bigint, bigint])[],
  auctionId = AUCTION,
): Promise<bigint[]> {
  const first = await f.bill.allotmentCount();
  await f.bill.connect(f.issuer).recordAllotments(
    auctionId,
    rows.map(([bidder]) => bidder.address),
    rows.map(([, amount]) => amount),
    rows.map(([, , price]) => price),
  );
  return rows.map((_, i) => first + BigInt(i));
}

/** Records and settles `rows`; returns their ids. */
export async function issue(
  f: BillFixture,
  rows: readonly (readonly [HardhatEthersSigner, bigint, bigint])[],
): Promise<bigint[]> {
  const ids = await record(f, rows);
  await f.bill.connect(f.issuer).settleAllotments(ids);
  return ids;
}

/** Face value of `amount` base units, rounded down (independent of the contract). */
export function faceOf(amount: bigint, face = FACE): bigint {
  return (amount * face) / BILL;
}

/** Cost of `amount` base units at `price` per bill, rounded up (independent of the contract). */
export function costOf(amount: bigint, price: bigint): bigint {
  return (amount * price + BILL - 1n) / BILL;
}

/**
 * The fixture's bill settled in a token that calls a hooked account's code on its transfers (as
 * ERC-777 hooks do), and `hostile`: a contract wallet registered as a primary dealer, holding
 * DEALER_CASH and having approved the bill, hooked by the token (it accepts until told otherwise).
 */
export async function deployBillHooked() {
  const hookToken = await ethers.deployContract("HookSettlementTokenMock");
  const f = await deployBillOn(hookToken);
  const hostile = await ethers.deployContract("HostileHolderMock");
  const hostileAddress = await hostile.getAddress();
  await f.registry
    .connect(f.kycAgent)
    .registerInvestor(
      hostileAddress,
      investorIdOf("test-salt", "KYC-HOSTILE"),
      Country.PAKISTAN,
      InvestorCategory.PRIMARY_DEALER,
      f.now + ONE_YEAR,
    );
  await hookToken.mint(hostileAddress, DEALER_CASH);
  await hostile.approve(await hookToken.getAddress(), await f.bill.getAddress(), ethers.MaxUint256);
  await hookToken.setHooked(hostileAddress);
  return { ...f, hookToken, hostile };
}
