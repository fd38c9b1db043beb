/**
 * Percentages as reports print them: always two decimals. Shares of a whole add up to exactly
 * 100.00% (largest remainder); a ratio that must never overstate (reserve coverage) is rounded down.
 */

const DECIMALS = 2n;
/** Hundredths of a percent in a whole. */
const WHOLE = 100n * 10n ** DECIMALS;

/** `hundredths` of a percent as text, "58.82%". */
function asPercent(hundredths: bigint): string {
  const unit = 10n ** DECIMALS;
  return `${hundredths / unit}.${(hundredths % unit).toString().padStart(Number(DECIMALS), "0")}%`;
}

/**
 * Each of `parts` as a share of their sum `total`, with two decimals, adding up to 100.00%: each
 * share is rounded down, then the hundredths left go one each to the largest remainders (the
 * earlier part first on a tie). Throws when the parts do not add up to `total`.
 */
export function percentShares(parts: readonly bigint[], total: bigint): string[] {
  const sum = parts.reduce((a, b) => a + b, 0n);
  if (sum !== total) throw new Error(`shares of ${total}: the parts add up to ${sum}`);
  if (total === 0n) return parts.map(() => asPercent(0n));
  const shares = parts.map((part) => (part * WHOLE) / total);
  const remainder = (i: number) => (parts[i] * WHOLE) % total;
  let left = WHOLE - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = parts
    .map((_, i) => i)
    .sort((a, b) => (remainder(b) > remainder(a) ? 1 : remainder(b) < remainder(a) ? -1 : a - b));
  for (const i of byRemainder) {
    if (left === 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  return shares.map(asPercent);
}

/** `numerator / denominator` as a percentage with two decimals, rounded down (it never overstates). */
export function percentDown(numerator: bigint, denominator: bigint): string {
  return asPercent((numerator * WHOLE) / denominator);
}
