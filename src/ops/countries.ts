import { ISO_3166_1 } from "./data/iso-3166-1.js";

const byNumeric = new Map(ISO_3166_1.map(([numeric, alpha2, name]) => [numeric, { numeric, alpha2, name }]));
const byAlpha2 = new Map(ISO_3166_1.map(([numeric, alpha2, name]) => [alpha2, { numeric, alpha2, name }]));

/** Whether `code` is an assigned ISO 3166-1 numeric country code. */
export function isCountryCode(code: number): boolean {
  return byNumeric.has(code);
}

/**
 * The ISO 3166-1 numeric code written as `text`: digits ("586", "050") or an alpha-2 code ("PK");
 * undefined when no assigned country has it.
 */
export function parseCountry(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d{1,3}$/.test(trimmed)) return byNumeric.get(Number(trimmed))?.numeric;
  return byAlpha2.get(trimmed.toUpperCase())?.numeric;
}

/** `586 (PK)` for reports; the bare number for a code outside the list. */
export function countryLabel(code: number): string {
  const country = byNumeric.get(code);
  return country === undefined ? String(code) : `${code} (${country.alpha2})`;
}
