/**
 * An issuance's year on a chain, for the indexer's tests: the demo's lifecycle (npm run demo) played
 * with the operations library on `connection`: three deployments sharing one registry (a T-bill,
 * a gold reserve token, two bonds), investors, a DvP auction, trades, an attestation, gated mints
 * and a redemption request, enforcement with references (freeze, pause), the T-bill's redemption
 * and the bonds' first coupon (funded, claimed, paid).
 */
import path from "node:path";
import hre from "hardhat";
import { id as keccakText } from "ethers";
import { bondOf, fixCouponRate, fundCoupon, payCoupon } from "../../../src/ops/bond.js";
import { attestReserves, fulfilRedemption } from "../../../src/ops/commodity.js";
import { contextFor, type OpsContext } from "../../../src/ops/context.js";
import { fundRedemption, redeemFor } from "../../../src/ops/debt.js";
import { deployIssuance } from "../../../src/ops/deploy.js";
import { recordFile, writeRecord, type DeploymentRecord } from "../../../src/ops/deployments.js";
import { importInvestors } from "../../../src/ops/investors.js";
import type { Connection } from "../../../src/ops/network.js";
import { runAuction } from "../../../src/ops/tbill.js";
import { freeze, mint, setPaused, unfreeze } from "../../../src/ops/token.js";
import { localTestDollar } from "../../../scripts/lib/local-test-dollar.js";
import { loadTestManifest, ROOT, tempDir } from "../ops/helpers.js";
import { captureOutput } from "../support/capture.js";

const UNIT = 1_000_000n;
const sample = (name: string) => path.join(ROOT, "issuances", name);

export interface Lifecycle {
  records: DeploymentRecord[];
  /** The deployment record files, as the `deploy` task writes them. */
  recordFiles: string[];
  /** The last block of the lifecycle. */
  lastBlock: number;
  bills: OpsContext;
  gold: OpsContext;
  bonds: OpsContext;
}

/** Plays the lifecycle on `connection` (its output captured). */
export async function playLifecycle(connection: Connection): Promise<Lifecycle> {
  const { result } = await captureOutput(() => play(connection));
  return result;
}

async function play(connection: Connection): Promise<Lifecycle> {
  const stateDir = await tempDir();
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [dealer, pensionFund, exchange, accredited, , , retailSaver] = signers.slice(6, 13);
  const deploy = async (file: string, registry?: string) => {
    const manifest = await loadTestManifest(sample(file));
    if (registry !== undefined) manifest.registry = { deploy: false, address: registry };
    const record = (await deployIssuance(connection, hre.artifacts, manifest, {
      manifestFile: file,
      stateDir,
      out: () => {},
    }))!;
    return contextFor(connection, manifest, record, { stateDir, task: "lifecycle", out: () => {} });
  };
  const bills = await deploy("tbill-2027-06.json");
  const gold = await deploy("gold-reserve.json", bills.record.registry);
  const bonds = await deploy("bonds-2026-12.json", bills.record.registry);
  await importInvestors(bills, sample("investors.sample.csv"), { progress: false });

  const bill = await ethers.getContractAt("TreasuryBill", bills.record.instruments["tbill-2027-06"].address);
  const cash = await localTestDollar(connection, await bill.settlementToken());
  for (const bidder of signers.slice(6, 14)) {
    await (await cash.mint(bidder.address, 100_000_000n * UNIT)).wait();
    await (await cash.connect(bidder).approve(await bill.getAddress(), 100_000_000n * UNIT)).wait();
  }
  await runAuction(bills, sample("auction-bids.sample.csv"), "1000000", { method: "uniform" });
  await (await bill.connect(dealer).transfer(pensionFund.address, 50_000n * UNIT)).wait();
  await (await bill.connect(dealer).transfer(exchange.address, 25_000n * UNIT)).wait();
  await freeze(bills, exchange.address, "5000", { reason: "court order 2026/117" });
  await unfreeze(bills, exchange.address, "5000", { reason: "court order lifted" });
  await setPaused(bills, true, { reason: "incident 42" });
  await setPaused(bills, false, { reason: "incident 42 closed" });

  const goldToken = await ethers.getContractAt(
    "CommodityReserveToken",
    gold.record.instruments["gold-reserve"].address,
  );
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  await attestReserves(gold, {
    reserves: "5000000",
    asOf: new Date((now - 3600) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    reportHash: keccakText("vault audit report 2026-11"),
    uri: "ipfs://bafy-demo-vault-audit-2026-11",
  });
  await mint(gold, accredited.address, "3000", { reason: "allotment to an accredited investor" });
  await mint(gold, retailSaver.address, "1000", { reason: "retail savings scheme" });
  await (await goldToken.connect(retailSaver).requestRedemption(100n * UNIT, 0, keccakText("delivery ref 77"))).wait();
  await fulfilRedemption(gold, "1", { reason: "100 g delivered, receipt 77" });

  for (const instrument of ["bond-3y-2029", "frn-10y-2036"]) {
    await mint(bonds, dealer.address, "200000", { instrument, reason: "syndicated allocation" });
    await mint(bonds, pensionFund.address, "100000", { instrument, reason: "syndicated allocation" });
  }
  const { bond: fixedBond } = await bondOf(bonds, "bond-3y-2029");
  await (await fixedBond.connect(dealer).transfer(exchange.address, 50_000n * UNIT)).wait();
  await fixCouponRate(bonds, 0, "12.25", { instrument: "frn-10y-2036", reason: "6M reference 11.50% + 0.75%" });

  await networkHelpers.time.increaseTo(await bill.maturityDate());
  const treasury = signers[2];
  const due = await bill.redemptionDue();
  await (await cash.mint(treasury.address, due)).wait();
  await fundRedemption(bills);
  await redeemFor(bills, undefined);

  for (const instrument of ["bond-3y-2029", "frn-10y-2036"]) {
    const { bond } = await bondOf(bonds, instrument);
    const bondCash = await localTestDollar(connection, await bond.settlementToken());
    const owed = ((await bond.supplyAtRecord(0)) * (await bond.couponPerToken(0))) / UNIT;
    await (await bondCash.mint(treasury.address, owed)).wait();
    await fundCoupon(bonds, 0, { instrument, reason: "coupon 1 of the budget" });
  }
  await (await fixedBond.connect(dealer).transfer(pensionFund.address, 10_000n * UNIT)).wait();
  await networkHelpers.time.increaseTo(await fixedBond.couponDate(0));
  for (const instrument of ["bond-3y-2029", "frn-10y-2036"]) {
    const { bond } = await bondOf(bonds, instrument);
    await (await bond.connect(dealer).claimCoupon(0)).wait();
    await payCoupon(bonds, 0, [pensionFund.address], { instrument });
  }
  const records = [bills.record, gold.record, bonds.record];
  // The embedded chain lasts one command, so the deploy code keeps no record there: written as on a node.
  for (const record of records) await writeRecord(stateDir, record);
  return {
    records,
    recordFiles: records.map((r) => recordFile(stateDir, r.network, r.name)),
    lastBlock: await ethers.provider.getBlockNumber(),
    bills,
    gold,
    bonds,
  };
}
