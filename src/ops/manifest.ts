/**
 * Issuance manifests: the JSON description of an issuance under `issuances/` (the registry, the
 * governance, the signers and each instrument's terms and policy), validated before anything is
 * sent. See docs/operations.md for the fields.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ZeroAddress } from "ethers";
import { z, type ZodIssue } from "zod";
import { investorCategoryNames } from "../sdk/investors.js";
import { parseCountry } from "./countries.js";
import { LOCAL_CHAIN_IDS, isLocalChain } from "./network.js";
import { OpsError, describeValue } from "./errors.js";
import { isChecksummedAddress, parseAmount, parseIsoDate } from "./units.js";

/** Signer names: camelCase, as `kycDesk`. `deployer` always names account 0 of the network. */
const SIGNER_NAME = /^[a-z][A-Za-z0-9]*$/;
export const DEPLOYER = "deployer";

const address = z.string().refine(isChecksummedAddress, "a checksummed address (EIP-55)");

/** A role holder: a checksummed address, or the name of a signer declared under `signers`. */
const party = z
  .string()
  .refine((v) => isChecksummedAddress(v) || SIGNER_NAME.test(v), "a checksummed address or the name of a signer");

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes, as gold-2030");

const integer = (min: number, max: number) => z.number().int().min(min).max(max);

/** Seconds, as the contracts' `uint48` admin delays. */
const seconds = integer(0, 2 ** 48 - 1);

const isoDate = z
  .string()
  .refine((v) => parseIsoDate(v) !== undefined, 'an ISO 8601 date such as "2027-06-30" or "2027-06-30T12:00:00Z"');

const country = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const code = parseCountry(String(value));
  if (code === undefined) {
    ctx.addIssue({ code: "custom", message: 'an ISO 3166-1 country: numeric code (586) or alpha-2 code ("PK")' });
    return z.NEVER;
  }
  return code;
});

const categoryName = z
  .string()
  .refine((v) => investorCategoryNames.has(v), `an investor category: ${[...investorCategoryNames.keys()].join(", ")}`);

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

/** The `complianceModule` of a policy that has none. */
export const NO_MODULE = "none";

const policy = z
  .object({
    /** Allowed countries; omitted: every country. */
    countries: z.array(country).min(1).optional(),
    /** Allowed investor categories; omitted: every category. */
    categories: z.array(categoryName).min(1).optional(),
    /** Maximum balance of one wallet in tokens ("0" or omitted: none). */
    maxBalance: z.string().optional(),
    /** Maximum number of holders (0 or omitted: none). */
    maxHolders: integer(0, 2 ** 32 - 1).optional(),
    /** End of the lock-up on holder-to-holder transfers; omitted: none. */
    lockUpEnd: isoDate.optional(),
    /** A deployed IComplianceModule the token consults on every transfer and mint; "none" or omitted: none. */
    complianceModule: z
      .string()
      .refine(
        (v) => v === NO_MODULE || (isChecksummedAddress(v) && v !== ZeroAddress),
        `the checksummed address (EIP-55) of a deployed compliance module, or "${NO_MODULE}"`,
      )
      .optional(),
  })
  .strict();

/** The roles of the regulated core that every instrument has. */
export const TOKEN_ROLES = ["ISSUER_ROLE", "ENFORCEMENT_ROLE", "COMPLIANCE_ROLE", "PAUSER_ROLE"] as const;

const rolesSchema = <const R extends string>(names: readonly R[]) =>
  z
    .object(
      Object.fromEntries(names.map((n) => [n, z.array(party).optional()])) as Record<
        R,
        z.ZodOptional<z.ZodArray<typeof party>>
      >,
    )
    .strict();

const instrumentFields = {
  /** Key of the instrument in deployment records and `--instrument` options. */
  id: slug,
  name: z.string().min(1),
  symbol: z.string().regex(/^[A-Z0-9]{1,11}$/, "1 to 11 upper-case letters or digits"),
  decimals: integer(0, 18),
  policy: policy.default({}),
};

/** The roles of a debt security (contracts/instruments/debt/DebtSecurity.sol) and of a treasury bill. */
export const TREASURY_BILL_ROLES = [...TOKEN_ROLES, "TREASURY_ROLE", "ROLLOVER_ROLE"] as const;
/** The roles of a commodity reserve token (contracts/instruments/commodity/CommodityReserveToken.sol). */
export const COMMODITY_ROLES = [...TOKEN_ROLES, "AUDITOR_ROLE", "CUSTODIAN_ROLE"] as const;
/** The roles of a sovereign bond (contracts/instruments/bond/SovereignBond.sol). */
export const BOND_ROLES = [...TOKEN_ROLES, "TREASURY_ROLE", "RATE_SETTER_ROLE"] as const;

/** Day-count bases of a treasury bill's yield, numbered as the contract's `DayCount` enum. */
export const DAY_COUNTS = { "ACT/365F": 0, "ACT/360": 1 } as const;

