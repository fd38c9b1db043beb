/**
 * Accrued interest, price and yield of coupon bonds, the US bill quotes and the half-up display of
 * src/sdk: published examples (cited on each) and hand computations (shown on each).
 */
import { expect } from "chai";
import {
  DayCountConvention,
  accruedInterest,
  cleanPriceFromYield,
  dirtyPriceFromYield,
  timeFromIso,
  yieldFromCleanPrice,
  yieldFromDirtyPrice,
  type CouponBondTerms,
} from "../../../src/sdk/bond/index.js";
import { WAD, bondEquivalentYield, discountYield, priceForDiscountYield, sqrt } from "../../../src/sdk/tbill/index.js";
import {
  divideHalfUp,
  formatHalfUp,
  formatPer100,
  formatPercent,
  formatPrice,
  formatWadPercent,
} from "../../../src/sdk/quotes.js";

const USD = 10n ** 6n;
const DAY = 86_400n;

/** 11.75 % semi-annual, ACT/ACT ICMA, 100 dollars a bond (6 decimals), 15 December 2026 to 15 December 2029. */
const PIB: CouponBondTerms = {
  issueDate: timeFromIso("2026-12-15"),
  maturityDate: timeFromIso("2029-12-15"),
  frequency: 2n,
  faceValue: 100n * USD,
  couponRateBps: 1175n,
  dayCount: DayCountConvention.ACT_ACT_ICMA,
  decimals: 6n,
  recordDateOffset: 15n * DAY,
};

const near = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).to.be.below(tolerance);

