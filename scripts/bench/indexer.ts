/**
 * The indexer at scale (`npm run bench:indexer`): 100,000 transfers (BENCH_TRANSFERS) to 10,000
 * wallets on the embedded chain, indexed into SQLite and into PostgreSQL (a server started for the
 * run, or DATABASE_URL), with the events per second and the time of the queries the explorer's
 * pages make: the cap table at the head and at a past block (a page, and all 10,000 holders), a
 * holder's history, a page of the audit trail. Writes the BENCHMARKS.md section `bench:indexer`.
 *
 * The token is the plain ERC-20 of the gas benchmarks (contracts/mocks/ERC20PlainMock.sol),
 * followed as a regulated token: the indexer's work is the same for every Transfer event, and a
 * plain token lets the chain produce 100,000 of them in about a minute.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { Chain, eip1193Rpc } from "../../src/indexer/chain.js";
import { indexToHead, prepareStore } from "../../src/indexer/indexer.js";
import { auditTrail, capTableAt, holderHistory } from "../../src/indexer/queries.js";
import { checkAgainstChain } from "../../src/indexer/reconcile.js";
import { parseContracts } from "../../src/indexer/sources.js";
import { openStore } from "../../src/indexer/store.js";
import { groupThousands } from "../../src/ops/units.js";
import { startPostgres } from "../lib/postgres.js";
import { refreshSection } from "./lib/markdown.js";

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 100_000);
const WALLETS = 10_000;
const PER_BLOCK = 500;
const RUNS = 5;

const { ethers, provider } = await hre.network.create();
const token = await ethers.deployContract("ERC20PlainMock");
const [owner] = await ethers.getSigners();
const address = await token.getAddress();
const start = await ethers.provider.getBlockNumber();
await (await token.mint(owner.address, 10n ** 30n)).wait();
const wallet = (i: number) => ethers.getAddress(`0x${(0x1000 + (i % WALLETS)).toString(16).padStart(40, "0")}`);

console.log(`Sending ${groupThousands(String(TRANSFERS))} transfers to ${groupThousands(String(WALLETS))} wallets…`);
let began = Date.now();
await provider.request({ method: "evm_setAutomine", params: [false] });
let nonce = await owner.getNonce();
const sent: Promise<unknown>[] = [];
for (let i = 0; i < TRANSFERS; i++) {
  const data = token.interface.encodeFunctionData("transfer", [wallet(i), BigInt(1 + (i % 997)) * 10n ** 6n]);
  const tx = { from: owner.address, to: address, data, gas: "0x186a0", nonce: `0x${(nonce++).toString(16)}` };
  sent.push(provider.request({ method: "eth_sendTransaction", params: [tx] }));
  if (sent.length === PER_BLOCK || i === TRANSFERS - 1) {
    await Promise.all(sent.splice(0));
    await provider.request({ method: "evm_mine", params: [] });
  }
}
await provider.request({ method: "evm_setAutomine", params: [true] });
const head = await ethers.provider.getBlockNumber();
console.log(`  mined in ${((Date.now() - began) / 1000).toFixed(1)} s, blocks ${start + 1} to ${head}`);

const chain = new Chain(eip1193Rpc(provider));
const followed = parseContracts(`regulatedToken:${address}:plain`, start);

/** Median milliseconds of `RUNS` runs of `work`. */
async function time(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const postgres = process.env.DATABASE_URL ? undefined : await startPostgres();
const rows: string[] = [];
try {
  const targets = {
    SQLite: path.join(await mkdtemp(path.join(os.tmpdir(), "bench-indexer-")), "index.sqlite"),
    PostgreSQL: process.env.DATABASE_URL ?? (await postgres!.createDatabase("bench_indexer")),
  };
  for (const [name, target] of Object.entries(targets)) {
    const store = await openStore(target);
    try {
      await prepareStore(store, chain, followed);
      began = performance.now();
      await indexToHead(store, chain, { rangeSize: 20 });
      const seconds = (performance.now() - began) / 1000;
      const events = TRANSFERS + 1;
      const differences = await checkAgainstChain(store, chain, address);
      if (differences.length > 0) throw new Error(`${name}: the index differs from the chain: ${differences[0]}`);
      const past = start + Math.floor((head - start) / 2);
      const figures = {
        indexing: `${groupThousands(String(Math.round(events / seconds)))} events/s (${seconds.toFixed(1)} s)`,
        page: await time(() => capTableAt(store, address, { limit: 50 })),
        pagePast: await time(() => capTableAt(store, address, { block: past, limit: 50, offset: 5_000 })),
        all: await time(() => capTableAt(store, address)),
        history: await time(() => holderHistory(store, wallet(4_242))),
        trail: await time(() => auditTrail(store, { limit: 100, offset: 50_000 })),
      };
      const ms = (value: number) => `${value.toFixed(1)} ms`;
      rows.push(
        `| ${name} | ${figures.indexing} | ${ms(figures.page)} | ${ms(figures.pagePast)} | ${ms(figures.all)} | ` +
          `${ms(figures.history)} | ${ms(figures.trail)} |`,
      );
      console.log(rows.at(-1));
    } finally {
      await store.close();
    }
  }
} finally {
  await postgres?.stop();
}

const cpus = os.cpus();
const section = [
  `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus.length} cores (${cpus[0]?.model.trim()}), Node ${process.version}; ` +
    `${groupThousands(String(TRANSFERS))} transfers to ${groupThousands(String(WALLETS))} wallets in blocks of ${PER_BLOCK}, ` +
    `indexed in ranges of 20 blocks; query times are the median of ${RUNS} runs.`,
  "",
  "| database | indexing | cap table, first 50 | cap table at a past block, 50 from the 5,000th | cap table, all 10,000 holders | a holder's history | audit trail, 100 from the 50,000th |",
  "| --- | --: | --: | --: | --: | --: | --: |",
  ...rows,
].join("\n");
if (TRANSFERS === 100_000 && (await refreshSection("BENCHMARKS.md", "bench:indexer", section))) {
  console.log("BENCHMARKS.md: section bench:indexer written");
}
