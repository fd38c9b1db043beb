/**
 * The main job, on the embedded chain with no set-up (`npm run demo`): the ministry's year in a
 * minute, played with the operations tooling of src/ops (the same code as the Hardhat tasks).
 *
 *  1. deploy the sample issuances from their manifests (issuances/tbill-2027-06.json and
 *     issuances/gold-reserve.json, sharing one investor registry);
 *  2. onboard the investors of issuances/investors.sample.csv;
 *  3. auction the 6-month T-bill (issuances/auction-bids.sample.csv) and settle it DvP;
 *  4. secondary trades, one refused (explained before it is sent);
 *  5. the gold reserve token: attestation, gated mints (one refused), a redemption fulfilled;
 *  6. the sovereign bonds (issuances/bonds-2026-12.json): a 3-year fixed-rate bond and a 10-year
 *     FRN, allocated, traded, the FRN's first rate fixed before its record date; their documents
 *     (offering circular, final terms: ERC-1643) listed, and a file checked against its hash;
 *  7. the T-bill's maturity: funding and redemption at face value;
 *  8. the bonds' first coupon: record date, funding, a holder's claim and the treasury's payment;
 *  9. the closing report: cap tables, cash flows, reserve coverage.
 *
 * Nothing is kept: the chain and the ops log live as long as the command.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { ZeroAddress, id as keccakText } from "ethers";
import type { CommodityReserveToken, TreasuryBill } from "../typechain-types/index.js";
import { bondOf, fixCouponRate, fundCoupon, payCoupon } from "../src/ops/bond.js";
import { attestReserves, fulfilRedemption } from "../src/ops/commodity.js";
import { contextFor, type OpsContext } from "../src/ops/context.js";
import { fundRedemption, redeemFor } from "../src/ops/debt.js";
import { deployIssuance } from "../src/ops/deploy.js";
import { documentRegistryOf } from "../src/ops/documents.js";
import { OpsError } from "../src/ops/errors.js";
import {
  auctionResults,
  COUPON_FLOW_COLUMNS,
  COUPON_SCHEDULE_COLUMNS,
  couponReport,
  reserveCoverage,
  RESERVE_COVERAGE_COLUMNS,
} from "../src/ops/instrument-reports.js";
import { importInvestors } from "../src/ops/investors.js";
import { loadManifest, type Manifest } from "../src/ops/manifest.js";
import { formatTable, type AmountColumns, type Row } from "../src/ops/output.js";
import { capTable } from "../src/ops/reports.js";
import { ALLOTMENT_COLUMNS, runAuction } from "../src/ops/tbill.js";
import { mint } from "../src/ops/token.js";
import { formatAmount, formatTokens, groupThousands, isoTime } from "../src/ops/units.js";
import { verifyDocument } from "../src/sdk/documents.js";
import { revertError } from "../src/sdk/errors.js";
import { localTestDollar } from "./lib/local-test-dollar.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const file = (name: string) => path.join(ROOT, "issuances", name);
const UNIT = 1_000_000n; // the bill, the gold token and the test dollar all have 6 decimals
const money = (units: bigint) => formatTokens(units, { symbol: "TUSD", decimals: 6 });
const tokens = (units: bigint, symbol: string) => formatTokens(units, { symbol, decimals: 6 });

const step = (title: string) => console.log(`\n== ${title}`);
const say = (line: string) => console.log(`   ${line}`);
const table = (columns: readonly string[], rows: readonly Row[], amounts?: AmountColumns) =>
  formatTable(columns, rows, amounts).forEach((l) => say(l));

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const stateDir = await mkdtemp(path.join(os.tmpdir(), "sovereign-demo-"));

/** Deploys the issuance of `manifest` with the deploy code of the `deploy` task; prints the plan and the result. */
async function deploy(manifest: Manifest, manifestFile: string): Promise<OpsContext> {
  const record = await deployIssuance(connection, hre.artifacts, manifest, {
    manifestFile,
    stateDir,
    out: (line) => {
      if (!line.startsWith("  done ")) say(line);
    },
  });
  if (record === undefined) throw new OpsError("the deployment returned no record");
  return contextFor(connection, manifest, record, { stateDir, task: "demo", out: say });
}

