import type { InstrumentPlan, TreasuryBillTermsPlan } from "../../src/ops/plan.js";
import type { AdminTarget } from "./Governance.js";
import type { RegistryModule } from "./InvestorRegistry.js";
import { instrumentModule, type InstrumentModule } from "./RegulatedToken.js";

/**
 * A `treasuryBill` instrument (contracts/instruments/tbill/TreasuryBill.sol), linked to its library
 * DebtSecurityLogic (deployed first, in the same module): the terms fixed in
 * the constructor (ISIN, settlement token, treasury wallet, face value, dates, day count); roles
 * (ISSUER_ROLE records and settles auctions, TREASURY_ROLE funds and pays the redemption) and
 * policy set as separate future calls, as every instrument. With `deploySettlementToken` the
 * module first deploys contracts/mocks/SettlementTokenMock.sol (local demos only).
 */
export function treasuryBillModule(
  plan: InstrumentPlan,
  terms: TreasuryBillTermsPlan,
  registryModule: RegistryModule,
  adminDelay: bigint,
  admin: AdminTarget,
  deployer: string,
): InstrumentModule {
  return instrumentModule(plan, registryModule, admin, deployer, (m, registry) => {
    const settlementToken =
      terms.settlementToken === "deploy"
        ? m.contract("SettlementTokenMock", [], { id: "SettlementToken" })
        : terms.settlementToken;
    const debtLogic = m.library("DebtSecurityLogic");
    return m.contract(
      "TreasuryBill",
      [
        plan.name,
        plan.symbol,
        plan.decimals,
        registry,
        m.getAccount(0),
        adminDelay,
        [terms.isin, settlementToken, terms.treasury, terms.faceValue, terms.issueDate, terms.maturityDate],
        terms.dayCount,
      ],
      { libraries: { DebtSecurityLogic: debtLogic } },
    );
  });
}
