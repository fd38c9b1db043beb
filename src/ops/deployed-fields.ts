/**
 * A deployment's values field by field, and what a manifest changed since: a re-run of the
 * deployment compares the manifest with what is deployed before Ignition runs (Ignition refuses a
 * step whose arguments changed, and never redoes a step it has done), lists every difference with
 * the task that applies it, and sends nothing.
 */
import { ZeroAddress, id } from "ethers";
import type { DeployedFields, DeploymentRecord } from "./deployments.js";
import { OpsError } from "./errors.js";
import { INSTRUMENT_ARTIFACTS } from "./kinds/index.js";
import type { Connection } from "./network.js";
import type { IssuancePlan } from "./plan.js";
import { countryLabel } from "./countries.js";
import { applyDocument, documentFields, documentFieldsOnChain } from "./documents-deploy.js";
import { NO_MODULE } from "./manifest.js";
import { describeCategories, readPolicy, type PolicySettings } from "./policy.js";
import { formatAmount, isoTime } from "./units.js";
import type { RegulatedToken } from "../../typechain-types/index.js";

export interface Difference {
  field: string;
  deployed: string;
  manifest: string;
  /** The command that applies the manifest's value, or why it cannot be applied. */
  apply: string;
}

const NONE = "none";

/** The fields of `plan`, as the deployment sets them: written to the deployment record. */
export function deployedFields(plan: IssuancePlan): DeployedFields {
  const fields: DeployedFields = {
    "governance.admin": describeAdmin(plan.admin),
    "governance.adminDelay": `${plan.adminDelay} s`,
    registry: plan.registry.deploy ? "deployed with the issuance" : plan.registry.address,
  };
  if (plan.registry.deploy) fields["registry.roles.KYC_AGENT_ROLE"] = holders(plan.registry.kycAgents);
  for (const instrument of plan.instruments) {
    const at = `instruments.${instrument.id}`;
    fields[`${at}.kind`] = instrument.kind;
    fields[`${at}.name`] = instrument.name;
    fields[`${at}.symbol`] = instrument.symbol;
    fields[`${at}.decimals`] = String(instrument.decimals);
    for (const [role, accounts] of Object.entries(instrument.roles)) fields[`${at}.roles.${role}`] = holders(accounts);
    Object.assign(fields, policyFields(at, instrument.policy, instrument.decimals));
    for (const [term, value] of Object.entries(instrument.terms as object)) {
      fields[`${at}.terms.${term}`] =
        typeof value === "object"
          ? JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}` : v))
          : `${value}`;
    }
  }
  return { ...fields, ...documentFields(plan.documents, holders) };
}

function policyFields(at: string, policy: PolicySettings, decimals: number): DeployedFields {
  return {
    [`${at}.policy.countries`]: policy.countryRestricted
      ? policy.allowedCountries.map(countryLabel).join(", ") || NONE
      : "every country",
    [`${at}.policy.categories`]: describeCategories(policy.allowedCategories),
    [`${at}.policy.maxBalance`]:
      policy.maxBalance === 0n ? NONE : `${formatAmount(policy.maxBalance, decimals)} tokens`,
    [`${at}.policy.maxHolders`]: policy.maxHolders === 0 ? NONE : `${policy.maxHolders}`,
    [`${at}.policy.lockUpEnd`]: policy.lockUpEndsAt === 0n ? NONE : isoTime(policy.lockUpEndsAt),
    [`${at}.policy.complianceModule`]: policy.complianceModule === ZeroAddress ? NO_MODULE : policy.complianceModule,
  };
}

function holders(accounts: readonly string[]): string {
  return [...accounts].sort().join(", ") || NONE;
}

function describeAdmin(admin: IssuancePlan["admin"]): string {
  if (admin.kind !== "newTimelock") return `${admin.kind} ${admin.address}`;
  return `a new timelock (min delay ${admin.minDelay} s, proposers ${holders(admin.proposers)}, executors ${holders(admin.executors)})`;
}

/**
 * The differences between what `plan` asks for and what `record` holds: the policy of a deployed
 * instrument as the chain holds it (a change made with `token policy` counts as deployed), a role
 * as the deployment granted it unless the chain shows the change made already, every other field
 * as the deployment set it. Instruments of the plan that the record lacks are `added` (the
 * deployment deploys them) when the record is complete.
 */
export async function differencesFromDeployed(
  connection: Connection,
  record: DeploymentRecord,
  plan: IssuancePlan,
  command: (task: string) => string,
): Promise<{ differences: Difference[]; added: string[] }> {
  const manifest = deployedFields(plan);
  const deployed: DeployedFields = { ...(record.deployed ?? {}) };
  const added = record.complete ? plan.instruments.map((i) => i.id).filter((i) => !(i in record.instruments)) : [];
  for (const instrument of plan.instruments) {
    const onChain = record.instruments[instrument.id];
    if (onChain === undefined || !record.complete) continue;
    const token = await tokenAt(connection, onChain.kind, onChain.address);
    Object.assign(deployed, policyFields(`instruments.${instrument.id}`, await readPolicy(token), onChain.decimals));
  }
  if (record.complete) {
    const fields = [...Object.keys(deployed), ...Object.keys(manifest)];
    Object.assign(deployed, await documentFieldsOnChain(connection, record, fields));
  }
  const differences: Difference[] = [];
  const instrumentOf = (field: string) => /^instruments\.([^.]+)\./.exec(field)?.[1];
  const planned = new Set(plan.instruments.map((i) => i.id));
  const removed = new Set(
    [...Object.keys(record.instruments), ...Object.keys(deployed).map(instrumentOf)].filter(
      (i): i is string => i !== undefined && !planned.has(i),
    ),
  );
  for (const field of new Set([...Object.keys(deployed), ...Object.keys(manifest)])) {
    const instrument = instrumentOf(field);
    if (instrument !== undefined && (added.includes(instrument) || removed.has(instrument))) continue;
    // A record written before fields were kept knows only what the chain tells (the policy).
    if (record.deployed === undefined && !(field in deployed)) continue;
    const [was, wanted] = [deployed[field] ?? NONE, manifest[field] ?? NONE];
    if (was === wanted) continue;
    if (record.complete && (await roleChangeDone(connection, record, field, was, wanted))) continue;
    differences.push({ field, deployed: was, manifest: wanted, apply: applyWith(field, was, wanted, command) });
  }
  for (const instrument of removed) {
    const entry = record.instruments[instrument];
    differences.push({
      field: `instruments.${instrument}`,
      deployed: entry === undefined ? "planned" : `${entry.kind} ${entry.symbol} at ${entry.address}`,
      manifest: "not in the manifest",
      apply: "a deployed instrument stays deployed: restore its entry in the manifest",
    });
  }
  return { differences, added };
}

/** The command that applies the manifest's value of `field`, or why it cannot be changed. */
function applyWith(field: string, was: string, wanted: string, command: (task: string) => string): string {
  const document = applyDocument(field, wanted, command);
  if (document !== undefined) return document;
  const [, instrument, rest] = /^instruments\.([^.]+)\.(.+)$/.exec(field) ?? [undefined, undefined, field];
  if (instrument !== undefined && rest.startsWith("policy.")) return command(`token policy --instrument ${instrument}`);
  const role = /^(?:registry\.|documents\.)?roles\.(.+)$/.exec(rest)?.[1];
  if (role !== undefined) {
    const contract = instrument ?? rest.split(".")[0];
    const [before, after] = [was.split(", "), wanted.split(", ")];
    const change = (task: string, accounts: string[]) =>
      accounts
        .filter((a) => a !== NONE)
        .map((a) => command(`roles ${task} --contract ${contract} --role ${role} --account ${a}`));
    return [
      ...change(
        "grant",
        after.filter((a) => !before.includes(a)),
      ),
      ...change(
        "revoke",
        before.filter((a) => !after.includes(a)),
      ),
    ].join("; ");
  }
  if (field === "governance.admin") return `${command("governance begin-admin-transfer --to <the new admin>")}`;
  if (field === "governance.adminDelay") return command("governance change-admin-delay --delay <seconds>");
  return "fixed when deployed: restore the deployed value (other values make another issuance, under another name)";
}

/** Whether the chain already shows the change of role holders from `was` to `wanted` (made with `roles`). */
async function roleChangeDone(
  connection: Connection,
  record: DeploymentRecord,
  field: string,
  was: string,
  wanted: string,
): Promise<boolean> {
  const match = /^(?:instruments\.([^.]+)|(registry|documents))\.roles\.(.+)$/.exec(field);
  if (match === null) return false;
  const [, instrument, shared, role] = match;
  const registry = shared === "documents" ? record.documentRegistry : record.registry;
  const address = instrument === undefined ? registry : record.instruments[instrument]?.address;
  if (address === undefined) return false;
  const contract =
    instrument === undefined
      ? await connection.ethers.getContractAt(shared === "documents" ? "DocumentRegistry" : "InvestorRegistry", address)
      : await tokenAt(connection, record.instruments[instrument].kind, address);
  const [before, after] = [was.split(", "), wanted.split(", ")].map((l) => l.filter((a) => a !== NONE));
  for (const account of new Set([...before, ...after])) {
    if ((await contract.hasRole(id(role), account)) !== after.includes(account)) return false;
  }
  return true;
}

async function tokenAt(connection: Connection, kind: keyof typeof INSTRUMENT_ARTIFACTS, address: string) {
  return (await connection.ethers.getContractAt(INSTRUMENT_ARTIFACTS[kind], address)) as unknown as RegulatedToken;
}

/**
 * Refuses, before anything is sent, a manifest that differs from the deployment `record`, listing
 * each difference with the task that applies it. True when nothing is left to deploy (the record
 * is complete and the manifest adds no instrument).
 */
export async function checkManifestUnchanged(
  connection: Connection,
  record: DeploymentRecord,
  plan: IssuancePlan,
  manifestFile: string,
): Promise<boolean> {
  const command = (task: string) => `npx hardhat --network ${record.network} ${task} --manifest ${manifestFile}`;
  const { differences, added } = await differencesFromDeployed(connection, record, plan, command);
  if (differences.length > 0) {
    const where = `"${record.name}" on network ${record.network}`;
    const header = record.complete
      ? `${manifestFile}: the manifest differs from what is deployed (${where}); nothing was sent. ` +
        "Apply each change with its task, or restore the deployed value:"
      : `${manifestFile}: the manifest differs from the deployment under way (${where}), which can only be ` +
        "finished as it began; nothing was sent. Restore these values, run the deploy command again, then change them with their tasks:";
    throw new OpsError([header, ...describeDifferences(differences)].join("\n"));
  }
  return record.complete && added.length === 0 && record.deployed !== undefined;
}

/** The differences as lines: `field: deployed -> manifest`, then how to apply it. */
function describeDifferences(differences: readonly Difference[]): string[] {
  return differences.flatMap((d) => [`  ${d.field}: ${d.deployed} -> ${d.manifest}`, `    ${d.apply}`]);
}
