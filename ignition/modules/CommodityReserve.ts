import type { CommodityTermsPlan, InstrumentPlan } from "../../src/ops/plan-types.js";
import type { AdminTarget } from "./Governance.js";
import type { RegistryModule } from "./InvestorRegistry.js";
import { instrumentModule, type InstrumentModule } from "./RegulatedToken.js";

/**
 * A `commodityReserve` instrument (contracts/instruments/commodity/CommodityReserveToken.sol):
 * the commodity metadata fixed in the constructor; roles (AUDITOR_ROLE attests the reserves,
 * CUSTODIAN_ROLE settles redemptions, ISSUER_ROLE mints within the attested reserves) and
 * policy set as separate future calls, as every instrument.
 */
export function commodityReserveModule(
  plan: InstrumentPlan,
  terms: CommodityTermsPlan,
  registryModule: RegistryModule,
  adminDelay: bigint,
  admin: AdminTarget,
  deployer: string,
): InstrumentModule {
  return instrumentModule(plan, registryModule, adminDelay, admin, deployer, (m, coreArgs) =>
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
  );
}
