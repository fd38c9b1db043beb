/**
 * The comparison table: rows of gas per column, ratios, targets computed from the figures
 * (never written by hand), and its two renderings: plain text for the terminal and Markdown
 * for BENCHMARKS.md.
 */

/** A target the project set (scripts/bench/lib/targets.ts), checked: met when `value <= limit`. */
export interface Target {
  /** What is required, e.g. "≤ 1.34× plain". */
  label: string;
  /** The largest figure that meets the target, in gas (rounded down). */
  limit: number;
  /** The measured figure, in gas. */
  value: number;
  met: boolean;
  /** When missed: `value - limit`, in gas. */
  gap?: number;
  /** When missed: why, in one line. */
  reason?: string;
  /** When missed: what the EVM trace of the operation measured (`per`: the count is per unit of a batch). */
  trace?: Trace;
}

/** Storage and calls of one operation, from its EVM trace. */
export interface Trace {
  coldStorageReads: number;
  storageWrites: number;
  externalCalls: number;
  /** The unit the counts are per (an investor of a batch); absent for one operation. */
  per?: string;
}

/** One operation: gas in each column, `null` where the operation does not exist there. */
export interface Row {
  key: string;
  operation: string;
  toolkit: bigint | null;
  erc3643: bigint | null;
  plain: bigint | null;
  targets: Target[];
}

/** A row as written to bench/results.json. */
export interface RowJson {
  key: string;
  operation: string;
  toolkit: number | null;
  erc3643: number | null;
  plain: number | null;
  toolkitOverPlain: number | null;
  toolkitOverErc3643: number | null;
  targets: Target[];
}

const NA = "n/a";

function ratio(a: bigint | null, b: bigint | null): number | null {
  if (a === null || b === null || b === 0n) return null;
  return Math.round((Number(a) / Number(b)) * 100) / 100;
}

export const formatGas = (gas: bigint | null): string => (gas === null ? NA : gas.toLocaleString("en-US"));
const formatRatio = (r: number | null): string => (r === null ? NA : `${r.toFixed(2)}×`);
function formatTarget(t: Target): string {
  const limit = t.limit.toLocaleString("en-US");
  const label = t.label.includes(limit) ? t.label : `${t.label} (${limit})`;
  return `${label}: ${t.met ? "met" : `missed by ${(t.value - t.limit).toLocaleString("en-US")}`}`;
}
const formatTargets = (targets: readonly Target[]): string => targets.map(formatTarget).join("; ");

export function toJson(row: Row): RowJson {
  const n = (g: bigint | null) => (g === null ? null : Number(g));
  return {
    key: row.key,
    operation: row.operation,
    toolkit: n(row.toolkit),
    erc3643: n(row.erc3643),
    plain: n(row.plain),
    toolkitOverPlain: ratio(row.toolkit, row.plain),
    toolkitOverErc3643: ratio(row.toolkit, row.erc3643),
    targets: row.targets,
  };
}

const HEADER = [
  "operation",
  "this toolkit",
  "ERC-3643 (T-REX)",
  "plain ERC-20",
  "toolkit / plain",
  "toolkit / ERC-3643",
  "target",
];
const NUMERIC = [false, true, true, true, true, true, false];

function cells(row: Row): string[] {
  return [
    row.operation,
    formatGas(row.toolkit),
    formatGas(row.erc3643),
    formatGas(row.plain),
    formatRatio(ratio(row.toolkit, row.plain)),
    formatRatio(ratio(row.toolkit, row.erc3643)),
    formatTargets(row.targets),
  ];
}

/** The table as aligned plain text, for the terminal. */
export function renderText(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (NUMERIC[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(HEADER), rule, ...body.map(line)].join("\n");
}

/** The table in Markdown (GitHub), numbers right-aligned. */
export function renderMarkdown(rows: readonly Row[]): string {
  const line = (r: readonly string[]) => `| ${r.join(" | ")} |`;
  const align = NUMERIC.map((n) => (n ? "---:" : "---"));
  return [line(HEADER), line(align), ...rows.map((r) => line(cells(r)))].join("\n");
}
