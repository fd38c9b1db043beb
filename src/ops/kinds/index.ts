/**
 * The registry of instrument kinds: the manifest's `kind` values and, for each, its manifest
 * entry, constructor terms, contract and Ignition module (see kind.ts). Adding a kind is one file
 * of this folder declaring it, and its entry in KINDS below.
 */
import { z } from "zod";
import type { InstrumentModule, InstrumentModuleParts } from "../../../ignition/modules/RegulatedToken.js";
import type { Problem } from "../manifest-fields.js";
import type { InstrumentPlanBase } from "../../../ignition/modules/plan-types.js";
import { commodityReserve } from "./commodity-reserve.js";
import type { InstrumentKindDefinition } from "./kind.js";
import { regulatedToken } from "./regulated-token.js";
import { sovereignBond } from "./sovereign-bond.js";
import { treasuryBill } from "./treasury-bill.js";

const KINDS = [regulatedToken, treasuryBill, sovereignBond, commodityReserve] as const;

type Kinds = typeof KINDS;
export type InstrumentKind = Kinds[number]["kind"];
type KindOf<K extends InstrumentKind> = Extract<Kinds[number], { kind: K }>;
/** The constructor terms of any kind, tagged with the kind. */
export type TermsPlan = ReturnType<Kinds[number]["planTerms"]>;
/** A kind seen without its own types: what the dispatch below calls. */
type AnyKind = InstrumentKindDefinition<string, string, z.ZodTypeAny, TermsPlan>;

export const INSTRUMENT_KINDS = Object.fromEntries(KINDS.map((kind) => [kind.kind, kind])) as {
  [K in InstrumentKind]: KindOf<K>;
};

/** The contract each instrument kind deploys, whose ABI its operations use. */
export const INSTRUMENT_ARTIFACTS = Object.fromEntries(KINDS.map((kind) => [kind.kind, kind.contract])) as {
  [K in InstrumentKind]: KindOf<K>["contract"];
};

/** A manifest's instrument entry: the entry of its `kind`. */
export const instrumentSchema = z.discriminatedUnion("kind", [
  regulatedToken.schema,
  treasuryBill.schema,
  sovereignBond.schema,
  commodityReserve.schema,
]);

export type Instrument = z.output<typeof instrumentSchema>;

function kindOf(kind: unknown): AnyKind | undefined {
  return typeof kind === "string" && Object.hasOwn(INSTRUMENT_KINDS, kind)
    ? (INSTRUMENT_KINDS[kind as InstrumentKind] as unknown as AnyKind)
    : undefined;
}

/** The rules of `item`'s kind that span its fields (`item` is raw manifest data, valid or not). */
export function checkKindRules(root: Record<string, unknown>, item: Record<string, unknown>, index: number): Problem[] {
  return kindOf(item.kind)?.check?.(root, item, index) ?? [];
}

/** The constructor terms of `instrument` (already validated: dates and amounts parse). */
export function planTermsOf(instrument: Instrument, resolve: (party: string) => string): TermsPlan {
  return kindOf(instrument.kind)!.planTerms(instrument, resolve);
}

/** The constructor terms `terms`, for the plan printed before deploying. */
export function describeTermsOf(terms: TermsPlan): string[] {
  return kindOf(terms.kind)!.describeTerms(terms);
}

/** One instrument of an issuance plan: the parts every kind shares, and the terms of its kind. */
export interface InstrumentPlan extends InstrumentPlanBase {
  kind: InstrumentKind;
  /** The constructor terms of the instrument's kind. */
  terms: TermsPlan;
}

/** The Ignition module that deploys `plan`'s instrument. */
export function instrumentModuleOf(plan: InstrumentPlan, parts: InstrumentModuleParts): InstrumentModule {
  return kindOf(plan.terms.kind)!.module(plan, plan.terms, parts);
}
