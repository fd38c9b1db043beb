/**
 * Day count fractions of the 2006 ISDA Definitions (Section 4.16), exactly as the contracts'
 * `DayCount` library: a fraction is a numerator and a denominator, never rounded. An accrual period
 * runs from `startDay` included to `endDay` excluded, in day numbers (see `dateTime.ts`).
 */
import { fromDays } from "./dateTime.js";

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
    case DayCountConvention.ACT_ACT_ICMA:
      if (refEndDay <= refStartDay || frequency === 0n) throw new RangeError("invalid reference period");
      return { numerator: endDay - startDay, denominator: frequency * (refEndDay - refStartDay) };
  }
}
