/**
 * US-style quotes of a treasury bill, beside the money-market yield the contract prices with
 * (`pricing.ts`): the discount rate (bank discount basis) and the bond-equivalent yield (the US
 * Treasury's "investment rate", or coupon-equivalent yield). Units as in `pricing.ts`: an
 * 18-decimal fraction (`WAD` is 100 %) and prices in base units per whole bill; results are
 * rounded down, so that a half-up display of them (`formatWadPercent`) is the half-up rounding of
 * the exact value.
 *
 * Formulas (31 CFR Part 356, Appendix B, "Computation of purchase price, discount rate, and
 * investment rate for Treasury bills"), F the face value, P the price, t the days to maturity:
 * - discount rate d = (F - P) / F x 360 / t, and back, P = F (1 - d t / 360);
 * - investment rate, t at most half a year (t <= y / 2): i = (F - P) / P x y / t, with y = 365
 *   (366 when the year after the issue date holds a 29 February);
 * - investment rate, t over half a year: the i that solves P (1 + i/2)(1 + (t - y/2) i / y) = F,
 *   i = (-2t/y + 2 sqrt((t/y)^2 - (2t/y - 1)(1 - F/P))) / (2t/y - 1).
 */
import { WAD, type BillPricing } from "./pricing.js";

const BANK_YEAR = 360n;

/** The discount rate (bank discount basis, 18 decimals) of buying at `price` with `days` to maturity: rounded down. */
export function discountYield(terms: Pick<BillPricing, "faceValue">, price: bigint, days: bigint): bigint {
  checkPrice(terms.faceValue, price, days);
  return ((terms.faceValue - price) * BANK_YEAR * WAD) / (terms.faceValue * days);
}

/** The price per whole bill at discount rate `discountRate` (18 decimals) with `days` to maturity: rounded down. */
export function priceForDiscountYield(
  terms: Pick<BillPricing, "faceValue">,
  discountRate: bigint,
  days: bigint,
): bigint {
  if (discountRate < 0n || days < 0n) throw new RangeError("the discount rate and the days must not be negative");
  const price = (terms.faceValue * (BANK_YEAR * WAD - discountRate * days)) / (BANK_YEAR * WAD);
  if (price <= 0n) throw new RangeError(`a discount rate of ${discountRate} over ${days} days leaves no price`);
  return price;
}

/**
 * The bond-equivalent yield (the Treasury's investment rate, 18 decimals) of buying at `price`
 * with `days` to maturity, in a year of `yearDays` (365, or 366 when the year after the issue
 * holds a 29 February): rounded down (over half a year, to within 1e-18, the square root being an
 * integer one).
 */
export function bondEquivalentYield(
  terms: Pick<BillPricing, "faceValue">,
  price: bigint,
  days: bigint,
  yearDays = 365n,
): bigint {
  checkPrice(terms.faceValue, price, days);
  if (yearDays !== 365n && yearDays !== 366n) throw new RangeError(`a year has 365 or 366 days, got ${yearDays}`);
  const face = terms.faceValue;
  if (2n * days <= yearDays) return ((face - price) * yearDays * WAD) / (price * days);
  // i = 2 (sqrt(Q) - t P) / ((2t - y) P), Q = t^2 P^2 + (2t - y)(F - P) y P: the formula above times y P.
  const q = days * days * price * price + (2n * days - yearDays) * (face - price) * yearDays * price;
  return (2n * (sqrt(q * WAD * WAD) - days * price * WAD)) / ((2n * days - yearDays) * price);
}

/** The integer square root (rounded down) of `value`. */
export function sqrt(value: bigint): bigint {
  if (value < 0n) throw new RangeError("square root of a negative number");
  if (value < 2n) return value;
  // Newton's iteration from a power of two above the root decreases to the floor of the root.
  let x = 1n << BigInt(Math.ceil(value.toString(2).length / 2));
  for (let next = (x + value / x) / 2n; next < x; next = (x + value / x) / 2n) x = next;
  return x;
}

function checkPrice(faceValue: bigint, price: bigint, days: bigint): void {
  if (price <= 0n || price > faceValue) throw new RangeError(`price ${price} is not in (0, face value]`);
  if (days <= 0n) throw new RangeError(`days to maturity must be positive, got ${days}`);
}
