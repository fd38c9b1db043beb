import { expect } from "chai";
import type { DayCountMock } from "../../../../typechain-types/index.js";
import {
  DAY_COUNT_CONVENTIONS,
  DayCountConvention,
  addMonths,
  dayCountFraction,
  dayFromIso,
  fromDays,
  isEndOfMonth,
} from "../../../../src/sdk/bond/index.js";
import { ethers, networkHelpers } from "../../fixtures.js";
import { Random, biasedDay, biasedPair } from "./random.js";

const PAIRS_PER_CONVENTION = 1_000;

async function deployDayCount(): Promise<DayCountMock> {
  return ethers.deployContract("DayCountMock");
}

/** Hand-worked from the 2006 ISDA Definitions, Section 4.16: [start, end, numerator over the denominator]. */
const THIRTY_360_VECTORS: readonly [string, string, bigint][] = [
  ["2007-01-15", "2007-01-30", 15n],
  ["2007-01-15", "2007-02-15", 30n],
  ["2007-01-15", "2007-07-15", 180n],
  ["2007-01-15", "2007-01-31", 16n], // D1 = 15: D2 = 31 stays
  ["2007-09-30", "2008-03-31", 180n], // D1 = 30: D2 = 31 becomes 30
  ["2007-09-30", "2007-10-31", 30n],
  ["2007-03-31", "2007-04-30", 30n], // D1 = 31 becomes 30
  ["2007-01-31", "2007-02-28", 28n], // 30 (M2 - M1) + 28 - 30
  ["2006-08-31", "2007-02-28", 178n], // 360 - 180 + 28 - 30
  ["2007-02-28", "2007-08-31", 183n], // no February rule: D1 = 28, so D2 = 31 stays
  ["2008-02-29", "2008-08-31", 182n],
  ["2007-08-31", "2008-02-29", 179n],
  ["2007-03-31", "2007-03-31", 0n],
];
const THIRTY_E_360_VECTORS: readonly [string, string, bigint][] = [
  ["2007-01-15", "2007-01-30", 15n],
  ["2007-01-15", "2007-01-31", 15n], // D2 = 31 always becomes 30
  ["2007-09-30", "2008-03-31", 180n],
  ["2007-01-31", "2007-02-28", 28n],
  ["2006-08-31", "2007-02-28", 178n],
  ["2007-02-28", "2007-08-31", 182n],
  ["2008-02-29", "2008-08-31", 181n],
  ["2007-08-31", "2008-02-29", 179n],
];
const ACT_365_VECTORS: readonly [string, string, bigint][] = [
  ["2007-12-28", "2008-02-28", 62n],
  ["2008-02-28", "2009-02-28", 366n], // the leap day counts, the denominator stays 365
  ["2009-02-28", "2010-02-28", 365n],
  ["2007-01-15", "2007-01-15", 0n],
];
const ACT_360_VECTORS: readonly [string, string, bigint][] = [
  ["2007-12-28", "2008-02-28", 62n],
  ["2025-01-02", "2025-04-03", 91n], // a 91-day bill
  ["2008-02-28", "2009-02-28", 366n],
];
/** [start, end, reference start, frequency, numerator, denominator]. */
const ICMA_VECTORS: readonly [string, string, string, bigint, bigint, bigint][] = [
  ["1998-02-01", "1999-02-01", "1998-02-01", 1n, 365n, 365n], // regular annual period: exactly 1
  ["1999-02-01", "1999-07-01", "1998-07-01", 1n, 150n, 365n], // ISDA 1998 paper, short first period
  ["2002-08-15", "2003-07-15", "2002-07-15", 1n, 334n, 365n], // ISDA 1998 paper, short first period
  ["2025-05-15", "2025-08-31", "2025-02-28", 2n, 108n, 368n], // semi-annual short first period, end-of-month reference
  ["2027-08-31", "2028-02-29", "2027-08-31", 2n, 182n, 364n], // regular half year: exactly 1/2
  ["2024-11-30", "2025-02-28", "2024-11-30", 4n, 90n, 360n], // regular quarter: exactly 1/4
];

