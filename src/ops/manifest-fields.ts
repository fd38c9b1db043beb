/**
 * The building blocks of a manifest: the field types (addresses, signer names, dates, countries),
 * the policy and the fields every instrument has. The manifest (manifest.ts) and each instrument
 * kind (kinds/) are made of them.
 */
import { ZeroAddress } from "ethers";
import { z } from "zod";
import { investorCategoryNames } from "../sdk/investors.js";
import { parseCountry } from "./countries.js";
import { isChecksummedAddress, parseIsoDate } from "./units.js";

/** Signer names: camelCase, as `kycDesk`. `deployer` always names account 0 of the network. */
export const SIGNER_NAME = /^[a-z][A-Za-z0-9]*$/;
export const DEPLOYER = "deployer";

export const address = z.string().refine(isChecksummedAddress, "a checksummed address (EIP-55)");

/** A role holder: a checksummed address, or the name of a signer declared under `signers`. */
export const party = z
  .string()
  .refine((v) => isChecksummedAddress(v) || SIGNER_NAME.test(v), "a checksummed address or the name of a signer");

export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes, as gold-2030");

export const integer = (min: number, max: number) => z.number().int().min(min).max(max);

/** Seconds, as the contracts' `uint48` admin delays. */
export const seconds = integer(0, 2 ** 48 - 1);

export const isoDate = z
  .string()
  .refine((v) => parseIsoDate(v) !== undefined, 'an ISO 8601 date such as "2027-06-30" or "2027-06-30T12:00:00Z"');

export const country = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const code = parseCountry(String(value));
  if (code === undefined) {
    ctx.addIssue({ code: "custom", message: 'an ISO 3166-1 country: numeric code (586) or alpha-2 code ("PK")' });
    return z.NEVER;
  }
  return code;
});

export const categoryName = z
  .string()
  .refine((v) => investorCategoryNames.has(v), `an investor category: ${[...investorCategoryNames.keys()].join(", ")}`);

/** The `complianceModule` of a policy that has none. */
export const NO_MODULE = "none";

export const policy = z
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

export const rolesSchema = <const R extends string>(names: readonly R[]) =>
  z
    .object(
      Object.fromEntries(names.map((n) => [n, z.array(party).optional()])) as Record<
        R,
        z.ZodOptional<z.ZodArray<typeof party>>
      >,
    )
    .strict();

export const instrumentFields = {
  /** Key of the instrument in deployment records and `--instrument` options. */
  id: slug,
  name: z.string().min(1),
  symbol: z.string().regex(/^[A-Z0-9]{1,11}$/, "1 to 11 upper-case letters or digits"),
  decimals: integer(0, 18),
  policy: policy.default({}),
};

export const isin = z.string().superRefine((text, ctx) => {
  const problem = isinProblem(text);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});
/** A positive whole number written as a string (it may exceed what JSON numbers hold exactly). */
export const positiveInteger = z
  .string()
  .regex(/^[1-9][0-9]{0,76}$/, 'a positive whole number written as a string, as "1000"');

/** The ISO 6166 check digit of the first 11 characters of an ISIN: Luhn over the letters turned into numbers (A = 10). */
function isinCheckDigit(body: string): number {
  const digits = [...body].map((c) => (c >= "A" ? String(c.charCodeAt(0) - 55) : c)).join("");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * What is wrong with `text` as an ISIN, as an expectation ("an ISIN (ISO 6166) whose check digit
 * is 7, not 6"): its length, its country prefix, its 9 letters or digits, or its check digit;
 * undefined when it is one.
 */
export function isinProblem(text: string): string | undefined {
  const an = "an ISIN (ISO 6166)";
  if (text.length !== 12)
    return `${an} of 12 characters: 2-letter country code, 9 letters or digits, a check digit (it has ${text.length})`;
  if (!/^[A-Z]{2}$/.test(text.slice(0, 2)))
    return `${an} starting with a 2-letter country code in capitals, not "${text.slice(0, 2)}"`;
  const bad = [...text.slice(2, 11)].findIndex((c) => !/[A-Z0-9]/.test(c));
  if (bad >= 0)
    return `${an} with capital letters or digits in characters 3 to 11: "${text[bad + 2]}" (character ${bad + 3}) is neither`;
  if (!/^[0-9]$/.test(text[11])) return `${an} ending with a check digit, not "${text[11]}"`;
  const expected = isinCheckDigit(text.slice(0, 11));
  if (Number(text[11]) !== expected)
    return `${an} whose check digit is ${expected}, not ${text[11]} (ISO 6166 check over the first 11 characters)`;
  return undefined;
}

/** Whether `text` is an ISIN: format and check digit. */
export function isValidIsin(text: string): boolean {
  return isinProblem(text) === undefined;
}

export type Where = (string | number)[];
export type Problem = { path: Where; message: string };

export const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
