/**
 * How markets quote prices and yields: a price per 100 of face value ("99.875") and a yield in
 * percent ("7.250%"), rounded half-up (a tie rounds away from zero) to a fixed number of decimals.
 *
 * Exact values (bigint ratios, 18-decimal yields) round exactly. A floating-point yield (the price
 * and yield functions of `bond/price.ts`) is first written to 12 decimals of a fraction (1e-10 of a
 * percent), which absorbs its binary representation error, then rounded half-up: 0.0725 shows as
 * "7.250%" although the double nearest to it is slightly below.
 */

/** `numerator / denominator` rounded half-up to an integer (a tie away from zero). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  if (denominator < 0n) return divideHalfUp(-numerator, -denominator);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

/** `numerator / denominator` rounded half-up to `decimals` decimals, as a decimal string ("99.875", "-0.120"). */
export function formatHalfUp(numerator: bigint, denominator: bigint, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0)
    throw new RangeError(`decimals must be a whole number, got ${decimals}`);
  const scaled = divideHalfUp(numerator * 10n ** BigInt(decimals), denominator);
  const sign = scaled < 0n ? "-" : "";
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  return decimals === 0 ? `${sign}${whole}` : `${sign}${whole}.${digits.slice(digits.length - decimals)}`;
}

/**
 * A price per 100 of face value: `price / faceValue * 100` half-up to `decimals` decimals
 * (price 998,750 of a face value of 1,000,000 base units is "99.875").
 */
export function formatPer100(price: bigint, faceValue: bigint, decimals = 3): string {
  if (faceValue <= 0n) throw new RangeError(`face value must be positive, got ${faceValue}`);
  return formatHalfUp(price * 100n, faceValue, decimals);
}

/** An 18-decimal fraction (1e18 is 100 %) as a percentage half-up to `decimals` decimals, with "%": "7.250%". */
export function formatWadPercent(wad: bigint, decimals = 3): string {
  return `${formatHalfUp(wad * 100n, 10n ** 18n, decimals)}%`;
}

/** A floating-point fraction (0.0725 is 7.25 %) as a percentage half-up to `decimals` decimals, with "%". */
export function formatPercent(rate: number, decimals = 3): string {
  return `${formatHalfUp(decimalOf(rate), 10n ** 10n, decimals)}%`;
}

/** A floating-point price per 100 half-up to `decimals` decimals ("99.875"). */
export function formatPrice(pricePer100: number, decimals = 3): string {
  return formatHalfUp(decimalOf(pricePer100), 10n ** 12n, decimals);
}

/** `value` times 1e12, as the integer its 12-decimal rendering says (exact for the decimal the double stands for). */
function decimalOf(value: number): bigint {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = Math.abs(value).toFixed(12);
  const [whole, fraction] = text.split(".");
  const magnitude = BigInt(whole) * 10n ** 12n + BigInt(fraction);
  return value < 0 ? -magnitude : magnitude;
}
