import type { BondTermsPlan, InstrumentPlan } from "../../src/ops/plan-types.js";
import type { AdminTarget } from "./Governance.js";
import type { RegistryModule } from "./InvestorRegistry.js";
import { debtSecurityParts } from "./DebtSecurity.js";
import { instrumentModule, type InstrumentModule } from "./RegulatedToken.js";

/**
 * A `sovereignBond` instrument (contracts/instruments/bond/SovereignBond.sol), linked to its
 * libraries SovereignBondLogic and DebtSecurityLogic (deployed first, in the same module): the debt terms and the bond
 * terms (coupon rate or floating, frequency, day count, record date, claim window, sukuk) fixed in
 * the constructor; roles (ISSUER_ROLE records and settles auctions, TREASURY_ROLE funds coupons
 * and the redemption, RATE_SETTER_ROLE fixes floating rates) and policy as separate future calls.
 * With `deploySettlementToken` the module first deploys contracts/mocks/LocalTestDollar.sol (local chains only).
 */
export function sovereignBondModule(
  plan: InstrumentPlan,
  terms: BondTermsPlan,
  registryModule: RegistryModule,
  adminDelay: bigint,
  admin: AdminTarget,
  deployer: string,
): InstrumentModule {
  return instrumentModule(plan, registryModule, adminDelay, admin, deployer, (m, coreArgs) => {
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
  });
}
