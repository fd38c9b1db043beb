/**
 * The tasks that let an operator rehearse an issuance on a local chain with the tasks alone: the
 * test dollar given to the bidders and approved from their wallets (`tbill fund-bidders`), minted
 * to the treasury wallet (`tbill fund-treasury`, `bond fund-treasury`), and the chain's clock moved
 * forward (`clock advance`). Each refuses a chain that is not local before sending anything, and a
 * re-run sends nothing.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import hre from "hardhat";
import { JsonRpcProvider, Wallet } from "ethers";
import {
  LocalTestDollar__factory,
  TreasuryBill__factory,
  type LocalTestDollar,
} from "../../../typechain-types/index.js";
import { fundBidders, fundTreasury } from "../../../scripts/lib/local-test-dollar.js";
import { CHAIN_START_SECONDS } from "../../../src/ops/clock.js";
import { readRecord } from "../../../src/ops/deployments.js";
import type { Connection } from "../../../src/ops/network.js";
import { advanceClock } from "../../../src/ops/time-travel.js";
import {
  ROOT,
  deployForTest,
  expectOpsError,
  expectRefusedWithoutSending,
  loadTestManifest,
  startHardhat,
  startNode,
  tempDir,
  writeCsv,
  type TestNode,
} from "./helpers.js";

const TBILL = "issuances/tbill-2027-06.json";
const BONDS = "issuances/bonds-2026-12.json";
const BIDS = path.join(ROOT, "issuances/auction-bids.sample.csv");
const UNIT = 1_000_000n; // the bill and the test dollar have 6 decimals

describe("ops: local rehearsal tasks on a hardhat node (tbill fund-bidders)", function () {
  this.timeout(180_000);
  let node: TestNode;
  let provider: JsonRpcProvider;
  let stateDir: string;
  before(async function () {
    node = await startNode("hardhat");
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    stateDir = await tempDir();
  });
  after(async function () {
    provider?.destroy();
    await node?.stop();
  });

  /** `npx hardhat --network localhost <args> --manifest <tbill> --state-dir <tmp>`, localhost being the test's node. */
  const run = (args: readonly string[]) =>
    startHardhat(["--network", "localhost", ...args, "--manifest", TBILL, "--state-dir", stateDir], {
      LOCALHOST_URL: node.url,
    }).done;

  it("funds and approves every bidder from their own wallets, a node account or not; a re-run sends nothing; the auction settles", async function () {
    for (const step of [["deploy"], ["investors", "import", "--file", "issuances/investors.sample.csv"]]) {
      const done = await run(step);
      expect(done.code, done.stderr).to.equal(0);
    }
    // A bidder the node holds no key for: impersonated by the node to approve.
    const stranger = Wallet.createRandom().address;
    const bids = await writeCsv(await tempDir(), "bids.csv", [
      ...(await readFile(BIDS, "utf8")).trim().split("\n"),
      `${stranger},competitive,1000.5,12.5`,
    ]);
    const dryRun = await run(["tbill", "auction", "--bids", bids, "--offer", "1000000", "--dry-run"]);
    expect(dryRun.stdout).to.match(/would not settle now: holds 0 TUSD of the [\d,.]+ TUSD to pay/);

    const funded = await run(["tbill", "fund-bidders", "--bids", bids]);
    expect(funded.code, funded.stderr).to.equal(0);
    expect(funded.stderr).to.equal("");
    const record = (await readRecord(stateDir, "localhost", "tbill-2027-06"))!;
    const billAddress = record.instruments["tbill-2027-06"].address;
    const bill = TreasuryBill__factory.connect(billAddress, provider);
    const cash = LocalTestDollar__factory.connect(await bill.settlementToken(), provider);
    // Each bidder's bids at the face value of 100 per bill: the most an auction can make it pay.
    const expected: [string, bigint][] = [
      ["0x976EA74026E726554dB657fA54763abd0C3a0aa9", 40_000_000n * UNIT],
      ["0xa0Ee7A142d267C1f36714E4a8F75612F20a79720", 5_000_000n * UNIT],
      [stranger, 100_050n * UNIT],
    ];
    for (const [bidder, need] of expected) {
      expect(await cash.balanceOf(bidder), bidder).to.equal(need);
      expect(await cash.allowance(bidder, billAddress), bidder).to.equal(need);
    }
    expect(funded.stdout).to.include(
      `  ${stranger}: bids cost at most 100050 TUSD; minted 100050 TUSD, approved tbill-2027-06 for 100050 TUSD`,
    );
    expect(funded.stdout).to.include("tbill-2027-06: 8 of 8 bidder(s) funded and approved the bill");

    const block = await provider.getBlockNumber();
    const again = await run(["tbill", "fund-bidders", "--bids", bids]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.include("every bidder holds and allows what its bids can cost: nothing sent");
    expect(await provider.getBlockNumber()).to.equal(block);

    // A bidder that spent part of its dollars gets only the shortfall, and approves again.
    const dealer = await provider.getSigner("0x976EA74026E726554dB657fA54763abd0C3a0aa9");
    await (await cash.connect(dealer).transfer(stranger, 1_000n * UNIT)).wait();
    await (await cash.connect(dealer).approve(billAddress, 0n)).wait();
    const topUp = await run(["tbill", "fund-bidders", "--bids", bids]);
    expect(topUp.code, topUp.stderr).to.equal(0);
    expect(topUp.stdout).to.include(
      "  0x976EA74026E726554dB657fA54763abd0C3a0aa9: bids cost at most 40000000 TUSD; minted 1000 TUSD, approved tbill-2027-06 for 40000000 TUSD",
    );
    expect(topUp.stdout).to.include("tbill-2027-06: 1 of 8 bidder(s) funded and approved the bill");

    const auction = await run(["tbill", "auction", "--bids", BIDS, "--offer", "1000000"]);
    expect(auction.code, auction.stderr).to.equal(0);
    expect(auction.stdout).to.include("tbill-2027-06: 5 allotment(s) settled, 1 failed");
  });

  it("--bids is required; a bad bids file is refused with its rows, nothing sent", async function () {
    const block = await provider.getBlockNumber();
    const missing = await run(["tbill", "fund-bidders"]);
    expect([missing.code, missing.stderr.trim()]).to.deep.equal([1, "Error: --bids is required"]);
    const bad = await writeCsv(await tempDir(), "bad.csv", [
      "bidder,type,amount,yield",
      "0x976ea74026e726554db657fa54763abd0c3a0aa9,competitive,10,12",
    ]);
    const refused = await run(["tbill", "fund-bidders", "--bids", bad]);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include(`${bad}:2: bidder: got "0x976ea74026e726554db657fa54763abd0c3a0aa9"`);
    expect(await provider.getBlockNumber()).to.equal(block);
  });
});

