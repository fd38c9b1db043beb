import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import { documentRegistryModule } from "../../ignition/modules/DocumentRegistry.js";
import { governanceModule, type AdminTarget, type GovernanceModule } from "../../ignition/modules/Governance.js";
import { existingRegistryModule, investorRegistryModule } from "../../ignition/modules/InvestorRegistry.js";
import type { DebtTermsPlan } from "../../ignition/modules/plan-types.js";
import { instrumentModuleId, type InstrumentModuleParts } from "../../ignition/modules/RegulatedToken.js";
import { instrumentModuleOf, type InstrumentPlan } from "./kinds/index.js";
import type { IssuancePlan } from "./plan.js";

/**
 * Everything a manifest deploys, from its resolved plan: the timelock if asked for, the registry
 * (or the existing one) and each instrument, by the module of its kind (kinds/).
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
  const parts: InstrumentModuleParts = {
    registryModule,
    adminDelay: plan.adminDelay,
    admin: target,
    deployer: plan.deployer,
  };
  const instrumentModules = plan.instruments.map((instrument) => instrumentModuleOf(instrument, parts));
  const documentsModule =
    plan.documents && documentRegistryModule({ ...plan.documents, adminDelay: plan.adminDelay, admin: target });
  return buildModule("Issuance", (m) => {
    const results: Record<string, ContractFuture<string>> = { registry: m.useModule(registryModule).registry };
    if (governance !== undefined) results.timelock = m.useModule(governance).timelock;
    if (documentsModule) results.documents = m.useModule(documentsModule).documents;
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

/**
 * The settlement token of a debt instrument once deployed, as its deployment record keeps it: the
 * address of its terms, or the test dollar deployed with it (`deploySettlementToken`, the
 * `SettlementToken` future of its module in the deployed `contracts`); nothing for other kinds.
 */
export function settlementTokenOf(
  instrument: InstrumentPlan,
  contracts: Record<string, { address: string }>,
): { settlementToken?: string } {
  const token = (instrument.terms as Partial<DebtTermsPlan>).settlementToken;
  if (token === undefined) return {};
  if (token !== "deploy") return { settlementToken: token };
  return {
    settlementToken: contracts[`${instrumentModuleId(instrument.kind, instrument.id)}#SettlementToken`].address,
  };
}
