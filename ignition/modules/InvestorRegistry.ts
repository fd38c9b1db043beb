import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture, IgnitionModule } from "@nomicfoundation/ignition-core";
import { beginAdminHandOver, type AdminTarget } from "./Governance.js";
import { grantRoles } from "./roles.js";

export interface RegistrySpec {
  adminDelay: bigint;
  kycAgents: readonly string[];
  admin: AdminTarget;
}

/**
 * The shared KYC registry: deployed with the deployer (account 0) as admin, `KYC_AGENT_ROLE`
 * granted, then the admin hand-over begun.
 */
/** The registry of an issuance, deployed or existing. */
export type RegistryModule = IgnitionModule<
  "InvestorRegistry",
  string,
  { registry: ContractFuture<"InvestorRegistry"> }
>;

export function investorRegistryModule(spec: RegistrySpec): RegistryModule {
  return buildModule("InvestorRegistry", (m) => {
    const registry = m.contract("InvestorRegistry", [m.getAccount(0), spec.adminDelay]);
    const grants = grantRoles(m, registry, { KYC_AGENT_ROLE: spec.kycAgents });
    beginAdminHandOver(m, registry, spec.admin, grants);
    return { registry };
  });
}

/** A registry deployed earlier (for example by another issuance), used as it is. */
export function existingRegistryModule(address: string): RegistryModule {
  return buildModule("InvestorRegistry", (m) => ({ registry: m.contractAt("InvestorRegistry", address) }));
}
