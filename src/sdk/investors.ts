import { keccak256, solidityPacked, toUtf8Bytes } from "ethers";

/** Investor categories of the registry (contracts/registry/InvestorCategory.sol). */
export const InvestorCategory = {
  RETAIL: 1,
  ACCREDITED: 2,
  INSTITUTIONAL: 3,
  PRIMARY_DEALER: 4,
  GOVERNMENT: 5,
  EXCHANGE_OMNIBUS: 6,
} as const;

export type InvestorCategoryName = keyof typeof InvestorCategory;

/** ISO 3166-1 numeric codes used in the samples. */
export const Country = {
  PAKISTAN: 586,
  UNITED_ARAB_EMIRATES: 784,
  UNITED_KINGDOM: 826,
  UNITED_STATES: 840,
  SAUDI_ARABIA: 682,
} as const;

/** One registry row, as `registerInvestor` takes it. */
export interface InvestorRecord {
  wallet: string;
  investorId: string;
  country: number;
  category: number;
  expiresAt: bigint;
}

/**
 * The on-chain `investorId`: keccak256 of a secret salt and the off-chain KYC reference. Only
 * the hash goes on chain; the salt stays with the KYC provider so the id cannot be guessed from
 * a known reference.
 */
export function investorIdOf(salt: string, kycReference: string): string {
  return keccak256(solidityPacked(["bytes32", "bytes"], [keccak256(toUtf8Bytes(salt)), toUtf8Bytes(kycReference)]));
}

/** The five parallel arrays of `registerInvestors`. */
export function toBatch(records: readonly InvestorRecord[]) {
  return [
    records.map((r) => r.wallet),
    records.map((r) => r.investorId),
    records.map((r) => r.country),
    records.map((r) => r.category),
    records.map((r) => r.expiresAt),
  ] as const;
}

/** The five arguments of `registerInvestor` / `updateInvestor`. */
export function toArgs(record: InvestorRecord) {
  return [record.wallet, record.investorId, record.country, record.category, record.expiresAt] as const;
}

/** Category names as manifests and CSV files spell them: `primaryDealer` for `PRIMARY_DEALER`. */
export const investorCategoryNames: ReadonlyMap<string, number> = new Map(
  Object.entries(InvestorCategory).map(([constant, value]) => [
    constant.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
    value,
  ]),
);

/** The category numbered `category`, by name (`primaryDealer`), or its number when it has no name. */
export function investorCategoryName(category: number): string {
  for (const [name, value] of investorCategoryNames) if (value === category) return name;
  return String(category);
}
