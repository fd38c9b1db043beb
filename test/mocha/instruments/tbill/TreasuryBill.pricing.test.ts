import { expect } from "chai";
import {
  allotAuction,
  costOf,
  DayCount as Basis,
  daysToMaturity,
  priceForYield,
  toAllotmentArrays,
  WAD,
  yieldForPrice,
  type BillPricing,
} from "../../../../src/sdk/tbill/index.js";
import { networkHelpers } from "../../fixtures.js";
import {
  AUCTION,
  BILL,
  DAY,
  DayCount,
  DEALER_CASH,
  deployBill,
  FACE,
  deployAnotherBill,
  type BillFixture,
} from "./fixtures.js";

const ACT_365: BillPricing = { faceValue: FACE, dayCount: Basis.ACT_365_FIXED };
const ACT_360: BillPricing = { faceValue: FACE, dayCount: Basis.ACT_360 };

/** A deterministic generator of bigints below `bound`. */
function generator(seed: bigint) {
  return (bound: bigint) => {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
    return ((seed >> 8n) * 2n ** 64n + seed) % bound;
  };
}

/** The fixture's bill beside the same bill on ACT/360. */
async function deployBills(): Promise<BillFixture & { bill360: BillFixture["bill"] }> {
  const f = await deployBill();
  const bill360 = await deployAnotherBill(f, { dayCount: DayCount.Actual360 });
  return { ...f, bill360 };
}

