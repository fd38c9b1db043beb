/**
 * The chains the project starts for itself begin at CHAIN_START (src/ops/clock.ts), not at the
 * machine's date, and every date of the samples under issuances/ and of the test fixtures comes
 * after it: the demo and the tests play the same calendar whatever day they run.
 */
import { expect } from "chai";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import hre from "hardhat";
import { CHAIN_START, CHAIN_START_SECONDS } from "../../../src/ops/clock.js";
import { parseIsoDate } from "../../../src/ops/units.js";
import { ROOT, rpc, startNode } from "./helpers.js";

/** Two minutes: the time a chain's clock may have run since its first block when a test reads it. */
const RUN = 120n;

describe("ops: the clock of local chains", function () {
  this.timeout(60_000);

  it("CHAIN_START is before every date of the sample and test-fixture manifests and CSV files", async function () {
    expect(CHAIN_START_SECONDS).to.equal(parseIsoDate(CHAIN_START));
    const dates: string[] = [];
    for (const dir of ["issuances", "test/mocha/ops/fixtures"]) {
      for (const name of await readdir(path.join(ROOT, dir))) {
        const text = await readFile(path.join(ROOT, dir, name), "utf8");
        for (const [date] of text.matchAll(/(?<![\w-])\d{4}-\d{2}-\d{2}(T[\d:]+(Z|[+-]\d{2}:\d{2}))?(?![\w-])/g)) {
          dates.push(`${dir}/${name}: ${date}`);
        }
      }
    }
    expect(dates).to.include.members([
      "issuances/tbill-2027-06.json: 2026-12-03",
      "issuances/investors.sample.csv: 2027-06-30",
      "test/mocha/ops/fixtures/one-signer-bond.json: 2026-12-15",
    ]);
    const early = dates.filter((entry) => parseIsoDate(entry.split(": ")[1])! <= CHAIN_START_SECONDS);
    expect(early, `dates not after ${CHAIN_START}`).to.deep.equal([]);
  });

  it("the embedded chain starts at CHAIN_START, also when a connection overrides other settings", async function () {
    for (const override of [{}, { allowUnlimitedContractSize: true }]) {
      const connection = await hre.network.create({ override });
      try {
        const provider = connection.ethers.provider;
        expect(BigInt((await provider.getBlock(0))!.timestamp)).to.equal(CHAIN_START_SECONDS);
        await connection.networkHelpers.mine();
        const latest = BigInt((await provider.getBlock("latest"))!.timestamp);
        expect(latest).to.be.within(CHAIN_START_SECONDS, CHAIN_START_SECONDS + RUN);
      } finally {
        await connection.close();
      }
    }
  });

  for (const kind of ["hardhat", "anvil"] as const) {
    it(`${kind === "hardhat" ? "hardhat node" : "anvil"} started by the tests starts at CHAIN_START`, async function () {
      const node = await startNode(kind);
      try {
        const first = await rpc<{ timestamp: string }>(node.url, "eth_getBlockByNumber", ["0x0", false]);
        expect(BigInt(first.timestamp)).to.equal(CHAIN_START_SECONDS);
        await rpc(node.url, "evm_mine");
        const latest = await rpc<{ timestamp: string }>(node.url, "eth_getBlockByNumber", ["latest", false]);
        expect(BigInt(latest.timestamp)).to.be.within(CHAIN_START_SECONDS, CHAIN_START_SECONDS + RUN);
      } finally {
        await node.stop();
      }
    });
  }
});
