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

export const isin = z.string().refine(isValidIsin, "an ISIN (ISO 6166): 2 letters, 9 letters or digits, a check digit");
/** A positive whole number written as a string (it may exceed what JSON numbers hold exactly). */
export const positiveInteger = z
  .string()
  .regex(/^[1-9][0-9]{0,76}$/, 'a positive whole number written as a string, as "1000"');

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

export type Where = (string | number)[];
export type Problem = { path: Where; message: string };

export const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
