import { expect } from "chai";
import { AbiCoder, Interface, ZeroAddress, id, type ErrorFragment, type InterfaceAbi } from "ethers";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { decodeError, revertError } from "../../../src/sdk/errors.js";

/** Every compiled contract's ABI under artifacts/contracts. */
function artifactAbis(dir = path.resolve("artifacts/contracts")): { file: string; abi: InterfaceAbi }[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return artifactAbis(file);
    if (!name.endsWith(".json") || name.endsWith(".dbg.json")) return [];
    const { abi } = JSON.parse(readFileSync(file, "utf8")) as { abi?: InterfaceAbi };
    return abi === undefined ? [] : [{ file, abi }];
  });
}

/** Every custom error of the contracts, once, with an interface that declares it. */
function everyError(): { fragment: ErrorFragment; iface: Interface }[] {
  const seen = new Map<string, { fragment: ErrorFragment; iface: Interface }>();
  for (const { abi } of artifactAbis()) {
    const iface = new Interface(abi);
    iface.forEachError((fragment) => {
      if (!seen.has(fragment.selector)) seen.set(fragment.selector, { fragment, iface });
    });
  }
  return [...seen.values()];
}

// Named here, independently of the decoder: what an auditor reads as money, and as a moment.
const AMOUNT =
  /^(amount|balance|balanceAfter|maxBalance|allowance|unfrozen|supply|supplyAfter|capacity|payout|available|required|liability|paid|funded|price|faceValue|expected|received)$/;
const TIME = /(At|Date|Time)$|^(asOf|previousAsOf|schedule)$/;
/** Arguments that are amounts only in other errors: counts of a batch, gas. */
const NOT_AMOUNT: Record<string, string[]> = {
  BatchLengthMismatch: ["expected"],
  DebtSecurityBatchGasShort: ["needed"],
};

const TOKEN = { symbol: "TOK", decimals: 6 };
const CASH = { symbol: "CASH", decimals: 2 };
const units = { token: TOKEN, settlement: CASH };

/** A value for each argument: a distinct time-like number (2027) for every wide integer. */
function sampleValues(fragment: ErrorFragment): unknown[] {
  return fragment.inputs.map((input, i) => {
    if (input.type === "address") return "0x00000000000000000000000000000000000000a1";
    if (input.type === "bool") return true;
    if (input.type === "string") return "text";
    if (input.type.startsWith("bytes")) return id(`sample ${i}`).slice(0, 2 + 2 * (Number(input.type.slice(5)) || 32));
    const bits = Number(input.type.replace(/^u?int/, "") || 256);
    return bits <= 8 ? BigInt(2 + i) : bits <= 32 ? BigInt(1000 + i) : 1_800_000_123n + BigInt(i) * 1_000_003n;
  });
}

function revertData(fragment: ErrorFragment, values: unknown[]): string {
  return fragment.selector + AbiCoder.defaultAbiCoder().encode(fragment.inputs, values).slice(2);
}

