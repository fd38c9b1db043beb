import { expect } from "chai";
import { percentDown, percentShares } from "../../../src/ops/percent.js";

/** The sum of printed percentages, in hundredths. */
function total(shares: string[]): number {
  return shares.reduce((sum, s) => sum + Math.round(Number(s.slice(0, -1)) * 100), 0);
}

describe("ops: percentages in reports", function () {
  it("prints shares with two decimals that add up to exactly 100.00% (largest remainder)", function () {
    expect(percentShares([1n, 1n, 1n], 3n)).to.deep.equal(["33.34%", "33.33%", "33.33%"]);
    // The review's table: 1, 13 and 3 of 17 were 5.8823%, 76.4705%, 17.647% (99.9998%).
    const review = percentShares([13n, 3n, 1n], 17n);
    expect(review).to.deep.equal(["76.47%", "17.65%", "5.88%"]);
    expect(total(review)).to.equal(10_000);
    expect(percentShares([600n, 300n, 100n], 1000n)).to.deep.equal(["60.00%", "30.00%", "10.00%"]);
    expect(percentShares([], 0n)).to.deep.equal([]);
    expect(percentShares([0n], 0n)).to.deep.equal(["0.00%"]);
  });

  it("adds up to 100.00% for any split (generated), each share within a hundredth of the exact one", function () {
    let seed = 20261203;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let run = 0; run < 200; run++) {
      const parts = Array.from({ length: 1 + (next() % 12) }, () => BigInt(next()) * BigInt(1 + (next() % 1000)));
      const sum = parts.reduce((a, b) => a + b, 0n);
      const shares = percentShares(parts, sum);
      expect(total(shares), parts.join(",")).to.equal(10_000);
      parts.forEach((part, i) => {
        const exact = Number((part * 1_000_000n) / (sum === 0n ? 1n : sum)) / 100; // hundredths, 2 more digits
        expect(Math.abs(Number(shares[i].slice(0, -1)) * 100 - exact), parts.join(",")).to.be.at.most(1);
      });
    }
  });

  it("refuses parts that do not add up to the whole", function () {
    expect(() => percentShares([1n, 2n], 4n)).to.throw("shares of 4: the parts add up to 3");
  });

  it("rounds a ratio down, so that a coverage is never overstated", function () {
    expect(percentDown(49n, 29n)).to.equal("168.96%"); // 168.9655...%
    expect(percentDown(2n, 3n)).to.equal("66.66%");
    expect(percentDown(1n, 1n)).to.equal("100.00%");
  });
});