describe("DateTime and DayCount", function () {
  describe("DateTime", function () {
    it("applies the Gregorian leap-year rule", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      for (const [year, leap] of [
        [1900n, false],
        [2000n, true],
        [2023n, false],
        [2024n, true],
        [2100n, false],
        [2400n, true],
      ] as const) {
        expect(await mock.isLeapYear(year)).to.equal(leap);
      }
      expect(await mock.daysInMonth(2024n, 2n)).to.equal(29n);
      expect(await mock.daysInMonth(2100n, 2n)).to.equal(28n);
      expect(await mock.daysInMonth(2025n, 4n)).to.equal(30n);
      expect(await mock.daysInMonth(2025n, 12n)).to.equal(31n);
      expect(await mock.daysInMonth(2025n, 13n)).to.equal(0n);
    });

    it("numbers days from 1970-01-01", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      expect(await mock.toDays(1970n, 1n, 1n)).to.equal(0n);
      expect(await mock.toDays(1999n, 12n, 31n)).to.equal(10_956n);
      expect(await mock.toDays(2000n, 3n, 1n)).to.equal(11_017n);
      expect(await mock.toDays(2024n, 2n, 29n)).to.equal(19_782n);
      expect(await mock.toDays(2100n, 3n, 1n)).to.equal(47_541n);
    });

    it("refuses dates that do not exist or precede 1970", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      for (const [year, month, day] of [
        [2023n, 2n, 29n],
        [2100n, 2n, 29n],
        [2024n, 4n, 31n],
        [2024n, 13n, 1n],
        [2024n, 0n, 1n],
        [2024n, 1n, 0n],
        [1969n, 12n, 31n],
      ] as const) {
        await expect(mock.toDays(year, month, day))
          .to.be.revertedWithCustomError(mock, "DateTimeInvalidDate")
          .withArgs(year, month, day);
      }
    });

    it("converts the first 500 days and 1,000 biased day numbers as the independent TypeScript calendar does, both ways", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      const random = new Random(1n);
      const days = Array.from({ length: 1_500 }, (_, i) => (i < 500 ? BigInt(i) : biasedDay(random)));
      const [years, months, dayOfs] = (await mock.fromDaysBatch(days)).map((column: bigint[]) => [...column]);
      days.forEach((day, i) => {
        const expected = fromDays(day);
        expect([years[i], months[i], dayOfs[i]], `day ${day}`).to.deep.equal([
          expected.year,
          expected.month,
          expected.day,
        ]);
      });
      for (const i of [0, 59, 750, 1_499]) {
        expect(await mock.toDays(years[i], months[i], dayOfs[i])).to.equal(days[i]);
      }
    });

    it("adds months with the end-of-month rules", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      const cases: readonly [string, bigint, boolean, string][] = [
        ["2024-08-31", -6n, false, "2024-02-29"], // shorter month: its last day
        ["2024-02-29", -6n, false, "2023-08-29"],
        ["2024-02-29", -6n, true, "2023-08-31"], // end-of-month rule
        ["2030-08-30", -6n, false, "2030-02-28"],
        ["2025-01-31", 1n, false, "2025-02-28"],
        ["2025-01-15", 13n, true, "2026-02-28"],
        ["2099-12-31", 2n, false, "2100-02-28"],
        ["1970-03-31", -2n, false, "1970-01-31"],
      ];
      for (const [from, months, endOfMonth, to] of cases) {
        expect(await mock.addMonths(dayFromIso(from), months, endOfMonth), `${from} ${months}`).to.equal(
          dayFromIso(to),
        );
        expect(addMonths(dayFromIso(from), months, endOfMonth)).to.equal(dayFromIso(to));
      }
    });

    it("adds months as the TypeScript calendar does on 2,000 biased dates", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      const random = new Random(2n);
      const days = Array.from({ length: 500 }, () => biasedDay(random));
      for (const [months, endOfMonth] of [
        [-1n, false],
        [-6n, true],
        [-12n, false],
        [-240n, true],
      ] as const) {
        const results = [...(await mock.addMonthsBatch(days, months, endOfMonth))];
        days.forEach((day, i) => expect(results[i], `day ${day}`).to.equal(addMonths(day, months, endOfMonth)));
      }
    });

    it("refuses to move a date before 1970", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      await expect(mock.addMonths(dayFromIso("1970-03-31"), -3n, false))
        .to.be.revertedWithCustomError(mock, "DateTimeMonthOutOfRange")
        .withArgs(1970n * 12n + 2n, -3n);
    });
  });

  describe("DayCount", function () {
    const fraction = (
      mock: DayCountMock,
      convention: DayCountConvention,
      start: string,
      end: string,
      refStart = start,
      frequency = 1n,
    ) =>
      mock.fraction(convention, dayFromIso(start), dayFromIso(end), dayFromIso(refStart), dayFromIso(end), frequency);

    it("30/360 Bond Basis (ISDA 2006 4.16(f)): hand-worked vectors", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      for (const [start, end, days] of THIRTY_360_VECTORS) {
        const convention = DayCountConvention.THIRTY_360_BOND_BASIS;
        expect(await fraction(mock, convention, start, end), `${start} ${end}`).to.deep.equal([days, 360n]);
      }
    });

    it("30E/360 Eurobond Basis (ISDA 2006 4.16(g)): hand-worked vectors", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      for (const [start, end, days] of THIRTY_E_360_VECTORS) {
        const convention = DayCountConvention.THIRTY_E_360;
        expect(await fraction(mock, convention, start, end), `${start} ${end}`).to.deep.equal([days, 360n]);
      }
    });

    it("ACT/365 Fixed (ISDA 2006 4.16(d)): hand-worked vectors", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      for (const [start, end, days] of ACT_365_VECTORS) {
        const convention = DayCountConvention.ACT_365_FIXED;
        expect(await fraction(mock, convention, start, end), `${start} ${end}`).to.deep.equal([days, 365n]);
      }
    });

    it("ACT/360 (ISDA 2006 4.16(e)): hand-worked vectors", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      for (const [start, end, days] of ACT_360_VECTORS) {
        const convention = DayCountConvention.ACT_360;
        expect(await fraction(mock, convention, start, end), `${start} ${end}`).to.deep.equal([days, 360n]);
      }
    });

    it("ACT/ACT ICMA (ISDA 2006 4.16(c)): hand-worked vectors", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      for (const [start, end, refStart, frequency, numerator, denominator] of ICMA_VECTORS) {
        const convention = DayCountConvention.ACT_ACT_ICMA;
        expect(await fraction(mock, convention, start, end, refStart, frequency), `${start} ${end}`).to.deep.equal([
          numerator,
          denominator,
        ]);
      }
    });

    it("the TypeScript day counts agree with the same hand-worked vectors", function () {
      const ts = (convention: DayCountConvention, start: string, end: string, refStart = start, frequency = 1n) => {
        const f = dayCountFraction(
          convention,
          dayFromIso(start),
          dayFromIso(end),
          dayFromIso(refStart),
          dayFromIso(end),
          frequency,
        );
        return [f.numerator, f.denominator];
      };
      for (const [start, end, days] of THIRTY_360_VECTORS) {
        expect(ts(DayCountConvention.THIRTY_360_BOND_BASIS, start, end)).to.deep.equal([days, 360n]);
      }
      for (const [start, end, days] of THIRTY_E_360_VECTORS) {
        expect(ts(DayCountConvention.THIRTY_E_360, start, end)).to.deep.equal([days, 360n]);
      }
      for (const [start, end, days] of ACT_365_VECTORS) {
        expect(ts(DayCountConvention.ACT_365_FIXED, start, end)).to.deep.equal([days, 365n]);
      }
      for (const [start, end, days] of ACT_360_VECTORS) {
        expect(ts(DayCountConvention.ACT_360, start, end)).to.deep.equal([days, 360n]);
      }
      for (const [start, end, refStart, frequency, numerator, denominator] of ICMA_VECTORS) {
        expect(ts(DayCountConvention.ACT_ACT_ICMA, start, end, refStart, frequency)).to.deep.equal([
          numerator,
          denominator,
        ]);
      }
    });

    for (const convention of DAY_COUNT_CONVENTIONS) {
      it(`convention ${convention}: ${PAIRS_PER_CONVENTION} biased random periods agree with TypeScript`, async function () {
        const mock = await networkHelpers.loadFixture(deployDayCount);
        const random = new Random(100n + BigInt(convention));
        // ACT/ACT ICMA needs a reference period: the regular period of the frequency that ends on the end day.
        for (const frequency of [1n, 2n, 4n, 12n]) {
          const pairs = Array.from({ length: PAIRS_PER_CONVENTION / 4 }, () => biasedPair(random));
          const starts = pairs.map(([start]) => start);
          const ends = pairs.map(([, end]) => end);
          const refStarts = ends.map((end) => addMonths(end, -12n / frequency, isEndOfMonth(end)));
          const [numerators, denominators] = (
            await mock.fractionBatch(convention, starts, ends, refStarts, ends, frequency)
          ).map((column: bigint[]) => [...column]);
          pairs.forEach(([start, end], i) => {
            const expected = dayCountFraction(convention, start, end, refStarts[i], end, frequency);
            expect([numerators[i], denominators[i]], `${start} ${end}`).to.deep.equal([
              expected.numerator,
              expected.denominator,
            ]);
          });
        }
      });
    }

    it("refuses a period that ends before it starts, and an empty reference period", async function () {
      const mock = await networkHelpers.loadFixture(deployDayCount);
      await expect(mock.fraction(DayCountConvention.ACT_365_FIXED, 10n, 9n, 0n, 0n, 0n))
        .to.be.revertedWithCustomError(mock, "DayCountInvalidPeriod")
        .withArgs(10n, 9n);
      await expect(mock.fraction(DayCountConvention.ACT_ACT_ICMA, 10n, 20n, 20n, 20n, 2n))
        .to.be.revertedWithCustomError(mock, "DayCountInvalidReferencePeriod")
        .withArgs(20n, 20n, 2n);
      await expect(mock.fraction(DayCountConvention.ACT_ACT_ICMA, 10n, 20n, 0n, 20n, 0n))
        .to.be.revertedWithCustomError(mock, "DayCountInvalidReferencePeriod")
        .withArgs(0n, 20n, 0n);
    });
  });
});
