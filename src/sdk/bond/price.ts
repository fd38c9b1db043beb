/**
 * Price and yield of a coupon bond by the street convention (or the US Treasury's), per 100 of face value, in floating
 * point (double precision): for quotes and display, never for amounts that move (those are the
 * integer functions of `accrued.ts` and `schedule.ts`).
 *
 * With N coupons left, the next on `next`, the running regular (quasi-coupon) period of E days and
 * DSC days from settlement to `next`, w = DSC / E, f coupons a year and yield y:
 *
 * - dirty price = Σ_{k=1..N} CF_k / (1 + y/f)^(k-1+w) when N > 1 (the fractional first period is
 *   discounted at the compounded rate), CF_k being coupon k per 100 (its day-count fraction times
 *   the rate, as the bond pays it) plus 100 at maturity;
 * - in the final period (N = 1), simple interest: dirty price = CF_1 / (1 + w y/f);
 * - the US Treasury's convention (`"treasury"`) takes simple interest over the fractional period
 *   always: dirty price = Σ_{k=1..N} CF_k / (1 + y/f)^(k-1) / (1 + w y/f);
 * - clean price = dirty price - accrued interest per 100 (the bond's day count, `accrued.ts`).
 *
 * Days: 30/360 and 30E/360 count E = 360/f and DSC in the bond's own 30/360 days from settlement
 * to `next` (never negative across a February month end); ACT/360 and ACT/365F count DSC in
 * actual days over E = 360/f or 365/f; ACT/ACT ICMA and ACT/ACT ISDA count both in actual days.
 * These are the US securities industry's standard formulas, as Excel's PRICE and YIELD compute
 * them (bases 0 to 3). Ex-coupon (after the record date of the coming coupon), that coupon is not
 * a cash flow of the buyer's and the accrued interest is negative.
 *
 * Yield from price solves the price equation by Newton's method on the analytic derivative,
 * falling back to bisection whenever a step leaves the bracket; it stops when the price is within
 * 1e-10 per 100 of the target (the tolerance of every yield here).
 */
import { SECONDS_PER_DAY } from "./dateTime.js";
import { accruedFraction, couponPeriodAt, isExCoupon, type CouponBondTerms } from "./accrued.js";
import { DayCountConvention, thirty360Days, type Fraction } from "./dayCount.js";
import { accrualFraction, couponSchedule } from "./schedule.js";

/** The terms price and yield read: a bond's schedule, rate and day count (face value and decimals play no part). */
export type PricingTerms = Omit<CouponBondTerms, "faceValue" | "decimals">;

/**
 * How the fractional period to the next coupon is discounted: "street" compounds it,
 * (1 + y/f)^w (the US securities industry's convention, Excel's PRICE); "treasury" takes simple
 * interest over it, 1 + w y/f, as the US Treasury prices its auctions (31 CFR Part 356, Appendix B).
 * Both take simple interest in the final period.
 */
export type PriceConvention = "street" | "treasury";

/** The cash flows after a settlement, per 100 of face value, and where the settlement falls in its period. */
export interface CashFlows {
  convention: PriceConvention;
  /** Amounts per 100, the first on the next coupon date, the last with the redemption at 100. */
  amounts: number[];
  /** w: the fraction of the running regular period left from settlement to the next coupon. */
  periodLeft: number;
  /** Accrued interest per 100 at settlement (negative ex-coupon). */
  accrued: number;
  frequency: number;
}

const PRICE_TOLERANCE = 1e-10;
const MAX_ITERATIONS = 200;

const toNumber = (f: Fraction) => Number(f.numerator) / Number(f.denominator);

/** The cash flows of the bond after `settlementDate` (unix seconds) and the settlement's place in its period. */
export function cashFlows(
  terms: PricingTerms,
  settlementDate: bigint,
  convention: PriceConvention = "street",
): CashFlows {
  const coupons = couponSchedule(terms);
  const settlementDay = settlementDate / SECONDS_PER_DAY;
  if (coupons.length === 0) throw new RangeError("price and yield by this convention need a coupon bond");
  const period = couponPeriodAt(coupons, settlementDay);
  if (period < 0 || settlementDay < terms.issueDate / SECONDS_PER_DAY) {
    throw new RangeError(`settlement day ${settlementDay} is not from the issue day to the day before maturity`);
  }
  const rate = Number(terms.couponRateBps) / 100; // percent: the coupon per 100 is rate x fraction
  const amounts = coupons
    .slice(period)
    .map((coupon) => rate * toNumber(accrualFraction(coupon, terms.frequency, terms.dayCount)));
  amounts[amounts.length - 1] += 100;
  const coupon = coupons[period];
  let accrued = rate * toNumber(accruedFraction(terms, coupon, settlementDay));
  if (isExCoupon(terms, coupons, period, settlementDate)) {
    // Never the final coupon: the coming coupon goes to the holder of record, its whole amount off the accrued.
    accrued -= amounts[0];
    amounts[0] = 0;
  }
  const frequency = Number(terms.frequency);
  return {
    convention,
    amounts,
    periodLeft: periodLeft(terms.dayCount, frequency, coupon.refStartDay, settlementDay, coupon.endDay),
    accrued,
    frequency,
  };
}

