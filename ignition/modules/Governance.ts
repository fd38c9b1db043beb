import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type {
  ContractFuture as AnyContractFuture,
  IgnitionModule,
  IgnitionModuleBuilder,
} from "@nomicfoundation/ignition-core";
import { ZeroAddress } from "ethers";
import type { CallFuture, ContractFuture } from "./roles.js";

/** A TimelockController to deploy (OpenZeppelin 5, compiled as contracts/governance/Timelock.sol). */
export interface TimelockSpec {
  minDelay: bigint;
  proposers: string[];
  executors: string[];
}

/**
 * The timelock that administers an issuance: deployed from `spec` (administering its own roles,
 * no extra admin), or an existing one at an address.
 */
export function governanceModule(spec: TimelockSpec | { address: string }): GovernanceModule {
  return buildModule("Governance", (m) => {
    const timelock =
      "address" in spec
        ? m.contractAt("Timelock", spec.address)
        : m.contract("Timelock", [spec.minDelay, spec.proposers, spec.executors, ZeroAddress]);
    return { timelock };
  });
}

export type GovernanceModule = IgnitionModule<"Governance", string, { timelock: AnyContractFuture<"Timelock"> }>;

/** Who gets `DEFAULT_ADMIN_ROLE` after deployment: nobody else (the deployer keeps it), an address, or the timelock. */
export type AdminTarget =
  { kind: "keep" } | { kind: "address"; address: string } | { kind: "timelock"; module: GovernanceModule };

/**
 * Begins the two-step hand-over of `contract`'s `DEFAULT_ADMIN_ROLE` to `target` once every
 * future in `after` is done. The new admin accepts after the contract's admin delay
 * (`npx hardhat governance accept-admin`); until then the deployer stays admin.
 */
export function beginAdminHandOver(
  m: IgnitionModuleBuilder,
  contract: ContractFuture,
  target: AdminTarget,
  after: CallFuture[],
): void {
  if (target.kind === "keep") return;
  const newAdmin = target.kind === "address" ? target.address : m.useModule(target.module).timelock;
  m.call(contract, "beginDefaultAdminTransfer", [newAdmin], { after });
}
