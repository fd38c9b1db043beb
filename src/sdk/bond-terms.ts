/**
 * A deployed bond's terms, read on chain, in the shape the bond math of `bond/` computes with: so
 * that accrued interest, prices and yields follow the bond's own schedule, rate and day count.
 */
import type { SovereignBond } from "./contracts.js";
import { SECONDS_PER_DAY, couponPeriodAt, couponSchedule, type CouponBondTerms } from "./bond/index.js";
import type { DayCountConvention } from "./bond/dayCount.js";
import { ToolkitError } from "./errors.js";

/**
 * The terms of `bond` for a settlement at `settlementDate` (unix seconds): its dates, frequency,
 * face value, decimals, day count and record date offset, and the coupon rate of the period
 * running at that date (a floating-rate bond: the rate fixed for that period; refused until fixed).
 */
export async function couponBondTerms(bond: SovereignBond, settlementDate: bigint): Promise<CouponBondTerms> {
  const [terms, issueDate, maturityDate, faceValue, decimals] = await Promise.all([
    bond.bondTerms(),
    bond.issueDate(),
    bond.maturityDate(),
    bond.faceValue(),
    bond.decimals(),
  ]);
  const schedule = { issueDate, maturityDate, frequency: terms.couponFrequency };
  let couponRateBps = terms.couponRateBps;
  if (terms.floatingRate) {
    const period = couponPeriodAt(couponSchedule(schedule), settlementDate / SECONDS_PER_DAY);
    const coupon = period < 0 ? undefined : await bond.coupon(period);
    if (coupon === undefined || !coupon.rateFixed) {
      throw new ToolkitError(`the floating rate of the period running at ${settlementDate} is not fixed`);
    }
    couponRateBps = coupon.rateBps;
  }
  return {
    ...schedule,
    faceValue,
    couponRateBps,
    dayCount: Number(terms.dayCount) as DayCountConvention,
    decimals,
    recordDateOffset: terms.recordDateOffset,
  };
}
