import { getAddress, isHexString } from "ethers";

// Amounts and times print the same in the SDK's decoded errors and in the operations' output.
export { formatAmount, formatDuration, formatTokens, groupThousands, isoTime } from "../sdk/readable.js";

/**
 * `text` as a whole number of base units of a token with `decimals` decimals ("1.5" with 6
 * decimals is 1_500_000n), or a string saying what was expected. No exponent, sign or grouping.
 */
export function parseAmount(text: string, decimals: number): bigint | string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return "a decimal number of tokens such as 1000 or 1000.25";
  const [, whole, fraction = ""] = match;
  if (fraction.length > decimals) return `at most ${decimals} decimals (the token has ${decimals})`;
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The unix time in seconds of an ISO 8601 date ("2027-06-30", midnight UTC) or date and time with
 * a zone ("2027-06-30T12:00:00Z", "2027-06-30T17:00+05:00"); undefined when it is neither or
 * names no real day (2027-02-30).
 */
export function parseIsoDate(text: string): bigint | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const ms = Date.parse(hour === undefined ? `${year}-${month}-${day}T00:00:00Z` : match[0]);
  if (Number.isNaN(ms)) return undefined;
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendarDay.getUTCMonth() !== Number(month) - 1 || calendarDay.getUTCDate() !== Number(day)) return undefined;
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return undefined;
  return BigInt(Math.floor(ms / 1000));
}

/**
 * Whether `text` is an address written with its EIP-55 checksum (or without letters). A mixed-case
 * address whose checksum is wrong is not one: ethers' `getAddress` throws on it, so the case is
 * compared here and every caller reports it as it reports any other bad address.
 */
export function isChecksummedAddress(text: string): boolean {
  if (!isHexString(text, 20)) return false;
  return getAddress(text.toLowerCase()) === text;
}

/** Whether `text` is a possible `investorId`: a 32-byte hex value other than zero. */
export function isInvestorId(text: string): boolean {
  return isHexString(text, 32) && BigInt(text) !== 0n;
}

const DURATION_UNITS: Record<string, bigint> = { "": 1n, s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

/** Seconds of a duration written as whole seconds ("172800") or with a unit s, m, h, d or w ("2d"); undefined otherwise. */
export function parseDuration(text: string): bigint | undefined {
  const match = /^(\d+)\s*([smhdw]?)$/.exec(text.trim());
  if (match === null) return undefined;
  return BigInt(match[1]) * DURATION_UNITS[match[2]];
}