const isin = z.string().refine(isValidIsin, "an ISIN (ISO 6166): 2 letters, 9 letters or digits, a check digit");
/** A positive whole number written as a string (it may exceed what JSON numbers hold exactly). */
const positiveInteger = z
  .string()
  .regex(/^[1-9][0-9]{0,76}$/, 'a positive whole number written as a string, as "1000"');

/** The terms every debt security has (contracts/instruments/debt/IDebtSecurity.sol `DebtTerms`). */
const debtTermsFields = {
  isin,
  /** The ERC-20 the security is bought and repaid in; or `deploySettlementToken` (local demos). */
  settlementToken: address.optional(),
  /** Deploys contracts/mocks/LocalTestDollar.sol (6 decimals, open mint) as the settlement token: local chains only. */
  deploySettlementToken: z.literal(true).optional(),
  /** Decimals of the settlement token (6 for the mock). */
  settlementDecimals: integer(0, 18),
  /** The wallet that receives auction proceeds and funds coupons and the redemption. */
  treasury: party,
  /** Settlement-token units repaid per whole token at maturity, as "100". */
  faceValue: z.string(),
  issueDate: isoDate,
  maturityDate: isoDate,
};

const treasuryBillTerms = z.object({ ...debtTermsFields, dayCount: z.enum(["ACT/365F", "ACT/360"]) }).strict();

/** Day-count conventions of a bond's coupons, numbered as contracts/utils/DayCount.sol `Convention`. */
export const BOND_DAY_COUNTS = { "30/360": 0, "30E/360": 1, "ACT/365F": 2, "ACT/ACT-ICMA": 3, "ACT/360": 4 } as const;

const bondTerms = z
  .object({
    ...debtTermsFields,
    dayCount: z.enum(["30/360", "30E/360", "ACT/365F", "ACT/ACT-ICMA", "ACT/360"]),
    /** Coupons per year: 1, 2, 4 or 12. */
    couponFrequency: z.number().refine((v) => [1, 2, 4, 12].includes(v), "1, 2, 4 or 12"),
    /** Fixed rate a year in percent, at most 2 decimals (basis points), as "7.25"; omitted for a floating-rate bond. */
    couponRate: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a rate in percent with at most 2 decimals, as "7.25"')
      .optional(),
    /** Floating rate: each coupon's rate is fixed before its record date by RATE_SETTER_ROLE. */
    floatingRate: z.boolean().default(false),
    /** Days before each coupon date when the holders of record are fixed. */
    recordDateDays: integer(0, 365),
    /** Days after each coupon date during which holders claim; then the rest may be swept. */
    claimWindowDays: integer(1, 36_500),
    /** A sukuk (rental payments), with the hash of its asset documents. */
    isSukuk: z.boolean().default(false),
    assetDocumentsHash: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "a 32-byte hex value")
      .optional(),
  })
  .strict();

const commodityTerms = z
  .object({
    commodity: z.string().min(1),
    /** The reserve unit every on-chain quantity is counted in, as "milligram". */
    unit: z.string().min(1),
    description: z.string(),
    /** Reserve units backing one whole token, as "1000" (one gram per token, counted in milligrams). */
    reserveUnitsPerToken: positiveInteger,
    /** The custodian holding the reserves (informational; its powers are CUSTODIAN_ROLE's). */
    custodian: party,
    /** Seconds after which an attestation is too old to allow a mint. */
    maxAttestationAge: integer(1, 2 ** 48 - 1),
  })
  .strict();

/**
 * One entry per instrument kind, each with its `terms`: `regulatedToken` is the regulated core
 * alone (contracts/token/SovereignToken.sol), `treasuryBill` and `commodityReserve` the
 * instruments of contracts/instruments/. A new kind (the sovereign bond) is one more entry here,
 * one more case in `plan.ts` and `ignition/modules/Issuance.ts`.
 */
const instrument = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("regulatedToken"), ...instrumentFields, roles: rolesSchema(TOKEN_ROLES) }).strict(),
  z
    .object({
      kind: z.literal("treasuryBill"),
      ...instrumentFields,
      roles: rolesSchema(TREASURY_BILL_ROLES),
      terms: treasuryBillTerms,
    })
    .strict(),
  z
    .object({
      kind: z.literal("sovereignBond"),
      ...instrumentFields,
      roles: rolesSchema(BOND_ROLES),
      terms: bondTerms,
    })
    .strict(),
  z
    .object({
      kind: z.literal("commodityReserve"),
      ...instrumentFields,
      roles: rolesSchema(COMMODITY_ROLES),
      terms: commodityTerms,
    })
    .strict(),
]);

/** Whether `text` is an ISIN: format and check digit (Luhn over the letters turned into numbers, A = 10). */
export function isValidIsin(text: string): boolean {
  if (!/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(text)) return false;
  const digits = [...text].map((c) => (c >= "A" ? String(c.charCodeAt(0) - 55) : c)).join("");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

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
    instruments: z.array(instrument),
  })
  .strict();

