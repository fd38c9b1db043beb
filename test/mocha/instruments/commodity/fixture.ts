import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id, type ContractTransactionResponse } from "ethers";
import type { CommodityReserveToken, ReserveFeedMock } from "../../../../typechain-types/index.js";
import type { ICommodityReserveToken } from "../../../../typechain-types/contracts/instruments/commodity/CommodityReserveToken.js";
import { Country, InvestorCategory, investorIdOf } from "../../../../src/sdk/investors.js";
import { deployRegistry, ethers, now, ONE_YEAR, type RegistryFixture } from "../../fixtures.js";

export { ethers, networkHelpers, now } from "../../fixtures.js";

export const DAY = 24n * 60n * 60n;
export const ADMIN_DELAY = 3n * DAY;
/** The maximum attestation age of the test token. */
export const MAX_AGE = 30n * DAY;
/** Base units in one whole token (18 decimals). */
export const UNIT = 10n ** 18n;
/** One token is one gram of gold, counted in milligrams. */
export const MG_PER_TOKEN = 1_000n;
/** Reserves of the fixture's first attestation: 10 kg, in milligrams, i.e. a capacity of 10,000 tokens. */
export const INITIAL_RESERVES = 10_000_000n;
/** What Alice and Bob each hold after the fixture: 1,000 tokens. */
export const HOLDING = 1_000n * UNIT;

export const AUDITOR_ROLE = id("AUDITOR_ROLE");
export const CUSTODIAN_ROLE = id("CUSTODIAN_ROLE");
export const ISSUER_ROLE = id("ISSUER_ROLE");
export const DEFAULT_ADMIN_ROLE = "0x" + "00".repeat(32);

/** Restriction codes of contracts/token/TransferRestriction.sol used here. */
export const Core = { SUCCESS: 0n, PAUSED: 1n, RECEIVER_NOT_VERIFIED: 3n, RECEIVER_FROZEN: 5n } as const;

/** Restriction codes of contracts/instruments/commodity/CommodityRestriction.sol. */
export const Restriction = {
  ATTESTATION_STALE: 32n,
  FEED_UNAVAILABLE: 33n,
  FEED_ANSWER_NOT_POSITIVE: 34n,
  FEED_STALE: 35n,
  UNDER_COLLATERALISED: 36n,
  CAPACITY_EXCEEDED: 37n,
  FEED_DECIMALS_CHANGED: 38n,
} as const;

/** ICommodityReserveToken.RedemptionKind. */
export const Kind = { PHYSICAL_DELIVERY: 0n, CASH_SETTLEMENT: 1n } as const;

/** ICommodityReserveToken.RedemptionState. */
export const State = { NONE: 0n, PENDING: 1n, FULFILLED: 2n, REJECTED: 3n, CANCELLED: 4n } as const;

/** A delivery reference: the hash of delivery instructions kept off chain. */
export const DELIVERY_REF = id("DELIVERY-KARACHI-VAULT-0001");
/** A cash-settlement reference: the hash of a bank account reference kept off chain. */
export const CASH_REF = id("IBAN-PK36SCBL0000001123456702");

/** The audit report hash and URI of attestation `n`. */
export function report(n: number): { reportHash: string; uri: string } {
  return { reportHash: id(`audit-report-${n}`), uri: `ipfs://bafy-audit-report-${n}` };
}

export function metadataFor(
  custodian: string,
  overrides: Partial<ICommodityReserveToken.CommodityMetadataStruct> = {},
) {
  return {
    commodity: "Gold",
    unit: "milligram",
    description: "999.9 fine, London Good Delivery bars",
    reserveUnitsPerToken: MG_PER_TOKEN,
    custodian,
    maxAttestationAge: MAX_AGE,
    ...overrides,
  } satisfies ICommodityReserveToken.CommodityMetadataStruct;
}

