import { expect } from "chai";
import type { BondScheduleMock } from "../../../../typechain-types/index.js";
import {
  DAY_COUNT_CONVENTIONS,
  DayCountConvention,
  SECONDS_PER_DAY,
  accrualFraction,
  addMonths,
  couponSchedule,
  dayFromIso,
  recordDatesPassed,
  timeFromIso,
  type ScheduleTerms,
} from "../../../../src/sdk/bond/index.js";
import { ethers, networkHelpers } from "../../fixtures.js";
import { Random, biasedDay } from "./random.js";

const RANDOM_BONDS = 200;
const HOUR = 3_600n;

async function deploySchedule(): Promise<BondScheduleMock> {
  return ethers.deployContract("BondScheduleMock");
}

interface ContractSchedule {
  dates: bigint[];
  startDays: bigint[];
  refStartDays: bigint[];
  numerators: bigint[];
  denominators: bigint[];
}

async function scheduleOf(
  mock: BondScheduleMock,
  terms: ScheduleTerms,
  convention: DayCountConvention,
): Promise<ContractSchedule> {
  const result = await mock.schedule(terms.issueDate, terms.maturityDate, terms.frequency, convention);
  const [dates, startDays, refStartDays, numerators, denominators] = result.map((column: bigint[]) => [...column]);
  return { dates, startDays, refStartDays, numerators, denominators };
}

/** What the TypeScript library says, in the shape of {scheduleOf}. */
function expectedScheduleOf(terms: ScheduleTerms, convention: DayCountConvention): ContractSchedule {
  const coupons = couponSchedule(terms);
  const fractions = coupons.map((c) => accrualFraction(c, terms.frequency, convention));
  return {
    dates: coupons.map((c) => c.date),
    startDays: coupons.map((c) => c.startDay),
    refStartDays: coupons.map((c) => c.refStartDay),
    numerators: fractions.map((f) => f.numerator),
    denominators: fractions.map((f) => f.denominator),
  };
}

/** Numerators (or denominators) of coupon `index` in every convention, in convention order. */
async function fractionsOf(mock: BondScheduleMock, terms: ScheduleTerms, index: number): Promise<[bigint[], bigint[]]> {
  const schedules = await Promise.all(DAY_COUNT_CONVENTIONS.map((cv) => scheduleOf(mock, terms, cv)));
  DAY_COUNT_CONVENTIONS.forEach((cv, i) => expect(schedules[i]).to.deep.equal(expectedScheduleOf(terms, cv)));
  return [schedules.map((s) => s.numerators[index]), schedules.map((s) => s.denominators[index])];
}

/** Random terms: tenors of 1 month to 30 years, often not a whole number of periods, biased dates and times of day. */
function randomTerms(random: Random): ScheduleTerms {
  const frequency = random.pick([1n, 2n, 3n, 4n, 6n, 12n]);
  const issueDay = biasedDay(random);
  // Keep the number of coupons moderate (at most about 40) so that the test stays fast.
  const maxMonths = (40n * 12n) / frequency < 360n ? (40n * 12n) / frequency : 360n;
  let maturityDay = addMonths(issueDay, random.between(1n, maxMonths), random.chance(30n));
  if (random.chance(50n)) maturityDay += random.between(-20n, 20n);
  if (maturityDay <= issueDay) maturityDay = issueDay + 1n;
  const timeOfDay = () => (random.chance(40n) ? 0n : random.below(SECONDS_PER_DAY));
  return {
    issueDate: issueDay * SECONDS_PER_DAY + timeOfDay(),
    maturityDate: maturityDay * SECONDS_PER_DAY + timeOfDay(),
    frequency,
  };
}

