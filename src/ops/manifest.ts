/**
 * Issuance manifests: the JSON description of an issuance under `issuances/` (the registry, the
 * governance, the signers and each instrument's terms and policy), validated before anything is
 * sent. See docs/operations.md for the fields.
 */
import path from "node:path";
import { z, type ZodIssue } from "zod";
import { checkDocuments, documentsSchema } from "./documents-manifest.js";
import { OpsError, describeValue } from "./errors.js";
import { readTextFile } from "./files.js";
import { instrumentSchema, checkKindRules } from "./kinds/index.js";
import {
  DEPLOYER,
  SIGNER_NAME,
  address,
  asList,
  asObject,
  integer,
  party,
  seconds,
  slug,
  type Problem,
  type Where,
} from "./manifest-fields.js";
import { isChecksummedAddress, parseAmount } from "./units.js";

export { DEPLOYER, NO_MODULE, TOKEN_ROLES, isValidIsin } from "./manifest-fields.js";
export type { Instrument, InstrumentKind } from "./kinds/index.js";
export type { TreasuryBillTerms } from "./kinds/treasury-bill.js";
export type { BondTerms } from "./kinds/sovereign-bond.js";
export type { CommodityTerms } from "./kinds/commodity-reserve.js";

const timelock = z.union([
  address,
  z
    .object({
      minDelay: seconds,
      proposers: z.array(party).min(1),
      executors: z.array(party).min(1),
    })
    .strict(),
]);

const governance = z
  .object({
    /** The final admin of every contract: a signer or address, a multisig, or a timelock. */
    admin: z.union([party, z.object({ multisig: address }).strict(), z.object({ timelock }).strict()]),
    /** Seconds a new admin waits before accepting (AccessControlDefaultAdminRules), for every contract deployed. */
    adminDelay: seconds,
  })
  .strict();

const registry = z.discriminatedUnion("deploy", [
  z.object({ deploy: z.literal(true), roles: z.object({ KYC_AGENT_ROLE: z.array(party) }).strict() }).strict(),
  z.object({ deploy: z.literal(false), address }).strict(),
]);

const manifestSchema = z
  .object({
    $schema: z.string().optional(),
    /** Names the deployment: `deployments/<network>/<name>.json`. */
    name: slug,
    description: z.string().optional(),
    network: z
      .object({
        /** Chains this manifest may be deployed to; omitted: any. */
        chainIds: z.array(integer(1, Number.MAX_SAFE_INTEGER)).min(1).optional(),
        /** Confirmations to wait for each transaction of the deployment. */
        confirmations: integer(1, 64).optional(),
      })
      .strict()
      .default({}),
    /** Named signers: the index of an account configured for the network, or an address that signs elsewhere. */
    signers: z
      .record(z.string().regex(SIGNER_NAME, "a camelCase name"), z.union([integer(0, 1000), address]))
      .default({}),
    governance,
    registry,
    /** One entry per instrument, of one of the kinds of kinds/ (by its `kind`). */
    instruments: z.array(instrumentSchema),
    /** The document registry (ERC-1643) and the documents the deployment registers; omitted: none. */
    documents: documentsSchema.optional(),
  })
  .strict();

export type Manifest = z.output<typeof manifestSchema>;
export type Policy = Manifest["instruments"][number]["policy"];
export type Governance = Manifest["governance"];
export type TimelockSpec = Exclude<z.output<typeof timelock>, string>;

/** Every role holder written in `data` (a manifest, valid or not), with where it was written. */
function partiesOf(data: unknown): [Where, unknown][] {
  const found: [Where, unknown][] = [];
  const collect = (where: Where, list: unknown) =>
    asList(list).forEach((value, i) => found.push([[...where, i], value]));
  const root = asObject(data);
  const admin = asObject(root.governance).admin;
  if (typeof admin === "string") found.push([["governance", "admin"], admin]);
  const timelockSpec = asObject(asObject(admin).timelock);
  collect(["governance", "admin", "timelock", "proposers"], timelockSpec.proposers);
  collect(["governance", "admin", "timelock", "executors"], timelockSpec.executors);
  const registryRoles = asObject(asObject(root.registry).roles);
  collect(["registry", "roles", "KYC_AGENT_ROLE"], registryRoles.KYC_AGENT_ROLE);
  const documentRoles = asObject(asObject(root.documents).roles);
  collect(["documents", "roles", "DOCUMENT_MANAGER_ROLE"], documentRoles.DOCUMENT_MANAGER_ROLE);
  asList(root.instruments).forEach((item, index) => {
    for (const [role, holders] of Object.entries(asObject(asObject(item).roles))) {
      collect(["instruments", index, "roles", role], holders);
    }
    const terms = asObject(asObject(item).terms);
    for (const key of ["treasury", "custodian"]) {
      if (typeof terms[key] === "string") found.push([["instruments", index, "terms", key], terms[key]]);
    }
  });
  return found;
}

/**
 * The rules that span fields: signer names are declared, instrument ids and symbols are unique,
 * `maxBalance` fits the instrument's decimals. They read the raw data, so that they are reported
 * together with the schema's own problems.
 */
