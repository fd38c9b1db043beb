import { expect } from "chai";
import { CHAIN_START } from "../../../src/ops/clock.js";
import { startHardhat } from "./helpers.js";

describe("ops: the main job (npm run demo)", function () {
  this.timeout(120_000);

  it("plays the whole lifecycle on the embedded chain and ends with the report, without a stack trace", async function () {
    const { code, stdout, stderr } = await startHardhat(["run", "scripts/demo.ts"]).done;
    expect(stderr).to.not.match(/\n\s+at /);
    expect(stdout).to.not.match(/\n\s+at /);
    expect(code, stderr).to.equal(0);
    const expected = [
      `The embedded chain starts on ${CHAIN_START} (src/ops/clock.ts), before the samples' dates.`,
      '   deployed "tbill-2027-06" on network default (chain 31337):',
      '   deployed "gold-reserve" on network default (chain 31337):',
      "   8 investors registered in 1 transaction(s)",
      '   tbill-2027-06: auction "tbill-2027-06-2026-12-03" (uniform price), 1000000 offered, 1000000 allotted, ' +
        "182 days to maturity: cut-off yield 12.05%, price 94.332064",
      "   tbill-2027-06: 5 allotment(s) settled, 1 failed",
      "     FAILED allotment 3 of 0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec: " +
        "Receiver country is not allowed for this token (restriction 7) (stays pending: settle again, or cancel)",
      '      asked first: code 9, "Receiver investor category is not allowed for this token": ' +
        "sending it anyway to show the refusal",
      "      refused by the chain: ERC7943CannotReceive: 0xFABB0ac9d68B0B445fB7357272Ff202C5651694a may not receive: " +
        "not verified, frozen, or its country or category is not allowed",
      '   asked first: mint of 2000 SGOLD, code 37, "Mint would take the supply above the reserves"',
      "   refused: gold-reserve.mint refused: CommodityReserveCapacityExceeded: " +
        "The supply after the mint, 6,000 SGOLD, exceeds capacity 5,000 SGOLD (what the reserves back)",
      "   retail saver holds 900 SGOLD",
      "   tbill-2027-06: 5 holder(s) paid, 0 skipped",
      '   deployed "bonds-2026-12" on network default (chain 31337):',
      "   frn-10y-2036: fix the rate of coupon 0 (paid 2027-06-15T00:00:00Z) at 12.25%",
      "   bond-3y-2029: fund coupon 0: 5.875 per bond on 300000 bonds held at the record date " +
        "2027-05-31T00:00:00Z = 1762500",
      "   dealer sold 10,000 after the record date; its coupon stays 881250 TUSD (was 881250)",
      "   frn-10y-2036  primary dealer         1221643.8  claimed",
      "     frn-10y-2036: funded 1832465.7, paid 1832465.7, 6.108219 per bond",
      "     redemption paid at face value: 85000000",
      "   coupon schedule of bond-3y-2029 (ISIN PK0PIB291206), as `report coupons` prints it:",
      "   primary dealer         0       2027-06-15T00:00:00Z  150000           881250       881250  0",
      "Demo complete.",
    ];
    const lines = stdout.split("\n");
    for (const line of expected) expect(lines, line).to.include(line);
    expect(lines.indexOf(expected[7])).to.be.below(lines.indexOf(expected[8]));
    // The auction table says what became of each allotment, and names the rule that refused one.
    const auctionRows = lines.filter((line) => /\s(non)?competitive\s/.test(line) && /0x[0-9a-fA-F]{40}/.test(line));
    expect(
      auctionRows.map((line) =>
        line
          .trim()
          .split(/\s{2,}/)
          .at(-1),
      ),
    ).to.deep.equal([
      "settled",
      "settled",
      "settled",
      "FAILED: Receiver country is not allowed for this token (restriction 7)",
      "settled",
      "settled",
    ]);
  });
});
