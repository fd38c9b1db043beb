/**
 * A seeded pseudo-random generator (SplitMix64, on bigint) and calendar-biased date generators for
 * the differential tests of the bond's schedule against `src/sdk/bond`: runs are reproducible, and the
 * dates lean toward the cases where conventions differ (Feb 28/29, month ends, year ends, the 30th).
 */
import { daysInMonth, toDays } from "../../../../src/sdk/bond/index.js";

const MASK_64 = (1n << 64n) - 1n;

export class Random {
  private state: bigint;

  constructor(seed: bigint) {
    this.state = seed & MASK_64;
  }

  /** A uniform 64-bit value. */
  next(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & MASK_64;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
    return z ^ (z >> 31n);
  }

  /** A uniform value in [0, bound). */
  below(bound: bigint): bigint {
    return this.next() % bound;
  }

  /** A uniform value in [low, high]. */
  between(low: bigint, high: bigint): bigint {
    return low + this.below(high - low + 1n);
  }

  /** True `percent` times out of 100. */
  chance(percent: bigint): boolean {
    return this.below(100n) < percent;
  }

  pick<T>(items: readonly T[]): T {
    return items[Number(this.below(BigInt(items.length)))];
  }
}

/** Leap years, the non-leap century 2100 and its neighbours: over-represented. */
const SPECIAL_YEARS = [1996n, 2000n, 2004n, 2023n, 2024n, 2028n, 2096n, 2099n, 2100n, 2104n];

/** A day number between 1990 and 2110, biased toward calendar edge cases. */
export function biasedDay(random: Random): bigint {
  const year = random.chance(30n) ? random.pick(SPECIAL_YEARS) : random.between(1990n, 2110n);
  const month = random.between(1n, 12n);
  const kind = random.below(100n);
  if (kind < 25n) return toDays({ year, month, day: daysInMonth(year, month) }); // a month end
  if (kind < 40n) {
    // Around the end of February: the 28th, the 29th in leap years, the 1st of March.
    const day = random.pick([28n, daysInMonth(year, 2n), 1n]);
    return toDays({ year, month: day === 1n ? 3n : 2n, day });
  }
  if (kind < 50n)
    return random.chance(50n) ? toDays({ year, month: 12n, day: 31n }) : toDays({ year, month: 1n, day: 1n });
  if (kind < 55n) return toDays({ year, month: random.pick([1n, 3n, 5n, 7n, 8n, 10n, 12n]), day: 30n });
  return toDays({ year, month, day: random.between(1n, daysInMonth(year, month)) });
}

/** An ordered pair of day numbers: often a short or a coupon-like span, sometimes two unrelated dates. */
export function biasedPair(random: Random): [bigint, bigint] {
  const start = biasedDay(random);
  if (random.chance(50n)) return [start, start + random.below(random.pick([2n, 32n, 190n, 400n, 3700n]))];
  const other = biasedDay(random);
  return other < start ? [other, start] : [start, other];
}