/** w = DSC / E of the running period from `periodStart` to `next`, by the day count's rule (see the file's notes). */
function periodLeft(
  dayCount: DayCountConvention,
  frequency: number,
  periodStart: bigint,
  settlementDay: bigint,
  next: bigint,
): number {
  switch (dayCount) {
    case DayCountConvention.THIRTY_360_BOND_BASIS:
    case DayCountConvention.THIRTY_E_360:
      return (
        Number(thirty360Days(settlementDay, next, dayCount === DayCountConvention.THIRTY_E_360)) / (360 / frequency)
      );
    case DayCountConvention.ACT_360:
      return Number(next - settlementDay) / (360 / frequency);
    case DayCountConvention.ACT_365_FIXED:
      return Number(next - settlementDay) / (365 / frequency);
    default:
      return Number(next - settlementDay) / Number(next - periodStart);
  }
}

/** The dirty price per 100 of the flows at annual yield `yieldRate` (0.0725 is 7.25 %), and its derivative in the yield. */
function priceAndSlope(flows: CashFlows, yieldRate: number): [number, number] {
  const { amounts, periodLeft: w, frequency: f } = flows;
  // Street: every flow discounted at (1 + y/f)^(k + w). Treasury (and any final period): the flows
  // discounted to the next coupon date at (1 + y/f)^k, then over the fractional period at 1 + w y/f.
  const simple = flows.convention === "treasury" || amounts.length === 1;
  const base = 1 + yieldRate / f;
  let price = 0;
  let slope = 0;
  amounts.forEach((amount, k) => {
    if (amount === 0) return; // an ex-coupon flow: nothing to discount (0 / 0 when the factor underflows)
    const exponent = simple ? k : k + w;
    const discounted = amount / base ** exponent;
    price += discounted;
    slope -= (exponent * discounted) / (f * base);
  });
  if (!simple) return [price, slope];
  const fractional = 1 + (w * yieldRate) / f;
  return [price / fractional, slope / fractional - (price * w) / (f * fractional * fractional)];
}

/** The dirty price per 100 (clean price plus accrued interest) at annual yield `yieldRate`. */
export function dirtyPriceFromYield(
  terms: PricingTerms,
  settlementDate: bigint,
  yieldRate: number,
  convention: PriceConvention = "street",
): number {
  return priceAndSlope(cashFlows(terms, settlementDate, convention), checkYield(yieldRate, terms))[0];
}

/** The clean price per 100 at annual yield `yieldRate`. */
export function cleanPriceFromYield(
  terms: PricingTerms,
  settlementDate: bigint,
  yieldRate: number,
  convention: PriceConvention = "street",
): number {
  const flows = cashFlows(terms, settlementDate, convention);
  return priceAndSlope(flows, checkYield(yieldRate, terms))[0] - flows.accrued;
}

/** The annual yield (0.0725 is 7.25 %) of buying at clean price `cleanPrice` per 100. */
export function yieldFromCleanPrice(
  terms: PricingTerms,
  settlementDate: bigint,
  cleanPrice: number,
  convention: PriceConvention = "street",
): number {
  if (!(cleanPrice > 0)) throw new RangeError(`price ${cleanPrice} must be positive`);
  const flows = cashFlows(terms, settlementDate, convention);
  return solveYield(flows, cleanPrice + flows.accrued);
}

/** The annual yield of buying at dirty price `dirtyPrice` per 100. */
export function yieldFromDirtyPrice(
  terms: PricingTerms,
  settlementDate: bigint,
  dirtyPrice: number,
  convention: PriceConvention = "street",
): number {
  return solveYield(cashFlows(terms, settlementDate, convention), dirtyPrice);
}

function solveYield(flows: CashFlows, target: number): number {
  if (!(target > 0) || !Number.isFinite(target)) throw new RangeError(`price ${target} must be positive`);
  const f = flows.frequency;
  // Price falls as the yield rises: bracket the root between -90 % a period and a yield high enough.
  let low = -0.9 * f;
  let high = 1;
  while (priceAndSlope(flows, high)[0] > target) {
    high *= 2;
    if (high > 1e6) throw new RangeError(`no yield gives the price ${target}`);
  }
  if (priceAndSlope(flows, low)[0] < target) throw new RangeError(`no yield gives the price ${target}`);
  let y = 0.05;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const [price, slope] = priceAndSlope(flows, y);
    const gap = price - target;
    if (Math.abs(gap) < PRICE_TOLERANCE) return y;
    if (gap > 0) low = y;
    else high = y;
    const newton = slope < 0 ? y - gap / slope : Number.NaN;
    y = newton > low && newton < high ? newton : (low + high) / 2;
  }
  throw new RangeError(`the yield for the price ${target} did not converge`);
}

function checkYield(yieldRate: number, terms: PricingTerms): number {
  if (!Number.isFinite(yieldRate) || yieldRate <= -Number(terms.frequency)) {
    throw new RangeError(`yield ${yieldRate} must be a number above -${terms.frequency} (-100 % a period)`);
  }
  return yieldRate;
}
