/**
 * ACT/ACT ISDA, ACT/ACT ICMA over several reference periods, and the end-of-month flag of the
 * schedule: the contracts (through DayCountMock and BondScheduleMock) and src/sdk/bond against
 * published examples and against each other.
 */
import { expect } from "chai";
import type { BondScheduleMock, DayCountMock } from "../../../../typechain-types/index.js";
import {
  DAY_COUNT_CONVENTIONS,
  DayCountConvention,
  SECONDS_PER_DAY,
  accruedInterest,
  actActIcma,
  actActIsda,
  addMonths,
  couponPeriodAt,
  couponSchedule,
  dayCountFraction,
  dayFromIso,
  isEndOfMonth,
  timeFromIso,
  type ScheduleTerms,
} from "../../../../src/sdk/bond/index.js";
import { ethers, networkHelpers } from "../../fixtures.js";
import { Random, biasedDay, biasedPair } from "./random.js";

async function deployMocks(): Promise<{ dayCount: DayCountMock; schedule: BondScheduleMock }> {
  return {
    dayCount: await ethers.deployContract("DayCountMock"),
    schedule: await ethers.deployContract("BondScheduleMock"),
  };
}

/**
 * The ACT/ACT ISDA examples of ISDA's memo "The Actual/Actual Day Count Fraction" (1999, the 1998
 * paper "EMU and market conventions: recent developments" revised), as QuantLib's day counter tests
 * reproduce them: [start, end, exact fraction, the memo's decimal value].
 */
const ISDA_EXAMPLES: readonly [string, string, [bigint, bigint], number][] = [
  ["2003-11-01", "2004-05-01", [61n * 366n + 121n * 365n, 133_590n], 0.497724380567], // 61/365 + 121/366
  ["1999-02-01", "1999-07-01", [150n, 365n], 0.41095890411], // short first period
  ["1999-07-01", "2000-07-01", [184n * 366n + 182n * 365n, 133_590n], 1.0013773486], // 184/365 + 182/366
  ["2002-08-15", "2003-07-15", [334n, 365n], 0.915068493151], // long first period
  ["2003-07-15", "2004-01-15", [170n * 366n + 14n * 365n, 133_590n], 0.504004790778], // 170/365 + 14/366
  ["1999-07-30", "2000-01-30", [155n * 366n + 29n * 365n, 133_590n], 0.503892506924], // 155/365 + 29/366
  ["2000-01-30", "2000-06-30", [152n, 366n], 0.415300546448], // short final period, all in 2000
];

/** Hand-worked: whole years count 1 each (4 x 365 days over 365 plus 2 x 366 over 366 is exactly 6). */
const ISDA_HAND_WORKED: readonly [string, string, [bigint, bigint]][] = [
  ["1999-01-01", "2005-01-01", [4n * 365n * 366n + 2n * 366n * 365n, 133_590n]],
  ["2024-03-01", "2024-03-01", [0n, 365n]], // empty: no day in either kind of year
  ["2024-12-31", "2025-01-01", [1n, 366n]], // the last day of a leap year
  ["2099-12-31", "2100-03-01", [60n, 365n]], // 2100 is not a leap year: every day over 365
];

/**
 * ACT/ACT ICMA examples of the same memo, with more than one reference period where marked:
 * [start, end, anchor (a regular coupon date), frequency, exact fraction, the memo's decimal value].
 */
const ICMA_EXAMPLES: readonly [string, string, string, bigint, [bigint, bigint], number][] = [
  ["2003-11-01", "2004-05-01", "2004-05-01", 2n, [1n, 2n], 0.5], // regular period
  ["1999-02-01", "1999-07-01", "1999-07-01", 1n, [30n, 73n], 0.41095890411], // short first period: 150/365, reduced
  // Long first period, semi-annual: 2002-08-15 to 2003-01-15 in the reference period 2002-07-15 to
  // 2003-01-15 (153 of 184 days), then the whole period to 2003-07-15: 153/368 + 1/2 = 337/368.
  ["2002-08-15", "2003-07-15", "2003-07-15", 2n, [337n, 368n], 0.915760869565],
  // Short final period: 152 days of the reference period 2000-01-30 to 2000-07-30 (182 days): 152/364.
  ["2000-01-30", "2000-06-30", "2000-01-30", 2n, [38n, 91n], 0.417582417582],
];

