import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture, IgnitionModule } from "@nomicfoundation/ignition-core";
import { beginAdminHandOver, type AdminTarget } from "./Governance.js";
import { grantRoles } from "./roles.js";

export interface DocumentRegistrySpec {
  adminDelay: bigint;
  managers: readonly string[];
  admin: AdminTarget;
}

/** The document registry (ERC-1643) of an issuance. */
export type DocumentRegistryModule = IgnitionModule<
  "DocumentRegistry",
  string,
  { documents: ContractFuture<"DocumentRegistry"> }
>;

/**
 * The document registry every instrument of the issuance shares: deployed with the deployer
 * (account 0) as admin, `DOCUMENT_MANAGER_ROLE` granted, then the admin hand-over begun. The
 * documents are registered after the deployment, by a manager (src/ops/documents-deploy.ts): they
 * change over the issuance's life, and Ignition never redoes nor changes a step it has done.
 */
export function documentRegistryModule(spec: DocumentRegistrySpec): DocumentRegistryModule {
  return buildModule("DocumentRegistry", (m) => {
    const documents = m.contract("DocumentRegistry", [m.getAccount(0), spec.adminDelay]);
    const grants = grantRoles(m, documents, { DOCUMENT_MANAGER_ROLE: spec.managers });
    beginAdminHandOver(m, documents, spec.admin, grants);
    return { documents };
  });
}
