/**
 * Accrued interest of a coupon bond, in settlement-token base units, with the contracts' integer
 * rounding: what a buyer owes the seller (or the treasury, at a reopening) for the part of the
 * running coupon period that has passed at settlement.
 *
 * Rounding, as the bond rounds a coupon: the accrued interest of one whole token is
 * `faceValue * rateBps * fraction / 10,000` rounded down once (`couponPerToken`), and that of
 * `amount` base units is `amount * perToken / 10 ** decimals` rounded down (`couponAmount`). On a
 * coupon's accrual end the accrued interest is therefore exactly the coupon the amount receives.
 *
 * Ex-coupon: settled after the record date of the coming coupon (that coupon then goes to the
 * holder of record, not to the buyer), the accrued interest is negative: the accrued interest so
 * far less the whole coupon, each rounded as above (the buyer is compensated for the days to the
 * coupon date that the seller is paid for). The final coupon, paid with the principal to whoever
 * redeems, is never ex-coupon.
 */
import { SECONDS_PER_DAY } from "./dateTime.js";
import { dayCountFraction, type DayCountConvention, type Fraction } from "./dayCount.js";
import {
  accrualFraction,
  couponAmount,
  couponPerToken,
  couponSchedule,
  recordDate,
  type Coupon,
  type ScheduleTerms,
} from "./schedule.js";

/** The terms of a coupon bond that decide its accrued interest (`ISovereignBond.bondTerms` and the debt terms). */
export interface CouponBondTerms extends ScheduleTerms {
  /** Settlement-token base units repaid per whole bond. */
  faceValue: bigint;
  /** The annual coupon rate in basis points (a floating-rate bond: the rate fixed for the running period). */
  couponRateBps: bigint;
  dayCount: DayCountConvention;
  /** The bond's decimals: a whole bond is `10 ** decimals` base units. */
  decimals: bigint;
  /** Seconds from each record date to its coupon date; without it, no settlement is ex-coupon. */
  recordDateOffset?: bigint;
}

/** The accrued interest of an amount at a settlement date. */
export interface AccruedInterest {
  /** The coupon whose accrual period holds the settlement day (-1 for a zero-coupon bond). */
  period: number;
  /** The accrual period so far: from its start day to the settlement day (day numbers). */
  startDay: bigint;
  settlementDay: bigint;
  /** The fraction of a year accrued, under the bond's day count. */
  fraction: Fraction;
  /** Whether the settlement is after the record date of the coming coupon (the amounts are then negative). */
  exCoupon: boolean;
  /** Accrued interest of one whole bond, in settlement-token base units. */
  perToken: bigint;
  /** Accrued interest of the amount, in settlement-token base units. */
  amount: bigint;
}

/** The coupon whose accrual period (start day included, end day excluded) holds `day`. */
export function couponPeriodAt(coupons: readonly Coupon[], day: bigint): number {
  return coupons.findIndex((coupon) => coupon.startDay <= day && day < coupon.endDay);
}

/**
 * The accrued interest of `amount` base units of the bond settled at `settlementDate` (unix
 * seconds; its UTC day counts). Throws a RangeError before the issue day or from the maturity day
 * on, and for a negative amount.
 */
export function accruedInterest(terms: CouponBondTerms, amount: bigint, settlementDate: bigint): AccruedInterest {
  if (amount < 0n) throw new RangeError(`amount must not be negative, got ${amount}`);
  const coupons = couponSchedule(terms);
  const settlementDay = settlementDate / SECONDS_PER_DAY;
  const issueDay = terms.issueDate / SECONDS_PER_DAY;
  if (settlementDay < issueDay || settlementDay >= terms.maturityDate / SECONDS_PER_DAY) {
    throw new RangeError(`settlement day ${settlementDay} is not from the issue day to the day before maturity`);
  }
  if (coupons.length === 0) {
    const zero = { numerator: 0n, denominator: 1n };
    return { period: -1, startDay: issueDay, settlementDay, fraction: zero, exCoupon: false, perToken: 0n, amount: 0n };
  }
  const period = couponPeriodAt(coupons, settlementDay);
  const coupon = coupons[period];
  const fraction = accruedFraction(terms, coupon, settlementDay);
  let perToken = couponPerToken(terms.faceValue, terms.couponRateBps, fraction);
  let accrued = couponAmount(amount, perToken, terms.decimals);
  const exCoupon = isExCoupon(terms, coupons, period, settlementDate);
  if (exCoupon) {
    const whole = couponPerToken(
      terms.faceValue,
      terms.couponRateBps,
      accrualFraction(coupon, terms.frequency, terms.dayCount),
    );
    accrued -= couponAmount(amount, whole, terms.decimals);
    perToken -= whole;
  }
  return { period, startDay: coupon.startDay, settlementDay, fraction, exCoupon, perToken, amount: accrued };
}

/** The fraction of a year accrued in `coupon`'s period up to `settlementDay`, under the bond's day count. */
export function accruedFraction(
  terms: Pick<CouponBondTerms, "dayCount" | "frequency">,
  coupon: Coupon,
  settlementDay: bigint,
): Fraction {
  return dayCountFraction(
    terms.dayCount,
    coupon.startDay,
    settlementDay,
    coupon.refStartDay,
    coupon.endDay,
    terms.frequency,
  );
}

/**
 * Whether a settlement at `settlementDate` in coupon `period` is after that coupon's record date
 * (the contract's rule: a record date has passed once the time is after it), the final coupon excepted.
 */
export function isExCoupon(
  terms: Pick<CouponBondTerms, "recordDateOffset">,
  coupons: readonly Coupon[],
  period: number,
  settlementDate: bigint,
): boolean {
  if (terms.recordDateOffset === undefined || period === coupons.length - 1) return false;
  return settlementDate > recordDate(coupons[period].date, terms.recordDateOffset);
}
