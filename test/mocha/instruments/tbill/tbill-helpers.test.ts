import { expect } from "chai";
import {
  allotAuction,
  basisDays,
  costOf,
  DayCount,
  daysToMaturity,
  faceValueOf,
  priceForYield,
  toAllotmentArrays,
  WAD,
  yieldForPrice,
  type AuctionInput,
  type BillPricing,
} from "../../../../src/sdk/tbill/index.js";

const FACE = 100_000_000n; // 100 dollars, 6 decimals
const BILLS: BillPricing = { faceValue: FACE, dayCount: DayCount.ACT_365_FIXED };
const pct = (hundredths: bigint) => (hundredths * WAD) / 10_000n; // 520n -> 5.20 %
const B = 10n ** 18n;

describe("src/sdk/tbill: price and yield helpers", function () {
  it("prices hand-worked cases: face / (1 + y * days / basis), rounded down", function () {
    // 100 / (1 + 0.05 * 91 / 365) = 98.76877283...
    expect(priceForYield(BILLS, pct(500n), 91n)).to.equal(98_768_772n);
    // 100 / (1 + 0.12 * 91 / 365) = 97.09512662...
    expect(priceForYield(BILLS, pct(1_200n), 91n)).to.equal(97_095_126n);
    // 100 / (1 + 0.115 * 182 / 365) = 94.57673671...
    expect(priceForYield(BILLS, pct(1_150n), 182n)).to.equal(94_576_736n);
    // 100 / (1 + 0.11 * 364 / 365) = 90.11455658...
    expect(priceForYield(BILLS, pct(1_100n), 364n)).to.equal(90_114_556n);
    // ACT/360: 100 / (1 + 0.05 * 91 / 360) = 98.75188588...
    expect(priceForYield({ faceValue: FACE, dayCount: DayCount.ACT_360 }, pct(500n), 91n)).to.equal(98_751_885n);
    expect(priceForYield(BILLS, 0n, 91n)).to.equal(FACE);
    expect(priceForYield(BILLS, pct(500n), 0n)).to.equal(FACE);
  });

  it("gives yields of hand-worked cases: (face / price - 1) * basis / days, rounded down", function () {
    // (100 / 98.75 - 1) * 365 / 91 = 0.0507720127973292...
    expect(yieldForPrice(BILLS, 98_750_000n, 91n)).to.equal(50_772_012_797_329_253n);
    // (100 / 97 - 1) * 365 / 182 = 0.0620256032627166...
    expect(yieldForPrice(BILLS, 97_000_000n, 182n)).to.equal(62_025_603_262_716_664n);
    // ACT/360: (100 / 98.75 - 1) * 360 / 91 = 0.0500765057727083...
    expect(yieldForPrice({ faceValue: FACE, dayCount: DayCount.ACT_360 }, 98_750_000n, 91n)).to.equal(
      50_076_505_772_708_304n,
    );
    expect(yieldForPrice(BILLS, FACE, 91n)).to.equal(0n);
  });

  it("refuses a price out of (0, face], no day left, a negative yield and a date after maturity", function () {
    expect(() => yieldForPrice(BILLS, 0n, 91n)).to.throw(RangeError, "price 0");
    expect(() => yieldForPrice(BILLS, FACE + 1n, 91n)).to.throw(RangeError, "price 100000001");
    expect(() => yieldForPrice(BILLS, FACE, 0n)).to.throw(RangeError, "days to maturity");
    expect(() => priceForYield(BILLS, -1n, 91n)).to.throw(RangeError, "yield");
    expect(() => daysToMaturity(2n * 86_400n + 1n, 2n * 86_400n)).to.throw(RangeError, "after maturity");
  });

  it("counts whole calendar days (UTC) to maturity", function () {
    const maturity = 20_000n * 86_400n;
    expect(daysToMaturity(maturity - 91n * 86_400n, maturity)).to.equal(91n);
    expect(daysToMaturity(maturity - 91n * 86_400n + 43_200n, maturity)).to.equal(91n); // noon counts as the day
    expect(daysToMaturity(maturity - 1n, maturity)).to.equal(1n);
    expect(daysToMaturity(maturity, maturity)).to.equal(0n);
    expect(basisDays(DayCount.ACT_360)).to.equal(360n);
    expect(basisDays(DayCount.ACT_365_FIXED)).to.equal(365n);
  });

  it("rounds a cost up and a face value down, to the last unit", function () {
    expect(costOf(1n, 1n, 18)).to.equal(1n);
    expect(costOf(10n ** 12n, 98_750_000n, 18)).to.equal(99n);
    expect(costOf(0n, 98_750_000n, 18)).to.equal(0n);
    expect(faceValueOf(10n ** 10n - 1n, FACE, 18)).to.equal(0n);
    expect(faceValueOf(10n ** 10n, FACE, 18)).to.equal(1n);
    expect(faceValueOf(3n, 1_000n, 0)).to.equal(3_000n);
  });

  it("round-trips a price through its yield exactly", function () {
    for (let price = 90_000_000n; price <= FACE; price += 999_983n) {
      for (const days of [1n, 28n, 91n, 182n, 364n]) {
        expect(priceForYield(BILLS, yieldForPrice(BILLS, price, days), days)).to.equal(price);
      }
    }
  });
});

