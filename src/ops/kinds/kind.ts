/**
 * What declares an instrument kind: its manifest entry, the constructor terms planned from it,
 * the contract it deploys and the Ignition module that deploys it. Each kind is one file of this
 * folder; kinds/index.ts is the registry of them all.
 */
import type { z } from "zod";
import type { InstrumentModule, InstrumentModuleParts } from "../../../ignition/modules/RegulatedToken.js";
import type { Problem } from "../manifest-fields.js";
import type { InstrumentPlanBase } from "../../../ignition/modules/plan-types.js";

export interface InstrumentKindDefinition<
  Kind extends string,
  Contract extends string,
  Schema extends z.ZodTypeAny,
  Terms extends { kind: Kind },
> {
  kind: Kind;
  /** The contract an instrument of this kind is (its artifact), whose ABI its operations use. */
  contract: Contract;
  /** The manifest entry of an instrument of this kind. */
  schema: Schema;
  /** Rules spanning fields of the raw entry, reported together with the schema's own problems. */
  check?: (root: Record<string, unknown>, item: Record<string, unknown>, index: number) => Problem[];
  /** The constructor terms, in contract values, from a validated entry. */
  planTerms: (instrument: z.output<Schema>, resolve: (party: string) => string) => Terms;
  /** The constructor terms, for the plan printed before deploying: lines of text. */
  describeTerms: (terms: Terms) => string[];
  /** The Ignition module that deploys the instrument. */
  module: (plan: InstrumentPlanBase, terms: Terms, parts: InstrumentModuleParts) => InstrumentModule;
}
