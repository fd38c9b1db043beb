/**
 * Role changes on the contracts (`grantRole` / `revokeRole`), sent by whoever holds
 * `DEFAULT_ADMIN_ROLE` (see governance.ts for the admin's own hand-over and delay).
 */
import { Contract, id as keccakText, isError } from "ethers";
import { asAdmin, contractNamed, type AdminOutcome, type Administered } from "./admin-call.js";
import type { OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import { isChecksummedAddress } from "./units.js";

/** Grants (`grant` true) or revokes `role` on contract `name` (`registry` or an instrument id) for `account`. */
export async function changeRole(
  ctx: OpsContext,
  name: string,
  role: string,
  account: string,
  grant: boolean,
  options: { from?: string; salt?: string; reason?: string } = {},
): Promise<AdminOutcome> {
  if (!/^[A-Z][A-Z0-9_]*_ROLE$/.test(role))
    throw new OpsError(`--role: got "${role}", expected a role name such as ISSUER_ROLE`);
  if (!isChecksummedAddress(account)) throw new OpsError(`--account: got "${account}", expected a checksummed address`);
  const { label, contract } = await contractNamed(ctx, name);
  const roleId = keccakText(role);
  if (!(await definesRole(contract, role, roleId)))
    throw new OpsError(
      `--role: got "${role}", a role ${label} does not define (it has ${rolesOf(contract).join(", ")})`,
    );
  if (role === "DEFAULT_ADMIN_ROLE")
    throw new OpsError("DEFAULT_ADMIN_ROLE changes hands with the two-step hand-over, not grant/revoke");
  if ((await contract.hasRole(roleId, account)) === grant) {
    ctx.out(`${label}: ${account} ${grant ? "already holds" : "does not hold"} ${role}; nothing to send`);
    return "done";
  }
  const action = grant ? "grantRole" : "revokeRole";
  const data = grant
    ? contract.interface.encodeFunctionData("grantRole", [roleId, account])
    : contract.interface.encodeFunctionData("revokeRole", [roleId, account]);
  ctx.out(`${label}: ${action}(${role}, ${account})`);
  const target = { label, address: await contract.getAddress(), iface: contract.interface };
  return asAdmin(ctx, await contract.defaultAdmin(), target, action, data, { ...options, args: { role, account } });
}

/** The roles `contract` declares as constants in its ABI (an instrument may define more of its own). */
function rolesOf(contract: Administered): string[] {
  const names: string[] = [];
  contract.interface.forEachFunction((f) => {
    if (/_ROLE$/.test(f.name) && f.inputs.length === 0) names.push(f.name);
  });
  return names.sort();
}

/** Whether the contract at `contract` answers `role()` with the role's id: it defines the role. */
async function definesRole(contract: Administered, role: string, roleId: string): Promise<boolean> {
  const probe = new Contract(
    await contract.getAddress(),
    [`function ${role}() view returns (bytes32)`],
    contract.runner,
  );
  try {
    return (await probe.getFunction(role).staticCall()) === roleId;
  } catch (error) {
    // No such function (a revert, from a node or the embedded chain, or an unexpected answer):
    // the contract does not define the role.
    if (isError(error, "CALL_EXCEPTION") || isError(error, "BAD_DATA") || (error as Error).name === "SolidityError")
      return false;
    throw error;
  }
}
