import { expect } from "chai";
import { traceOf } from "../../scripts/bench/lib/anatomy.js";
import { renderMarkdown, renderText, type Row, type Trace } from "../../scripts/bench/lib/table.js";
import { checkTargets, missedLines, TARGETS, type TargetSpec } from "../../scripts/bench/lib/targets.js";

const row = (key: string, toolkit: bigint, erc3643: bigint | null = null, plain: bigint | null = null): Row => ({
  key,
  operation: key,
  toolkit,
  erc3643,
  plain,
  targets: [],
});

const trace = (coldStorageReads: number, storageWrites: number, externalCalls: number): Trace => ({
  coldStorageReads,
  storageWrites,
  externalCalls,
});

describe("Benchmark targets: met or missed, computed from the measured figures", function () {
  it("a gas limit is met at the limit and missed one gas above, with the gap and the reason", function () {
    const spec: TargetSpec[] = [{ row: "t", limit: { gas: 46_000n }, reason: "five cold reads" }];
    const [atLimit] = checkTargets([row("t", 46_000n)], spec);
    expect(atLimit.targets).to.deep.equal([{ label: "≤ 46,000", limit: 46_000, value: 46_000, met: true }]);
    const [above] = checkTargets([row("t", 46_001n)], spec);
    expect(above.targets).to.deep.equal([
      { label: "≤ 46,000", limit: 46_000, value: 46_001, met: false, gap: 1, reason: "five cold reads" },
    ]);
    expect(missedLines([above])).to.deep.equal(["t, ≤ 46,000: missed by 1 (46,001 measured); why: five cold reads"]);
  });

  it("a multiple of another column is rounded down, and a missed transfer carries its trace", function () {
    const spec: TargetSpec[] = [
      { row: "t", limit: { times: [134n, 100n], of: "plain" }, reason: "r1" },
      { row: "t", limit: { times: [215n, 1_000n], of: "erc3643" }, reason: "r2" },
    ];
    const [checked] = checkTargets([row("t", 54_278n, 214_449n, 34_513n)], spec, { t: trace(7, 2, 2) });
    expect(checked.targets.map((t) => [t.label, t.limit, t.met, t.gap])).to.deep.equal([
      ["≤ 1.34× plain", 46_247, false, 8_031],
      ["≤ 0.215× ERC-3643", 46_106, false, 8_172],
    ]);
    expect(checked.targets[0].trace).to.deep.equal({ coldStorageReads: 7, storageWrites: 2, externalCalls: 2 });
    const lines = missedLines([checked], trace(2, 2, 0));
    expect(lines).to.have.length(2);
    expect(lines[0]).to.equal(
      "t, ≤ 1.34× plain: missed by 8,031 (54,278 measured); trace: 7 cold SLOADs, 2 SSTOREs, 2 external calls " +
        "(plain ERC-20: 2, 2, 0); why: r1",
    );
    expect(renderText([checked])).to.contain("≤ 1.34× plain (46,247): missed by 8,031");
    expect(renderMarkdown([checked])).to.contain("≤ 0.215× ERC-3643 (46,106): missed by 8,172");
  });

  it("a missed batch operation carries its trace per unit of the batch, without the plain ERC-20's", function () {
    const batch = { gas: 4_994_600, coldStorageReads: 101, warmStorageReads: 0, storageWrites: 200 };
    const perInvestor = traceOf(
      { ...batch, storageGas: 0, externalCalls: 0, steps: 0 },
      { count: 100, per: "investor" },
    );
    expect(perInvestor).to.deep.equal({ coldStorageReads: 1.01, storageWrites: 2, externalCalls: 0, per: "investor" });
    const spec: TargetSpec[] = [{ row: "b", limit: { gas: 45_000n }, reason: "two fresh slots" }];
    const [checked] = checkTargets([row("b", 49_946n)], spec, { b: perInvestor });
    expect(missedLines([checked], trace(2, 2, 0))).to.deep.equal([
      "b, ≤ 45,000: missed by 4,946 (49,946 measured); trace per investor: 1.01 cold SLOADs, 2 SSTOREs, " +
        "0 external calls; why: two fresh slots",
    ]);
  });

  it("equal to another row: met when the same, missed when more", function () {
    const spec: TargetSpec[] = [{ row: "large", limit: { sameAs: "small", name: "10 holders" }, reason: "r" }];
    const same = checkTargets([row("small", 134_424n), row("large", 134_424n)], spec);
    expect(same[1].targets).to.deep.equal([
      { label: "equal to 10 holders", limit: 134_424, value: 134_424, met: true },
    ]);
    expect(missedLines(same)).to.deep.equal([]);
    const more = checkTargets([row("small", 134_424n), row("large", 134_425n)], spec);
    expect(more[1].targets[0]).to.include({ met: false, gap: 1 });
  });

  it("refuses a target whose row or reference does not exist", function () {
    expect(() => checkTargets([row("t", 1n)], [{ row: "other", limit: { gas: 1n }, reason: "" }])).to.throw(
      "target for other: no such row",
    );
    expect(() =>
      checkTargets([row("t", 1n)], [{ row: "t", limit: { times: [1n, 1n], of: "plain" }, reason: "" }]),
    ).to.throw("target of t: no plain figure");
  });

  it("declares every target of the table once, each with a reason", function () {
    const labels = TARGETS.map(
      (t) => `${t.row} ${JSON.stringify(t.limit, (_, v) => (typeof v === "bigint" ? String(v) : v))}`,
    );
    expect(new Set(labels).size).to.equal(labels.length);
    expect(TARGETS.map((t) => t.row)).to.have.members([
      "transferExisting",
      "transferExisting",
      "transferExisting",
      "transferNew",
      "tbillTransferExisting",
      "commodityTransferExisting",
      "bondTransferExisting",
      "bondTransferFirstAfterRecordDate",
      "mintExisting",
      "reserveAttestation",
      "onboardingBatch",
      "couponFundingLarge",
    ]);
    for (const t of TARGETS) expect(t.reason, t.row).to.not.equal("");
  });
});
