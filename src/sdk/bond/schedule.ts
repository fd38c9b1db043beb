/**
 * The coupon schedule of a bond and the money amounts of its coupons, by the rules of the contracts'
 * `CouponSchedule` and `SovereignBond` (see contracts/instruments/bond/README.md). Money is in
 * settlement-token base units, as bigint; every division rounds down.
 */
import { SECONDS_PER_DAY, addMonths, isEndOfMonth } from "./dateTime.js";
import { dayCountFraction, type DayCountConvention, type Fraction } from "./dayCount.js";

/** The terms a schedule is computed from (unix times in seconds). */
export interface ScheduleTerms {
  issueDate: bigint;
  maturityDate: bigint;
  /** Coupons per year: 0 (zero-coupon) or a divisor of 12. */
  frequency: bigint;
  /**
   * The end-of-month rule (default true, what every deployed bond does): when the maturity is the
   * last day of its month, every coupon is on the last day of its month. Off (false), every coupon is
   * on the maturity's day of the month, or the last day of a shorter month (the contracts'
   * `CouponSchedule.create` with `endOfMonthRule`; not yet a field of the bond's terms).
   */
  endOfMonth?: boolean;
}

/** One coupon of a schedule. */
export interface Coupon {
  /** Unix time of the coupon (the maturity's time of day). */
  date: bigint;
  /** Accrual start (the issue day, or the previous coupon's day), a day number. */
  startDay: bigint;
  /** Accrual end (the coupon's day), a day number. */
  endDay: bigint;
  /** Start of the regular period ending on `endDay` (before `startDay` for a short first period). */
  refStartDay: bigint;
}

/**
 * The coupons in date order: dates rolled back from the maturity one period (12 / frequency months)
 * at a time, each from the maturity directly, end-of-month rule when the maturity is a month end
 * (unless `endOfMonth` is false), keeping those on a day after the issue day. Throws a RangeError
 * for invalid terms.
 */
export function couponSchedule({
  issueDate,
  maturityDate,
  frequency,
  endOfMonth: rule = true,
}: ScheduleTerms): Coupon[] {
  if (frequency < 0n || frequency > 12n || (frequency !== 0n && 12n % frequency !== 0n)) {
    throw new RangeError(`invalid frequency ${frequency}`);
  }
  const issueDay = issueDate / SECONDS_PER_DAY;
  const maturityDay = maturityDate / SECONDS_PER_DAY;
  if (maturityDay <= issueDay) throw new RangeError("maturity must fall on a day after the issue");
  if (frequency === 0n) return [];
  const months = 12n / frequency;
  const endOfMonth = rule && isEndOfMonth(maturityDay);
  const rolledBack = (periods: bigint) => addMonths(maturityDay, -periods * months, endOfMonth);
  const days: bigint[] = [];
  for (let periods = 0n; ; ++periods) {
    const day = rolledBack(periods);
    if (day <= issueDay) break;
    days.unshift(day);
  }
  const timeOfDay = maturityDate % SECONDS_PER_DAY;
  return days.map((endDay, i) => {
    const refStartDay = rolledBack(BigInt(days.length - i));
    return {
      date: endDay * SECONDS_PER_DAY + timeOfDay,
      startDay: i === 0 ? issueDay : refStartDay,
      endDay,
      refStartDay,
    };
  });
}

/** The fraction of a year accrued by `coupon` under `convention`. */
export function accrualFraction(coupon: Coupon, frequency: bigint, convention: DayCountConvention): Fraction {
  return dayCountFraction(convention, coupon.startDay, coupon.endDay, coupon.refStartDay, coupon.endDay, frequency);
}

/** The unix time of the record date of a coupon paid at `couponDate`. */
export function recordDate(couponDate: bigint, recordDateOffset: bigint): bigint {
  return couponDate - recordDateOffset;
}

/** The number of record dates strictly before `time` (record date `k` has passed once `time > recordDate(k)`). */
export function recordDatesPassed(coupons: readonly Coupon[], recordDateOffset: bigint, time: bigint): bigint {
  return BigInt(coupons.filter((coupon) => recordDate(coupon.date, recordDateOffset) < time).length);
}

/** Basis points in one. */
export const BPS = 10_000n;

/**
 * The coupon of one whole token (10 ** decimals base units) in settlement-token base units:
 * `faceValue * rateBps * fraction`, rounded down once.
 */
export function couponPerToken(faceValue: bigint, rateBps: bigint, fraction: Fraction): bigint {
  return (faceValue * rateBps * fraction.numerator) / (BPS * fraction.denominator);
}

/** What `balance` base units receive of a coupon of `perToken` per whole token, rounded down. */
export function couponAmount(balance: bigint, perToken: bigint, decimals: bigint): bigint {
  return (balance * perToken) / 10n ** decimals;
}
