import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { isMeasured } from "../../plugins/branch-coverage/arms.js";
import { readArmsFile, sha256Of } from "../../plugins/branch-coverage/arms-file.js";

/**
 * The minimum coverage of `contracts/` (mocks excluded), in percent, over all its files together
 * (not per file): `npm test` and `npm run coverage` fail below either.
 */
export const THRESHOLDS = { lines: 95, branches: 90 };
export type Thresholds = typeof THRESHOLDS;

export interface Ratio {
  hit: number;
  found: number;
}

export interface FileCoverage {
  /** Relative to the project root, e.g. "contracts/token/RegulatedToken.sol". */
  file: string;
  lines: Ratio & { notRun: number[] };
  /** One branch is one arm of an `if`; `notRun` names them "line:T" or "line:F". */
  branches: Ratio & { notRun: string[] };
}

export interface CoverageReport {
  files: FileCoverage[];
  total: { lines: Ratio; branches: Ratio };
}

/** Percent, or undefined where there is nothing to cover. */
export function percent({ hit, found }: Ratio): number | undefined {
  return found === 0 ? undefined : (hit * 100) / found;
}

/** Executed and instrumented lines per file, from Hardhat's `coverage/lcov.info`. */
export function parseLcov(text: string): Map<string, { hit: number; found: number; notRun: number[] }> {
  const files = new Map<string, { hit: number; found: number; notRun: number[] }>();
  let current: { hit: number; found: number; notRun: number[] } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith("SF:")) {
      current = { hit: 0, found: 0, notRun: [] };
      files.set(line.slice(3).split(path.sep).join("/"), current);
    } else if (line.startsWith("DA:") && current !== undefined) {
      const [lineNumber, count] = line.slice(3).split(",").map(Number);
      current.found++;
      if (count > 0) current.hit++;
      else current.notRun.push(lineNumber);
    } else if (line === "end_of_record") {
      current = undefined;
    }
  }
  return files;
}

/** Every coverage tag that a test hit, from Hardhat's `coverage/data/<test runner>/*.json`. */
export async function readHitTags(coverageDir: string): Promise<Set<string>> {
  const hit = new Set<string>();
  const dataDir = path.join(coverageDir, "data");
  for (const runner of await readdir(dataDir).catch(() => [] as string[])) {
    for (const name of await readdir(path.join(dataDir, runner))) {
      if (!name.endsWith(".json")) continue;
      const counts = JSON.parse(await readFile(path.join(dataDir, runner, name), "utf8")) as Record<string, number>;
      for (const [tag, count] of Object.entries(counts)) if (count > 0) hit.add(tag);
    }
  }
  return hit;
}

/**
 * Lines and branches of every measured file of the last coverage run (Hardhat's lcov report, the
 * hit tags, and the arms the branch-coverage plugin recorded). Throws when the data are missing or
 * belong to other sources than the ones on disk.
 */
export async function collect(root: string): Promise<CoverageReport> {
  const coverageDir = path.join(root, "coverage");
  const lcovText = await readFile(path.join(coverageDir, "lcov.info"), "utf8").catch(() => {
    throw new Error("no coverage/lcov.info: run `npm run coverage` first");
  });
  const hitTags = await readHitTags(coverageDir);
  const files: FileCoverage[] = [];
  for (const [file, lines] of [...parseLcov(lcovText)].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isMeasured(`project/${file}`)) continue;
    const recorded = await readArmsFile(root, file);
    if (recorded === undefined) throw new Error(`no branch data for ${file}: run \`npm run coverage\` again`);
    const source = await readFile(path.join(root, file), "utf8");
    if (recorded.sha256 !== sha256Of(source)) {
      throw new Error(`${file} changed since the coverage run: run \`npm run coverage\` again`);
    }
    const notRun = recorded.arms.filter(({ tag }) => !hitTags.has(tag)).map(({ line, arm }) => `${line}:${arm}`);
    const found = recorded.arms.length;
    files.push({ file, lines, branches: { hit: found - notRun.length, found, notRun } });
  }
  if (files.length === 0) throw new Error("coverage/lcov.info names no file of contracts/");
  const sum = (pick: (f: FileCoverage) => Ratio): Ratio => ({
    hit: files.reduce((n, f) => n + pick(f).hit, 0),
    found: files.reduce((n, f) => n + pick(f).found, 0),
  });
  return { files, total: { lines: sum((f) => f.lines), branches: sum((f) => f.branches) } };
}

/**
 * The one line that says which total is below its threshold, and which files fall below it
 * (lowest first), or undefined when both totals reach their thresholds.
 */
export function shortfall(report: CoverageReport, thresholds: Thresholds = THRESHOLDS): string | undefined {
  const parts: string[] = [];
  for (const metric of ["lines", "branches"] as const) {
    const total = percent(report.total[metric]) ?? 100;
    if (total >= thresholds[metric]) continue;
    const below = report.files
      .map((f) => ({ file: f.file, pct: percent(f[metric]) }))
      .filter((f): f is { file: string; pct: number } => f.pct !== undefined && f.pct < thresholds[metric])
      .sort((a, b) => a.pct - b.pct)
      .map((f) => `${f.file} ${f.pct.toFixed(2)}%`);
    parts.push(`${metric} ${total.toFixed(2)}% < ${thresholds[metric]}% (files below: ${below.join(", ")})`);
  }
  if (parts.length === 0) return undefined;
  return `Coverage of contracts/ (all files together) below the threshold: ${parts.join("; ")}`;
}

/** Consecutive numbers as ranges: [3, 4, 5, 9] -> "3-5, 9". */
function ranges(lines: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j;
  }
  return out.join(", ");
}

/** The report as an aligned table: one row per file, then the total. */
export function formatTable(report: CoverageReport): string {
  const cell = (r: Ratio): string => {
    const pct = percent(r);
    return pct === undefined ? "-" : `${pct.toFixed(2)}% (${r.hit}/${r.found})`;
  };
  const rows = [
    ["File", "Lines", "Branches", "Lines not run", "Branches not run (line:T/F)"],
    ...report.files.map((f) => [
      f.file,
      cell(f.lines),
      cell(f.branches),
      ranges(f.lines.notRun) || "-",
      f.branches.notRun.join(", ") || "-",
    ]),
    ["Total", cell(report.total.lines), cell(report.total.branches), "", ""],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]): string =>
    row
      .map((text, c) => (c === 1 || c === 2 ? text.padStart(widths[c]) : text.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]), rule, ...rows.slice(1, -1).map(line), rule, line(rows[rows.length - 1])].join("\n");
}

/**
 * Prints the table, writes `coverage/contracts.json` and returns the shortfall line (undefined
 * when the thresholds are met).
 */
export async function writeReport(root: string, thresholds: Thresholds = THRESHOLDS): Promise<string | undefined> {
  const report = await collect(root);
  const failure = shortfall(report, thresholds);
  console.log(`Lines and branches of contracts/ (mocks excluded)\n\n${formatTable(report)}\n`);
  const json = { thresholds, passed: failure === undefined, ...report };
  await writeFile(path.join(root, "coverage", "contracts.json"), JSON.stringify(json, null, 2) + "\n");
  console.log(
    `Thresholds: ${thresholds.lines}% of lines and ${thresholds.branches}% of branches, all files together. ` +
      "Written: coverage/contracts.json",
  );
  return failure;
}
