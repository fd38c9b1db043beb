/**
 * Wall times, so that a change that slows the suite or the build shows: a full `npm test` and a
 * clean build (`hardhat clean` then `hardhat build`), each the median of RUNS runs, on this machine.
 *
 * Run: `npm run bench:time` (slow: several minutes). Prints the figures, writes bench/time.json
 * and refreshes the wall-time section of BENCHMARKS.md (between its `bench:time` markers).
 * Runs with plain Node (type stripping), not through Hardhat, since it starts Hardhat itself.
 */
import { spawnSync } from "node:child_process";
import { readFile, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { format, resolveConfig } from "prettier";

const RUNS = Number(process.env.BENCH_TIME_RUNS ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`BENCH_TIME_RUNS must be a positive integer, not ${RUNS}`);
const env = { ...process.env, CI: "true", HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" };

/** Runs `command` through the shell, fails loudly if it fails, returns its wall time in seconds. */
function timed(command: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, { shell: true, stdio: ["ignore", "ignore", "pipe"], env });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`\`${command}\` failed (exit ${result.status}):\n${result.stderr.toString().slice(-4000)}`);
  }
  return seconds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Measure {
  name: string;
  command: string;
  runs: number[];
  median: number;
}

function measure(name: string, command: string): Measure {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const seconds = timed(command);
    console.log(`${name}, run ${i + 1}/${RUNS}: ${seconds.toFixed(1)} s`);
    runs.push(Math.round(seconds * 10) / 10);
  }
  return { name, command, runs, median: median(runs) };
}

const measures = [
  measure("clean build", "npx hardhat clean && npx hardhat build"),
  measure("full npm test", "npm test"),
];

const cpus = os.cpus();
const machine = {
  cpus: cpus.length,
  cpuModel: cpus[0]?.model.trim() ?? "unknown",
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
};
const date = new Date().toISOString().slice(0, 10);

const fmt = (s: number) => `${s.toFixed(1)} s`;
console.log(`\n${date}, ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}`);
for (const m of measures)
  console.log(`${m.name.padEnd(14)} median ${fmt(m.median)}  (runs: ${m.runs.map(fmt).join(", ")})`);

await mkdir("bench", { recursive: true });
await writeFile("bench/time.json", JSON.stringify({ date, machine, runs: RUNS, measures }, null, 2) + "\n");

const markdown = [
  `Measured on ${date}: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}; median of ${RUNS} runs.`,
  "",
  "| what | command | median | runs |",
  "| --- | --- | ---: | --- |",
  ...measures.map((m) => `| ${m.name} | \`${m.command}\` | ${fmt(m.median)} | ${m.runs.map(fmt).join(", ")} |`),
].join("\n");
const path = "BENCHMARKS.md";
const start = "<!-- bench:time:start -->";
const end = "<!-- bench:time:end -->";
const doc = await readFile(path, "utf8").catch(() => null);
if (doc !== null && doc.includes(start) && doc.includes(end)) {
  const before = doc.slice(0, doc.indexOf(start) + start.length);
  const updated = `${before}\n\n${markdown}\n\n${doc.slice(doc.indexOf(end))}`;
  // Same as lib/markdown.ts (this script runs under plain Node, which cannot import it as `.js`).
  await writeFile(path, await format(updated, { ...((await resolveConfig(path)) ?? {}), filepath: path }));
  console.log(`wrote bench/time.json and the wall-time section of ${path}`);
} else {
  console.warn(`${path}: markers not found; wrote bench/time.json only`);
}
