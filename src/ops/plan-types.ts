/**
 * The shapes of a resolved plan, alone in their file: the Ignition modules (ignition/modules)
 * build the deployment from these types and import nothing else of src/, so the modules never
 * load the manifest parser and ops code that runs them.
 */
import type { InstrumentKind } from "./manifest.js";
import type { PolicyCall, PolicySettings } from "./policy.js";

/** Who administers every contract once the hand-over is complete. */
export type AdminPlan =
  | { kind: "deployer"; address: string }
  | { kind: "account"; address: string }
  | { kind: "multisig"; address: string }
  | { kind: "timelock"; address: string }
  | { kind: "newTimelock"; minDelay: bigint; proposers: string[]; executors: string[] };

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

/** The constructor terms of a treasury bill, in contract values. */
export interface TreasuryBillTermsPlan extends DebtTermsPlan {
  kind: "treasuryBill";
  /** The contract's `DayCount`: 0 ACT/365F, 1 ACT/360. */
  dayCount: number;
}

/** The constructor metadata of a commodity reserve token, in contract values. */
export interface CommodityTermsPlan {
  kind: "commodityReserve";
  commodity: string;
  unit: string;
  description: string;
  reserveUnitsPerToken: bigint;
  custodian: string;
  maxAttestationAge: bigint;
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

export type TermsPlan = { kind: "regulatedToken" } | TreasuryBillTermsPlan | BondTermsPlan | CommodityTermsPlan;

export interface InstrumentPlan {
  id: string;
  kind: InstrumentKind;
  name: string;
  symbol: string;
  decimals: number;
  /** Role name (as `ISSUER_ROLE`) to the addresses that get it. */
  roles: Record<string, string[]>;
  policy: PolicySettings;
  /** The policy calls made right after deployment, from a fresh token's open policy. */
  policyCalls: PolicyCall[];
  /** The constructor terms of the instrument's kind. */
  terms: TermsPlan;
}

export interface IssuancePlan {
  name: string;
  deployer: string;
  admin: AdminPlan;
  adminDelay: bigint;
  registry: { deploy: true; kycAgents: string[] } | { deploy: false; address: string };
  instruments: InstrumentPlan[];
}