/** Everything a commodity token test needs. */
export interface CommodityFixture extends RegistryFixture {
  token: CommodityReserveToken;
  /** A proof-of-reserve feed with 8 decimals, not set on the token, reporting nothing yet. */
  feed: ReserveFeedMock;
  issuer: HardhatEthersSigner;
  auditor: HardhatEthersSigner;
  custodian: HardhatEthersSigner;
  enforcer: HardhatEthersSigner;
  pauser: HardhatEthersSigner;
  /** The custodian named in the metadata: holds no role. */
  vault: HardhatEthersSigner;
  /** Verified (Pakistan, institutional), each holding {@link HOLDING}. */
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  /** Verified (Pakistan, retail), holding nothing. */
  carol: HardhatEthersSigner;
  /** Not registered. */
  outsider: HardhatEthersSigner;
  /** The `asOf` of the fixture's one attestation, {@link INITIAL_RESERVES}. */
  attestedAt: bigint;
}

export async function deployCommodityToken(): Promise<CommodityFixture> {
  const base = await deployRegistry();
  const { registry, admin, kycAgent, others } = base;
  const [issuer, auditor, custodian, enforcer, pauser, vault, alice, bob, carol, outsider] = others;
  const token = await ethers.deployContract("CommodityReserveToken", [
    "Pakistan Gold Reserve Gram",
    "PKGLD",
    18,
    await registry.getAddress(),
    admin.address,
    ADMIN_DELAY,
    metadataFor(vault.address),
  ]);
  await token.connect(admin).grantRole(ISSUER_ROLE, issuer.address);
  await token.connect(admin).grantRole(AUDITOR_ROLE, auditor.address);
  await token.connect(admin).grantRole(CUSTODIAN_ROLE, custodian.address);
  await token.connect(admin).grantRole(await token.ENFORCEMENT_ROLE(), enforcer.address);
  await token.connect(admin).grantRole(await token.PAUSER_ROLE(), pauser.address);
  const feed = await ethers.deployContract("ReserveFeedMock", [8]);

  const expiresAt = base.now + ONE_YEAR;
  const register = (wallet: string, kyc: string, category: number) =>
    registry
      .connect(kycAgent)
      .registerInvestor(wallet, investorIdOf("commodity-salt", kyc), Country.PAKISTAN, category, expiresAt);
  await register(alice.address, "KYC-ALICE", InvestorCategory.INSTITUTIONAL);
  await register(bob.address, "KYC-BOB", InvestorCategory.INSTITUTIONAL);
  await register(carol.address, "KYC-CAROL", InvestorCategory.RETAIL);

  const attestedAt = await now();
  const { reportHash, uri } = report(0);
  await token.connect(auditor).attestReserves(INITIAL_RESERVES, attestedAt, reportHash, uri);
  await token.connect(issuer).mint(alice.address, HOLDING);
  await token.connect(issuer).mint(bob.address, HOLDING);

  return {
    ...base,
    token,
    feed,
    issuer,
    auditor,
    custodian,
    enforcer,
    pauser,
    vault,
    alice,
    bob,
    carol,
    outsider,
    attestedAt,
  };
}

/** Records attestation `n` of `reserves` as of `asOf` (default: the latest block time). */
export async function attest(
  f: CommodityFixture,
  reserves: bigint,
  n: number,
  asOf?: bigint,
): Promise<ContractTransactionResponse> {
  const { reportHash, uri } = report(n);
  return f.token.connect(f.auditor).attestReserves(reserves, asOf ?? (await now()), reportHash, uri);
}

/** The capacity, in base units, of `reserves` milligrams (rounded down, as the token does). */
export function capacityOf(reserves: bigint): bigint {
  return (reserves * UNIT) / MG_PER_TOKEN;
}

/** `a / b` rounded up. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Milligrams a physical delivery of `amount` base units takes out of the reserves: rounded up. */
export function deliveredOf(amount: bigint): bigint {
  return ceilDiv(amount * MG_PER_TOKEN, UNIT);
}

/** The coverage ratio (18 decimals) of `reserves` milligrams for `supply`, as the token rounds it: down. */
export function coverageOf(reserves: bigint, supply: bigint): bigint {
  return (capacityOf(reserves) * 10n ** 18n) / supply;
}

/** The id of the next redemption request. */
export async function nextRedemptionId(token: CommodityReserveToken): Promise<bigint> {
  return (await token.redemptionCount()) + 1n;
}

/** The block time of a mined transaction. */
export async function timeOf(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error("transaction was not mined");
  const block = await ethers.provider.getBlock(receipt.blockNumber);
  if (block === null) throw new Error("block not found");
  return BigInt(block.timestamp);
}
