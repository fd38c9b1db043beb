/**
 * Day count fractions of the 2006 ISDA Definitions (Section 4.16), exactly as the contracts'
 * `DayCount` library: a fraction is a numerator and a denominator, never rounded. An accrual period
 * runs from `startDay` included to `endDay` excluded, in day numbers (see `dateTime.ts`).
 */
import { addMonths, fromDays, isEndOfMonth, isLeapYear, toDays } from "./dateTime.js";

/** The conventions, numbered as the contracts' `DayCount.Convention`. */
export const DayCountConvention = {
  /** "30/360", "360/360", "Bond Basis" (ISDA 2006 4.16(f)). */
  THIRTY_360_BOND_BASIS: 0,
  /** "30E/360", "Eurobond Basis" (ISDA 2006 4.16(g)). */
  THIRTY_E_360: 1,
  /** "Actual/365 (Fixed)" (ISDA 2006 4.16(d)). */
  ACT_365_FIXED: 2,
  /** "Actual/Actual (ICMA)" (ISDA 2006 4.16(c), ICMA Rule 251). */
  ACT_ACT_ICMA: 3,
  /** "Actual/360" (ISDA 2006 4.16(e)). */
  ACT_360: 4,
  /** "Actual/Actual (ISDA)", "Actual/365" (ISDA 2006 4.16(b)); appended last, as in the contract. */
  ACT_ACT_ISDA: 5,
} as const;
export type DayCountConvention = (typeof DayCountConvention)[keyof typeof DayCountConvention];

/** All conventions, in their contract order. */
export const DAY_COUNT_CONVENTIONS: readonly DayCountConvention[] = Object.values(DayCountConvention);

/** An exact fraction of a year. */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/**
 * The 30/360 day count from `startDay` to `endDay`: `360 (Y2 - Y1) + 30 (M2 - M1) + (D2 - D1)` after
 * D1 = 31 becomes 30, and D2 = 31 becomes 30 when D1 was 30 or 31 (Bond Basis) or always (`eurobond`).
 */
export function thirty360Days(startDay: bigint, endDay: bigint, eurobond: boolean): bigint {
  const start = fromDays(startDay);
  const end = fromDays(endDay);
  const d1 = start.day === 31n ? 30n : start.day;
  const d2 = end.day === 31n && (eurobond || start.day >= 30n) ? 30n : end.day;
  return 360n * (end.year - start.year) + 30n * (end.month - start.month) + (d2 - d1);
}

/**
 * The fraction of a year from `startDay` to `endDay` under `convention`. ACT/ACT ICMA reads the
 * reference period (the regular period containing the accrual period) and the frequency.
 */
export function dayCountFraction(
  convention: DayCountConvention,
  startDay: bigint,
  endDay: bigint,
  refStartDay: bigint,
  refEndDay: bigint,
  frequency: bigint,
): Fraction {
  if (endDay < startDay) throw new RangeError(`period ends (${endDay}) before it starts (${startDay})`);
  switch (convention) {
    case DayCountConvention.THIRTY_360_BOND_BASIS:
      return { numerator: thirty360Days(startDay, endDay, false), denominator: 360n };
    case DayCountConvention.THIRTY_E_360:
      return { numerator: thirty360Days(startDay, endDay, true), denominator: 360n };
    case DayCountConvention.ACT_365_FIXED:
      return { numerator: endDay - startDay, denominator: 365n };
    case DayCountConvention.ACT_360:
      return { numerator: endDay - startDay, denominator: 360n };
    case DayCountConvention.ACT_ACT_ISDA:
      return actActIsda(startDay, endDay);
    case DayCountConvention.ACT_ACT_ICMA:
      if (refEndDay <= refStartDay || frequency === 0n) throw new RangeError("invalid reference period");
      return { numerator: endDay - startDay, denominator: frequency * (refEndDay - refStartDay) };
  }
}

/**
 * ACT/ACT ISDA: the days in non-leap years over 365 plus the days in leap years over 366, over 365
 * or 366 when all days fall in one kind of year, else over 365 * 366 (the contract's exact form).
 * Counted year by year, independently of the contract's closed form.
 */
export function actActIsda(startDay: bigint, endDay: bigint): Fraction {
  let leapDays = 0n;
  let otherDays = 0n;
  for (let from = startDay; from < endDay;) {
    const year = fromDays(from).year;
    const nextYear = toDays({ year: year + 1n, month: 1n, day: 1n });
    const to = nextYear < endDay ? nextYear : endDay;
    if (isLeapYear(year)) leapDays += to - from;
    else otherDays += to - from;
    from = to;
  }
  if (leapDays === 0n) return { numerator: otherDays, denominator: 365n };
  if (otherDays === 0n) return { numerator: leapDays, denominator: 366n };
  return { numerator: otherDays * 366n + leapDays * 365n, denominator: 365n * 366n };
}

/**
 * ACT/ACT ICMA (ICMA Rule 251) over any number of reference periods, for a period that is not one
 * regular coupon period or part of one: a long first or last coupon, or accrued interest across
 * them. The reference periods are the regular (quasi-coupon) periods of `frequency` through
 * `anchorDay`, any regular coupon date (the maturity, or the first regular coupon), rolled as the
 * schedule rolls dates (`endOfMonth`: the end-of-month rule, applied when `anchorDay` is a month
 * end). The fraction sums, over each reference period the accrual period overlaps, the days of the
 * overlap over `frequency` times the days of the reference period, exactly (reduced).
 *
 * For a period inside one reference period this is the two-argument ICMA of {dayCountFraction}
 * (which the contracts compute, their first period never being long). Example (ISDA, "The
 * Actual/Actual Day Count Fraction", 1999, long first period): 2002-08-15 to 2003-07-15,
 * semi-annual, anchor 2003-07-15: 153 / (2 x 184) + 181 / (2 x 181) = 0.915760869565...
 */
export function actActIcma(
  startDay: bigint,
  endDay: bigint,
  anchorDay: bigint,
  frequency: bigint,
  endOfMonth = true,
): Fraction {
  if (endDay < startDay) throw new RangeError(`period ends (${endDay}) before it starts (${startDay})`);
  if (frequency <= 0n || 12n % frequency !== 0n) throw new RangeError(`invalid frequency ${frequency}`);
  const months = 12n / frequency;
  const rule = endOfMonth && isEndOfMonth(anchorDay);
  const quasiCoupon = (periods: bigint) => addMonths(anchorDay, periods * months, rule);
  // The last quasi-coupon date on or before the start.
  let k = ((fromDays(startDay).year - fromDays(anchorDay).year) * 12n) / months - 1n;
  while (quasiCoupon(k + 1n) <= startDay) ++k;
  while (quasiCoupon(k) > startDay) --k;
  let numerator = 0n;
  let denominator = 1n;
  for (let from = quasiCoupon(k); from < endDay; ++k, from = quasiCoupon(k)) {
    const to = quasiCoupon(k + 1n);
    const overlap = (to < endDay ? to : endDay) - (from > startDay ? from : startDay);
    const periodDenominator = frequency * (to - from);
    numerator = numerator * periodDenominator + overlap * denominator;
    denominator *= periodDenominator;
    const divisor = gcd(numerator, denominator);
    numerator /= divisor;
    denominator /= divisor;
  }
  return { numerator, denominator };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
