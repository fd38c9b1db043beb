import type { InstrumentPlan, TreasuryBillTermsPlan } from "../../src/ops/plan-types.js";
import type { AdminTarget } from "./Governance.js";
import type { RegistryModule } from "./InvestorRegistry.js";
import { debtSecurityParts } from "./DebtSecurity.js";
import { instrumentModule, type InstrumentModule } from "./RegulatedToken.js";

/**
 * A `treasuryBill` instrument (contracts/instruments/tbill/TreasuryBill.sol), linked to its library
 * DebtSecurityLogic (deployed first, in the same module): the terms fixed in
 * the constructor (ISIN, settlement token, treasury wallet, face value, dates, day count); roles
 * (ISSUER_ROLE records and settles auctions, TREASURY_ROLE funds and pays the redemption) and
 * policy set as separate future calls, as every instrument. With `deploySettlementToken` the
 * module first deploys contracts/mocks/LocalTestDollar.sol (local chains only).
 */
export function treasuryBillModule(
  plan: InstrumentPlan,
  terms: TreasuryBillTermsPlan,
  registryModule: RegistryModule,
  adminDelay: bigint,
  admin: AdminTarget,
  deployer: string,
): InstrumentModule {
  return instrumentModule(plan, registryModule, adminDelay, admin, deployer, (m, coreArgs) => {
    const { debtTerms, debtLogic } = debtSecurityParts(m, terms);
    return m.contract("TreasuryBill", [...coreArgs, debtTerms, terms.dayCount], {
      libraries: { DebtSecurityLogic: debtLogic },
    });
  });
}
