/**
 * The shapes of a resolved plan, alone in their file: the Ignition modules (ignition/modules)
 * build the deployment from these types and import nothing else of src/, so the modules never
 * load the manifest parser and ops code that runs them.
 */
import type { InstrumentKind, TermsPlan } from "./kinds/index.js";
import type { PolicyCall, PolicySettings } from "./policy.js";

/** Who administers every contract once the hand-over is complete. */
export type AdminPlan =
  | { kind: "deployer"; address: string }
  | { kind: "account"; address: string }
  | { kind: "multisig"; address: string }
  | { kind: "timelock"; address: string }
  | { kind: "newTimelock"; minDelay: bigint; proposers: string[]; executors: string[] };

export type { DebtTermsPlan } from "./kinds/debt-terms.js";
export type { TreasuryBillTermsPlan } from "./kinds/treasury-bill.js";
export type { BondTermsPlan } from "./kinds/sovereign-bond.js";
export type { CommodityTermsPlan } from "./kinds/commodity-reserve.js";
export type { TermsPlan };

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
