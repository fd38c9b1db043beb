import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { IssuancePlan } from "../../src/ops/plan-types.js";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import { governanceModule, type AdminTarget, type GovernanceModule } from "./Governance.js";
import { existingRegistryModule, investorRegistryModule } from "./InvestorRegistry.js";
import { commodityReserveModule } from "./CommodityReserve.js";
import { regulatedTokenModule, type InstrumentModule } from "./RegulatedToken.js";
import { sovereignBondModule } from "./SovereignBond.js";
import { treasuryBillModule } from "./TreasuryBill.js";

/**
 * Everything a manifest deploys, from its resolved plan: the timelock if asked for, the registry
 * (or the existing one) and each instrument. Instrument kinds map to their module here.
 */
export function issuanceModule(plan: IssuancePlan) {
  const { admin } = plan;
  let governance: GovernanceModule | undefined;
  let target: AdminTarget;
  switch (admin.kind) {
    case "deployer":
      target = { kind: "keep" };
      break;
    case "account":
    case "multisig":
      target = { kind: "address", address: admin.address };
      break;
    case "timelock":
    case "newTimelock":
      governance = governanceModule(admin);
      target = { kind: "timelock", module: governance };
  }
  const registryModule = plan.registry.deploy
    ? investorRegistryModule({ adminDelay: plan.adminDelay, kycAgents: plan.registry.kycAgents, admin: target })
    : existingRegistryModule(plan.registry.address);
  const instrumentModules = plan.instruments.map((instrument): InstrumentModule => {
    const { terms } = instrument;
    switch (terms.kind) {
      case "regulatedToken":
        return regulatedTokenModule(instrument, registryModule, plan.adminDelay, target, plan.deployer);
      case "treasuryBill":
        return treasuryBillModule(instrument, terms, registryModule, plan.adminDelay, target, plan.deployer);
      case "commodityReserve":
        return commodityReserveModule(instrument, terms, registryModule, plan.adminDelay, target, plan.deployer);
      case "sovereignBond":
        return sovereignBondModule(instrument, terms, registryModule, plan.adminDelay, target, plan.deployer);
    }
  });
  return buildModule("Issuance", (m) => {
    const results: Record<string, ContractFuture<string>> = { registry: m.useModule(registryModule).registry };
    if (governance !== undefined) results.timelock = m.useModule(governance).timelock;
    plan.instruments.forEach((instrument, i) => {
      results[instrumentResultKey(instrument.id)] = m.useModule(instrumentModules[i]).token;
    });
    return results;
  });
}

/** The key of instrument `id` in the results of the issuance module. */
export function instrumentResultKey(id: string): string {
  return `instrument_${id.replaceAll("-", "_")}`;
}
