/** The `commodityReserve` kind: contracts/instruments/commodity/CommodityReserveToken.sol. */
import { z } from "zod";
import { instrumentModule } from "../../../ignition/modules/RegulatedToken.js";
import { TOKEN_ROLES, instrumentFields, integer, party, positiveInteger, rolesSchema } from "../manifest-fields.js";
import { formatDuration } from "../units.js";
import type { InstrumentKindDefinition } from "./kind.js";

/** The roles of a commodity reserve token (contracts/instruments/commodity/CommodityReserveToken.sol). */
export const COMMODITY_ROLES = [...TOKEN_ROLES, "AUDITOR_ROLE", "CUSTODIAN_ROLE"] as const;
const commodityTerms = z
  .object({
    commodity: z.string().min(1),
    /** The reserve unit every on-chain quantity is counted in, as "milligram". */
    unit: z.string().min(1),
    description: z.string(),
    /** Reserve units backing one whole token, as "1000" (one gram per token, counted in milligrams). */
    reserveUnitsPerToken: positiveInteger,
    /** The custodian holding the reserves (informational; its powers are CUSTODIAN_ROLE's). */
    custodian: party,
    /** Seconds after which an attestation is too old to allow a mint. */
    maxAttestationAge: integer(1, 2 ** 48 - 1),
  })
  .strict();

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

const schema = z
  .object({
    kind: z.literal("commodityReserve"),
    ...instrumentFields,
    roles: rolesSchema(COMMODITY_ROLES),
    terms: commodityTerms,
  })
  .strict();

export type CommodityTerms = z.output<typeof commodityTerms>;

export const commodityReserve: InstrumentKindDefinition<
  "commodityReserve",
  "CommodityReserveToken",
  typeof schema,
  CommodityTermsPlan
> = {
  kind: "commodityReserve",
  contract: "CommodityReserveToken",
  schema,
  planTerms: ({ terms }, resolve) => ({
    kind: "commodityReserve",
    commodity: terms.commodity,
    unit: terms.unit,
    description: terms.description,
    reserveUnitsPerToken: BigInt(terms.reserveUnitsPerToken),
    custodian: resolve(terms.custodian),
    maxAttestationAge: BigInt(terms.maxAttestationAge),
  }),
  describeTerms: (terms) => [
    `${terms.commodity} (${terms.description}): ${terms.reserveUnitsPerToken} ${terms.unit} per token`,
    `custodian ${terms.custodian}, attestations valid ${formatDuration(terms.maxAttestationAge)}`,
  ],
  /**
   * The commodity metadata fixed in the constructor; roles (AUDITOR_ROLE attests the reserves,
   * CUSTODIAN_ROLE settles redemptions, ISSUER_ROLE mints within the attested reserves) and
   * policy set as separate future calls, as every instrument.
   */
  module: (plan, terms, parts) =>
    instrumentModule(plan, parts, (m, coreArgs) =>
      m.contract("CommodityReserveToken", [
        ...coreArgs,
        [
          terms.commodity,
          terms.unit,
          terms.description,
          terms.reserveUnitsPerToken,
          terms.custodian,
          terms.maxAttestationAge,
        ],
      ]),
    ),
};
