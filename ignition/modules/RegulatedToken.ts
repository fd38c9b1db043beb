import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type {
  ArgumentType,
  ContractFuture as AnyContractFuture,
  IgnitionModule,
  IgnitionModuleBuilder,
} from "@nomicfoundation/ignition-core";
import type { InstrumentPlanBase } from "./plan-types.js";
import { beginAdminHandOver, type AdminTarget } from "./Governance.js";
import type { RegistryModule } from "./InvestorRegistry.js";
import { grantRoles, roleId, type CallFuture, type ContractFuture } from "./roles.js";

/** The Ignition module id of instrument `id` (Ignition ids take no dashes). */
export function instrumentModuleId(kind: string, id: string): string {
  return `${kind[0].toUpperCase()}${kind.slice(1)}_${id.replaceAll("-", "_")}`;
}

/** The module of one instrument: its token (every instrument is a RegulatedToken). */
export type InstrumentModule = IgnitionModule<string, string, { token: AnyContractFuture<string> }>;

/** What an instrument's module deploys against: the registry, the admin delay and hand-over, the deployer. */
export interface InstrumentModuleParts {
  registryModule: RegistryModule;
  adminDelay: bigint;
  admin: AdminTarget;
  deployer: string;
}

/**
 * Deploys an instrument's contract in module `m`. `coreArgs` are the arguments of the RegulatedToken
 * constructor that every instrument's constructor starts with (name, symbol, decimals, the registry
 * future, account 0 as admin, the admin delay); the instrument appends its own.
 */
export type DeployInstrument = (m: IgnitionModuleBuilder, coreArgs: ArgumentType[]) => ContractFuture;

/**
 * Any instrument (every one is a RegulatedToken): deployed by `deployToken` with the deployer as
 * admin; roles granted; the manifest's policy set (the deployer holds `COMPLIANCE_ROLE` just for
 * that, unless the manifest gives it the role); then the admin hand-over begun. Every grant and
 * policy call is its own future, so a re-run skips those already made.
 */
export function instrumentModule(
  plan: InstrumentPlanBase,
  { registryModule, adminDelay, admin, deployer }: InstrumentModuleParts,
  deployToken: DeployInstrument,
): InstrumentModule {
  return buildModule(instrumentModuleId(plan.kind, plan.id), (m) => {
    const { registry } = m.useModule(registryModule);
    const token = deployToken(m, [plan.name, plan.symbol, plan.decimals, registry, m.getAccount(0), adminDelay]);
    const grants = grantRoles(m, token, plan.roles);
    const policy: CallFuture[] = [];
    if (plan.policyCalls.length > 0) {
      const keepsRole = (plan.roles.COMPLIANCE_ROLE ?? []).includes(deployer);
      const compliance = roleId("COMPLIANCE_ROLE");
      const selfGrant = keepsRole
        ? grants
        : [m.call(token, "grantRole", [compliance, deployer], { id: "grant_COMPLIANCE_ROLE_deployer" })];
      for (const call of plan.policyCalls) {
        const suffix = call.fn === "setCountriesAllowed" ? `_${call.args[1]}` : "";
        policy.push(m.call(token, call.fn, [...call.args], { id: `policy_${call.fn}${suffix}`, after: selfGrant }));
      }
      if (!keepsRole) {
        policy.push(
          m.call(token, "renounceRole", [compliance, deployer], {
            id: "renounce_COMPLIANCE_ROLE_deployer",
            after: policy,
          }),
        );
      }
    }
    beginAdminHandOver(m, token, admin, [...grants, ...policy]);
    return { token };
  });
}
