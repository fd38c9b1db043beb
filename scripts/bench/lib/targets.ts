/**
 * The project's gas targets, declared here and nowhere else: `npm run bench` checks each against
 * the figures it measured and prints the result in its target column, in BENCHMARKS.md and in
 * bench/results.json. A missed target is reported (gap, trace of a transfer, reason), never
 * fatal: the benchmark measures, it does not gate a build.
 */
import { SMALL } from "./instruments/bond.js";
import type { Row, Target, Trace } from "./table.js";

/** A limit in gas, or a multiple of another figure: a column of the same row, or another row. */
export type Limit =
  | { gas: bigint }
  | { times: readonly [numerator: bigint, denominator: bigint]; of: "plain" | "erc3643" }
  | { sameAs: string; name: string };

export interface TargetSpec {
  /** The row (its `key`) the target applies to. */
  row: string;
  limit: Limit;
  /** One line: why the design misses it today, if it does (BENCHMARKS.md explains at length). */
  reason: string;
}

/** The section of BENCHMARKS.md that explains each missed target, and its anchor. */
export const EXPLAINED_IN = "The targets, and why a target is missed";
export const EXPLAINED_AT = "#the-targets-and-why-a-target-is-missed";

const CORE_TRANSFER =
  "storage and calls at this design's floor (5 cold reads, 1 registry call: 43,413 gas with the plain transfer); the rest is the rules' code and the registry call's encoding and dispatch";
export const TARGETS: readonly TargetSpec[] = [
  // The core: a compliant transfer between existing holders near the design's floor (about
  // 44,000-45,000: a plain transfer, one cold registry call, two registry records, the policy).
  { row: "transferExisting", limit: { gas: 46_000n }, reason: CORE_TRANSFER },
  { row: "transferExisting", limit: { times: [134n, 100n], of: "plain" }, reason: CORE_TRANSFER },
  { row: "transferExisting", limit: { times: [215n, 1_000n], of: "erc3643" }, reason: CORE_TRANSFER },
  {
    row: "transferNew",
    limit: { gas: 66_000n },
    reason: "the core transfer's gap, and the holder count's slot read and written on a first receipt (5,000 gas)",
  },
  {
    row: "tbillTransferExisting",
    limit: { gas: 47_000n },
    reason:
      "the core transfer's gap, and the instrument's larger dispatch and maturity check (about 800 gas over the core)",
  },
  {
    row: "commodityTransferExisting",
    limit: { gas: 47_000n },
    reason:
      "the core transfer's gap, and the IR pipeline's linear selector dispatch, 70 comparisons before transfer (about 1,400 gas, 750-900 net), which the size limit requires; a transfer runs no collateralisation check",
  },
  {
    row: "bondTransferExisting",
    limit: { gas: 50_000n },
    reason:
      "the core transfer's costs, the debt's maturity check and both holders' record-date history heads (two cold reads, 4,200 gas)",
  },
  {
    row: "bondTransferFirstAfterRecordDate",
    limit: { gas: 80_000n },
    reason:
      "each holder's first record-date entry is a fresh storage slot (2 × 20,000 gas), and the first transfer of a period works the record-date window out (about 15,000)",
  },
  {
    row: "mintExisting",
    limit: { gas: 42_000n },
    reason:
      "below this design's floor: a plain mint plus the issuer's role, the policy, the registry call and record (43,115 gas)",
  },
  {
    row: "reserveAttestation",
    limit: { gas: 110_000n },
    reason:
      "three fresh storage slots (66,300 gas: reserves and asOf, auditor and times, report hash) and the URI's event",
  },
  {
    row: "onboardingBatch",
    limit: { gas: 45_000n },
    reason: "two fresh storage slots per investor (44,200 gas) before the event and the calldata",
  },
  {
    row: "couponFundingLarge",
    limit: { sameAs: "couponFundingSmall", name: `${SMALL} holders` },
    reason: "coupon funding reads one supply at the record date, whatever the number of holders",
  },
];