describe("TreasuryBill: price and yield", function () {
  it("answers its day-count basis", async function () {
    const { bill, bill360 } = await networkHelpers.loadFixture(deployBills);
    expect(await bill.dayCount()).to.equal(BigInt(DayCount.Actual365Fixed));
    expect(await bill360.dayCount()).to.equal(BigInt(DayCount.Actual360));
  });

  it("counts whole calendar days to maturity and refuses a date after it", async function () {
    const { bill, issueDate, maturityDate } = await networkHelpers.loadFixture(deployBills);
    expect(await bill.daysToMaturity(issueDate)).to.equal(91n);
    expect(await bill.daysToMaturity(issueDate + DAY / 2n)).to.equal(91n);
    expect(await bill.daysToMaturity(issueDate + DAY)).to.equal(90n);
    expect(await bill.daysToMaturity(maturityDate - 1n)).to.equal(1n);
    expect(await bill.daysToMaturity(maturityDate)).to.equal(0n);
    expect(await bill.daysToMaturity(issueDate - 10n * DAY)).to.equal(101n);
    await expect(bill.daysToMaturity(maturityDate + 1n))
      .to.be.revertedWithCustomError(bill, "TreasuryBillInvalidDate")
      .withArgs(maturityDate + 1n);
    await expect(bill.priceForYield(WAD / 20n, maturityDate + 1n))
      .to.be.revertedWithCustomError(bill, "TreasuryBillInvalidDate")
      .withArgs(maturityDate + 1n);
  });

  it("prices and yields hand-worked cases (91 days, ACT/365 and ACT/360)", async function () {
    const { bill, bill360, issueDate } = await networkHelpers.loadFixture(deployBills);
    expect(await bill.priceForYield(WAD / 20n, issueDate)).to.equal(98_768_772n); // 5 %: 98.76877283...
    expect(await bill360.priceForYield(WAD / 20n, issueDate)).to.equal(98_751_885n); // 5 %: 98.75188588...
    expect(await bill.priceForYield(0n, issueDate)).to.equal(FACE);
    expect(await bill.yieldForPrice(98_750_000n, issueDate)).to.equal(50_772_012_797_329_253n); // 5.0772 %
    expect(await bill360.yieldForPrice(98_750_000n, issueDate)).to.equal(50_076_505_772_708_304n); // 5.0077 %
    expect(await bill.yieldForPrice(FACE, issueDate)).to.equal(0n);
  });

  it("refuses the yield of a price out of (0, face] or on the maturity day", async function () {
    const { bill, issueDate, maturityDate } = await networkHelpers.loadFixture(deployBills);
    await expect(bill.yieldForPrice(0n, issueDate))
      .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidPrice")
      .withArgs(0n);
    await expect(bill.yieldForPrice(FACE + 1n, issueDate))
      .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidPrice")
      .withArgs(FACE + 1n);
    await expect(bill.yieldForPrice(FACE, maturityDate))
      .to.be.revertedWithCustomError(bill, "TreasuryBillInvalidDate")
      .withArgs(maturityDate);
    expect(await bill.yieldForPrice(FACE, maturityDate - 1n)).to.equal(0n); // the day before: one day left
  });

  it("agrees with the TypeScript helpers to the last unit on random inputs", async function () {
    const { bill, bill360, issueDate, maturityDate } = await networkHelpers.loadFixture(deployBills);
    const random = generator(0x9e3779b97f4a7c15n);
    for (let i = 0; i < 150; ++i) {
      const asOf = issueDate - 30n * DAY + random(maturityDate - issueDate + 30n * DAY + 1n);
      const days = daysToMaturity(asOf, maturityDate);
      const yieldRate = random(i % 10 === 0 ? 10n ** 24n : (3n * WAD) / 10n); // up to 30 %, sometimes huge
      const price = 1n + random(FACE);
      for (const [contract, terms] of [
        [bill, ACT_365],
        [bill360, ACT_360],
      ] as const) {
        expect(await contract.priceForYield(yieldRate, asOf)).to.equal(priceForYield(terms, yieldRate, days));
        if (days > 0n) {
          expect(await contract.yieldForPrice(price, asOf)).to.equal(yieldForPrice(terms, price, days));
        }
      }
    }
  });

  it("settles an auction allotted by the TypeScript helper: each bidder pays its cost to the unit", async function () {
    const f = await networkHelpers.loadFixture(deployBills);
    const { bill, usd, issuer, dealer1, dealer2, dealer3, fund, treasuryWallet, issueDate, maturityDate } = f;
    const days = daysToMaturity(issueDate, maturityDate);
    const pct = (hundredths: bigint) => (hundredths * WAD) / 10_000n;
    const result = allotAuction({
      method: "multiple",
      offered: 2_000n * BILL + 7n,
      nonCompetitive: [{ bidder: fund.address, amount: 150n * BILL }],
      competitive: [
        { bidder: dealer1.address, yieldRate: pct(1_205n), amount: 900n * BILL },
        { bidder: dealer2.address, yieldRate: pct(1_198n), amount: 700n * BILL + 3n },
        { bidder: dealer3.address, yieldRate: pct(1_205n), amount: 600n * BILL },
      ],
      pricing: ACT_365,
      days,
    });
    const [bidders, amounts, prices] = toAllotmentArrays(result.allotments);
    const first = await bill.allotmentCount();
    await bill.connect(issuer).recordAllotments(AUCTION, bidders, amounts, prices);
    const treasuryBefore = await usd.balanceOf(treasuryWallet.address);
    await bill.connect(issuer).settleAllotments(amounts.map((_, i) => first + BigInt(i)));
    let total = 0n;
    for (const allotment of result.allotments) {
      const cost = costOf(allotment.amount, allotment.price, 18);
      total += cost;
      expect(await usd.balanceOf(allotment.bidder)).to.equal(DEALER_CASH - cost);
      expect(await bill.balanceOf(allotment.bidder)).to.equal(allotment.amount);
      // The price on chain gives back the yield of the bid (the cut-off yield for the marginal bids).
      if (allotment.competitive) {
        expect(await bill.priceForYield(allotment.yieldRate, issueDate)).to.equal(allotment.price);
      }
    }
    expect((await usd.balanceOf(treasuryWallet.address)) - treasuryBefore).to.equal(total);
    expect(await bill.totalSupply()).to.equal(2_000n * BILL + 7n);
  });
});
