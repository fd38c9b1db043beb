/** The `sovereignBond` kind: contracts/instruments/bond/SovereignBond.sol. */
import { z } from "zod";
import { instrumentModule } from "../../../ignition/modules/RegulatedToken.js";
import { debtSecurityParts } from "../../../ignition/modules/DebtSecurity.js";
import { TOKEN_ROLES, asObject, instrumentFields, integer, rolesSchema, type Problem } from "../manifest-fields.js";
import { formatAmount, isoTime, parseAmount } from "../units.js";
import { checkDebtTerms, dayCountName, debtTermsFields, planDebtTerms, type DebtTermsPlan } from "./debt-terms.js";
import type { InstrumentKindDefinition } from "./kind.js";

/** The roles of a sovereign bond (contracts/instruments/bond/SovereignBond.sol). */
export const BOND_ROLES = [...TOKEN_ROLES, "TREASURY_ROLE", "RATE_SETTER_ROLE"] as const;
/** Day-count conventions of a bond's coupons, numbered as contracts/utils/DayCount.sol `Convention`. */
export const BOND_DAY_COUNTS = {
  "30/360": 0,
  "30E/360": 1,
  "ACT/365F": 2,
  "ACT/ACT-ICMA": 3,
  "ACT/360": 4,
  "ACT/ACT-ISDA": 5,
} as const;
type BondDayCountName = keyof typeof BOND_DAY_COUNTS;

const bondTerms = z
  .object({
    ...debtTermsFields,
    dayCount: z.enum(Object.keys(BOND_DAY_COUNTS) as [BondDayCountName, ...BondDayCountName[]]),
    /** Coupons per year: 1, 2, 4 or 12. */
    couponFrequency: z.number().refine((v) => [1, 2, 4, 12].includes(v), "1, 2, 4 or 12"),
    /** Fixed rate a year in percent, at most 2 decimals (basis points), as "7.25"; omitted for a floating-rate bond. */
    couponRate: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a rate in percent with at most 2 decimals, as "7.25"')
      .optional(),
    /** Floating rate: each coupon's rate is fixed before its record date by RATE_SETTER_ROLE. */
    floatingRate: z.boolean().default(false),
    /** Days before each coupon date when the holders of record are fixed. */
    recordDateDays: integer(0, 365),
    /** Days after each coupon date during which holders claim; then the rest may be swept. */
    claimWindowDays: integer(1, 36_500),
    /** A sukuk (rental payments), with the hash of its asset documents. */
    isSukuk: z.boolean().default(false),
    assetDocumentsHash: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "a 32-byte hex value")
      .optional(),
  })
  .strict();
/** The rules of a bond's terms that span fields: a fixed rate xor a floating one, a sukuk's documents. */
function checkBondTerms(item: Record<string, unknown>, index: number): Problem[] {
  const problems: Problem[] = [];
  const terms = asObject(item.terms);
  const where = ["instruments", index, "terms"];
  if (terms.floatingRate === true && terms.couponRate !== undefined) {
    problems.push({ path: [...where, "couponRate"], message: "no fixed rate on a floating-rate bond" });
  }
  if (terms.floatingRate !== true && terms.couponRate === undefined) {
    problems.push({ path: [...where, "couponRate"], message: 'a fixed rate in percent, or "floatingRate": true' });
  }
  if ((terms.isSukuk === true) !== (terms.assetDocumentsHash !== undefined)) {
    problems.push({
      path: [...where, "assetDocumentsHash"],
      message: "the hash of the asset documents for a sukuk (isSukuk true), none otherwise",
    });
  }
  return problems;
}

/** The constructor terms of a sovereign bond: its debt terms and `BondTerms`. */
export interface BondTermsPlan extends DebtTermsPlan {
  kind: "sovereignBond";
  /** Coupon day count, as contracts/utils/DayCount.sol `Convention`. */
  dayCount: number;
  couponFrequency: number;
  couponRateBps: number;
  floatingRate: boolean;
  /** Seconds before each coupon date. */
  recordDateOffset: number;
  /** Seconds. */
  claimWindow: number;
  isSukuk: boolean;
  assetDocumentsHash: string;
}