describe("ops: local rehearsal tasks (embedded chain)", function () {
  let connection: Connection;
  let mainnet: Connection;
  before(async function () {
    connection = await hre.network.create();
    mainnet = await hre.network.create({ override: { chainId: 1 } });
  });
  after(async function () {
    await connection.close();
    await mainnet.close();
  });

  it("refuses a chain that is not local before reading the bids or sending anything", async function () {
    const { ctx } = await deployForTest(connection, await loadTestManifest(TBILL));
    const onMainnet = { ...ctx, task: "tbill fund-bidders", network: { ...ctx.network, name: "mainnet", chainId: 1 } };
    const refusal =
      "tbill fund-bidders: local chains only (chain ids 31337, 1337); network mainnet is chain 1, " +
      "where wallets pay with real money: nothing sent";
    await expectRefusedWithoutSending(connection, fundBidders(onMainnet, "no-such-file.csv"), refusal);
    await expectRefusedWithoutSending(
      connection,
      fundTreasury({ ...onMainnet, task: "tbill fund-treasury" }, "100", { kind: "treasuryBill" }),
      refusal.replace("tbill fund-bidders", "tbill fund-treasury"),
    );
  });

  it("the deployment record names each debt instrument's settlement token: the test dollar deployed, or the manifest's (no open mint to fund from)", async function () {
    const first = await deployForTest(connection, await loadTestManifest(TBILL));
    const bill = await connection.ethers.getContractAt(
      "TreasuryBill",
      first.record.instruments["tbill-2027-06"].address,
    );
    const cash = await bill.settlementToken();
    expect(first.record.instruments["tbill-2027-06"].settlementToken).to.equal(cash);
    const second = await deployForTest(
      connection,
      await loadTestManifest(TBILL, (json) => {
        const terms = (json.instruments as { terms: Record<string, unknown> }[])[0].terms;
        delete terms.deploySettlementToken;
        terms.settlementToken = cash;
      }),
    );
    expect(second.record.instruments["tbill-2027-06"].settlementToken).to.equal(cash);
    // A token of the manifest is not the test dollar: it has no open mint.
    await expectRefusedWithoutSending(
      connection,
      fundBidders(second.ctx, BIDS),
      `tbill-2027-06 settles in ${cash}, the manifest's settlementToken, not in a test dollar deployed with it ` +
        "(deploySettlementToken): there is nothing to mint",
    );
    const bonds = await deployForTest(connection, await loadTestManifest(BONDS));
    for (const [id, { address, settlementToken }] of Object.entries(bonds.record.instruments)) {
      const bond = await connection.ethers.getContractAt("SovereignBond", address);
      expect(settlementToken, id).to.equal(await bond.settlementToken());
    }
    const note = await deployForTest(connection, await loadTestManifest("issuances/sample-note.json"));
    expect(note.record.instruments["sample-note"]).to.not.have.property("settlementToken");
  });

  it("bond fund-treasury mints the treasury wallet what it lacks of --amount; a re-run sends nothing", async function () {
    const { ctx, lines } = await deployForTest(connection, await loadTestManifest(BONDS));
    const bond = await connection.ethers.getContractAt("SovereignBond", ctx.record.instruments["bond-3y-2029"].address);
    const cash: LocalTestDollar = await connection.ethers.getContractAt(
      "LocalTestDollar",
      await bond.settlementToken(),
    );
    const treasury = await bond.treasury();
    await (await cash.mint(treasury, 250n * UNIT)).wait();
    const options = { instrument: "bond-3y-2029", kind: "sovereignBond" as const };
    expect(await fundTreasury(ctx, "1000.5", options)).to.equal(750_500_000n);
    expect(await cash.balanceOf(treasury)).to.equal(1_000_500_000n);
    expect(lines.at(-1)).to.equal(
      `bond-3y-2029: minted 750.5 TUSD to the treasury wallet ${treasury}: it holds 1000.5 TUSD`,
    );
    await expectRefusedWithoutSending(
      connection,
      fundTreasury(ctx, "10.1234567", options),
      /^--amount: got "10.1234567", expected at most 6 decimals/,
    );
    await expectRefusedWithoutSending(
      connection,
      fundTreasury(ctx, "0", options),
      '--amount: got "0", expected more than 0',
    );
    await expectRefusedWithoutSending(
      connection,
      fundTreasury(ctx, "1", { ...options, kind: "treasuryBill" }),
      'instrument "bond-3y-2029" is a sovereignBond, not a treasuryBill',
    );
    const block = await connection.ethers.provider.getBlockNumber();
    expect(await fundTreasury(ctx, "1000", options)).to.equal(0n);
    expect(lines.at(-1)).to.equal(
      `bond-3y-2029: the treasury wallet ${treasury} holds 1000.5 TUSD, at least 1000 TUSD: nothing sent`,
    );
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("clock advance moves a local chain forward once, and refuses a bad date or a chain that is not local", async function () {
    const local = await hre.network.create();
    try {
      const lines: string[] = [];
      const out = (line: string) => lines.push(line);
      expect(await advanceClock(local, "2027-06-03", out)).to.equal(true);
      const block = await local.ethers.provider.getBlock("latest");
      expect(block!.timestamp).to.equal(Date.parse("2027-06-03T00:00:00Z") / 1000);
      expect(lines[0]).to.match(
        /^the chain's clock moved from 2026-12-01T\d\d:\d\d:\d\dZ to 2027-06-03T00:00:00Z \(block \d+\)$/,
      );
      expect(await advanceClock(local, "2027-05-31", out)).to.equal(false);
      expect(lines[1]).to.equal(
        "the chain's clock is at 2027-06-03T00:00:00Z, not before 2027-05-31T00:00:00Z: nothing to do",
      );
      expect(await local.ethers.provider.getBlockNumber()).to.equal(block!.number);
      await expectOpsError(
        advanceClock(local, "2027-02-30", out),
        '--to: got "2027-02-30", expected an ISO 8601 date (2027-06-03) or date and time with a zone',
      );
      await expectRefusedWithoutSending(
        mainnet,
        advanceClock(mainnet, "2030-01-01", out),
        "the clock moves on local chains only (chain ids 31337, 1337); network default is chain 1",
      );
      expect(BigInt((await mainnet.ethers.provider.getBlock("latest"))!.timestamp)).to.be.lessThan(
        CHAIN_START_SECONDS + 3_600n,
      );
    } finally {
      await local.close();
    }
  });
});
