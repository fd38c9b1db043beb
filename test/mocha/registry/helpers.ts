import type { InvestorRegistry } from "../../../typechain-types/index.js";
import { Country, InvestorCategory, investorIdOf, type InvestorRecord } from "../../../src/sdk/investors.js";

/** The salt of every investorId in the registry tests. */
export const SALT = "registry-test-salt";

export const DAY = 24n * 60n * 60n;

/** The admin delay `deployRegistry` gives the registry. */
export const ADMIN_DELAY = 3n * DAY;

/** Highest valid category (contracts/registry/InvestorCategory.sol `MAX`). */
export const MAX_CATEGORY = 15;

/** Highest valid country code (contracts/registry/CountryCode.sol `MAX`). */
export const MAX_COUNTRY = 999;

export const ALICE_ID = investorIdOf(SALT, "KYC-ALICE");
export const BOB_ID = investorIdOf(SALT, "KYC-BOB");
export const CAROL_ID = investorIdOf(SALT, "KYC-CAROL");

/** The registry record of a wallet as plain values, comparable with `deep.equal`. */
export interface StoredInvestor {
  investorId: string;
  country: bigint;
  category: bigint;
  expiresAt: bigint;
  revoked: boolean;
}

export async function recordOf(registry: InvestorRegistry, wallet: string): Promise<StoredInvestor> {
  const r = await registry.investorOf(wallet);
  return {
    investorId: r.investorId,
    country: r.country,
    category: r.category,
    expiresAt: r.expiresAt,
    revoked: r.revoked,
  };
}

/** The record `registerInvestor` is expected to store for `r`. */
export function stored(r: InvestorRecord, revoked = false): StoredInvestor {
  return {
    investorId: r.investorId,
    country: BigInt(r.country),
    category: BigInt(r.category),
    expiresAt: r.expiresAt,
    revoked,
  };
}

/** What `investorOf` returns for a wallet that was never registered. */
export const EMPTY: StoredInvestor = {
  investorId: "0x" + "00".repeat(32),
  country: 0n,
  category: 0n,
  expiresAt: 0n,
  revoked: false,
};

/** A valid row for `wallet`: Pakistan, institutional, given expiry. */
export function row(
  wallet: string,
  expiresAt: bigint,
  investorId: string = ALICE_ID,
  country: number = Country.PAKISTAN,
  category: number = InvestorCategory.INSTITUTIONAL,
): InvestorRecord {
  return { wallet, investorId, country, category, expiresAt };
}

/** Calls `registerInvestor` with the fields of `r`. */
export function register(registry: InvestorRegistry, r: InvestorRecord) {
  return registry.registerInvestor(r.wallet, r.investorId, r.country, r.category, r.expiresAt);
}

/** Calls `updateInvestor` with the fields of `r`. */
export function update(registry: InvestorRegistry, r: InvestorRecord) {
  return registry.updateInvestor(r.wallet, r.investorId, r.country, r.category, r.expiresAt);
}
