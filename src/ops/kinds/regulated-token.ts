/** The `regulatedToken` kind: the regulated core alone (contracts/token/SovereignToken.sol). */
import { z } from "zod";
import { instrumentModule } from "../../../ignition/modules/RegulatedToken.js";
import { TOKEN_ROLES, instrumentFields, rolesSchema } from "../manifest-fields.js";
import type { InstrumentKindDefinition } from "./kind.js";

const schema = z
  .object({ kind: z.literal("regulatedToken"), ...instrumentFields, roles: rolesSchema(TOKEN_ROLES) })
  .strict();

export const regulatedToken: InstrumentKindDefinition<
  "regulatedToken",
  "SovereignToken",
  typeof schema,
  { kind: "regulatedToken" }
> = {
  kind: "regulatedToken",
  contract: "SovereignToken",
  schema,
  planTerms: () => ({ kind: "regulatedToken" }),
  describeTerms: () => [],
  /** No instrument logic and no escrow entry point: the core's constructor arguments only. */
  module: (plan, _terms, parts) =>
    instrumentModule(plan, parts, (m, coreArgs) => m.contract("SovereignToken", coreArgs)),
};
