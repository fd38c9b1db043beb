/**
 * Calendar arithmetic on the proleptic Gregorian calendar (UTC), on day numbers: whole days since
 * 1970-01-01 (day 0), as in the contracts' `DateTime` library. Dates before 1970 are refused.
 *
 * The conversions use the ECMAScript `Date` in UTC on exact integer milliseconds: an implementation
 * independent of the contracts' (Hinnant's algorithms), against which the contracts are tested.
 */

/** Seconds in a day: unix time ignores leap seconds. */
export const SECONDS_PER_DAY = 86_400n;

const MS_PER_DAY = 86_400_000;

/** A calendar date: `month` 1 to 12, `day` 1 to 31. */
export interface CivilDate {
  year: bigint;
  month: bigint;
  day: bigint;
}

/** Whether `year` has 366 days: divisible by 4, except centuries not divisible by 400. */
export function isLeapYear(year: bigint): boolean {
  return year % 4n === 0n && (year % 100n !== 0n || year % 400n === 0n);
}

/** The number of days of `month` (1 to 12) in `year`; 0 for a month outside 1 to 12. */
export function daysInMonth(year: bigint, month: bigint): bigint {
  if (month < 1n || month > 12n) return 0n;
  // Day 0 of the next month is the last day of this one.
  return BigInt(new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate());
}

/** The day number of `date`; throws a RangeError for an invalid date or one before 1970. */
export function toDays({ year, month, day }: CivilDate): bigint {
  if (year < 1970n || day < 1n || day > daysInMonth(year, month)) {
    throw new RangeError(`invalid date ${year}-${month}-${day}`);
  }
  return BigInt(Date.UTC(Number(year), Number(month) - 1, Number(day)) / MS_PER_DAY);
}

/** The date of day number `dayNumber` (0 or more). */
export function fromDays(dayNumber: bigint): CivilDate {
  if (dayNumber < 0n) throw new RangeError(`day ${dayNumber} is before 1970-01-01`);
  const date = new Date(Number(dayNumber) * MS_PER_DAY);
  return {
    year: BigInt(date.getUTCFullYear()),
    month: BigInt(date.getUTCMonth() + 1),
    day: BigInt(date.getUTCDate()),
  };
}

/**
 * The day `months` calendar months after `dayNumber` (before it when negative), on the same day of
 * the month or the target month's last day when that month is shorter; always its last day with
 * `endOfMonth`.
 */
export function addMonths(dayNumber: bigint, months: bigint, endOfMonth: boolean): bigint {
  const { year, month, day } = fromDays(dayNumber);
  const target = year * 12n + month - 1n + months;
  const targetYear = target / 12n;
  const targetMonth = (target % 12n) + 1n;
  if (target < 0n || targetYear < 1970n) throw new RangeError(`${months} months from day ${dayNumber} is before 1970`);
  const length = daysInMonth(targetYear, targetMonth);
  return toDays({ year: targetYear, month: targetMonth, day: endOfMonth || day > length ? length : day });
}

/** Whether day `dayNumber` is the last day of its month. */
export function isEndOfMonth(dayNumber: bigint): boolean {
  const { year, month, day } = fromDays(dayNumber);
  return day === daysInMonth(year, month);
}

/** The day number of an ISO date `YYYY-MM-DD`. */
export function dayFromIso(iso: string): bigint {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) throw new RangeError(`not an ISO date: ${iso}`);
  return toDays({ year: BigInt(match[1]), month: BigInt(match[2]), day: BigInt(match[3]) });
}

/** The ISO date `YYYY-MM-DD` of day number `dayNumber`. */
export function isoFromDay(dayNumber: bigint): string {
  const { year, month, day } = fromDays(dayNumber);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The unix time of an ISO date `YYYY-MM-DD` at `secondOfDay` (0 = midnight UTC). */
export function timeFromIso(iso: string, secondOfDay = 0n): bigint {
  return dayFromIso(iso) * SECONDS_PER_DAY + secondOfDay;
}
