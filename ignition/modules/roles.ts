import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { id } from "ethers";

/** A future of a module, as `after` options take them. */
export type CallFuture = ReturnType<IgnitionModuleBuilder["call"]>;
/** A deployed (or existing) contract future that functions can be called on. */
export type ContractFuture = Parameters<IgnitionModuleBuilder["call"]>[0];

/** The value of the role constant `name` (`ISSUER_ROLE`): `keccak256(name)`, as the contracts compute it. */
export function roleId(name: string): string {
  return id(name);
}

/**
 * Grants every role of `roles` (role name to holders) on `contract`, one future per holder, so
 * a re-run skips grants already made. Returns the grant futures.
 */
export function grantRoles(
  m: IgnitionModuleBuilder,
  contract: ContractFuture,
  roles: Readonly<Record<string, readonly string[]>>,
): CallFuture[] {
  return Object.entries(roles).flatMap(([role, holders]) =>
    holders.map((holder) => m.call(contract, "grantRole", [roleId(role), holder], { id: `grant_${role}_${holder}` })),
  );
}
