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
      '   tbill-2027-06: auction "tbill-2027-06-2026-12-03" (uniform price), 1,000,000 TB270603 offered, ' +
        "1,000,000 TB270603 allotted, 182 days to maturity: cut-off yield 12.05%, price 94.332064 TUSD",
      "   tbill-2027-06: 5 allotment(s) settled, 1 failed",
      "     FAILED allotment 3 of 0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec: " +
        "Receiver country is not allowed for this token (restriction 7) (stays pending: settle again, or cancel)",
      '      asked first: code 9, "Receiver investor category is not allowed for this token": ' +
        "sending it anyway to show the refusal",
      "      refused by the chain: ERC7943CannotReceive: 0xFABB0ac9d68B0B445fB7357272Ff202C5651694a may not receive: " +
        "not verified, frozen, or its country or category is not allowed",
      '   asked first: mint of 2,000 SGOLD, code 37, "Mint would take the supply above the reserves"',
      "   refused: gold-reserve.mint refused: CommodityReserveCapacityExceeded: " +
        "The supply after the mint, 6,000 SGOLD, exceeds capacity 5,000 SGOLD (what the reserves back)",
      "   gold-reserve: fulfil request 1 of 0xFABB0ac9d68B0B445fB7357272Ff202C5651694a: 100 SGOLD (pending)",
      "   gold-reserve: request 1 is now fulfilled",
      "   retail saver holds 900 SGOLD",
      "   tbill-2027-06: 5 holder(s) paid, 0 skipped",
      '   deployed "bonds-2026-12" on network default (chain 31337):',
      "   frn-10y-2036: fix the rate of coupon 0 (paid 2027-06-15T00:00:00Z) at 12.25%",
      "   bond-3y-2029: fund coupon 0: 5.875 TUSD per bond on 300,000 GB291215 held at the record date " +
        "2027-05-31T00:00:00Z = 1,762,500 TUSD",
      "   dealer sold 10,000 after the record date; its coupon stays 881,250 TUSD (was 881,250 TUSD)",
      "   frn-10y-2036  primary dealer         1,221,643.8  claimed",
      "     frn-10y-2036: funded 1,832,465.7 TUSD, paid 1,832,465.7 TUSD, 6.108219 TUSD per bond",
      "   the treasury received 80,182,254.400001 TUSD " +
        "(each cost rounded up to 0.000001 TUSD: the treasury never receives less than the price)",
      "     redemption paid at face value: 85,000,000 TUSD",
      "   coupon schedule of bond-3y-2029 (ISIN PK0PIB291206), as `report coupons` prints it:",
      "   primary dealer         0x976EA74026E726554dB657fA54763abd0C3a0aa9  0       2027-06-15T00:00:00Z" +
        "                     150,000             881,250      881,250           0",
      "   holder                 wallet                                      balance (TB270603)  share   country   category",
      "   pension fund           0x14dC79964da2C08b23698B3D3cc7Ca32193d9955      213,636.363636  25.13%  586 (PK)  institutional",
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
