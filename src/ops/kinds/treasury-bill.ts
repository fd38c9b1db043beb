/** The `treasuryBill` kind: contracts/instruments/tbill/TreasuryBill.sol. */
import { z } from "zod";
import { instrumentModule } from "../../../ignition/modules/RegulatedToken.js";
import { debtSecurityParts } from "../../../ignition/modules/DebtSecurity.js";
import { TOKEN_ROLES, instrumentFields, rolesSchema } from "../manifest-fields.js";
import { checkDebtTerms, dayCountName, debtTermsFields, planDebtTerms, type DebtTermsPlan } from "./debt-terms.js";
import { formatAmount, isoTime } from "../units.js";
import type { InstrumentKindDefinition } from "./kind.js";

/** The roles of a debt security (contracts/instruments/debt/DebtSecurity.sol) and of a treasury bill. */
export const TREASURY_BILL_ROLES = [...TOKEN_ROLES, "TREASURY_ROLE", "ROLLOVER_ROLE"] as const;
/** Day-count bases of a treasury bill's yield, numbered as the contract's `DayCount` enum. */
export const DAY_COUNTS = { "ACT/365F": 0, "ACT/360": 1 } as const;
const treasuryBillTerms = z.object({ ...debtTermsFields, dayCount: z.enum(["ACT/365F", "ACT/360"]) }).strict();

/** The constructor terms of a treasury bill, in contract values. */
export interface TreasuryBillTermsPlan extends DebtTermsPlan {
  kind: "treasuryBill";
  /** The contract's `DayCount`: 0 ACT/365F, 1 ACT/360. */
  dayCount: number;
}

const schema = z
  .object({
    kind: z.literal("treasuryBill"),
    ...instrumentFields,
    roles: rolesSchema(TREASURY_BILL_ROLES),
    terms: treasuryBillTerms,
  })
  .strict();

export type TreasuryBillTerms = z.output<typeof treasuryBillTerms>;

export const treasuryBill: InstrumentKindDefinition<
  "treasuryBill",
  "TreasuryBill",
  typeof schema,
  TreasuryBillTermsPlan
> = {
  kind: "treasuryBill",
  contract: "TreasuryBill",
  schema,
  check: checkDebtTerms,
  planTerms: ({ terms }, resolve) => ({
    kind: "treasuryBill",
    ...planDebtTerms(terms, resolve),
    dayCount: DAY_COUNTS[terms.dayCount],
  }),
  describeTerms: (terms) => [
    `ISIN ${terms.isin}, face value ${formatAmount(terms.faceValue, terms.settlementDecimals)} per bill, ` +
      `day count ${dayCountName(DAY_COUNTS, terms.dayCount)}`,
    `issue ${isoTime(terms.issueDate)}, maturity ${isoTime(terms.maturityDate)}, treasury ${terms.treasury}`,
    terms.settlementToken === "deploy"
      ? "settlement token: deploy LocalTestDollar (test dollar, local chains only); library DebtSecurityLogic linked"
      : `settlement token ${terms.settlementToken}; library DebtSecurityLogic linked`,
  ],
  /**
   * Linked to its library DebtSecurityLogic (deployed first, in the same module): the terms fixed
   * in the constructor (ISIN, settlement token, treasury wallet, face value, dates, day count);
   * roles (ISSUER_ROLE records and settles auctions, TREASURY_ROLE funds and pays the redemption)
   * and policy set as separate future calls, as every instrument. With `deploySettlementToken`
   * the module first deploys contracts/mocks/LocalTestDollar.sol (local chains only).
   */
  module: (plan, terms, parts) =>
    instrumentModule(plan, parts, (m, coreArgs) => {
      const { debtTerms, debtLogic } = debtSecurityParts(m, terms);
      return m.contract("TreasuryBill", [...coreArgs, debtTerms, terms.dayCount], {
        libraries: { DebtSecurityLogic: debtLogic },
      });
    }),
};
