/** What a bond's reports quote beside its schedule: the accrued interest of one bond per 100 of face value. */
import type { SovereignBond } from "../../typechain-types/index.js";
import { SECONDS_PER_DAY, accruedInterest, type CouponBondTerms } from "../sdk/bond/index.js";
import { couponBondTerms } from "../sdk/bond-terms.js";
import { ToolkitError } from "../sdk/errors.js";
import { formatPer100 } from "../sdk/quotes.js";

/**
 * The accrued interest of one whole bond at `time`, per 100 of face value, half-up to 6 decimals
 * (negative ex-coupon); "" when nothing accrues: a zero-coupon bond, before the issue day, from
 * the maturity day on, or a floating rate not yet fixed for the running period.
 */
export async function accruedPer100(bond: SovereignBond, time: bigint): Promise<string> {
  let terms: CouponBondTerms;
  try {
    terms = await couponBondTerms(bond, time);
  } catch (error) {
    if (error instanceof ToolkitError) return ""; // the running floating rate is not fixed yet
    throw error;
  }
  const day = time / SECONDS_PER_DAY;
  const [issueDay, maturityDay] = [terms.issueDate, terms.maturityDate].map((t) => t / SECONDS_PER_DAY);
  if (terms.frequency === 0n || day < issueDay || day >= maturityDay) return "";
  const { perToken } = accruedInterest(terms, 10n ** terms.decimals, time);
  return formatPer100(perToken, terms.faceValue, 6);
}
