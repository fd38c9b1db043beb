/**
 * The terms every debt security has (contracts/instruments/debt/IDebtSecurity.sol `DebtTerms`),
 * shared by the treasury bill and the sovereign bond: their manifest fields, the rules spanning
 * them, and their constructor values.
 */
import { z } from "zod";
import { OpsError } from "../errors.js";
import { address, integer, isin, isoDate, party, asObject, type Problem } from "../manifest-fields.js";
import { LOCAL_CHAIN_IDS, isLocalChain } from "../network.js";
import type { DebtTermsPlan } from "../../../ignition/modules/plan-types.js";
import { parseAmount, parseIsoDate } from "../units.js";

export type { DebtTermsPlan };

/** The terms every debt security has (contracts/instruments/debt/IDebtSecurity.sol `DebtTerms`). */
export const debtTermsFields = {
  isin,
  /** The ERC-20 the security is bought and repaid in; or `deploySettlementToken` (local demos). */
  settlementToken: address.optional(),
  /** Deploys contracts/mocks/LocalTestDollar.sol (6 decimals, open mint) as the settlement token: local chains only. */
  deploySettlementToken: z.literal(true).optional(),
  /** Decimals of the settlement token (6 for the mock). */
  settlementDecimals: integer(0, 18),
  /** The wallet that receives auction proceeds and funds coupons and the redemption. */
  treasury: party,
  /** Settlement-token units repaid per whole token at maturity, as "100". */
  faceValue: z.string(),
  issueDate: isoDate,
  maturityDate: isoDate,
};

/** The rules of a debt security's terms that span fields: one settlement token, face value, dates. */
export function checkDebtTerms(root: Record<string, unknown>, item: Record<string, unknown>, index: number): Problem[] {
  const problems: Problem[] = [];
  const terms = asObject(item.terms);
  const where = (key: string) => ["instruments", index, "terms", key];
  const given = (key: string) => terms[key] !== undefined;
  if (given("settlementToken") === given("deploySettlementToken")) {
    problems.push({
      path: where("settlementToken"),
      message: 'either "settlementToken" (an address) or "deploySettlementToken": true, not both',
    });
  }
  if (terms.deploySettlementToken === true) {
    const chainIds = asObject(root.network).chainIds;
    const elsewhere = Array.isArray(chainIds) ? chainIds.filter((c) => !isLocalChain(Number(c))) : undefined;
    if (elsewhere === undefined || elsewhere.length > 0) {
      const listed =
        elsewhere === undefined ? "network.chainIds is omitted (any chain)" : `not ${elsewhere.join(", ")}`;
      problems.push({
        path: where("deploySettlementToken"),
        message:
          `it only on local chains: network.chainIds must list only ${LOCAL_CHAIN_IDS.join(" or ")}, ${listed} ` +
          "(it deploys LocalTestDollar, a test dollar with an open mint)",
      });
    }
    if (terms.settlementDecimals !== undefined && terms.settlementDecimals !== 6) {
      problems.push({ path: where("settlementDecimals"), message: "6, the decimals of the deployed test token" });
    }
  }
  if (typeof terms.faceValue === "string" && Number.isInteger(terms.settlementDecimals)) {
    const decimals = Math.min(Math.max(Number(terms.settlementDecimals), 0), 18);
    const parsed = parseAmount(terms.faceValue, decimals);
    if (typeof parsed === "string") problems.push({ path: where("faceValue"), message: parsed });
    else if (parsed === 0n) problems.push({ path: where("faceValue"), message: "more than 0" });
  }
  const issue = typeof terms.issueDate === "string" ? parseIsoDate(terms.issueDate) : undefined;
  const maturity = typeof terms.maturityDate === "string" ? parseIsoDate(terms.maturityDate) : undefined;
  if (issue !== undefined && maturity !== undefined && maturity <= issue) {
    problems.push({ path: where("maturityDate"), message: `a date after the issue date ${String(terms.issueDate)}` });
  }
  return problems;
}

/** The debt terms of a bill's or a bond's manifest terms (already validated). */
export function planDebtTerms(
  terms: z.output<z.ZodObject<typeof debtTermsFields>>,
  resolve: (party: string) => string,
): DebtTermsPlan {
  const faceValue = parseAmount(terms.faceValue, terms.settlementDecimals);
  if (typeof faceValue === "string") throw new OpsError(`terms.faceValue: expected ${faceValue}`);
  return {
    isin: terms.isin,
    settlementToken: terms.settlementToken ?? "deploy",
    settlementDecimals: terms.settlementDecimals,
    treasury: resolve(terms.treasury),
    faceValue,
    issueDate: parseIsoDate(terms.issueDate) ?? 0n,
    maturityDate: parseIsoDate(terms.maturityDate) ?? 0n,
  };
}

/** The name under which `table` (a manifest's names to a contract's enum values) holds `value`, as plans print it. */
export function dayCountName(table: Readonly<Record<string, number>>, value: number): string {
  const name = Object.keys(table).find((key) => table[key] === value);
  if (name === undefined) throw new Error(`day count ${value} is not one of ${Object.keys(table).join(", ")}`);
  return name;
}