describe("CouponSchedule", function () {
  describe("hand-worked schedules", function () {
    it("semi-annual, maturity at a month end: a short first period and the end-of-month rule", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const terms = {
        issueDate: timeFromIso("2025-05-15", 9n * HOUR),
        maturityDate: timeFromIso("2030-08-31", 12n * HOUR),
        frequency: 2n,
      };
      const schedule = await scheduleOf(mock, terms, DayCountConvention.ACT_ACT_ICMA);
      expect(schedule.dates).to.deep.equal(
        [
          "2025-08-31",
          "2026-02-28",
          "2026-08-31",
          "2027-02-28",
          "2027-08-31",
          "2028-02-29",
          "2028-08-31",
          "2029-02-28",
          "2029-08-31",
          "2030-02-28",
          "2030-08-31",
        ].map((d) => timeFromIso(d, 12n * HOUR)),
      );
      expect(schedule.startDays[0]).to.equal(dayFromIso("2025-05-15"));
      expect(schedule.refStartDays[0]).to.equal(dayFromIso("2025-02-28"));
      expect(schedule.startDays[1]).to.equal(dayFromIso("2025-08-31"));
      expect(schedule.refStartDays[1]).to.equal(dayFromIso("2025-08-31"));
      // Short first period 2025-05-15 to 2025-08-31 (108 days; reference period 184 days), in convention order
      // (30/360, 30E/360, ACT/365F, ACT/ACT ICMA, ACT/360, ACT/ACT ISDA: every day in 2025, not a leap year).
      expect(await fractionsOf(mock, terms, 0)).to.deep.equal([
        [106n, 105n, 108n, 108n, 108n, 108n],
        [360n, 360n, 365n, 368n, 360n, 365n],
      ]);
      // Regular 2025-08-31 to 2026-02-28 (181 days): 30/360 gives 178, ACT/ACT ICMA exactly one half.
      expect(await fractionsOf(mock, terms, 1)).to.deep.equal([
        [178n, 178n, 181n, 181n, 181n, 181n],
        [360n, 360n, 365n, 362n, 360n, 365n],
      ]);
    });

    it("annual, the short first period of the ISDA 1998 paper: ACT/ACT ICMA 150/365", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const terms = { issueDate: timeFromIso("1999-02-01"), maturityDate: timeFromIso("2004-07-01"), frequency: 1n };
      const schedule = await scheduleOf(mock, terms, DayCountConvention.ACT_ACT_ICMA);
      expect(schedule.dates).to.deep.equal(
        ["1999-07-01", "2000-07-01", "2001-07-01", "2002-07-01", "2003-07-01", "2004-07-01"].map((d) => timeFromIso(d)),
      );
      expect([schedule.numerators[0], schedule.denominators[0]]).to.deep.equal([150n, 365n]);
      expect([schedule.numerators[1], schedule.denominators[1]]).to.deep.equal([366n, 366n]); // 2000 is a leap year
      expect(schedule).to.deep.equal(expectedScheduleOf(terms, DayCountConvention.ACT_ACT_ICMA));
    });

    it("a whole number of periods: no short first period, the first period starts on the issue day", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const terms = { issueDate: timeFromIso("2025-01-15"), maturityDate: timeFromIso("2030-01-15"), frequency: 2n };
      const schedule = await scheduleOf(mock, terms, DayCountConvention.ACT_ACT_ICMA);
      expect(schedule.dates.length).to.equal(10);
      expect(schedule.dates[0]).to.equal(timeFromIso("2025-07-15"));
      expect(schedule.startDays[0]).to.equal(dayFromIso("2025-01-15"));
      expect(schedule.refStartDays[0]).to.equal(dayFromIso("2025-01-15"));
      expect(await fractionsOf(mock, terms, 0)).to.deep.equal([
        [180n, 180n, 181n, 181n, 181n, 181n],
        [360n, 360n, 365n, 362n, 360n, 365n],
      ]);
    });

    it("monthly with the end-of-month rule, quarterly without it", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const monthly = await scheduleOf(
        mock,
        { issueDate: timeFromIso("2025-10-10"), maturityDate: timeFromIso("2026-01-31"), frequency: 12n },
        DayCountConvention.THIRTY_360_BOND_BASIS,
      );
      expect(monthly.dates).to.deep.equal(
        ["2025-10-31", "2025-11-30", "2025-12-31", "2026-01-31"].map((d) => timeFromIso(d)),
      );
      const quarterly = await scheduleOf(
        mock,
        { issueDate: timeFromIso("2027-12-01"), maturityDate: timeFromIso("2029-08-30"), frequency: 4n },
        DayCountConvention.THIRTY_360_BOND_BASIS,
      );
      expect(quarterly.dates).to.deep.equal(
        ["2028-02-29", "2028-05-30", "2028-08-30", "2028-11-30", "2029-02-28", "2029-05-30", "2029-08-30"].map((d) =>
          timeFromIso(d),
        ),
      );
    });

    it("a coupon date on the issue day is not a coupon, whatever the times of day", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      for (const maturityTime of [0n, 23n * HOUR]) {
        const terms = {
          issueDate: timeFromIso("2025-01-15", 10n * HOUR),
          maturityDate: timeFromIso("2026-01-15", maturityTime),
          frequency: 1n,
        };
        expect(await mock.couponCount(terms.issueDate, terms.maturityDate, terms.frequency)).to.equal(1n);
        expect(await mock.couponDate(terms.issueDate, terms.maturityDate, terms.frequency, 0n)).to.equal(
          terms.maturityDate,
        );
      }
    });

    it("a zero-coupon bond has no coupon", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const [issue, maturity] = [timeFromIso("2025-01-15"), timeFromIso("2026-01-15")];
      expect(await mock.couponCount(issue, maturity, 0n)).to.equal(0n);
      await expect(mock.couponDate(issue, maturity, 0n, 0n))
        .to.be.revertedWithCustomError(mock, "CouponScheduleInvalidCoupon")
        .withArgs(0n, 0n);
      expect(await mock.countBeforeBatch(issue, maturity, 0n, [maturity + 1n])).to.deep.equal([0n]);
    });
  });

  describe("invalid terms", function () {
    it("refuses a frequency that does not divide 12", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const [issue, maturity] = [timeFromIso("2025-01-15"), timeFromIso("2026-01-15")];
      for (const frequency of [5n, 7n, 13n, 24n]) {
        await expect(mock.couponCount(issue, maturity, frequency))
          .to.be.revertedWithCustomError(mock, "CouponScheduleInvalidFrequency")
          .withArgs(frequency);
      }
    });

    it("refuses a maturity that is not on a later day than the issue", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const issue = timeFromIso("2025-01-15", 1n);
      for (const maturity of [issue, issue - 1n, timeFromIso("2025-01-15", 86_399n)]) {
        await expect(mock.couponCount(issue, maturity, 2n))
          .to.be.revertedWithCustomError(mock, "CouponScheduleInvalidDates")
          .withArgs(issue, maturity);
      }
    });

    it("refuses a coupon index past the last coupon", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const [issue, maturity] = [timeFromIso("2025-01-15"), timeFromIso("2027-01-15")];
      await expect(mock.couponDate(issue, maturity, 2n, 4n))
        .to.be.revertedWithCustomError(mock, "CouponScheduleInvalidCoupon")
        .withArgs(4n, 4n);
    });
  });

  describe("against the TypeScript schedule", function () {
    it(`${RANDOM_BONDS} random bonds: the same dates, accrual periods and fractions (random convention)`, async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const random = new Random(7n);
      const bonds = Array.from({ length: RANDOM_BONDS }, () => ({
        terms: randomTerms(random),
        convention: random.pick(DAY_COUNT_CONVENTIONS),
      }));
      const schedules = await Promise.all(bonds.map(({ terms, convention }) => scheduleOf(mock, terms, convention)));
      let coupons = 0;
      bonds.forEach(({ terms, convention }, i) => {
        const description = JSON.stringify({ ...terms, convention }, (_, v) => (typeof v === "bigint" ? `${v}` : v));
        expect(schedules[i], description).to.deep.equal(expectedScheduleOf(terms, convention));
        coupons += schedules[i].dates.length;
      });
      expect(coupons).to.be.greaterThan(RANDOM_BONDS * 5);
    });

    it("counts the record dates passed as the TypeScript schedule does, to the second around each date", async function () {
      const mock = await networkHelpers.loadFixture(deploySchedule);
      const random = new Random(8n);
      for (let bond = 0; bond < 40; ++bond) {
        const t = randomTerms(random);
        const offset = random.pick([0n, 1n, 15n * SECONDS_PER_DAY, random.below(40n * SECONDS_PER_DAY)]);
        const coupons = couponSchedule(t);
        const times = coupons.flatMap((c) => [-1n, 0n, 1n].map((delta) => c.date - offset + delta));
        times.push(t.issueDate, t.maturityDate + 1n, t.maturityDate + 400n * SECONDS_PER_DAY);
        for (let k = 0; k < 20; ++k) times.push(t.issueDate + random.below(t.maturityDate - t.issueDate + 1n));
        // countBefore(time + offset) is the number of record dates (coupon date - offset) before `time`.
        const counts = await mock.countBeforeBatch(
          t.issueDate,
          t.maturityDate,
          t.frequency,
          times.map((time) => time + offset),
        );
        expect([...counts]).to.deep.equal(times.map((time) => recordDatesPassed(coupons, offset, time)));
      }
    });
  });
});