describe("sdk: accrued interest, price and yield, bill quotes, display", function () {
  describe("accrued interest", function () {
    it("Microsoft's ACCRINT example: 10 % on 1,000 under 30/360 from 1 March to 1 May 2008 is 16.666667", function () {
      // support.microsoft.com, "ACCRINT function": issue 2008-03-01, first interest 2008-08-31,
      // settlement 2008-05-01, rate 10 %, par 1,000, semi-annual, basis 0 (US 30/360): 16.666667.
      // Here: 60/360 of 100 dollars a year on 1,000 dollars = 16.666666 dollars, rounded down to the unit.
      const terms: CouponBondTerms = {
        issueDate: timeFromIso("2008-03-01"),
        maturityDate: timeFromIso("2010-08-31"),
        frequency: 2n,
        faceValue: 1_000n * USD,
        couponRateBps: 1_000n,
        dayCount: DayCountConvention.THIRTY_360_BOND_BASIS,
        decimals: 6n,
      };
      const accrued = accruedInterest(terms, USD, timeFromIso("2008-05-01"));
      expect([accrued.period, accrued.fraction.numerator, accrued.fraction.denominator]).to.deep.equal([0, 60n, 360n]);
      expect([accrued.perToken, accrued.amount]).to.deep.equal([16_666_666n, 16_666_666n]);
    });

    it("ACT/ACT ICMA mid-period, rounded per bond then per amount, as the bond rounds a coupon", function () {
      // 2026-12-15 to 2027-03-01 is 76 days (17 + 31 + 28) of a 182-day period: 100 * 11.75 % * 76 / (2 * 182)
      // = 2.453296703... dollars a bond, 2,453,296 units. 1,234.567891 bonds: 1,234,567,891 * 2,453,296 / 1e6
      // = 3,028,760,468.3... , 3,028,760,468 units.
      const accrued = accruedInterest(PIB, 1_234_567_891n, timeFromIso("2027-03-01", 13n * 3_600n));
      expect([accrued.fraction.numerator, accrued.fraction.denominator]).to.deep.equal([76n, 364n]);
      expect([accrued.perToken, accrued.amount, accrued.exCoupon]).to.deep.equal([2_453_296n, 3_028_760_468n, false]);
    });

    it("is zero on the issue day and on each coupon day (a new period starts)", function () {
      for (const date of ["2026-12-15", "2027-06-15", "2029-06-15"]) {
        expect(accruedInterest(PIB, USD, timeFromIso(date)).amount, date).to.equal(0n);
      }
    });

    it("ex-coupon after the record date: negative, the days left to the coupon date", function () {
      // 2027-06-10 is after the record date 2027-05-31: 177 days accrued (5,713,598 units a bond, 5.7135989...
      // rounded down) less the whole coupon 5.875 dollars = -0.161402 dollars, that is -5.875 * 5 / 182 to the unit.
      const accrued = accruedInterest(PIB, USD, timeFromIso("2027-06-10"));
      expect([accrued.exCoupon, accrued.perToken, accrued.amount]).to.deep.equal([true, -161_402n, -161_402n]);
      // At the record date itself (not after it) the buyer still gets the coupon.
      expect(accruedInterest(PIB, USD, timeFromIso("2027-05-31")).exCoupon).to.equal(false);
      // The final coupon is paid with the principal to whoever redeems: never ex-coupon.
      expect(accruedInterest(PIB, USD, timeFromIso("2029-12-10")).exCoupon).to.equal(false);
    });

    it("a zero-coupon bond accrues nothing; a settlement outside the bond's life is refused", function () {
      expect(accruedInterest({ ...PIB, frequency: 0n }, USD, timeFromIso("2027-03-01")).amount).to.equal(0n);
      expect(() => accruedInterest(PIB, USD, timeFromIso("2026-12-14"))).to.throw(RangeError, /settlement day/);
      expect(() => accruedInterest(PIB, USD, timeFromIso("2029-12-15"))).to.throw(RangeError, /settlement day/);
      expect(() => accruedInterest(PIB, -1n, timeFromIso("2027-03-01"))).to.throw(RangeError, /amount/);
    });
  });

  describe("price and yield (street convention)", function () {
    /** The examples of Microsoft's PRICE and YIELD functions: 5.75 % semi-annual, US 30/360. */
    const excel = (maturity: string) => ({
      issueDate: timeFromIso(maturity.replace(/^\d{4}/, "2007")),
      maturityDate: timeFromIso(maturity),
      frequency: 2n,
      couponRateBps: 575n,
      dayCount: DayCountConvention.THIRTY_360_BOND_BASIS,
    });

    it("Microsoft's PRICE example: settled 2008-02-15, maturing 2017-11-15, 6.5 % yield: 94.63436162", function () {
      // support.microsoft.com, "PRICE function": PRICE(2008-02-15, 2017-11-15, 5.75%, 6.5%, 100, 2, 0) = $94.63.
      const price = cleanPriceFromYield(excel("2017-11-15"), timeFromIso("2008-02-15"), 0.065);
      near(price, 94.63436162, 1e-8);
      expect(formatPrice(price, 2)).to.equal("94.63");
      // Accrued: 90 of 180 days of a 2.875 coupon, 1.4375 per 100.
      near(dirtyPriceFromYield(excel("2017-11-15"), timeFromIso("2008-02-15"), 0.065) - price, 1.4375, 1e-12);
    });

    it("Microsoft's YIELD example: settled 2008-02-15, maturing 2016-11-15, price 95.04287: 6.5 %", function () {
      // support.microsoft.com, "YIELD function": YIELD(2008-02-15, 2016-11-15, 5.75%, 95.04287, 100, 2, 0) = 6.5%.
      const y = yieldFromCleanPrice(excel("2016-11-15"), timeFromIso("2008-02-15"), 95.04287);
      near(y, 0.065, 1e-6);
      expect(formatPercent(y, 3)).to.equal("6.500%");
    });

    it("the US Treasury's convention gives the published prices of two 10-year note reopenings to 6 decimals", function () {
      // Auction results as The Bond Buyer reported them: 2 1/4 % notes dated 2017-11-15 maturing 2027-11-15,
      // reopened at a 2.579 % high yield: price 97.156278 ("Treasury 10-year notes high yield rise to 2.579%
      // in Jan. 10 auction"); 2 1/4 % notes dated 2017-02-15 maturing 2027-02-15, reopened at 2.332 %: price
      // 99.280319 ("Treasury 10-year notes go at 2.332% high yield on April 11"). Settled on the reopenings'
      // issue days, the 15th moved to the next business day: 2018-01-16 (after Martin Luther King Day) and
      // 2017-04-17 (the 15th a Saturday). Formula of 31 CFR Part 356, Appendix B: simple interest over the
      // 119 (120) of 181 days to the next coupon.
      const note = (dated: string, maturity: string) => ({
        issueDate: timeFromIso(dated),
        maturityDate: timeFromIso(maturity),
        frequency: 2n,
        couponRateBps: 225n,
        dayCount: DayCountConvention.ACT_ACT_ICMA,
      });
      const jan = note("2017-11-15", "2027-11-15");
      const apr = note("2017-02-15", "2027-02-15");
      expect(formatPrice(cleanPriceFromYield(jan, timeFromIso("2018-01-16"), 0.02579, "treasury"), 6)).to.equal(
        "97.156278",
      );
      expect(formatPrice(cleanPriceFromYield(apr, timeFromIso("2017-04-17"), 0.02332, "treasury"), 6)).to.equal(
        "99.280319",
      );
      // And back: the yield of the published price is the high yield, to the price's 6 decimals.
      near(yieldFromCleanPrice(jan, timeFromIso("2018-01-16"), 97.156278, "treasury"), 0.02579, 1e-7);
      // The street convention compounds the fractional period: a slightly higher price here.
      near(cleanPriceFromYield(jan, timeFromIso("2018-01-16"), 0.02579), 97.1580786, 1e-6);
      // On a coupon date (no fractional period) the conventions agree.
      near(
        cleanPriceFromYield(jan, timeFromIso("2018-05-15"), 0.03, "treasury"),
        cleanPriceFromYield(jan, timeFromIso("2018-05-15"), 0.03),
        1e-10,
      );
    });

    it("par: on a coupon date at a yield equal to the coupon rate, the price is 100 (ACT/ACT ICMA)", function () {
      for (const date of ["2027-06-15", "2028-12-15", "2029-06-15"]) {
        near(cleanPriceFromYield(PIB, timeFromIso(date), 0.1175), 100, 1e-9);
      }
    });

    it("the final period is simple interest: 105.875 / (1 + 105/183 x y/2)", function () {
      // Settled 2029-09-01, 105 days (30 + 31 + 30 + 14) before the maturity, in the 183-day period from
      // 2029-06-15; the flows are the last coupon 5.875 and 100. At 10 %: 105.875 / (1 + 105/183 * 0.05).
      const dirty = 105.875 / (1 + (105 / 183) * 0.05);
      near(dirtyPriceFromYield(PIB, timeFromIso("2029-09-01"), 0.1), dirty, 1e-10);
      // Accrued 78 of 183 days: 5.875 * 78 / 183.
      near(cleanPriceFromYield(PIB, timeFromIso("2029-09-01"), 0.1), dirty - (5.875 * 78) / 183, 1e-10);
    });

    it("a fractional first period compounds: two flows discounted at (1 + y/2)^(w) and ^(1 + w)", function () {
      // Maturity 2027-12-15, settled 2027-03-01: w = 106/182; flows 5.875 (2027-06-15) and 105.875 (2027-12-15).
      const terms = { ...PIB, maturityDate: timeFromIso("2027-12-15") };
      const w = 106 / 182;
      const expected = 5.875 / 1.05 ** w + 105.875 / 1.05 ** (1 + w);
      near(dirtyPriceFromYield(terms, timeFromIso("2027-03-01"), 0.1), expected, 1e-10);
    });

    it("ex-coupon, the coming coupon is not the buyer's: the dirty price drops by its discounted value", function () {
      const settle = timeFromIso("2027-06-10"); // after the record date 2027-05-31
      const cum = dirtyPriceFromYield({ ...PIB, recordDateOffset: undefined }, settle, 0.1);
      const ex = dirtyPriceFromYield(PIB, settle, 0.1);
      near(cum - ex, 5.875 / 1.05 ** (5 / 182), 1e-10); // 5 days left of 182
    });

    for (const dayCount of Object.values(DayCountConvention)) {
      it(`yield from price inverts price from yield (day count ${dayCount}), from -5 % to 60 %`, function () {
        const terms = {
          ...PIB,
          dayCount,
          maturityDate: timeFromIso("2045-08-31"),
          issueDate: timeFromIso("2025-05-15"),
        };
        for (const [date, y] of [
          ["2025-05-15", 0.0725],
          ["2026-02-27", -0.05],
          ["2031-08-30", 0.6],
          ["2045-03-01", 0.03],
          ["2045-08-29", 0.25], // two days before maturity
        ] as const) {
          const settle = timeFromIso(date);
          near(yieldFromCleanPrice(terms, settle, cleanPriceFromYield(terms, settle, y)), y, 1e-9);
          near(yieldFromDirtyPrice(terms, settle, dirtyPriceFromYield(terms, settle, y)), y, 1e-9);
          const treasury = dirtyPriceFromYield(terms, settle, y, "treasury");
          near(yieldFromDirtyPrice(terms, settle, treasury, "treasury"), y, 1e-9);
        }
      });
    }

    it("refuses what has no yield, and a settlement outside the bond's life", function () {
      expect(() => yieldFromCleanPrice(PIB, timeFromIso("2027-03-01"), -1)).to.throw(RangeError, /positive/);
      expect(() => cleanPriceFromYield(PIB, timeFromIso("2030-01-01"), 0.05)).to.throw(RangeError, /settlement day/);
      expect(() => cleanPriceFromYield(PIB, timeFromIso("2027-03-01"), -2)).to.throw(RangeError, /yield/);
      expect(() => cleanPriceFromYield({ ...PIB, frequency: 0n }, timeFromIso("2027-03-01"), 0.05)).to.throw(
        RangeError,
        /coupon bond/,
      );
    });
  });

  describe("treasury bill quotes", function () {
    // A 91-day bill as TreasuryDirect published it (quoted on joetaxpayer.com, "The Archives", question 2):
    // discount rate 4.975 %, investment rate 5.108 %, price per 100 98.742431.
    const dollars = { faceValue: 100n * USD };

    it("discount rate to price: 100 (1 - 4.975 % x 91 / 360) = 98.742431 per 100, half-up", function () {
      const fine = { faceValue: 100n * 10n ** 18n }; // enough units for the exact price to show 6 decimals
      const price = priceForDiscountYield(fine, (4_975n * WAD) / 100_000n, 91n);
      expect(price).to.equal(98_742_430_555_555_555_555n); // 98.7424305555..., rounded down
      expect(formatPer100(price, fine.faceValue, 6)).to.equal("98.742431");
      expect(priceForDiscountYield(dollars, (4_975n * WAD) / 100_000n, 91n)).to.equal(98_742_430n);
    });

    it("price to discount rate and investment rate (bond-equivalent yield): 4.975 % and 5.108 %", function () {
      const price = 98_742_431n;
      // (100 - 98.742431) / 100 * 360 / 91 = 0.0497499...
      expect(formatWadPercent(discountYield(dollars, price, 91n), 3)).to.equal("4.975%");
      // (100 - 98.742431) / 98.742431 * 365 / 91 = 0.0510833...
      const bey = bondEquivalentYield(dollars, price, 91n);
      expect(formatWadPercent(bey, 3)).to.equal("5.108%");
      expect(bey).to.equal((1_257_569n * 365n * WAD) / (price * 91n));
    });

    it("over half a year, the investment rate solves P (1 + i/2)(1 + (t - y/2) i / y) = 100", function () {
      // A 364-day bill at 95.197222 (a 4.75 % discount rate): with a = 364/365,
      // i = (-2a + 2 sqrt(a^2 - (2a - 1)(1 - 100/P))) / (2a - 1) = 0.0499669625...
      const price = 95_197_222n;
      const i = bondEquivalentYield(dollars, price, 364n);
      expect(formatWadPercent(i, 3)).to.equal("4.997%");
      const rate = Number(i) / 1e18;
      near(95.197222 * (1 + rate / 2) * (1 + ((364 - 182.5) * rate) / 365), 100, 1e-12);
      near(rate, 0.0499669625137, 1e-12);
      // A leap year after the issue: y = 366 (183 days is still half a year: the simple formula).
      expect(bondEquivalentYield(dollars, 98_000_000n, 183n, 366n)).to.equal(
        (2_000_000n * 366n * WAD) / (98_000_000n * 183n),
      );
      expect(() => bondEquivalentYield(dollars, price, 364n, 360n)).to.throw(RangeError, /365 or 366/);
    });

    it("refuses a price outside (0, face], no day left, a negative rate or one that leaves no price", function () {
      expect(() => discountYield(dollars, 0n, 91n)).to.throw(RangeError, /price/);
      expect(() => discountYield(dollars, 101n * USD, 91n)).to.throw(RangeError, /price/);
      expect(() => bondEquivalentYield(dollars, 99n * USD, 0n)).to.throw(RangeError, /days/);
      expect(() => priceForDiscountYield(dollars, -1n, 91n)).to.throw(RangeError, /negative/);
      expect(() => priceForDiscountYield(dollars, 4n * WAD, 91n)).to.throw(RangeError, /no price/);
    });

    it("integer square root: the floor, exactly", function () {
      for (const [value, root] of [
        [0n, 0n],
        [1n, 1n],
        [15n, 3n],
        [16n, 4n],
        [10n ** 40n - 1n, 10n ** 20n - 1n],
        [10n ** 40n, 10n ** 20n],
      ] as const) {
        expect(sqrt(value)).to.equal(root);
      }
    });
  });

  describe("half-up display per 100 and in percent", function () {
    it("rounds a tie away from zero, and nothing else up", function () {
      expect([divideHalfUp(5n, 2n), divideHalfUp(-5n, 2n), divideHalfUp(7n, 3n), divideHalfUp(8n, 3n)]).to.deep.equal([
        3n,
        -3n,
        2n,
        3n,
      ]);
      expect(divideHalfUp(5n, -2n)).to.equal(-3n);
      expect(formatHalfUp(-1_255n, 10_000n, 2)).to.equal("-0.13");
      expect(formatHalfUp(1n, 3n, 0)).to.equal("0");
      expect(() => formatHalfUp(1n, 0n, 2)).to.throw(RangeError);
    });

    it("prices per 100: 998,750 of 1,000,000 is 99.875; 99.8745 shows as 99.875 although the double is below", function () {
      expect(formatPer100(998_750n, 1_000_000n)).to.equal("99.875");
      expect(formatPer100(998_745n, 1_000_000n)).to.equal("99.875"); // 99.8745: a tie, up
      expect(formatPer100(998_744n, 1_000_000n)).to.equal("99.874");
      expect(formatPrice(99.8745)).to.equal("99.875");
      expect(formatPrice(99.87449)).to.equal("99.874");
      expect(() => formatPer100(1n, 0n)).to.throw(RangeError);
    });

    it("yields in percent: 7.250%, ties up (0.125 % to two decimals is 0.13 %)", function () {
      expect(formatPercent(0.0725)).to.equal("7.250%");
      expect(formatPercent(0.00125, 2)).to.equal("0.13%");
      expect(formatPercent(-0.00125, 2)).to.equal("-0.13%");
      expect(formatWadPercent(72_500_000_000_000_000n)).to.equal("7.250%");
      expect(formatWadPercent(72_504_999_999_999_999n)).to.equal("7.250%");
      expect(formatWadPercent(72_505_000_000_000_000n)).to.equal("7.251%");
      expect(() => formatPercent(Number.NaN)).to.throw(RangeError);
    });
  });
});
