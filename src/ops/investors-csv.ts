/**
 * The investor file: one wallet per row, as the KYC provider hands it over.
 *
 *     wallet,investorId,country,category,expiresAt
 *     0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B,0x4f2c...,586,institutional,2027-06-30
 *
 * `investorId` is the salted hash of the KYC record computed by the KYC provider
 * (src/sdk/investors.ts `investorIdOf`); `country` an ISO 3166-1 numeric or alpha-2 code;
 * `category` a name (`primaryDealer`) or number (1 to 15); `expiresAt` an ISO 8601 date, in the
 * future. An optional `label` column names the investor in reports on this machine (it never goes
 * on chain). The same file is used for allocations with `wallet,amount`.
 */
import { investorCategoryNames, type InvestorRecord } from "../sdk/investors.js";
import { parseCountry } from "./countries.js";
import { checkRows, readCsvFile, type CsvRow } from "./csv.js";
import { isChecksummedAddress, isInvestorId, isoTime, parseAmount, parseIsoDate } from "./units.js";

export const INVESTOR_COLUMNS = ["wallet", "investorId", "country", "category", "expiresAt"] as const;
export const ALLOCATION_COLUMNS = ["wallet", "amount"] as const;

/** The highest investor category the registry accepts (contracts/registry/InvestorCategory.sol `MAX`). */
const MAX_CATEGORY = 15;

export type InvestorRow = InvestorRecord & { line: number; label?: string };
export type AllocationRow = { wallet: string; amount: bigint; line: number };

/** Checks a wallet cell: checksummed, and not already on an earlier row. */
function walletChecker() {
  const seen = new Map<string, number>();
  return (row: CsvRow, problem: (column: string, expected: string) => void): string => {
    const wallet = row.cells.wallet;
    if (wallet === "") problem("wallet", "a checksummed address");
    else if (!isChecksummedAddress(wallet)) problem("wallet", "a checksummed address (EIP-55 mixed case)");
    const first = seen.get(wallet.toLowerCase());
    if (wallet !== "" && first !== undefined) problem("wallet", `a wallet not already on line ${first}`);
    else seen.set(wallet.toLowerCase(), row.line);
    return wallet;
  };
}

/** Parses a category cell: a name or a number from 1 to 15. */
export function parseCategory(text: string): number | undefined {
  const byName = investorCategoryNames.get(text);
  if (byName !== undefined) return byName;
  const number = /^\d{1,2}$/.test(text) ? Number(text) : 0;
  return number >= 1 && number <= MAX_CATEGORY ? number : undefined;
}

/**
 * The rows of investor file `file`, every one valid, or a {@link CsvError} listing every bad
 * cell. `now` is the chain's time: expiries must be after it.
 */
export async function readInvestorFile(file: string, now: bigint): Promise<InvestorRow[]> {
  const rows = await readCsvFile(file, INVESTOR_COLUMNS, ["label"]);
  const wallet = walletChecker();
  const columns = rows.length === 0 ? INVESTOR_COLUMNS.length : Object.keys(rows[0].cells).length;
  return checkRows(file, rows, columns, (row, problem) => {
    const { investorId, country, category, expiresAt, label } = row.cells;
    if (!isInvestorId(investorId)) problem("investorId", "a non-zero 32-byte hex value (0x and 64 hex digits)");
    const countryCode = parseCountry(country);
    if (countryCode === undefined) problem("country", "an ISO 3166-1 country: numeric (586) or alpha-2 (PK)");
    const categoryNumber = parseCategory(category);
    if (categoryNumber === undefined) {
      problem(
        "category",
        `a category name (${[...investorCategoryNames.keys()].join(", ")}) or number 1 to ${MAX_CATEGORY}`,
      );
    }
    const expiry = parseIsoDate(expiresAt);
    if (expiry === undefined) problem("expiresAt", "an ISO 8601 date such as 2027-06-30");
    else if (expiry <= now) problem("expiresAt", `a date in the future (chain time is ${isoTime(now)})`);
    return {
      wallet: wallet(row, problem),
      investorId,
      country: countryCode ?? 0,
      category: categoryNumber ?? 0,
      expiresAt: expiry ?? 0n,
      ...(label ? { label } : {}),
    };
  });
}

/** The rows of allocation file `file` (`wallet,amount` in tokens of `decimals` decimals), every one valid. */
export async function readAllocationFile(file: string, decimals: number): Promise<AllocationRow[]> {
  const rows = await readCsvFile(file, ALLOCATION_COLUMNS);
  const wallet = walletChecker();
  return checkRows(file, rows, ALLOCATION_COLUMNS.length, (row, problem) => {
    const amount = parseAmount(row.cells.amount, decimals);
    if (typeof amount === "string") problem("amount", amount);
    else if (amount === 0n) problem("amount", "more than 0");
    return { wallet: wallet(row, problem), amount: typeof amount === "string" ? 0n : amount };
  });
}