export type Manifest = z.output<typeof manifestSchema>;
export type Instrument = Manifest["instruments"][number];
export type InstrumentKind = Instrument["kind"];
export type Policy = Instrument["policy"];
export type Governance = Manifest["governance"];
export type TimelockSpec = Exclude<z.output<typeof timelock>, string>;
export type TreasuryBillTerms = z.output<typeof treasuryBillTerms>;
export type CommodityTerms = z.output<typeof commodityTerms>;
export type BondTerms = z.output<typeof bondTerms>;

type Where = (string | number)[];
type Problem = { path: Where; message: string };

const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

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
    if (item.kind === "treasuryBill" || item.kind === "sovereignBond") {
      problems.push(...checkBillTerms(root, item, index));
    }
    if (item.kind === "sovereignBond") problems.push(...checkBondTerms(item, index));
    const { maxBalance } = asObject(item.policy);
    if (typeof maxBalance === "string" && Number.isInteger(item.decimals)) {
      const parsed = parseAmount(maxBalance, Math.min(Math.max(Number(item.decimals), 0), 18));
      if (typeof parsed === "string")
        problems.push({ path: ["instruments", index, "policy", "maxBalance"], message: parsed });
    }
  });
  return problems;
}

/** The rules of a treasury bill's terms that span fields: one settlement token, face value, dates. */
function checkBillTerms(root: Record<string, unknown>, item: Record<string, unknown>, index: number): Problem[] {
  const problems: Problem[] = [];
  const terms = asObject(item.terms);
  const where = (key: string) => ["instruments", index, "terms", key];
  const given = (key: string) => terms[key] !== undefined;
  if (given("settlementToken") === given("deploySettlementToken")) {
    problems.push({
      path: where("settlementToken"),
      message: 'either "settlementToken" (an address) or "deploySettlementToken": true, not both',
    });
  }
  if (terms.deploySettlementToken === true) {
    const chainIds = asObject(root.network).chainIds;
    const elsewhere = Array.isArray(chainIds) ? chainIds.filter((c) => !isLocalChain(Number(c))) : undefined;
    if (elsewhere === undefined || elsewhere.length > 0) {
      const listed =
        elsewhere === undefined ? "network.chainIds is omitted (any chain)" : `not ${elsewhere.join(", ")}`;
      problems.push({
        path: where("deploySettlementToken"),
        message:
          `it only on local chains: network.chainIds must list only ${LOCAL_CHAIN_IDS.join(" or ")}, ${listed} ` +
          "(it deploys LocalTestDollar, a test dollar with an open mint)",
      });
    }
    if (terms.settlementDecimals !== undefined && terms.settlementDecimals !== 6) {
      problems.push({ path: where("settlementDecimals"), message: "6, the decimals of the deployed test token" });
    }
  }
  if (typeof terms.faceValue === "string" && Number.isInteger(terms.settlementDecimals)) {
    const decimals = Math.min(Math.max(Number(terms.settlementDecimals), 0), 18);
    const parsed = parseAmount(terms.faceValue, decimals);
    if (typeof parsed === "string") problems.push({ path: where("faceValue"), message: parsed });
    else if (parsed === 0n) problems.push({ path: where("faceValue"), message: "more than 0" });
  }
  const issue = typeof terms.issueDate === "string" ? parseIsoDate(terms.issueDate) : undefined;
  const maturity = typeof terms.maturityDate === "string" ? parseIsoDate(terms.maturityDate) : undefined;
  if (issue !== undefined && maturity !== undefined && maturity <= issue) {
    problems.push({ path: where("maturityDate"), message: `a date after the issue date ${String(terms.issueDate)}` });
  }
  return problems;
}

/** The rules of a bond's terms that span fields: a fixed rate xor a floating one, a sukuk's documents. */
function checkBondTerms(item: Record<string, unknown>, index: number): Problem[] {
  const problems: Problem[] = [];
  const terms = asObject(item.terms);
  const where = ["instruments", index, "terms"];
  if (terms.floatingRate === true && terms.couponRate !== undefined) {
    problems.push({ path: [...where, "couponRate"], message: "no fixed rate on a floating-rate bond" });
  }
  if (terms.floatingRate !== true && terms.couponRate === undefined) {
    problems.push({ path: [...where, "couponRate"], message: 'a fixed rate in percent, or "floatingRate": true' });
  }
  if ((terms.isSukuk === true) !== (terms.assetDocumentsHash !== undefined)) {
    problems.push({
      path: [...where, "assetDocumentsHash"],
      message: "the hash of the asset documents for a sukuk (isSukuk true), none otherwise",
    });
  }
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
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new OpsError(`${shown}: cannot read the manifest file`);
  }
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
