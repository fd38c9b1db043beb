/**
 * What the modules deploy from, in contract values: the parts of a resolved plan (src/ops/plan.ts)
 * that they read. They are declared here, with the modules, so that the modules import nothing of
 * src/: src/ops builds the plan and runs the modules, never the other way round.
 */

/** The policy state of a token, field by field as its getters return it. */
export interface PolicySettings {
  countryRestricted: boolean;
  /** Allowed countries, sorted; only consulted while `countryRestricted`. */
  allowedCountries: number[];
  /** Bit `c` for category `c`. */
  allowedCategories: number;
  maxBalance: bigint;
  maxHolders: number;
  lockUpEndsAt: bigint;
  /** The compliance module consulted on every transfer and mint; the zero address for none. */
  complianceModule: string;
}

/** One call of the token's policy setters (`COMPLIANCE_ROLE`). */
export type PolicyCall =
  | { fn: "setCountriesAllowed"; args: [countries: number[], allowed: boolean] }
  | { fn: "setCountryRestriction"; args: [restricted: boolean] }
  | { fn: "setAllowedCategories"; args: [mask: number] }
  | { fn: "setMaxBalance"; args: [maxBalance: bigint] }
  | { fn: "setMaxHolders"; args: [maxHolders: number] }
  | { fn: "setLockUpEnd"; args: [lockUpEndsAt: bigint] }
  | { fn: "setComplianceModule"; args: [module: string] };

/** The `DebtTerms` every debt instrument's constructor takes, in contract values. */
export interface DebtTermsPlan {
  isin: string;
  /** An address, or "deploy" for a LocalTestDollar deployed with the instrument (local chains only). */
  settlementToken: string;
  settlementDecimals: number;
  treasury: string;
  /** Settlement-token base units per whole token. */
  faceValue: bigint;
  issueDate: bigint;
  maturityDate: bigint;
}

/** What every instrument's module deploys, whatever its kind (its terms go to its own module). */
export interface InstrumentPlanBase {
  id: string;
  kind: string;
  name: string;
  symbol: string;
  decimals: number;
  /** Role name (as `ISSUER_ROLE`) to the addresses that get it. */
  roles: Record<string, string[]>;
  policy: PolicySettings;
  /** The policy calls made right after deployment, from a fresh token's open policy. */
  policyCalls: PolicyCall[];
}
