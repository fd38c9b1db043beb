import { expect } from "chai";
import path from "node:path";
import hre from "hardhat";
import type {
  CommodityReserveToken,
  LocalTestDollar,
  SovereignBond,
  TreasuryBill,
} from "../../../typechain-types/index.js";
import { attestReserves, fulfilRedemption, rejectRedemption } from "../../../src/ops/commodity.js";
import { contextFor } from "../../../src/ops/context.js";
import { deployIssuance } from "../../../src/ops/deploy.js";
import {
  RESERVE_COVERAGE_COLUMNS,
  URI_UNAVAILABLE,
  auctionResults,
  reserveCoverage,
} from "../../../src/ops/instrument-reports.js";
import { reserveAttestation } from "../../../src/sdk/attestations.js";
import { ToolkitError } from "../../../src/sdk/errors.js";
import { watchLogQueries } from "../support/logs.js";
import { formatTable } from "../../../src/ops/output.js";
import { auditRow, auditTrail } from "../../../src/ops/reports.js";
import { importInvestors } from "../../../src/ops/investors.js";
import type { Connection } from "../../../src/ops/network.js";
import { parseManifest } from "../../../src/ops/manifest.js";
import { fundRedemption, redeemFor, sweepRedemptionSurplus } from "../../../src/ops/debt.js";
import { runAuction, settleAllotments } from "../../../src/ops/tbill.js";
import { mint } from "../../../src/ops/token.js";
import { OpsError } from "../../../src/ops/errors.js";
import { ROOT, deployForTest, expectOpsError, loadTestManifest, manifestJson, tempDir } from "./helpers.js";

const TBILL = "issuances/tbill-2027-06.json";
const GOLD = "issuances/gold-reserve.json";
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const BIDS = path.join(ROOT, "issuances/auction-bids.sample.csv");
const UNIT = 1_000_000n; // 6 decimals, bills and the test dollar
const REPORT_HASH = `0x${"ab".repeat(32)}`;

/** The error lines of parsing manifest `file` after `change`. */
async function errorsOf(file: string, change: (json: Record<string, unknown>) => void): Promise<string[]> {
  const json = await manifestJson(file);
  change(json);
  try {
    parseManifest(json, file);
  } catch (error) {
    expect(error).to.be.instanceOf(OpsError);
    return (error as Error).message.split("\n");
  }
  throw new Error("the manifest was accepted");
}

type Json = Record<string, Record<string, unknown>>;
const terms = (json: Record<string, unknown>) => (json.instruments as Json[])[0].terms;