const schema = z
  .object({ kind: z.literal("sovereignBond"), ...instrumentFields, roles: rolesSchema(BOND_ROLES), terms: bondTerms })
  .strict();

export type BondTerms = z.output<typeof bondTerms>;

export const sovereignBond: InstrumentKindDefinition<"sovereignBond", "SovereignBond", typeof schema, BondTermsPlan> = {
  kind: "sovereignBond",
  contract: "SovereignBond",
  schema,
  check: (root, item, index) => [...checkDebtTerms(root, item, index), ...checkBondTerms(item, index)],
  planTerms: ({ terms }, resolve) => {
    const rate = terms.couponRate === undefined ? 0n : parseAmount(terms.couponRate, 2);
    return {
      kind: "sovereignBond",
      ...planDebtTerms(terms, resolve),
      dayCount: BOND_DAY_COUNTS[terms.dayCount],
      couponFrequency: terms.couponFrequency,
      couponRateBps: typeof rate === "string" ? 0 : Number(rate),
      floatingRate: terms.floatingRate,
      recordDateOffset: terms.recordDateDays * 86_400,
      claimWindow: terms.claimWindowDays * 86_400,
      isSukuk: terms.isSukuk,
      assetDocumentsHash: terms.assetDocumentsHash ?? `0x${"00".repeat(32)}`,
    };
  },
  describeTerms: (terms) => [
    `ISIN ${terms.isin}, face value ${formatAmount(terms.faceValue, terms.settlementDecimals)}, ` +
      `${terms.floatingRate ? "floating rate" : `${formatAmount(BigInt(terms.couponRateBps), 2)}% fixed`}, ` +
      `${terms.couponFrequency} coupon(s) a year, day count ${dayCountName(BOND_DAY_COUNTS, terms.dayCount)}${terms.isSukuk ? ", sukuk" : ""}`,
    `issue ${isoTime(terms.issueDate)}, maturity ${isoTime(terms.maturityDate)}, treasury ${terms.treasury}`,
    `record date ${terms.recordDateOffset / 86_400} day(s) before each coupon, claims for ${terms.claimWindow / 86_400} day(s)`,
    terms.settlementToken === "deploy"
      ? "settlement token: deploy LocalTestDollar (test dollar, local chains only); libraries SovereignBondLogic and DebtSecurityLogic linked"
      : `settlement token ${terms.settlementToken}; libraries SovereignBondLogic and DebtSecurityLogic linked`,
  ],
  /**
   * Linked to its libraries SovereignBondLogic and DebtSecurityLogic (deployed first, in the same
   * module): the debt terms and the bond terms (coupon rate or floating, frequency, day count,
   * record date, claim window, sukuk) fixed in the constructor; roles (ISSUER_ROLE records and
   * settles auctions, TREASURY_ROLE funds coupons and the redemption, RATE_SETTER_ROLE fixes
   * floating rates) and policy as separate future calls. With `deploySettlementToken` the module
   * first deploys contracts/mocks/LocalTestDollar.sol (local chains only).
   */
  module: (plan, terms, parts) =>
    instrumentModule(plan, parts, (m, coreArgs) => {
      const { debtTerms, debtLogic } = debtSecurityParts(m, terms);
      const bondLogic = m.library("SovereignBondLogic");
      return m.contract(
        "SovereignBond",
        [
          ...coreArgs,
          debtTerms,
          [
            terms.assetDocumentsHash,
            terms.dayCount,
            terms.recordDateOffset,
            terms.claimWindow,
            terms.couponRateBps,
            terms.couponFrequency,
            terms.floatingRate,
            terms.isSukuk,
          ],
        ],
        { libraries: { SovereignBondLogic: bondLogic, DebtSecurityLogic: debtLogic } },
      );
    }),
};