function crossCheck(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = asObject(data);
  const signers = asObject(root.signers);
  for (const [where, value] of partiesOf(data)) {
    if (typeof value !== "string" || isChecksummedAddress(value) || !SIGNER_NAME.test(value)) continue;
    if (value !== DEPLOYER && !(value in signers)) {
      problems.push({ path: where, message: `"${DEPLOYER}" or a signer declared under "signers"` });
    }
  }
  const seen = new Map<string, number>();
  asList(root.instruments).forEach((raw, index) => {
    const item = asObject(raw);
    for (const key of ["id", "symbol"]) {
      if (typeof item[key] !== "string") continue;
      const previous = seen.get(`${key}:${item[key]}`);
      if (previous !== undefined) {
        problems.push({
          path: ["instruments", index, key],
          message: `${key === "id" ? "an id" : "a symbol"} not already used (instruments[${previous}] has it)`,
        });
      }
      if (previous === undefined) seen.set(`${key}:${item[key]}`, index);
    }
    problems.push(...checkKindRules(root, item, index));
    const { maxBalance } = asObject(item.policy);
    if (typeof maxBalance === "string" && Number.isInteger(item.decimals)) {
      const parsed = parseAmount(maxBalance, Math.min(Math.max(Number(item.decimals), 0), 18));
      if (typeof parsed === "string")
        problems.push({ path: ["instruments", index, "policy", "maxBalance"], message: parsed });
    }
  });
  problems.push(...checkDocuments(root));
  return problems;
}

/**
 * Validates `data` (the parsed JSON of `file`) and returns the manifest, or throws an
 * {@link OpsError} listing every problem as `<file>: <field>: got <value>, expected <what>`.
 */
export function parseManifest(data: unknown, file: string): Manifest {
  const result = manifestSchema.safeParse(data);
  const issues = result.success ? [] : flattenIssues(result.error.issues);
  const reported = new Set(issues.map((issue) => fieldPath(issue.path)));
  const problems = crossCheck(data).filter((p) => !reported.has(fieldPath(p.path)));
  if (result.success && problems.length === 0) return result.data;
  const lines = [
    ...issues.flatMap((issue) => describeIssue(issue, data)),
    ...problems.map((p) => `${fieldPath(p.path)}: got ${describeValue(valueAt(data, p.path))}, expected ${p.message}`),
  ];
  throw new OpsError(lines.map((line) => `${file}: ${line}`).join("\n"));
}

/** Reads, parses and validates the manifest at `file`. */
export async function loadManifest(file: string): Promise<Manifest> {
  const shown = path.relative(process.cwd(), path.resolve(file)) || file;
  const text = await readTextFile(file, "manifest file", shown);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new OpsError(`${shown}: not valid JSON (${(error as Error).message})`);
  }
  return parseManifest(data, shown);
}

/**
 * Union errors carry one list of issues per branch: keep the branch that got furthest (its
 * deepest issue is the deepest), so a bad timelock reports the timelock's field, not every branch.
 */
function flattenIssues(issues: readonly ZodIssue[]): ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union") return [issue];
    const depth = (list: readonly ZodIssue[]) => Math.max(...list.map((i) => i.path.length));
    const branches = issue.unionErrors.map((e) => e.issues);
    const best = branches.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    if (depth(best) <= issue.path.length) return [issue];
    return flattenIssues(best);
  });
}

function describeIssue(issue: ZodIssue, data: unknown): string[] {
  if (issue.code === "unrecognized_keys") {
    const parent = valueAt(data, issue.path) as Record<string, unknown>;
    return issue.keys.map(
      (key) => `${fieldPath([...issue.path, key])}: got ${describeValue(parent[key])}, expected no such field`,
    );
  }
  return [`${fieldPath(issue.path)}: got ${describeValue(valueAt(data, issue.path))}, expected ${expectedOf(issue)}`];
}

/** `instruments[0].policy.maxBalance` */
export function fieldPath(where: readonly (string | number)[]): string {
  if (where.length === 0) return "(manifest)";
  return where.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

function valueAt(data: unknown, where: readonly (string | number)[]): unknown {
  let value = data;
  for (const part of where) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function expectedOf(issue: ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "integer" ? "an integer" : article(issue.expected);
    case "invalid_literal":
      return JSON.stringify(issue.expected);
    case "invalid_union_discriminator":
      return `one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}`;
    case "invalid_enum_value":
      return `one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}`;
    case "too_small":
      if (issue.type === "array")
        return `at least ${issue.minimum} item${issue.minimum === 1n || issue.minimum === 1 ? "" : "s"}`;
      if (issue.type === "string")
        return `at least ${issue.minimum} character${Number(issue.minimum) === 1 ? "" : "s"}`;
      return `${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "too_big":
      if (issue.type === "array") return `at most ${issue.maximum} items`;
      if (issue.type === "string") return `at most ${issue.maximum} characters`;
      return `${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    default:
      return issue.message;
  }
}