async function main() {
  const signers = await ethers.getSigners();
  const [, , treasury] = signers;
  const [dealer, pensionFund, exchange, accredited, , government, retailSaver] = signers.slice(6, 13);
  // Who the wallets of issuances/investors.sample.csv are (the registry holds only salted hashes).
  const names = [
    "primary dealer",
    "pension fund",
    "exchange omnibus (AE)",
    "accredited investor",
    "UK institution",
    "government entity",
    "retail saver",
    "Saudi institution",
  ];
  const who = (wallet: string) => names[signers.slice(6, 14).findIndex((s) => s.address === wallet)] ?? wallet;
  const capRows = (rows: readonly Row[]) => rows.map((r) => ({ holder: who(String(r.wallet)), ...r }));

  // The samples carry fixed calendar dates; the chain starts before them whatever the machine's date.
  const start = (await ethers.provider.getBlock(0))!.timestamp;
  console.log(`The embedded chain starts on ${isoTime(BigInt(start))} (src/ops/clock.ts), before the samples' dates.`);

  step("1. Deploy the sample issuances from their manifests (Hardhat Ignition, as `npx hardhat deploy`)");
  const billManifest = await loadManifest(file("tbill-2027-06.json"));
  const bills = await deploy(billManifest, "issuances/tbill-2027-06.json");
  const goldManifest = await loadManifest(file("gold-reserve.json"));
  say(`the gold issuance shares the T-bill issuance's investor registry ${bills.record.registry}:`);
  goldManifest.registry = { deploy: false, address: bills.record.registry! };
  const gold = await deploy(goldManifest, "issuances/gold-reserve.json");
  const bill: TreasuryBill = await ethers.getContractAt(
    "TreasuryBill",
    bills.record.instruments["tbill-2027-06"].address,
  );
  // The test dollar deployed with the bill (deploySettlementToken), whose open mint plays the budget.
  const cash = await localTestDollar(connection, await bill.settlementToken());
  const goldToken: CommodityReserveToken = await ethers.getContractAt(
    "CommodityReserveToken",
    gold.record.instruments["gold-reserve"].address,
  );

  step("2. Onboard the investors of issuances/investors.sample.csv (KYC desk; only salted hashes go on chain)");
  const imported = await importInvestors(bills, file("investors.sample.csv"), { progress: false });
  say(`${imported.register.length} investors registered in ${imported.transactions} transaction(s)`);

  step("3. T-bill auction: 1,000,000 bills of 100 TUSD face value, uniform price, settled delivery-versus-payment");
  say("each bidder holds test dollars (TUSD) and approves the bill for its payment:");
  for (const bidder of signers.slice(6, 14)) {
    await (await cash.mint(bidder.address, 100_000_000n * UNIT)).wait();
    await (await cash.connect(bidder).approve(await bill.getAddress(), 100_000_000n * UNIT)).wait();
  }
  say("bids: issuances/auction-bids.sample.csv (5 competitive, 2 non-competitive)");
  const auction = await runAuction(bills, file("auction-bids.sample.csv"), "1000000", { method: "uniform" });
  table(
    ["holder", ...ALLOTMENT_COLUMNS],
    capRows(auction.rows.map((r) => ({ ...r, wallet: r.bidder }))),
    auction.amounts,
  );
  say(
    `the treasury received ${money(await cash.balanceOf(treasury.address))} ` +
      "(each cost rounded up to 0.000001 TUSD: the treasury never receives less than the price)",
  );

  step("4. Secondary trades on the T-bill (each asked first: ERC-1404 detectTransferRestriction)");
  const trade = async (label: string, from: typeof dealer, to: string, amount: bigint) => {
    const code = await bill.detectTransferRestriction(from.address, to, amount);
    const message = await bill.messageForTransferRestriction(code);
    say(`-- ${label}: ${tokens(amount, "bills")}`);
    say(`   asked first: code ${code}, "${message}"${code === 0n ? "" : ": sending it anyway to show the refusal"}`);
    try {
      const receipt = await (await bill.connect(from).transfer(to, amount)).wait();
      say(`   sent in block ${receipt!.blockNumber}`);
    } catch (error) {
      say(`   refused by the chain: ${revertError(error, bill.interface).shortMessage}`);
    }
  };
  await trade("primary dealer -> pension fund (permitted)", dealer, pensionFund.address, 50_000n * UNIT);
  await trade("primary dealer -> exchange omnibus, UAE (permitted)", dealer, exchange.address, 25_000n * UNIT);
  await trade(
    "primary dealer -> retail saver (retail may not hold T-bills)",
    dealer,
    retailSaver.address,
    1_000n * UNIT,
  );

  step("5. Gold reserve token: audited reserves gate every mint");
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  await attestReserves(gold, {
    reserves: "5000000",
    asOf: isoTime(now - 3600),
    reportHash: keccakText("vault audit report 2026-11"),
    uri: "ipfs://bafy-demo-vault-audit-2026-11",
  });
  await mint(gold, accredited.address, "3000", { reason: "allotment to an accredited investor" });
  await mint(gold, retailSaver.address, "1000", { reason: "retail savings scheme" });
  const extra = 2_000n * UNIT;
  const code = await goldToken.detectTransferRestriction(ZeroAddress, government.address, extra);
  say(`asked first: mint of 2,000 SGOLD, code ${code}, "${await goldToken.messageForTransferRestriction(code)}"`);
  try {
    await mint(gold, government.address, "2000", { reason: "beyond the reserves" });
  } catch (error) {
    if (!(error instanceof OpsError)) throw error;
    say(`refused: ${error.message}`);
  }
  say("the retail saver asks for 100 grams delivered (tokens escrowed), the custodian delivers and fulfils:");
  await (await goldToken.connect(retailSaver).requestRedemption(100n * UNIT, 0, keccakText("delivery ref 77"))).wait();
  await fulfilRedemption(gold, "1", { reason: "100 g delivered, receipt 77" });
  say(`retail saver holds ${tokens(await goldToken.balanceOf(retailSaver.address), "SGOLD")}`);
  const coverage = await reserveCoverage(gold);
  table(RESERVE_COVERAGE_COLUMNS, coverage.rows, coverage.amounts);

  step(
    "6. Sovereign bonds from issuances/bonds-2026-12.json (SovereignBond, linked libraries SovereignBondLogic, DebtSecurityLogic)",
  );
  const bondManifest = await loadManifest(file("bonds-2026-12.json"));
  say("the bond issuance shares the same investor registry:");
  bondManifest.registry = { deploy: false, address: bills.record.registry! };
  const bonds = await deploy(bondManifest, "issuances/bonds-2026-12.json");
  const bondIds = ["bond-3y-2029", "frn-10y-2036"];
  for (const instrument of bondIds) {
    await mint(bonds, dealer.address, "200000", { instrument, reason: "syndicated allocation" });
    await mint(bonds, pensionFund.address, "100000", { instrument, reason: "syndicated allocation" });
  }
  const { bond: fixedBond } = await bondOf(bonds, "bond-3y-2029");
  const { bond: frn } = await bondOf(bonds, "frn-10y-2036");
  say("before the record date, the dealer sells 50,000 of the fixed-rate bond to the exchange omnibus:");
  await (await fixedBond.connect(dealer).transfer(exchange.address, 50_000n * UNIT)).wait();
  const recordDate = await fixedBond.recordDate(0);
  const couponDate = await fixedBond.couponDate(0);
  say(`first coupon: record date ${isoTime(recordDate)}, paid ${isoTime(couponDate)}`);
  say("the rate desk fixes the FRN's first coupon before its record date (reference rate 11.50% + 75 bp):");
  await fixCouponRate(bonds, 0, "12.25", { instrument: "frn-10y-2036", reason: "6M reference 11.50% + 0.75%" });
  say(`FRN coupon 0: ${money(await frn.couponPerToken(0))} per bond of 100 TUSD`);
  say("an investor checks the offering circular the deployment registered (above) against its hash on chain:");
  const circular = await readFile(file("bonds-2026-12.offering-circular.md"));
  const documents = await documentRegistryOf(bonds);
  const checked = await verifyDocument(documents, "offering-circular", circular);
  const altered = await verifyDocument(documents, "offering-circular", Buffer.concat([circular, Buffer.from(" ")]));
  if (!checked.matches || altered.matches) throw new OpsError("the offering circular's check against its hash failed");
  say(`issuances/bonds-2026-12.offering-circular.md matches version ${checked.document.version} on chain (SHA-256)`);
  say("the same file with one byte added does not: an investor would see that it was changed");

  step("7. Maturity of the T-bill: time travel to 3 June 2027, fund the redemption, pay every holder");
  const beforeMaturity = await ethers.provider.getBlockNumber();
  await networkHelpers.time.increaseTo(await bill.maturityDate());
  const due = await bill.redemptionDue();
  const shortfall = due - (await cash.balanceOf(treasury.address));
  say(`due ${money(due)}; the treasury tops up ${money(shortfall)} from the budget`);
  await (await cash.mint(treasury.address, shortfall)).wait();
  await fundRedemption(bills);
  const { redeemed } = await redeemFor(bills, undefined);
  table(
    ["holder", "wallet", "bills", "paid"],
    redeemed.map((r) => ({ holder: who(r.holder), wallet: r.holder, bills: r.amount, paid: r.paid })),
    { bills: "TB270603", paid: "TUSD" },
  );

  step("8. The bonds' first coupon: holders of record, funding, a claim and the treasury's payment");
  const couponRows: Row[] = [];
  for (const instrument of bondIds) {
    const { bond } = await bondOf(bonds, instrument);
    const bondCash = await localTestDollar(connection, await bond.settlementToken());
    const perToken = await bond.couponPerToken(0);
    const due = ((await bond.supplyAtRecord(0)) * perToken) / UNIT;
    await (await bondCash.mint(treasury.address, due)).wait();
    await fundCoupon(bonds, 0, { instrument, reason: "coupon 1 of the budget" });
  }
  say("after the record date (the T-bill's maturity was on 3 June), a trade no longer moves the coupon:");
  const dueBefore = await fixedBond.couponDue(dealer.address, 0);
  await (await fixedBond.connect(dealer).transfer(pensionFund.address, 10_000n * UNIT)).wait();
  say(
    `dealer sold 10,000 after the record date; its coupon stays ${money(await fixedBond.couponDue(dealer.address, 0))} ` +
      `(was ${money(dueBefore)})`,
  );
  await networkHelpers.time.increaseTo(couponDate);
  say(`time travel to the coupon date ${isoTime(couponDate)}`);
  for (const instrument of bondIds) {
    const { bond } = await bondOf(bonds, instrument);
    const claimed = await bond.couponDue(dealer.address, 0);
    await (await bond.connect(dealer).claimCoupon(0)).wait();
    couponRows.push({ bond: instrument, holder: who(dealer.address), paid: formatAmount(claimed, 6), how: "claimed" });
    const holders = instrument === "bond-3y-2029" ? [pensionFund.address, exchange.address] : [pensionFund.address];
    const { paid } = await payCoupon(bonds, 0, holders, { instrument });
    for (const p of paid) couponRows.push({ bond: instrument, holder: who(p.holder), paid: p.amount, how: "paid" });
  }
  table(["bond", "holder", "paid", "how"], couponRows, { paid: "TUSD" });

  step("9. Report");
  const billTable = await capTable(bills, { block: beforeMaturity });
  const CAP_COLUMNS = ["holder", "wallet", "balance", "share", "country", "category"];
  const supply = (t: typeof billTable) => `${groupThousands(t.totalSupply)} ${t.symbol}`;
  say(
    `cap table of ${billTable.instrument} before maturity: supply ${supply(billTable)}, ${billTable.holders} holders`,
  );
  table(CAP_COLUMNS, capRows(billTable.rows), billTable.amounts);
  const goldTable = await capTable(gold);
  say(`cap table of ${goldTable.instrument}: supply ${supply(goldTable)}, ${goldTable.holders} holders`);
  table(CAP_COLUMNS, capRows(goldTable.rows), goldTable.amounts);
  const results = await auctionResults(bills);
  say("cash flows of the T-bill:");
  for (const a of results.auctions) {
    say(
      `  auction ${a.auction}: ${groupThousands(a.settled)} bills settled, proceeds ${groupThousands(a.proceeds)} ` +
        `TUSD, ${groupThousands(a.pending)} bills pending`,
    );
  }
  const paid = await bill.redemptionPaid();
  say(`  redemption paid at face value: ${money(paid)}`);
  say(`  still funded for unredeemed claims: ${money((await bill.redemptionFunded()) - paid)}`);
  const proceeds = (await cash.balanceOf(treasury.address)) + (await bill.redemptionFunded()) - shortfall;
  say(`  cost of the 6-month borrowing (discount paid by the treasury): ${money(paid - proceeds)}`);
  say("cash flows of the bonds' first coupon:");
  for (const instrument of bondIds) {
    const { bond } = await bondOf(bonds, instrument);
    const c = await bond.coupon(0);
    say(`  ${instrument}: funded ${money(c.funded)}, paid ${money(c.paid)}, ${money(c.perToken)} per bond`);
  }
  const coupons = await couponReport(bonds, { instrument: "bond-3y-2029" });
  say(`coupon schedule of ${coupons.instrument} (ISIN ${coupons.isin}), as \`report coupons\` prints it:`);
  table(COUPON_SCHEDULE_COLUMNS, coupons.schedule, coupons.amounts);
  say("its cash flows per holder (record dates passed):");
  table(COUPON_FLOW_COLUMNS, coupons.flows, coupons.amounts);
  for (const instrument of bondIds) {
    const t = await capTable(bonds, { instrument });
    say(`cap table of ${t.instrument}: supply ${supply(t)}, ${t.holders} holders`);
    table(CAP_COLUMNS, capRows(t.rows), t.amounts);
  }
  say("reserve coverage (after the time travel, the attestation is too old: a fresh one is due before minting):");
  const stale = await reserveCoverage(gold);
  table(RESERVE_COVERAGE_COLUMNS, stale.rows, stale.amounts);
  console.log("\nDemo complete.");
}

try {
  await main();
} catch (error) {
  // No stack trace: what stopped the demo, in one line.
  console.error(`\nDemo stopped: ${error instanceof OpsError ? error.message : (error as Error).message}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