describe("ops: instrument manifests (treasuryBill, commodityReserve)", function () {
  it("accepts the samples", async function () {
    const bill = await loadTestManifest(TBILL);
    const gold = await loadTestManifest(GOLD);
    expect([bill.instruments[0].kind, gold.instruments[0].kind]).to.deep.equal(["treasuryBill", "commodityReserve"]);
  });

  it("says which part of an ISIN is wrong: length, country prefix, characters, or the check digit it expects", async function () {
    const problems = await Promise.all(
      ["PK0TB270603", "pk0TB2706037", "PK0TB27-6037", "PK0TB270603X", "PK0TB2706036"].map(async (isin) =>
        (await errorsOf(TBILL, (json) => Object.assign(terms(json), { isin }))).find((line) => line.includes(".isin:")),
      ),
    );
    expect(problems).to.deep.equal([
      `${TBILL}: instruments[0].terms.isin: got "PK0TB270603", expected an ISIN (ISO 6166) of 12 characters: ` +
        "2-letter country code, 9 letters or digits, a check digit (it has 11)",
      `${TBILL}: instruments[0].terms.isin: got "pk0TB2706037", expected an ISIN (ISO 6166) starting with a 2-letter ` +
        'country code in capitals, not "pk"',
      `${TBILL}: instruments[0].terms.isin: got "PK0TB27-6037", expected an ISIN (ISO 6166) with capital letters or ` +
        'digits in characters 3 to 11: "-" (character 8) is neither',
      `${TBILL}: instruments[0].terms.isin: got "PK0TB270603X", expected an ISIN (ISO 6166) ending with a check digit, not "X"`,
      `${TBILL}: instruments[0].terms.isin: got "PK0TB2706036", expected an ISIN (ISO 6166) whose check digit is 7, ` +
        "not 6 (ISO 6166 check over the first 11 characters)",
    ]);
  });

  it("names file, field, value and expectation of bad treasury-bill terms, all at once", async function () {
    const lines = await errorsOf(TBILL, (json) => {
      Object.assign(terms(json), {
        isin: "PK0TB2706036",
        faceValue: "100.1234567",
        maturityDate: "2026-12-01",
        dayCount: "30/360",
        treasury: "tresury",
      });
    });
    expect(lines).to.have.members([
      `${TBILL}: instruments[0].terms.isin: got "PK0TB2706036", expected an ISIN (ISO 6166) whose check digit is 7, ` +
        "not 6 (ISO 6166 check over the first 11 characters)",
      `${TBILL}: instruments[0].terms.dayCount: got "30/360", expected one of "ACT/365F", "ACT/360"`,
      `${TBILL}: instruments[0].terms.treasury: got "tresury", expected "deployer" or a signer declared under "signers"`,
      `${TBILL}: instruments[0].terms.faceValue: got "100.1234567", expected at most 6 decimals (the token has 6)`,
      `${TBILL}: instruments[0].terms.maturityDate: got "2026-12-01", expected a date after the issue date 2026-12-03`,
    ]);
  });

  it("requires exactly one settlement token, and deploys the test dollar on local chains only", async function () {
    const both = await errorsOf(TBILL, (json) => {
      terms(json).settlementToken = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    });
    expect(both).to.deep.equal([
      `${TBILL}: instruments[0].terms.settlementToken: got "0x5FbDB2315678afecb367f032d93F642f64180aa3", expected either "settlementToken" (an address) or "deploySettlementToken": true, not both`,
    ]);
    const refused = (listed: string) =>
      `${TBILL}: instruments[0].terms.deploySettlementToken: got true, expected it only on local chains: ` +
      `network.chainIds must list only 31337 or 1337, ${listed} (it deploys LocalTestDollar, a test dollar with an open mint)`;
    for (const [chainIds, listed] of [
      [[1], "not 1"],
      [[31337, 1, 137], "not 1, 137"],
      [undefined, "network.chainIds is omitted (any chain)"],
    ] as const) {
      const lines = await errorsOf(TBILL, (json) => {
        json.network = chainIds === undefined ? {} : { chainIds };
      });
      expect(lines, String(chainIds)).to.deep.equal([refused(listed)]);
    }
    // Both local chain ids are accepted.
    const local = await manifestJson(TBILL);
    local.network = { chainIds: [31337, 1337] };
    expect(parseManifest(local, TBILL).network.chainIds).to.deep.equal([31337, 1337]);
  });

  it("names bad bond terms: a fixed rate on a floating-rate bond, a sukuk without documents", async function () {
    const BONDS = "issuances/bonds-2026-12.json";
    const lines = await errorsOf(BONDS, (json) => {
      const [fixed, frn] = json.instruments as Json[];
      Object.assign(fixed.terms, { couponFrequency: 3, isSukuk: true });
      Object.assign(frn.terms, { couponRate: "12.5" });
    });
    expect(lines).to.have.members([
      `${BONDS}: instruments[0].terms.couponFrequency: got 3, expected 1, 2, 4 or 12`,
      `${BONDS}: instruments[0].terms.assetDocumentsHash: got nothing, expected the hash of the asset documents for a sukuk (isSukuk true), none otherwise`,
      `${BONDS}: instruments[1].terms.couponRate: got "12.5", expected no fixed rate on a floating-rate bond`,
    ]);
  });

  it("names bad commodity terms", async function () {
    const lines = await errorsOf(GOLD, (json) => {
      Object.assign(terms(json), { reserveUnitsPerToken: "0", maxAttestationAge: 0, custodian: "vault" });
    });
    expect(lines).to.have.members([
      `${GOLD}: instruments[0].terms.reserveUnitsPerToken: got "0", expected a positive whole number written as a string, as "1000"`,
      `${GOLD}: instruments[0].terms.maxAttestationAge: got 0, expected at least 1`,
      `${GOLD}: instruments[0].terms.custodian: got "vault", expected "deployer" or a signer declared under "signers"`,
    ]);
  });
});