const fmt = (n: bigint | number) => n.toLocaleString("en-US");
/** 134n/100n as "1.34". */
const decimal = ([n, d]: readonly [bigint, bigint]) => String(Number(n) / Number(d));

/** The label and the largest figure that meets `limit` in `row` (rounded down). */
function resolve(limit: Limit, row: Row, rows: readonly Row[]): { label: string; gas: bigint } {
  if ("gas" in limit) return { label: `≤ ${fmt(limit.gas)}`, gas: limit.gas };
  if ("times" in limit) {
    const reference = row[limit.of];
    if (reference === null) throw new Error(`target of ${row.key}: no ${limit.of} figure`);
    const [n, d] = limit.times;
    const name = limit.of === "plain" ? "plain" : "ERC-3643";
    return { label: `≤ ${decimal(limit.times)}× ${name}`, gas: (reference * n) / d };
  }
  const reference = rows.find((r) => r.key === limit.sameAs)?.toolkit;
  if (reference === undefined || reference === null) throw new Error(`target of ${row.key}: no ${limit.sameAs} row`);
  return { label: `equal to ${limit.name}`, gas: reference };
}

/**
 * `rows` with their targets checked: each spec of `specs` against its row's toolkit figure.
 * `traces` holds the measured trace of rows (by row key): a missed target of such a row carries
 * its cold storage reads, storage writes and external calls.
 */
export function checkTargets(
  rows: readonly Row[],
  specs: readonly TargetSpec[],
  traces: Readonly<Record<string, Trace>> = {},
): Row[] {
  for (const spec of specs) {
    if (!rows.some((r) => r.key === spec.row)) throw new Error(`target for ${spec.row}: no such row`);
  }
  return rows.map((row) => {
    const targets = specs
      .filter((spec) => spec.row === row.key)
      .map((spec): Target => {
        if (row.toolkit === null) throw new Error(`target of ${row.key}: no toolkit figure`);
        const { label, gas } = resolve(spec.limit, row, rows);
        const met = row.toolkit <= gas;
        const trace = traces[row.key];
        return {
          label,
          limit: Number(gas),
          value: Number(row.toolkit),
          met,
          ...(met
            ? {}
            : {
                gap: Number(row.toolkit - gas),
                reason: spec.reason,
                ...(trace === undefined ? {} : { trace }),
              }),
        };
      });
    return { ...row, targets: [...row.targets, ...targets] };
  });
}

/**
 * One line per missed target: the gap, the measured trace of a transfer beside the plain
 * ERC-20's (`baseline`), and the reason. Empty when every target is met.
 */
export function missedLines(rows: readonly Row[], baseline?: Trace): string[] {
  const plain =
    baseline === undefined
      ? ""
      : ` (plain ERC-20: ${baseline.coldStorageReads}, ${baseline.storageWrites}, ${baseline.externalCalls})`;
  return rows.flatMap((row) =>
    row.targets
      .filter((t) => !t.met)
      .map((t) => {
        const trace =
          t.trace === undefined
            ? ""
            : `; trace${t.trace.per === undefined ? "" : ` per ${t.trace.per}`}: ${t.trace.coldStorageReads} cold SLOADs, ` +
              `${t.trace.storageWrites} SSTOREs, ${t.trace.externalCalls} external calls${t.trace.per === undefined ? plain : ""}`;
        return `${row.operation}, ${t.label}: missed by ${fmt(t.gap ?? 0)} (${fmt(t.value)} measured)${trace}; why: ${t.reason}`;
      }),
  );
}

/** The limit in gas of the target of `row` given in gas, for the scripts that measure one figure alone. */
export function gasTargetOf(row: string): bigint {
  const spec = TARGETS.find((t) => t.row === row && "gas" in t.limit);
  if (spec === undefined || !("gas" in spec.limit)) throw new Error(`no gas target for ${row}`);
  return spec.limit.gas;
}