describe("src/sdk/tbill: auction allotment", function () {
  // The bids of the hand-worked cases: 1,000 bills on offer, 91 days, face 100.
  const base: AuctionInput = {
    method: "uniform",
    offered: 1_000n * B,
    nonCompetitive: [{ bidder: "N1", amount: 100n * B }],
    competitive: [
      { bidder: "E", yieldRate: pct(530n), amount: 200n * B },
      { bidder: "C", yieldRate: pct(520n), amount: 300n * B },
      { bidder: "A", yieldRate: pct(500n), amount: 300n * B },
      { bidder: "D", yieldRate: pct(520n), amount: 100n * B },
      { bidder: "B", yieldRate: pct(510n), amount: 400n * B },
    ],
    pricing: BILLS,
    days: 91n,
  };
  const P500 = 98_768_772n; // price at 5.00 %
  const P510 = 98_744_457n; // price at 5.10 %
  const P520 = 98_720_154n; // price at 5.20 %

  it("uniform price: fills from the lowest yield, pro rata at the cut-off, everyone at the cut-off price", function () {
    // 900 left after the non-competitive 100: A 300, B 400, then C and D (400 at 5.20 %) share 200: 150 and 50.
    const result = allotAuction(base);
    expect(result.cutoffYield).to.equal(pct(520n));
    expect(result.cutoffPrice).to.equal(P520);
    expect(result.allotted).to.equal(1_000n * B);
    expect(result.allotments.map((a) => [a.bidder, a.amount, a.price, a.yieldRate, a.competitive])).to.deep.equal([
      ["N1", 100n * B, P520, pct(520n), false],
      ["A", 300n * B, P520, pct(520n), true],
      ["B", 400n * B, P520, pct(520n), true],
      ["C", 150n * B, P520, pct(520n), true],
      ["D", 50n * B, P520, pct(520n), true],
    ]);
  });

  it("multiple price: each pays its own yield's price, non-competitive bids the weighted average (rounded up)", function () {
    const result = allotAuction({ ...base, method: "multiple" });
    // (300 * 98,768,772 + 400 * 98,744,457 + 200 * 98,720,154) / 900 = 98,747,161.33 -> 98,747,162
    const average = 98_747_162n;
    expect(result.cutoffYield).to.equal(pct(520n));
    expect(result.allotments.map((a) => [a.bidder, a.amount, a.price, a.yieldRate])).to.deep.equal([
      ["N1", 100n * B, average, 50_888_748_079_154_422n],
      ["A", 300n * B, P500, pct(500n)],
      ["B", 400n * B, P510, pct(510n)],
      ["C", 150n * B, P520, pct(520n)],
      ["D", 50n * B, P520, pct(520n)],
    ]);
  });

  it("gives the units left by pro-rata rounding to the largest remainders, then to the earlier bid", function () {
    // 201 units for C (300) and D (100): exact shares 150.75 and 50.25 -> 150 and 50, the last unit to C.
    const units = allotAuction({
      ...base,
      offered: 1_000n,
      nonCompetitive: [{ bidder: "N1", amount: 99n }],
      competitive: [
        { bidder: "A", yieldRate: pct(500n), amount: 300n },
        { bidder: "B", yieldRate: pct(510n), amount: 400n },
        { bidder: "C", yieldRate: pct(520n), amount: 300n },
        { bidder: "D", yieldRate: pct(520n), amount: 100n },
      ],
    });
    expect(units.allotments.map((a) => [a.bidder, a.amount])).to.deep.equal([
      ["N1", 99n],
      ["A", 300n],
      ["B", 400n],
      ["C", 151n],
      ["D", 50n],
    ]);
    // 2 units for three equal bids: shares 0.67 each, the two units to the first two bids; the third gets none.
    const ties = allotAuction({
      ...base,
      offered: 2n,
      nonCompetitive: [],
      competitive: ["X", "Y", "Z"].map((bidder) => ({ bidder, yieldRate: pct(500n), amount: 1n })),
    });
    expect(ties.allotments.map((a) => [a.bidder, a.amount])).to.deep.equal([
      ["X", 1n],
      ["Y", 1n],
    ]);
  });

  it("fills every bid of an under-subscribed auction, the cut-off being the highest yield filled", function () {
    const result = allotAuction({
      ...base,
      nonCompetitive: undefined,
      competitive: [
        { bidder: "B", yieldRate: pct(510n), amount: 200n * B },
        { bidder: "A", yieldRate: pct(500n), amount: 300n * B },
      ],
    });
    expect(result.cutoffYield).to.equal(pct(510n));
    expect(result.allotted).to.equal(500n * B);
    expect(result.allotments.map((a) => [a.bidder, a.amount, a.price])).to.deep.equal([
      ["A", 300n * B, P510],
      ["B", 200n * B, P510],
    ]);
  });

  it("rejects bids above the issuer's maximum yield", function () {
    const result = allotAuction({ ...base, maxYield: pct(515n) });
    expect(result.cutoffYield).to.equal(pct(510n));
    expect(result.allotments.map((a) => [a.bidder, a.amount])).to.deep.equal([
      ["N1", 100n * B],
      ["A", 300n * B],
      ["B", 400n * B],
    ]);
  });

  it("stops at a level that exactly fills the offer", function () {
    const result = allotAuction({ ...base, offered: 800n * B });
    expect(result.cutoffYield).to.equal(pct(510n));
    expect(result.allotments.map((a) => a.bidder)).to.deep.equal(["N1", "A", "B"]);
  });

  it("refuses invalid input and an auction no competitive bid wins", function () {
    expect(() => allotAuction({ ...base, offered: 0n })).to.throw(RangeError, "offer must be positive");
    expect(() => allotAuction({ ...base, days: 0n })).to.throw(RangeError, "days to maturity");
    expect(() => allotAuction({ ...base, nonCompetitive: [{ bidder: "N1", amount: 0n }] })).to.throw(
      RangeError,
      "bid of N1: amount must be positive",
    );
    expect(() => allotAuction({ ...base, competitive: [{ bidder: "A", yieldRate: -1n, amount: 1n }] })).to.throw(
      RangeError,
      "bid of A: negative yield",
    );
    expect(() => allotAuction({ ...base, nonCompetitive: [{ bidder: "N1", amount: 1_001n * B }] })).to.throw(
      RangeError,
      "exceed the offer",
    );
    expect(() => allotAuction({ ...base, nonCompetitive: [{ bidder: "N1", amount: 1_000n * B }] })).to.throw(
      RangeError,
      "no competitive bid is filled",
    );
    expect(() => allotAuction({ ...base, maxYield: pct(400n) })).to.throw(RangeError, "no competitive bid is filled");
  });

  it("gives the arrays of recordAllotments", function () {
    const result = allotAuction(base);
    expect(toAllotmentArrays(result.allotments)).to.deep.equal([
      ["N1", "A", "B", "C", "D"],
      [100n * B, 300n * B, 400n * B, 150n * B, 50n * B],
      [P520, P520, P520, P520, P520],
    ]);
  });
});
