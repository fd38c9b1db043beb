/**
 * Money-market pricing of treasury bills, in integers, exactly as the `TreasuryBill` contract
 * computes it (`priceForYield`, `yieldForPrice`, and the settlement and redemption amounts of
 * `DebtSecurity`). No floating point: every amount is a bigint in base units.
 *
 * Units:
 * - a yield is an 18-decimal fixed-point fraction: `WAD` (1e18) is 100 %, `5n * WAD / 100n` is 5 %;
 * - a price or a face value is in settlement-token base units per whole bill (`10 ** decimals`
 *   base units of the bill);
 * - days are whole calendar days (UTC) from the valuation date to the maturity date.
 *
 * Formula: `price = face / (1 + yield * days / basis)`, with `basis` 365 (ACT/365 Fixed) or 360
 * (ACT/360). Rounding, as on chain: prices and yields are rounded down; a face value paid to a
 * holder is rounded down; a cost paid by a buyer is rounded up (the treasury never receives less
 * than the price).
 */

/** 1e18: the fixed-point unit of yields (100 %). */
export const WAD = 10n ** 18n;

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400n;

/** Day-count bases, numbered as the contract's `DayCount` enum. */
export const DayCount = { ACT_365_FIXED: 0, ACT_360: 1 } as const;
export type DayCount = (typeof DayCount)[keyof typeof DayCount];

/** The pricing terms of a bill. */
export interface BillPricing {
  /** Settlement-token base units repaid per whole bill. */
  faceValue: bigint;
  /** Day-count basis of the yield. */
  dayCount: DayCount;
}

/** Days in the year of `dayCount`: 365 or 360. */
export function basisDays(dayCount: DayCount): bigint {
  return dayCount === DayCount.ACT_360 ? 360n : 365n;
}

/**
 * Whole calendar days (UTC) from `asOf` to `maturityDate` (unix seconds), as the contract's
 * `daysToMaturity`: `floor(maturity / 1 day) - floor(asOf / 1 day)`. Throws after maturity.
 */
export function daysToMaturity(asOf: bigint, maturityDate: bigint): bigint {
  if (asOf > maturityDate) throw new RangeError(`valuation date ${asOf} is after maturity ${maturityDate}`);
  return maturityDate / SECONDS_PER_DAY - asOf / SECONDS_PER_DAY;
}

/**
 * The price per whole bill giving money-market yield `yieldRate` (18 decimals) with `days` to
 * maturity: `faceValue * basis * 1e18 / (basis * 1e18 + yieldRate * days)`, rounded down.
 */
export function priceForYield(terms: BillPricing, yieldRate: bigint, days: bigint): bigint {
  nonNegative("yield", yieldRate);
  nonNegative("days", days);
  const basis = basisDays(terms.dayCount) * WAD;
  return (terms.faceValue * basis) / (basis + yieldRate * days);
}

/**
 * The money-market yield (18 decimals) of buying at `price` per whole bill with `days` to
 * maturity: `(faceValue - price) * basis * 1e18 / (price * days)`, rounded down. Throws for a
 * price of zero or above face value, or no day left.
 */
export function yieldForPrice(terms: BillPricing, price: bigint, days: bigint): bigint {
  if (price <= 0n || price > terms.faceValue) throw new RangeError(`price ${price} is not in (0, face value]`);
  if (days <= 0n) throw new RangeError(`days to maturity must be positive, got ${days}`);
  return ((terms.faceValue - price) * basisDays(terms.dayCount) * WAD) / (price * days);
}

/** What a buyer pays for `amount` base units at `price` per whole bill: rounded up. */
export function costOf(amount: bigint, price: bigint, decimals: number): bigint {
  nonNegative("amount", amount);
  const unit = 10n ** BigInt(decimals);
  return (amount * price + unit - 1n) / unit;
}

/** The face value of `amount` base units, paid at maturity: rounded down. */
export function faceValueOf(amount: bigint, faceValue: bigint, decimals: number): bigint {
  nonNegative("amount", amount);
  return (amount * faceValue) / 10n ** BigInt(decimals);
}

function nonNegative(name: string, value: bigint): void {
  if (value < 0n) throw new RangeError(`${name} must not be negative, got ${value}`);
}