describe("ops: treasury-bill and commodity operations (embedded chain)", function () {
  let connection: Connection;
  before(async function () {
    connection = await hre.network.create();
  });
  after(async function () {
    await connection.close();
  });

  it("deploy refuses, before sending, a contract above the EIP-170 size limit", async function () {
    // The artifacts as they would be if SovereignBond grew one byte past the limit.
    const oversized = new Proxy(hre.artifacts, {
      get(target, property, receiver) {
        if (property !== "readArtifact") return Reflect.get(target, property, receiver);
        return async (name: string) => {
          const artifact = await target.readArtifact(name);
          return name === "SovereignBond" ? { ...artifact, deployedBytecode: `0x${"00".repeat(24_577)}` } : artifact;
        };
      },
    });
    const manifest = await loadTestManifest("issuances/bonds-2026-12.json");
    const block = await connection.ethers.provider.getBlockNumber();
    await expectOpsError(
      deployIssuance(connection, oversized, manifest, {
        manifestFile: "test.json",
        stateDir: await tempDir(),
        out: () => {},
      }),
      /^SovereignBond \(kind sovereignBond\) is 24577 bytes, above the 24576-byte limit of EIP-170: /,
    );
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("deploys the bonds (libraries linked, terms fixed)", async function () {
    const { record } = await deployForTest(connection, await loadTestManifest("issuances/bonds-2026-12.json"));
    const fixed: SovereignBond = await connection.ethers.getContractAt(
      "SovereignBond",
      record.instruments["bond-3y-2029"].address,
    );
    const frn: SovereignBond = await connection.ethers.getContractAt(
      "SovereignBond",
      record.instruments["frn-10y-2036"].address,
    );
    const [fixedTerms, frnTerms] = [await fixed.bondTerms(), await frn.bondTerms()];
    expect([
      fixedTerms.couponRateBps,
      fixedTerms.couponFrequency,
      fixedTerms.dayCount,
      fixedTerms.floatingRate,
    ]).to.deep.equal([1175n, 2n, 3n, false]);
    expect([frnTerms.couponRateBps, frnTerms.floatingRate, frnTerms.recordDateOffset]).to.deep.equal([
      0n,
      true,
      1_296_000n,
    ]);
    expect([await fixed.isin(), await fixed.couponCount(), await frn.couponCount()]).to.deep.equal([
      "PK0PIB291206",
      6n,
      20n,
    ]);
    const signers = await connection.ethers.getSigners();
    expect(await frn.hasRole(await frn.RATE_SETTER_ROLE(), signers[16].address)).to.equal(true);
  });

  it("deploys a bond with the ACT/ACT-ISDA day count by its name, which its coupons then follow", async function () {
    const manifest = await loadTestManifest("issuances/bonds-2026-12.json", (json) => {
      json.instruments = (json.instruments as Json[]).slice(0, 1);
      delete json.documents; // the sample's documents name the instrument left out
      Object.assign(terms(json), { dayCount: "ACT/ACT-ISDA" });
    });
    const { record, lines } = await deployForTest(connection, manifest);
    expect(lines.some((line) => line.includes("day count ACT/ACT-ISDA"))).to.equal(true);
    const bond: SovereignBond = await connection.ethers.getContractAt(
      "SovereignBond",
      record.instruments["bond-3y-2029"].address,
    );
    expect((await bond.bondTerms()).dayCount).to.equal(5n);
    // 2026-12-15 to 2027-06-15: 17 days of 2026 and 165 of 2027, no leap year: 182/365 of 11.75 % of
    // 100 dollars = 5.858904 dollars (5.858904109... rounded down). 2027-12-15 to 2028-06-15: 17 days
    // of 2027 and 166 of the leap year 2028, 17/365 + 166/366 = 66,812/133,590: 5.876495 dollars (5.8764952...).
    expect(await bond.couponPerToken(0)).to.equal(5_858_904n);
    expect(await bond.couponPerToken(2)).to.equal(5_876_495n);
  });

  async function deployBill() {
    const deployed = await deployForTest(connection, await loadTestManifest(TBILL));
    await importInvestors(deployed.ctx, INVESTORS, { progress: false });
    return deployed;
  }

  /** The bill deployed, investors imported; every bidder of the sample funded and approved except `unfunded`. */
  async function billSetup(unfunded: string[] = []) {
    const deployed = await connection.networkHelpers.loadFixture(deployBill);
    const lines: string[] = [];
    const ctx = await contextFor(connection, deployed.ctx.manifest, deployed.record, {
      stateDir: await tempDir(),
      task: "test",
      out: (line) => lines.push(line),
    });
    const bill: TreasuryBill = await connection.ethers.getContractAt(
      "TreasuryBill",
      deployed.record.instruments["tbill-2027-06"].address,
    );
    const cash: LocalTestDollar = await connection.ethers.getContractAt(
      "LocalTestDollar",
      await bill.settlementToken(),
    );
    const signers = await connection.ethers.getSigners();
    for (const signer of signers.slice(6, 14)) {
      if (unfunded.includes(signer.address)) continue;
      await cash.mint(signer.address, 100_000_000n * UNIT);
      await cash.connect(signer).approve(await bill.getAddress(), 100_000_000n * UNIT);
    }
    return { ctx, lines, bill, cash, signers, treasury: signers[2].address };
  }

  it("tbill auction: allots the sample bids (uniform price), records them and settles DvP, reporting failures", async function () {
    const { ctx, lines, bill, cash, signers, treasury } = await billSetup();
    const outcome = await runAuction(ctx, BIDS, "1000000", { method: "uniform" });
    expect(outcome.result.cutoffYield).to.equal(120_500_000_000_000_000n);
    expect(outcome.result.cutoffPrice).to.equal(94_332_064n);
    expect(outcome.ids).to.deep.equal([0n, 1n, 2n, 3n, 4n, 5n]);
    expect(outcome.settled.map((s) => [s.bidder, s.amount, s.cost])).to.deep.equal([
      [signers[9].address, "50000", "4716603.2"],
      [signers[11].address, "100000", "9433206.4"],
      [signers[6].address, "400000", "37732825.6"],
      [signers[7].address, "163636.363636", "15436155.927239"],
      [signers[8].address, "136363.636364", "12863463.272762"],
    ]);
    // The Saudi institution is outside the bill's countries: its allotment fails and stays pending.
    expect(outcome.failed.map((f) => [f.id, f.bidder])).to.deep.equal([[3n, signers[13].address]]);
    expect(outcome.failed[0].reason).to.equal("Receiver country is not allowed for this token (restriction 7)");
    expect((await bill.allotment(3n)).status).to.equal(1n);
    expect(await bill.totalSupply()).to.equal(850_000n * UNIT);
    expect(await cash.balanceOf(treasury)).to.equal(80_182_254_400_001n);
    expect(lines).to.include(`tbill-2027-06: 5 allotment(s) settled, 1 failed`);
  });

  it("report audit-trail shows people role names, decoded refusals, tokens and money with units, ISO times", async function () {
    const { ctx, signers } = await billSetup();
    await runAuction(ctx, BIDS, "1000000");
    await importInvestors(ctx, INVESTORS, { progress: false }); // registered already: only the labels are new here
    const events = await auditTrail(ctx);
    const failed = events.find((e) => e.event === "AllotmentFailed")!;
    expect(failed.shown.reason).to.equal(
      `ERC7943CannotReceive: ${signers[13].address} may not receive: not verified, frozen, or its country or category is not allowed`,
    );
    expect(failed.args.reason).to.match(/^0x[0-9a-f]+$/); // machines keep the raw data
    const granted = events.find((e) => e.event === "RoleGranted" && e.contract === "tbill-2027-06")!;
    expect(granted.shown.role).to.match(/^[A-Z_]+_ROLE$/);
    const settled = events.find((e) => e.event === "Transfer" && e.args.to === signers[9].address)!;
    expect(settled.shown.value).to.equal("50,000 TB270603");
    expect(settled.shown.to).to.equal(`accredited investor (${signers[9].address})`); // a known wallet by name
    // Money of the bill is in its settlement token: the cost and price of an allotment, in TUSD.
    const paid = events.find((e) => e.event === "AllotmentSettled" && e.args.bidder === signers[9].address)!;
    expect(paid.shown.cost).to.equal("4,716,603.2 TUSD");
    expect(paid.args.cost).to.equal("4716603200000"); // machines keep base units
    const recorded = events.find((e) => e.event === "AllotmentRecorded")!;
    expect(recorded.shown.price).to.equal("94.332064 TUSD");
    const registered = events.find((e) => e.event === "InvestorRegistered")!;
    expect(registered.shown.expiresAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(auditRow(failed).arguments).to.include(`reason=ERC7943CannotReceive: ${signers[13].address} may not`);
  });

  it("tbill auction --dry-run prints the allotments and sends nothing; a bad offer is named", async function () {
    const { ctx } = await billSetup();
    const block = await connection.ethers.provider.getBlockNumber();
    const outcome = await runAuction(ctx, BIDS, "1000000", { method: "multiple", dryRun: true });
    expect(outcome.rows.map((r) => [r.amount, r.price])).to.deep.equal([
      ["50000", "94.356871"],
      ["100000", "94.356871"],
      ["400000", "94.376456"],
      ["150000", "94.354254"],
      ["163636.363636", "94.332064"],
      ["136363.636364", "94.332064"],
    ]);
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
    await expectOpsError(
      runAuction(ctx, BIDS, "10.1234567"),
      '--offer: got "10.1234567", expected at most 6 decimals (the token has 6)',
    );
  });

  it("tbill settle retries pending allotments once the bidder has paid", async function () {
    const { ctx, bill, cash, signers } = await billSetup([
      "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", // the exchange has not approved the bill yet
    ]);
    const first = await runAuction(ctx, BIDS, "1000000");
    expect(first.failed.map((f) => f.bidder)).to.deep.equal([signers[13].address, signers[8].address]);
    await cash.mint(signers[8].address, 20_000_000n * UNIT);
    await cash.connect(signers[8]).approve(await bill.getAddress(), 20_000_000n * UNIT);
    const retry = await settleAllotments(ctx, ["5"]);
    expect(retry.settled.map((s) => [s.id, s.amount])).to.deep.equal([[5n, "136363.636364"]]);
    expect(retry.failed).to.deep.equal([]);
    expect(await bill.balanceOf(signers[8].address)).to.equal(136_363_636_364n);
  });

  it("tbill auction --dry-run warns of allotments that would not settle, and tbill settle sends nothing when none can", async function () {
    const { ctx, lines, signers } = await billSetup([
      "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", // the exchange has neither funds nor allowance
    ]);
    await runAuction(ctx, BIDS, "1000000", { dryRun: true });
    expect(lines.filter((line) => line.includes("would not settle"))).to.deep.equal([
      `  warning: ${signers[13].address} would not settle now: Receiver country is not allowed for this token (restriction 7)`,
      `  warning: ${signers[8].address} would not settle now: holds 0 TUSD of the 12,863,463.272762 TUSD to pay`,
    ]);
    const first = await runAuction(ctx, BIDS, "1000000");
    expect(first.failed.map((f) => f.id)).to.deep.equal([3n, 5n]);
    const block = await connection.ethers.provider.getBlockNumber();
    await expectOpsError(
      settleAllotments(ctx, undefined),
      "tbill-2027-06: none of the 2 allotment(s) can settle now, nothing sent:\n" +
        `  allotment 3 of ${signers[13].address}: Receiver country is not allowed for this token (restriction 7)\n` +
        `  allotment 5 of ${signers[8].address}: holds 0 TUSD of the 12,863,463.272762 TUSD to pay`,
    );
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("tbill fund-redemption and redeem-for pay every holder at face value at maturity", async function () {
    const { ctx, lines, bill, cash, signers, treasury } = await billSetup();
    await runAuction(ctx, BIDS, "1000000");
    await cash.mint(treasury, 10_000_000n * UNIT);
    await connection.networkHelpers.time.increaseTo(await bill.maturityDate());
    expect(await fundRedemption(ctx)).to.equal(85_000_000n * UNIT);
    expect(await bill.redemptionFunded()).to.equal(85_000_000n * UNIT);
    const before = await cash.balanceOf(signers[6].address);
    const { redeemed, skipped } = await redeemFor(ctx, undefined);
    expect(redeemed.map((r) => [r.holder, r.paid])).to.have.deep.members([
      [signers[6].address, "40000000"],
      [signers[7].address, "16363636.3636"],
      [signers[8].address, "13636363.6364"],
      [signers[9].address, "5000000"],
      [signers[11].address, "10000000"],
    ]);
    expect(skipped).to.deep.equal([]);
    expect(await bill.totalSupply()).to.equal(0n);
    expect((await cash.balanceOf(signers[6].address)) - before).to.equal(40_000_000n * UNIT);
    await fundRedemption(ctx);
    expect(lines).to.include("tbill-2027-06: nothing due: the redemption is fully funded");
  });

  it("tbill sweep-redemption returns to the treasury the funds an issuer burn freed, and only those", async function () {
    const { ctx, lines, bill, cash, signers, treasury } = await billSetup();
    await runAuction(ctx, BIDS, "1000000");
    await cash.mint(treasury, 10_000_000n * UNIT);
    await connection.networkHelpers.time.increaseTo(await bill.maturityDate());
    await fundRedemption(ctx);
    // Fully funded: nothing to sweep, nothing sent.
    let block = await connection.ethers.provider.getBlockNumber();
    expect(await sweepRedemptionSurplus(ctx)).to.equal(0n);
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
    expect(
      lines.some((l) => l.startsWith("tbill-2027-06: no surplus: holders can claim all the redemption funds")),
    ).to.equal(true);
    // The issuer burns 10,000 of signers[9]'s 50,000 bills: their face value, 1,000,000, is claimable by no one.
    const issuerRole = await bill.ISSUER_ROLE();
    let issuer = signers[0];
    for (const signer of signers) if (await bill.hasRole(issuerRole, signer.address)) issuer = signer;
    await (await bill.connect(issuer).burn(signers[9].address, 10_000n * UNIT)).wait();
    const treasuryBefore = await cash.balanceOf(treasury);
    expect(await sweepRedemptionSurplus(ctx, { reason: "issuer burn, order 12" })).to.equal(1_000_000n * UNIT);
    expect((await cash.balanceOf(treasury)) - treasuryBefore).to.equal(1_000_000n * UNIT);
    expect(lines).to.include(
      "tbill-2027-06: return 1,000,000 TUSD of redemption funds no holder can claim to the treasury wallet",
    );
    expect(await bill.redemptionFunded()).to.equal(84_000_000n * UNIT);
    block = await connection.ethers.provider.getBlockNumber();
    expect(await sweepRedemptionSurplus(ctx)).to.equal(0n);
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
    // Every holder is still paid in full.
    const { skipped } = await redeemFor(ctx, undefined);
    expect(skipped).to.deep.equal([]);
    expect(await bill.totalSupply()).to.equal(0n);
    expect(await cash.balanceOf(await bill.getAddress())).to.equal(0n);
  });

  it("report auction-results lists every allotment with its status and the auction's proceeds", async function () {
    const { ctx, signers } = await billSetup();
    await runAuction(ctx, BIDS, "1000000", { auctionId: "A-2026-12" });
    await importInvestors(ctx, INVESTORS, { progress: false }); // registered already: only the labels are new here
    const results = await auctionResults(ctx);
    expect(results.isin).to.equal("PK0TB2706037");
    expect(results.auctions).to.deep.equal([
      {
        auction: "A-2026-12",
        allotted: "1000000",
        settled: "850000",
        pending: "150000",
        proceeds: "80182254.400001",
      },
    ]);
    expect(results.rows[3]).to.deep.equal({
      allotment: 3,
      auction: "A-2026-12",
      holder: "Saudi institution",
      bidder: signers[13].address,
      amount: "150000",
      price: "94.332064",
      yield: "12.05%",
      cost: "14149809.6",
      status: "pending",
    });
  });

  async function deployGold() {
    const deployed = await deployForTest(connection, await loadTestManifest(GOLD));
    await importInvestors(deployed.ctx, INVESTORS, { progress: false });
    return deployed;
  }

  async function goldSetup() {
    const deployed = await connection.networkHelpers.loadFixture(deployGold);
    const lines: string[] = [];
    const ctx = await contextFor(connection, deployed.ctx.manifest, deployed.record, {
      stateDir: await tempDir(),
      task: "test",
      out: (line) => lines.push(line),
    });
    const gold: CommodityReserveToken = await connection.ethers.getContractAt(
      "CommodityReserveToken",
      deployed.record.instruments["gold-reserve"].address,
    );
    const signers = await connection.ethers.getSigners();
    const now = (await connection.ethers.provider.getBlock("latest"))!.timestamp;
    const asOf = new Date((now - 3600) * 1000).toISOString().replace(/\.\d+Z$/, "Z");
    return { ctx, lines, gold, signers, asOf };
  }

  it("commodity attest records the reserves; the gated mint refuses beyond them, with the reason", async function () {
    const { ctx, gold, signers, asOf } = await goldSetup();
    const holder = signers[9].address;
    await expectOpsError(
      mint(ctx, holder, "1"),
      "gold-reserve.mint refused: CommodityReserveAttestationStale: " +
        "No reserve attestation is recorded: attest the reserves first (an attestation is valid for 30 days)",
    );
    await attestReserves(ctx, { reserves: "5000000", asOf, reportHash: REPORT_HASH, uri: "ipfs://audit-2026-11" });
    const attestation = await gold.latestAttestation();
    expect([attestation.reserves, attestation.auditor]).to.deep.equal([5_000_000n, signers[14].address]);
    // The token keeps the URI in the attestation's event only: the report reads it there.
    expect((await reserveCoverage(ctx)).rows[0].report).to.equal("ipfs://audit-2026-11");
    await mint(ctx, holder, "3000");
    await expectOpsError(
      mint(ctx, holder, "2500"),
      "gold-reserve.mint refused: CommodityReserveCapacityExceeded: " +
        "The supply after the mint, 5,500 SGOLD, exceeds capacity 5,000 SGOLD (what the reserves back)",
    );
    await expectOpsError(
      attestReserves(ctx, { reserves: "5000000", asOf, reportHash: "0x00", uri: "x" }),
      '--report-hash: got "0x00", expected a non-zero 32-byte hex value',
    );
  });

  it("commodity fulfil burns an escrowed request; reject returns it; report reserve-coverage", async function () {
    const { ctx, lines, gold, signers, asOf } = await goldSetup();
    const holder = signers[9];
    await attestReserves(ctx, { reserves: "5000000", asOf, reportHash: REPORT_HASH, uri: "ipfs://audit" });
    await mint(ctx, holder.address, "3000");
    await gold.connect(holder).requestRedemption(100n * UNIT, 0, REPORT_HASH);
    await gold.connect(holder).requestRedemption(50n * UNIT, 1, REPORT_HASH);
    await fulfilRedemption(ctx, "1");
    await expectOpsError(
      rejectRedemption(ctx, "2"),
      "--reason is required: it is recorded on chain and shown to the holder",
    );
    await rejectRedemption(ctx, "2", { reason: "delivery instructions incomplete" });
    expect([(await gold.redemption(1n)).state, (await gold.redemption(2n)).state]).to.deep.equal([2n, 3n]);
    // What the custodian reads: the request as it was, then where it stands once sent.
    expect(lines.filter((line) => / request \d/.test(line))).to.deep.equal([
      `gold-reserve: fulfil request 1 of ${holder.address}: 100 SGOLD (pending)`,
      "gold-reserve: request 1 is now fulfilled",
      `gold-reserve: reject request 2 of ${holder.address}: 50 SGOLD (pending; reason: delivery instructions incomplete)`,
      "gold-reserve: request 2 is now rejected",
    ]);
    expect(await gold.balanceOf(holder.address)).to.equal(2_900n * UNIT);
    await expectOpsError(
      fulfilRedemption(ctx, "2"),
      "gold-reserve.fulfilRedemption refused: CommodityReserveRedemptionNotPending: Redemption request 2 is rejected, not pending",
    );
    const coverage = await reserveCoverage(ctx);
    expect(coverage.rows).to.have.length(1);
    expect(coverage.rows[0]).to.deep.include({
      instrument: "gold-reserve",
      // The 100 tokens delivered took 100,000 mg out of the vault since the count.
      reserves: "4900000",
      attested: "5000000",
      deliveredSince: "100000",
      unit: "milligram",
      capacity: "4900",
      supply: "2900",
      symbol: "SGOLD",
      coverage: "168.96%",
      mintGate: "open",
      pendingRedemptions: "0",
      report: "ipfs://audit",
    });
    // People read the amounts with separators and units; the rows stay plain for CSV and JSON.
    const table = formatTable(RESERVE_COVERAGE_COLUMNS, coverage.rows, coverage.amounts);
    const cells = table[2].split(/\s{2,}/);
    expect(cells).to.include.members(["4,900,000 milligram", "5,000,000 milligram", "100,000 milligram"]);
    expect(cells).to.include.members(["4,900 SGOLD", "2,900 SGOLD", "0 SGOLD"]);
    expect(await gold.coverageRatio()).to.equal((4_900n * 10n ** 18n * 10n ** 18n) / (2_900n * 10n ** 18n));
  });

  it("report reserve-coverage on a node that pruned old logs: the figures, and the URI said unavailable", async function () {
    const { ctx, gold, signers, asOf } = await goldSetup();
    await attestReserves(ctx, { reserves: "5000000", asOf, reportHash: REPORT_HASH, uri: "ipfs://audit" });
    await mint(ctx, signers[9].address, "3000");
    const logs = watchLogQueries(connection.ethers.provider, { pruned: true });
    try {
      const coverage = await reserveCoverage(ctx);
      expect(logs.calls).to.equal(1);
      expect(coverage.rows[0]).to.deep.include({
        reserves: "5000000",
        attested: "5000000",
        capacity: "5000",
        supply: "3000",
        coverage: "166.66%",
        mintGate: "open",
        attestations: 1,
        report: URI_UNAVAILABLE,
      });
      const cells = formatTable(RESERVE_COVERAGE_COLUMNS, coverage.rows, coverage.amounts)[2].split(/\s{2,}/);
      expect(cells).to.include.members([
        "5,000,000 milligram",
        "5,000 SGOLD",
        "3,000 SGOLD",
        "166.66%",
        URI_UNAVAILABLE,
      ]);
      // The SDK's reading of one attestation promises its URI: without the event it fails, saying why.
      const error = await reserveAttestation(gold, 0n).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(ToolkitError);
      expect((error as Error).message).to.match(
        /^attestation 0: no ReservesAttested event in block \d+ \(the report URI/,
      );
    } finally {
      logs.restore();
    }
    expect((await reserveCoverage(ctx)).rows[0].report).to.equal("ipfs://audit");
  });
});