describe("Day count and schedule conventions", function () {
  describe("ACT/ACT ISDA", function () {
    it("the contract and the TypeScript give the ISDA memo's examples exactly", async function () {
      const { dayCount } = await networkHelpers.loadFixture(deployMocks);
      for (const [start, end, [numerator, denominator], decimal] of [
        ...ISDA_EXAMPLES,
        ...ISDA_HAND_WORKED.map(([s, e, f]) => [s, e, f, Number(f[0]) / Number(f[1])] as const),
      ]) {
        const [startDay, endDay] = [dayFromIso(start), dayFromIso(end)];
        const onChain = await dayCount.fraction(DayCountConvention.ACT_ACT_ISDA, startDay, endDay, 0n, 0n, 0n);
        expect([...onChain], `${start} ${end}`).to.deep.equal([numerator, denominator]);
        const ts = dayCountFraction(DayCountConvention.ACT_ACT_ISDA, startDay, endDay, 0n, 0n, 0n);
        expect([ts.numerator, ts.denominator]).to.deep.equal([numerator, denominator]);
        expect(Math.abs(Number(numerator) / Number(denominator) - decimal)).to.be.below(1e-11);
      }
    });

    it("keeps the existing conventions' numbers: ACT/ACT ISDA is appended as 5", function () {
      expect(Object.values(DayCountConvention)).to.deep.equal([0, 1, 2, 3, 4, 5]);
      expect(DayCountConvention.ACT_ACT_ISDA).to.equal(5);
    });

    it("refuses a period that ends before it starts", async function () {
      const { dayCount } = await networkHelpers.loadFixture(deployMocks);
      await expect(dayCount.fraction(DayCountConvention.ACT_ACT_ISDA, 10n, 9n, 0n, 0n, 0n))
        .to.be.revertedWithCustomError(dayCount, "DayCountInvalidPeriod")
        .withArgs(10n, 9n);
      expect(() => actActIsda(10n, 9n)).to.not.throw(); // the bare helper counts no day; dayCountFraction checks
      expect(() => dayCountFraction(DayCountConvention.ACT_ACT_ISDA, 10n, 9n, 0n, 0n, 0n)).to.throw(RangeError);
    });
  });

  describe("ACT/ACT ICMA over several reference periods (TypeScript)", function () {
    it("gives the ISDA memo's examples, the long first period across two reference periods", function () {
      for (const [start, end, anchor, frequency, [numerator, denominator], decimal] of ICMA_EXAMPLES) {
        const f = actActIcma(dayFromIso(start), dayFromIso(end), dayFromIso(anchor), frequency);
        expect([f.numerator, f.denominator], `${start} ${end}`).to.deep.equal([numerator, denominator]);
        expect(Math.abs(Number(numerator) / Number(denominator) - decimal)).to.be.below(1e-11);
      }
    });

    it("a long first coupon with the end-of-month rule: 2017-01-10 to 2017-08-31, semi-annual", function () {
      // Reference periods 2016-08-31 to 2017-02-28 (181 days, 49 of them from 2017-01-10) and
      // 2017-02-28 to 2017-08-31 (whole): 49/362 + 1/2 = 230/362 = 115/181.
      const f = actActIcma(dayFromIso("2017-01-10"), dayFromIso("2017-08-31"), dayFromIso("2028-02-29"), 2n);
      expect([f.numerator, f.denominator]).to.deep.equal([115n, 181n]);
      // Without the rule the quasi-coupon dates stay on the 29th where the month has one: 2016-08-29 to
      // 2017-02-28 (183 days, 49 of them) and 2017-02-28 to 2017-08-29, then 2 days of the next period
      // 2017-08-29 to 2018-02-28 (183 days): 49/366 + 1/2 + 2/366 = 234/366 = 39/61.
      const g = actActIcma(dayFromIso("2017-01-10"), dayFromIso("2017-08-31"), dayFromIso("2028-02-29"), 2n, false);
      expect([g.numerator, g.denominator]).to.deep.equal([39n, 61n]);
    });

    it("within one reference period, equals the contract's ICMA fraction on 1,000 random periods", async function () {
      const { dayCount } = await networkHelpers.loadFixture(deployMocks);
      const random = new Random(700n);
      for (const frequency of [1n, 2n, 4n, 12n]) {
        const ends = Array.from({ length: 250 }, () => biasedDay(random) + 400n);
        const refStarts = ends.map((end) => addMonths(end, -12n / frequency, isEndOfMonth(end)));
        const starts = ends.map((end, i) => refStarts[i] + random.below(end - refStarts[i] + 1n));
        const [numerators, denominators] = (
          await dayCount.fractionBatch(DayCountConvention.ACT_ACT_ICMA, starts, ends, refStarts, ends, frequency)
        ).map((column: bigint[]) => [...column]);
        ends.forEach((end, i) => {
          const f = actActIcma(starts[i], end, end, frequency);
          // Equal as rationals: the contract's fraction is not reduced.
          expect(f.numerator * denominators[i], `${starts[i]} ${end}`).to.equal(numerators[i] * f.denominator);
        });
      }
    });

    it("adds up: a period split at any day is the sum of its parts", function () {
      const random = new Random(701n);
      for (let i = 0; i < 300; i++) {
        const [start, end] = biasedPair(random);
        const middle = start + random.below(end - start + 1n);
        const frequency = random.pick([1n, 2n, 4n, 12n]);
        const anchor = biasedDay(random);
        const whole = actActIcma(start, end, anchor, frequency);
        const a = actActIcma(start, middle, anchor, frequency);
        const b = actActIcma(middle, end, anchor, frequency);
        expect(whole.numerator * a.denominator * b.denominator).to.equal(
          (a.numerator * b.denominator + b.numerator * a.denominator) * whole.denominator,
        );
      }
    });
  });

  describe("the end-of-month flag of the schedule", function () {
    const scheduleOf = async (mock: BondScheduleMock, terms: ScheduleTerms) => [
      ...(await mock.scheduleWithRule(terms.issueDate, terms.maturityDate, terms.frequency, 3, terms.endOfMonth!))[0],
    ];

    it("on (the default, today's rule): month ends stay month ends; off: the maturity's day of the month", async function () {
      const { schedule } = await networkHelpers.loadFixture(deployMocks);
      const june = { issueDate: timeFromIso("2028-01-15"), maturityDate: timeFromIso("2030-06-30"), frequency: 2n };
      const on = ["2028-06-30", "2028-12-31", "2029-06-30", "2029-12-31", "2030-06-30"].map((d) => timeFromIso(d));
      const off = ["2028-06-30", "2028-12-30", "2029-06-30", "2029-12-30", "2030-06-30"].map((d) => timeFromIso(d));
      expect(await scheduleOf(schedule, { ...june, endOfMonth: true })).to.deep.equal(on);
      expect(couponSchedule(june).map((c) => c.date)).to.deep.equal(on); // the default is on
      expect(await scheduleOf(schedule, { ...june, endOfMonth: false })).to.deep.equal(off);
      expect(couponSchedule({ ...june, endOfMonth: false }).map((c) => c.date)).to.deep.equal(off);
      // The bond's own entry point (no flag) keeps the rule on.
      const [dates] = await schedule.schedule(june.issueDate, june.maturityDate, 2n, 3);
      expect([...dates]).to.deep.equal(on);
      // A February maturity: 28 August without the rule, 31 August with it.
      const feb = { issueDate: timeFromIso("2030-03-01"), maturityDate: timeFromIso("2031-02-28"), frequency: 2n };
      expect(await scheduleOf(schedule, { ...feb, endOfMonth: false })).to.deep.equal(
        ["2030-08-28", "2031-02-28"].map((d) => timeFromIso(d)),
      );
      expect(await scheduleOf(schedule, { ...feb, endOfMonth: true })).to.deep.equal(
        ["2030-08-31", "2031-02-28"].map((d) => timeFromIso(d)),
      );
    });

    it("off, a coupon can land on the issue day and drop out of the schedule", async function () {
      const { schedule } = await networkHelpers.loadFixture(deployMocks);
      const terms = { issueDate: timeFromIso("2029-12-30"), maturityDate: timeFromIso("2030-06-30"), frequency: 2n };
      expect(await scheduleOf(schedule, { ...terms, endOfMonth: true })).to.deep.equal(
        ["2029-12-31", "2030-06-30"].map((d) => timeFromIso(d)),
      );
      expect(await scheduleOf(schedule, { ...terms, endOfMonth: false })).to.deep.equal([timeFromIso("2030-06-30")]);
      expect(couponSchedule({ ...terms, endOfMonth: false }).map((c) => c.date)).to.deep.equal([
        timeFromIso("2030-06-30"),
      ]);
    });

    it("200 random bonds without the rule: the contract's dates, periods and fractions equal the TypeScript", async function () {
      const { schedule } = await networkHelpers.loadFixture(deployMocks);
      const random = new Random(702n);
      for (let i = 0; i < 200; i++) {
        const frequency = random.pick([1n, 2n, 3n, 4n, 6n, 12n]);
        const issueDay = biasedDay(random);
        const maturityDay = addMonths(issueDay, random.between(1n, 60n), true) - random.below(3n);
        if (maturityDay <= issueDay) continue;
        const terms = {
          issueDate: issueDay * SECONDS_PER_DAY,
          maturityDate: maturityDay * SECONDS_PER_DAY + random.below(SECONDS_PER_DAY),
          frequency,
          endOfMonth: false,
        };
        const convention = random.pick([DayCountConvention.ACT_ACT_ICMA, DayCountConvention.ACT_ACT_ISDA]);
        const [dates, startDays, refStartDays, numerators, denominators] = (
          await schedule.scheduleWithRule(terms.issueDate, terms.maturityDate, frequency, convention, false)
        ).map((column: bigint[]) => [...column]);
        const coupons = couponSchedule(terms);
        expect(dates).to.deep.equal(coupons.map((c) => c.date));
        expect(startDays).to.deep.equal(coupons.map((c) => c.startDay));
        expect(refStartDays).to.deep.equal(coupons.map((c) => c.refStartDay));
        const fractions = coupons.map((c) =>
          dayCountFraction(convention, c.startDay, c.endDay, c.refStartDay, c.endDay, frequency),
        );
        expect(numerators).to.deep.equal(fractions.map((f) => f.numerator));
        expect(denominators).to.deep.equal(fractions.map((f) => f.denominator));
      }
    });
  });

  describe("accrued interest: the contract's day count and rounding equal the SDK's to the unit", function () {
    for (const convention of DAY_COUNT_CONVENTIONS) {
      it(`convention ${convention}: 1,000 random bonds and settlement dates`, async function () {
        const { dayCount } = await networkHelpers.loadFixture(deployMocks);
        const random = new Random(800n + BigInt(convention));
        for (const frequency of [1n, 2n, 4n, 12n]) {
          const cases = Array.from({ length: 250 }, () => {
            const issueDay = biasedDay(random);
            const maturityDay = addMonths(issueDay, random.between(1n, 120n), random.chance(50n)) + random.below(3n);
            const terms = {
              issueDate: issueDay * SECONDS_PER_DAY,
              maturityDate: maturityDay * SECONDS_PER_DAY,
              frequency,
              faceValue: random.between(1n, 10n ** 12n),
              couponRateBps: random.between(0n, 5_000n),
              dayCount: convention,
              decimals: random.pick([0n, 6n, 18n]),
            };
            const settlementDay = issueDay + random.below(maturityDay - issueDay);
            const coupon = couponSchedule(terms)[couponPeriodAt(couponSchedule(terms), settlementDay)];
            return { terms, settlementDay, coupon, amount: random.below(10n ** (terms.decimals + 9n)) };
          });
          const [numerators, denominators] = (
            await dayCount.fractionBatch(
              convention,
              cases.map((c) => c.coupon.startDay),
              cases.map((c) => c.settlementDay),
              cases.map((c) => c.coupon.refStartDay),
              cases.map((c) => c.coupon.endDay),
              frequency,
            )
          ).map((column: bigint[]) => [...column]);
          cases.forEach(({ terms, settlementDay, amount }, i) => {
            // The bond's rounding (CouponTerms.perToken, then a holder's share): mulDiv down, twice.
            const perToken = (terms.faceValue * terms.couponRateBps * numerators[i]) / (10_000n * denominators[i]);
            const expected = (amount * perToken) / 10n ** terms.decimals;
            const sdk = accruedInterest(terms, amount, settlementDay * SECONDS_PER_DAY + random.below(SECONDS_PER_DAY));
            expect([sdk.perToken, sdk.amount], `case ${i}`).to.deep.equal([perToken, expected]);
          });
        }
      });
    }
  });
});
