import { expect } from "chai";
import { Interface, id, type InterfaceAbi } from "ethers";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  argumentKind,
  formatAmount,
  formatDuration,
  formatTokens,
  groupThousands,
  readableArgument,
} from "../../../src/sdk/readable.js";

function artifactAbis(dir = path.resolve("artifacts/contracts")): InterfaceAbi[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return artifactAbis(file);
    if (!name.endsWith(".json") || name.endsWith(".dbg.json")) return [];
    const { abi } = JSON.parse(readFileSync(file, "utf8")) as { abi?: InterfaceAbi };
    return abi === undefined ? [] : [abi];
  });
}

describe("SDK: readable values", function () {
  it("formats base units as tokens with thousands separators, exactly (bigint, no float)", function () {
    const usd = { symbol: "TUSD", decimals: 6 };
    expect(formatTokens(80_182_254_400_001n, usd)).to.equal("80,182,254.400001 TUSD");
    expect(formatTokens(85_000_000_000_000n, usd)).to.equal("85,000,000 TUSD");
    expect(formatTokens(999n, usd)).to.equal("0.000999 TUSD");
    expect(formatTokens(-1_234_500_000n, usd)).to.equal("-1,234.5 TUSD");
    expect(formatTokens(123_456_789_012_345_678_901_234_567n, { symbol: "X", decimals: 18 })).to.equal(
      "123,456,789.012345678901234567 X",
    );
    expect(formatTokens(6_000_000_000n, undefined)).to.equal("6000000000 base units");
    expect(formatAmount(80_182_254_400_001n, 6)).to.equal("80182254.400001");
    expect(groupThousands("1000")).to.equal("1,000");
    expect(groupThousands("100")).to.equal("100");
    expect(groupThousands("-1234567.1234")).to.equal("-1,234,567.1234");
  });

  it("formats durations in days, hours, minutes and seconds", function () {
    expect(formatDuration(2_592_000n)).to.equal("30 days");
    expect(formatDuration(86_400n + 3_600n)).to.equal("1 day 1 h");
    expect(formatDuration(90n)).to.equal("1 min 30 s");
    expect(formatDuration(0n)).to.equal("0 s");
  });

  it("reads roles by name, rates as percentages, and a time of zero as none", function () {
    expect(readableArgument("RoleGranted", "role", "bytes32", id("ISSUER_ROLE"))).to.equal("ISSUER_ROLE");
    expect(readableArgument("CouponRateFixed", "rateBps", "uint256", 1_225n)).to.equal("12.25%");
    expect(readableArgument("RolloverPriceSet", "yieldRate", "uint256", 120_500_000_000_000_000n)).to.equal("12.05%");
    expect(readableArgument("LockUpEndSet", "lockUpEndsAt", "uint64", 0n)).to.equal("none (0)");
    expect(
      readableArgument("CouponFunded", "amount", "uint256", 1_762_500_000_000n, {
        token: { symbol: "GB291215", decimals: 6 },
        settlement: { symbol: "TUSD", decimals: 6 },
      }),
    ).to.equal("1,762,500 TUSD");
  });

  it("knows what every integer argument of every error and event of the contracts is", function () {
    const unknown = new Set<string>();
    for (const abi of artifactAbis()) {
      const iface = new Interface(abi);
      const check = (item: string, inputs: readonly { name: string; type: string }[]) => {
        for (const input of inputs) {
          if (/^u?int\d*$/.test(input.type) && argumentKind(item, input.name, input.type) === "plain") {
            unknown.add(`${item}.${input.name}`);
          }
        }
      };
      iface.forEachError((fragment) => check(fragment.name, fragment.inputs));
      iface.forEachEvent((fragment) => check(fragment.name, fragment.inputs));
    }
    expect([...unknown]).to.deep.equal([]);
  });
});
