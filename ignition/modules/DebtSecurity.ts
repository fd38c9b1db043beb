import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import type { DebtTermsPlan } from "./plan-types.js";

/**
 * What every debt instrument's deployment shares (contracts/instruments/debt/DebtSecurity.sol):
 * the DebtSecurity terms tuple of its constructor, with the settlement token (deployed first as
 * contracts/mocks/LocalTestDollar.sol when the manifest asks for `deploySettlementToken`: local
 * chains only, which the manifest's validation, the deployment and the contract's constructor each
 * enforce), and the library DebtSecurityLogic that the instrument links.
 */
export function debtSecurityParts(m: IgnitionModuleBuilder, terms: DebtTermsPlan) {
  const settlementToken =
    terms.settlementToken === "deploy"
      ? m.contract("LocalTestDollar", [], { id: "SettlementToken" })
      : terms.settlementToken;
  return {
    debtTerms: [terms.isin, settlementToken, terms.treasury, terms.faceValue, terms.issueDate, terms.maturityDate],
    debtLogic: m.library("DebtSecurityLogic"),
  };
}