describe("SDK: decoded errors read for people", function () {
  const errors = everyError();

  it("covers the custom errors of every compiled contract", function () {
    expect(errors.length).to.be.greaterThan(80);
    expect(errors.map((e) => e.fragment.name)).to.include.members([
      "CommodityReserveCapacityExceeded",
      "DebtSecurityInsufficientFunding",
      "SovereignBondClaimWindowClosed",
      "InvestorRegistryExpiryNotInFuture",
      "TimelockInsufficientDelay",
    ]);
  });

  for (const { fragment, iface } of errors) {
    const amounts = fragment.inputs.filter(
      (p) => AMOUNT.test(p.name) && !/int8$/.test(p.type) && !NOT_AMOUNT[fragment.name]?.includes(p.name),
    );
    const times = fragment.inputs.filter((p) => TIME.test(p.name) && /int/.test(p.type));
    if (amounts.length + times.length === 0) continue;
    it(`${fragment.name}: amounts as tokens with units, times as ISO dates`, function () {
      const values = sampleValues(fragment);
      const decoded = decodeError(revertData(fragment, values), iface, units)!;
      expect(decoded.name).to.equal(fragment.name);
      for (const param of [...amounts, ...times]) {
        const raw = String(values[fragment.inputs.indexOf(param)]);
        expect(decoded.message, `${param.name}: no raw number`).to.not.include(raw);
      }
      for (const param of amounts) {
        const raw = values[fragment.inputs.indexOf(param)] as bigint;
        const asTokens = [TOKEN, CASH].map(
          (t) =>
            `${(raw / 10n ** BigInt(t.decimals)).toLocaleString("en-US")}.${(raw % 10n ** BigInt(t.decimals)).toString().padStart(t.decimals, "0")} ${t.symbol}`,
        );
        expect(
          asTokens.some((text) => decoded.message.includes(text)),
          `${param.name} in ${decoded.message}`,
        ).to.equal(true);
      }
      for (const param of times) {
        const raw = Number(values[fragment.inputs.indexOf(param)]);
        const iso = new Date(raw * 1000).toISOString().replace(".000Z", "Z");
        expect(decoded.message, param.name).to.include(iso);
      }
    });
  }

  const gold = { token: { symbol: "SGOLD", decimals: 6 } };
  const errorOf = (name: string) => errors.find((e) => e.fragment.name === name)!;
  const refusal = (name: string, values: unknown[], given = {}) => {
    const { fragment, iface } = errorOf(name);
    return revertError(revertData(fragment, values), iface, given);
  };

  it("a mint above the reserves reads in tokens: 6,000 SGOLD exceeds capacity 5,000 SGOLD", function () {
    expect(refusal("CommodityReserveCapacityExceeded", [6_000_000_000n, 5_000_000_000n], gold).shortMessage).to.equal(
      "CommodityReserveCapacityExceeded: The supply after the mint, 6,000 SGOLD, exceeds capacity 5,000 SGOLD " +
        "(what the reserves back)",
    );
  });

  it("a stale attestation reads in ISO dates and days, without any units given", function () {
    expect(
      refusal("CommodityReserveAttestationStale", [1_796_079_650n, 2_592_000n, 1_813_017_604n]).shortMessage,
    ).to.equal(
      "CommodityReserveAttestationStale: The latest attestation, as of 2026-11-30T23:00:50Z, is older than 30 days " +
        "at 2027-06-15T00:00:04Z: a fresh one is due",
    );
  });

  it("money of a bill or bond reads in its settlement token; statuses and roles by name", function () {
    const bill = { token: { symbol: "TB270603", decimals: 6 }, settlement: { symbol: "TUSD", decimals: 6 } };
    expect(
      refusal("DebtSecurityInsufficientFunding", [80_182_254_400_001n, 85_000_000_000_000n], bill).details,
    ).to.equal("A payout of 80,182,254.400001 TUSD exceeds the 85,000,000 TUSD funded.");
    expect(refusal("DebtSecurityAllotmentNotPending", [3n, 2n], bill).details).to.equal(
      "Allotment 3 is settled, not pending.",
    );
    expect(refusal("AccessControlUnauthorizedAccount", [ZeroAddress, id("PAUSER_ROLE")]).details).to.equal(
      `${ZeroAddress} lacks the role PAUSER_ROLE.`,
    );
  });

  it("without units, amounts say they are base units rather than pass for tokens", function () {
    expect(refusal("CommodityReserveCapacityExceeded", [6_000_000_000n, 5_000_000_000n]).details).to.include(
      "6000000000 base units",
    );
  });

  it("an error without a sentence lists its arguments by name, readable", function () {
    expect(refusal("TimelockInsufficientDelay", [3_600n, 172_800n]).shortMessage).to.equal(
      "TimelockInsufficientDelay(delay 1 h, minDelay 2 days)",
    );
  });
});
