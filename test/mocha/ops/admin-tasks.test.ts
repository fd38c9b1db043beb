import { expect } from "chai";
import path from "node:path";
import { ZeroAddress } from "ethers";
import hre from "hardhat";
import type {
  CommodityReserveToken,
  LocalTestDollar,
  SovereignBond,
  TreasuryBill,
} from "../../../typechain-types/index.js";
import { attestReserves, setReserveFeed } from "../../../src/ops/commodity.js";
import { contextFor, type OpsContext } from "../../../src/ops/context.js";
import { cancelAllotment, fundRedemption, setTreasury } from "../../../src/ops/debt.js";
import { writeRecord } from "../../../src/ops/deployments.js";
import { acceptAdmin } from "../../../src/ops/governance.js";
import { changeRole } from "../../../src/ops/roles.js";
import { importInvestors } from "../../../src/ops/investors.js";
import type { Connection } from "../../../src/ops/network.js";
import { formatYield, runAuction } from "../../../src/ops/tbill.js";
import { setRolloverPrice } from "../../../src/ops/tbill-rollover.js";
import { formatAmount, isoTime } from "../../../src/ops/units.js";
import { DayCount, daysToMaturity, priceForYield, yieldForPrice } from "../../../src/sdk/tbill/pricing.js";
import { setRegistry } from "../../../src/ops/token-settings.js";
import {
  ROOT,
  deployForTest,
  expectRefusedWithoutSending,
  loadTestManifest,
  taskActionRunner,
  tempDir,
  type Deployed,
} from "./helpers.js";

const TBILL = "issuances/tbill-2027-06.json";
const BONDS = "issuances/bonds-2026-12.json";
const GOLD = "issuances/gold-reserve.json";
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const BIDS = path.join(ROOT, "issuances/auction-bids.sample.csv");
const BILL = "tbill-2027-06";
const NEXT = "tbill-2027-12";
const UNIT = 1_000_000n; // 6 decimals: bills, bonds, gold tokens and the test dollar
const REPORT_HASH = `0x${"ab".repeat(32)}`;

type Json = Record<string, unknown>;

describe("ops: admin tasks (embedded chain)", function () {
  let connection: Connection;
  before(async function () {
    connection = await hre.network.create();
  });
  after(async function () {
    await connection.close();
  });

  const blockNumber = () => connection.ethers.provider.getBlockNumber();

  const refusedWithoutSending = (work: Promise<unknown>, message: RegExp | string) =>
    expectRefusedWithoutSending(connection, work, message);

  /** A fresh context on deployment `deployed`, with its printed lines. */
  async function contextOf(deployed: Deployed): Promise<{ ctx: OpsContext; lines: string[] }> {
    const lines: string[] = [];
    const ctx = await contextFor(connection, deployed.ctx.manifest, deployed.record, {
      stateDir: await tempDir(),
      task: "test",
      out: (line) => lines.push(line),
    });
    return { ctx, lines };
  }

  /**
   * The 6-month bill auctioned from the sample bids (allotment 3, of the Saudi institution outside
   * the bill's countries, stays pending), and the next bill (2027-06-03 to 2027-12-02), deployed
   * by another manifest on the same registry and paid in the same test dollar.
   */
  async function bills() {
    const first = await deployForTest(connection, await loadTestManifest(TBILL));
    await importInvestors(first.ctx, INVESTORS, { progress: false });
    const bill: TreasuryBill = await connection.ethers.getContractAt(
      "TreasuryBill",
      first.record.instruments[BILL].address,
    );
    const cash: LocalTestDollar = await connection.ethers.getContractAt(
      "LocalTestDollar",
      await bill.settlementToken(),
    );
    for (const signer of (await connection.ethers.getSigners()).slice(6, 14)) {
      await cash.mint(signer.address, 100_000_000n * UNIT);
      await cash.connect(signer).approve(await bill.getAddress(), 100_000_000n * UNIT);
    }
    await runAuction(first.ctx, BIDS, "1000000", { auctionId: "A-2026-12" });
    const cashAddress = await cash.getAddress();
    const second = await deployForTest(
      connection,
      await loadTestManifest(TBILL, (json) => {
        json.name = NEXT;
        json.registry = { deploy: false, address: first.record.registry };
        const [instrument] = json.instruments as Json[];
        Object.assign(instrument, {
          id: NEXT,
          name: "Government Treasury Bill 6M 2 December 2027",
          symbol: "TB271202",
        });
        const terms = instrument.terms as Json;
        delete terms.deploySettlementToken;
        Object.assign(terms, {
          isin: "PK0TB2712027",
          settlementToken: cashAddress,
          issueDate: "2027-06-03",
          maturityDate: "2027-12-02",
        });
      }),
    );
    return { first, second };
  }

  async function billSetup() {
    const { first, second } = await connection.networkHelpers.loadFixture(bills);
    const at = (deployed: Deployed, id: string): Promise<TreasuryBill> =>
      connection.ethers.getContractAt("TreasuryBill", deployed.record.instruments[id].address);
    const bill = await at(first, BILL);
    const next = await at(second, NEXT);
    const cash: LocalTestDollar = await connection.ethers.getContractAt(
      "LocalTestDollar",
      await bill.settlementToken(),
    );
    return {
      ...(await contextOf(first)),
      nextOps: await contextOf(second),
      first,
      second,
      bill,
      next,
      cash,
      signers: await connection.ethers.getSigners(),
    };
  }

  describe("tbill cancel", function () {
    it("cancels a pending allotment: nothing minted, nothing paid; cancelled already sends nothing", async function () {
      const { ctx, lines, bill, cash, signers } = await billSetup();
      const bidder = signers[13].address;
      const [supply, paid] = [await bill.totalSupply(), await cash.balanceOf(bidder)];
      expect((await bill.allotment(3n)).status).to.equal(1n);
      expect(await cancelAllotment(ctx, "3", { reason: "bidder outside the bill's countries" })).to.equal(true);
      const row = await bill.allotment(3n);
      expect([row.status, row.bidder, row.amount]).to.deep.equal([3n, bidder, 150_000n * UNIT]);
      expect(await bill.totalSupply()).to.equal(supply);
      expect(await bill.balanceOf(bidder)).to.equal(0n);
      expect(await cash.balanceOf(bidder)).to.equal(paid);
      const events = await bill.queryFilter(bill.filters.AllotmentCancelled());
      expect(events.map((e) => e.args[0])).to.deep.equal([3n]);
      expect(lines).to.include(
        `${BILL}: cancel allotment 3 of ${bidder}: 150,000 TB270603 at 94.332064 TUSD (reason: bidder outside the bill's countries)`,
      );
      const block = await blockNumber();
      expect(await cancelAllotment(ctx, "3")).to.equal(false);
      expect(await blockNumber()).to.equal(block);
      expect(lines).to.include(
        `${BILL}: allotment 3 of ${bidder}: 150,000 TB270603 at 94.332064 TUSD is cancelled already: nothing to send`,
      );
      const entries = await ctx.log.entries();
      expect(entries.filter((e) => e.action === "cancelAllotment").map((e) => e.status)).to.deep.equal([
        "intent",
        "sent",
        "confirmed",
      ]);
    });

    it("refuses bad numbers, a settled allotment and a caller without ISSUER_ROLE, sending nothing", async function () {
      const { ctx, bill, signers } = await billSetup();
      for (const text of ["x", "-1", "6", "1e2", ""]) {
        await refusedWithoutSending(
          cancelAllotment(ctx, text),
          `--allotment: got "${text}", expected an allotment number from 0 to 5 (${BILL} has 6)`,
        );
      }
      await refusedWithoutSending(
        cancelAllotment(ctx, "0"),
        `${BILL}: allotment 0 of ${signers[9].address}: 50,000 TB270603 at 94.332064 TUSD is settled: only a pending allotment can be cancelled`,
      );
      await refusedWithoutSending(
        cancelAllotment(ctx, "3", { from: signers[3].address }),
        `--from ${signers[3].address} does not hold ISSUER_ROLE on ${await bill.getAddress()}`,
      );
      expect((await bill.allotment(3n)).status).to.equal(1n);
    });
  });

  describe("tbill set-treasury and bond set-treasury", function () {
    it("changes the treasury wallet of a bill as its admin; the same wallet again sends nothing", async function () {
      const { ctx, lines, bill, signers } = await billSetup();
      const [old, treasury] = [signers[2].address, signers[5].address];
      expect(await setTreasury(ctx, treasury, { kind: "treasuryBill" })).to.equal("sent");
      expect(await bill.treasury()).to.equal(treasury);
      const events = await bill.queryFilter(bill.filters.TreasuryChanged(), await blockNumber());
      expect(events.map((e) => [e.args[0], e.args[1]])).to.deep.equal([[old, treasury]]);
      expect(lines).to.include(`${BILL}: change the treasury wallet from ${old} to ${treasury}`);
      const block = await blockNumber();
      expect(await setTreasury(ctx, treasury)).to.equal("done");
      expect(await blockNumber()).to.equal(block);
      expect(lines).to.include(`${BILL}: the treasury wallet is ${treasury} already: nothing to send`);
    });

    it("refuses a bad address, another kind and a caller who is not the admin, sending nothing", async function () {
      const { ctx, bill, signers } = await billSetup();
      const lower = signers[5].address.toLowerCase();
      for (const text of [lower, ZeroAddress, "treasury", "0x1234"]) {
        await refusedWithoutSending(
          setTreasury(ctx, text),
          `--treasury: got "${text}", expected a checksummed address other than zero`,
        );
      }
      await refusedWithoutSending(
        setTreasury(ctx, signers[5].address, { kind: "sovereignBond" }),
        `instrument "${BILL}" is a treasuryBill, not a sovereignBond`,
      );
      await refusedWithoutSending(
        setTreasury(ctx, signers[5].address, { from: signers[2].address }),
        `--from ${signers[2].address} does not hold DEFAULT_ADMIN_ROLE on ${await bill.getAddress()} (the admin is ${signers[0].address})`,
      );
      expect(await bill.treasury()).to.equal(signers[2].address);
    });

    it("changes the treasury wallet of a bond", async function () {
      const deployed = await deployForTest(connection, await loadTestManifest(BONDS));
      const { ctx } = await contextOf(deployed);
      const signers = await connection.ethers.getSigners();
      const bond: SovereignBond = await connection.ethers.getContractAt(
        "SovereignBond",
        deployed.record.instruments["bond-3y-2029"].address,
      );
      const options = { instrument: "bond-3y-2029", kind: "sovereignBond" as const };
      expect(await setTreasury(ctx, signers[5].address, options)).to.equal("sent");
      expect(await bond.treasury()).to.equal(signers[5].address);
      const frn = await connection.ethers.getContractAt(
        "SovereignBond",
        deployed.record.instruments["frn-10y-2036"].address,
      );
      expect(await frn.treasury()).to.equal(signers[2].address);
      const block = await blockNumber();
      expect(await setTreasury(ctx, signers[5].address, options)).to.equal("done");
      expect(await blockNumber()).to.equal(block);
    });
  });

  describe("tbill rollover-price", function () {
    it("opens the rollover of the matured bill; holders roll over once it holds ROLLOVER_ROLE and is funded", async function () {
      const { ctx, nextOps, bill, next, cash, signers } = await billSetup();
      const billAddress = await bill.getAddress();
      const nextAddress = await next.getAddress();
      const { ctx: nctx, lines } = nextOps;
      const result = await setRolloverPrice(nctx, billAddress, "98.5", { reason: "cut-off of auction B-2027-06" });
      expect(result).to.deep.equal({ sent: true, ready: false });
      expect(await next.rolloverPrice(billAddress)).to.equal(98_500_000n);
      expect(lines).to.include(`${NEXT}: rollover of ${billAddress}: closed -> open at 98.5 TUSD per bill today`);
      const yieldRate = await next.rolloverYield(billAddress);
      const opened = await connection.ethers.provider.getBlock("latest");
      const terms = { faceValue: await next.faceValue(), dayCount: DayCount.ACT_365_FIXED };
      const nextMaturity = await next.maturityDate();
      expect(yieldRate).to.equal(
        yieldForPrice(terms, 98_500_000n, daysToMaturity(BigInt(opened!.timestamp), nextMaturity)),
      );
      expect(lines).to.include(
        `  priced at a money-market yield of ${formatYield(yieldRate)} for the days left to ` +
          `${isoTime(nextMaturity)}: the price rises with each day, to the face value at maturity`,
      );
      expect(lines).to.include(
        `  before holders can roll over: ${NEXT} needs ROLLOVER_ROLE on ${billAddress}; its admin runs: ` +
          `npx hardhat roles grant --manifest <the matured bill's manifest> --contract <its instrument id> ` +
          `--role ROLLOVER_ROLE --account ${nextAddress}`,
      );
      expect(lines).to.include(
        `  before holders can roll over: ${billAddress} still needs 85,000,000 TUSD for its redemption (tbill fund-redemption)`,
      );
      expect(lines).to.include(
        `  before holders can roll over: ${billAddress} matures on 2027-06-03T00:00:00Z: holders roll over from then on`,
      );
      // What the engineer does next: the matured bill's admin grants the role, the treasury funds it.
      expect(await changeRole(ctx, BILL, "ROLLOVER_ROLE", nextAddress, true)).to.equal("sent");
      const treasury = signers[2].address;
      await cash.mint(treasury, 10_000_000n * UNIT);
      await connection.networkHelpers.time.increaseTo(await bill.maturityDate());
      await fundRedemption(ctx);
      // Days later the price has followed the money-market yield up; the same command prices it afresh from today.
      const now = BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp);
      const drifted = priceForYield(terms, yieldRate, daysToMaturity(now, nextMaturity));
      expect(await next.rolloverPrice(billAddress)).to.equal(drifted);
      expect(drifted > 98_500_000n).to.equal(true);
      expect(await setRolloverPrice(nctx, billAddress, "98.5")).to.deep.equal({ sent: true, ready: true });
      expect(lines).to.include(
        `${NEXT}: rollover of ${billAddress}: open at ${formatAmount(drifted, 6)} TUSD per bill today -> open at 98.5 TUSD per bill today`,
      );
      const block = await blockNumber();
      expect(await setRolloverPrice(nctx, billAddress, "98.5")).to.deep.equal({ sent: false, ready: true });
      expect(await blockNumber()).to.equal(block);
      expect(lines).to.include(
        `${NEXT}: the rollover of ${billAddress} is open at 98.5 TUSD per bill today already: nothing to send`,
      );
      expect(lines).to.include(`  holders of ${billAddress} can roll over now (rollover on ${NEXT})`);
      // The dealer rolls its 400,000 bills: 40,000,000 of proceeds, 39,400,000 to the treasury, 600,000 back.
      const dealer = signers[6];
      const [dealerCash, treasuryCash] = [await cash.balanceOf(dealer.address), await cash.balanceOf(treasury)];
      await (await next.connect(dealer).rollover(billAddress, 400_000n * UNIT)).wait();
      expect(await bill.balanceOf(dealer.address)).to.equal(0n);
      expect(await next.balanceOf(dealer.address)).to.equal(400_000n * UNIT);
      expect((await cash.balanceOf(treasury)) - treasuryCash).to.equal(39_400_000n * UNIT);
      expect((await cash.balanceOf(dealer.address)) - dealerCash).to.equal(600_000n * UNIT);
      // Closing it: the price goes to zero; closed again sends nothing.
      expect(await setRolloverPrice(nctx, billAddress, undefined, { close: true })).to.deep.equal({
        sent: true,
        ready: false,
      });
      expect(await next.rolloverPrice(billAddress)).to.equal(0n);
      const closed = await blockNumber();
      await setRolloverPrice(nctx, billAddress, "", { close: true });
      expect(await blockNumber()).to.equal(closed);
      expect(lines).to.include(`${NEXT}: the rollover of ${billAddress} is closed already: nothing to send`);
    });

    it("refuses the bill itself, named by its instrument id", async function () {
      const { ctx, lines, bill } = await billSetup();
      await refusedWithoutSending(
        setRolloverPrice(ctx, BILL, "98.5"),
        `--matured: ${BILL} (${await bill.getAddress()}) is ${BILL} itself`,
      );
      expect(lines).to.deep.equal([]);
    });

    it("refuses bad prices, a bad matured bill and a caller without ISSUER_ROLE, sending nothing", async function () {
      const { nextOps, bill, next, cash, signers } = await billSetup();
      const { ctx } = nextOps;
      const billAddress = await bill.getAddress();
      for (const price of ["100.000001", "0", "1.1234567", "abc", "-1", "1e2"]) {
        await refusedWithoutSending(
          setRolloverPrice(ctx, billAddress, price),
          `--price: got "${price}", expected a price per bill above 0 and at most the face value 100 TUSD, with at most 6 decimals (--close closes the rollover)`,
        );
      }
      await refusedWithoutSending(setRolloverPrice(ctx, billAddress, undefined), "--price (or --close) is required");
      await refusedWithoutSending(
        setRolloverPrice(ctx, billAddress, "98.5", { close: true }),
        "--price and --close: give one of them, not both",
      );
      await refusedWithoutSending(
        setRolloverPrice(ctx, billAddress.toLowerCase(), "98.5"),
        `--matured: got "${billAddress.toLowerCase()}", expected a treasury bill's instrument id (${NEXT}) or its checksummed address`,
      );
      await refusedWithoutSending(
        setRolloverPrice(ctx, await cash.getAddress(), "98.5"),
        `--matured: ${await cash.getAddress()} is not a treasury bill (no settlementToken)`,
      );
      await refusedWithoutSending(
        setRolloverPrice(ctx, await next.getAddress(), "98.5"),
        `--matured: ${await next.getAddress()} is ${NEXT} itself`,
      );
      await refusedWithoutSending(
        setRolloverPrice(ctx, billAddress, "98.5", { from: signers[3].address }),
        `--from ${signers[3].address} does not hold ISSUER_ROLE on ${await next.getAddress()}`,
      );
      expect(await next.rolloverPrice(billAddress)).to.equal(0n);
    });

    it("refuses a matured bill paid in another settlement token", async function () {
      const { nextOps } = await billSetup();
      const bonds = await deployForTest(connection, await loadTestManifest(BONDS));
      const bond = bonds.record.instruments["bond-3y-2029"].address;
      const bondCash = await (await connection.ethers.getContractAt("SovereignBond", bond)).settlementToken();
      const next = await connection.ethers.getContractAt("TreasuryBill", nextOps.ctx.record.instruments[NEXT].address);
      await refusedWithoutSending(
        setRolloverPrice(nextOps.ctx, bond, "98.5"),
        `--matured: ${bond} is paid in ${bondCash}, ${NEXT} in ${await next.settlementToken()}: a rollover needs the same settlement token`,
      );
    });
  });

  describe("token set-registry", function () {
    it("points the token to another registry: its investors are checked there; the same again sends nothing", async function () {
      const { ctx, lines, bill, first, signers } = await billSetup();
      const [dealer, fund] = [signers[6], signers[7]];
      expect(await bill.canTransfer(dealer.address, fund.address, 1n)).to.equal(true);
      const registry = await connection.ethers.deployContract("InvestorRegistry", [signers[0].address, 0]);
      const address = await registry.getAddress();
      expect(await setRegistry(ctx, address, { reason: "new KYC provider" })).to.equal("sent");
      expect(await bill.registry()).to.equal(address);
      expect(lines).to.include(`${BILL}: change the investor registry from ${first.record.registry} to ${address}`);
      expect(lines).to.include(`  note: the investors tasks of this manifest keep working on ${first.record.registry}`);
      // The dealer is not registered in the new registry: its transfer is refused now.
      expect(await bill.canTransfer(dealer.address, fund.address, 1n)).to.equal(false);
      const block = await blockNumber();
      expect(await setRegistry(ctx, address)).to.equal("done");
      expect(await blockNumber()).to.equal(block);
      expect(lines).to.include(`${BILL}: the investor registry is ${address} already: nothing to send`);
    });

    it("refuses a bad address, something that is not a registry and a caller who is not the admin", async function () {
      const { ctx, bill, cash, first, signers } = await billSetup();
      for (const text of [first.record.registry!.toLowerCase(), ZeroAddress, "registry"]) {
        await refusedWithoutSending(
          setRegistry(ctx, text),
          `--registry: got "${text}", expected the checksummed address of an investor registry`,
        );
      }
      for (const address of [signers[9].address, await cash.getAddress()]) {
        await refusedWithoutSending(
          setRegistry(ctx, address),
          `--registry: ${address} is not an investor registry (it does not answer isVerified)`,
        );
      }
      const registry = await connection.ethers.deployContract("InvestorRegistry", [signers[0].address, 0]);
      await refusedWithoutSending(
        setRegistry(ctx, await registry.getAddress(), { from: signers[4].address }),
        `--from ${signers[4].address} does not hold DEFAULT_ADMIN_ROLE on ${await bill.getAddress()} (the admin is ${signers[0].address})`,
      );
      expect(await bill.registry()).to.equal(first.record.registry);
    });

    it("refuses a registry deployed before eligibilityOfPair, which every transfer of the token asks", async function () {
      const { ctx, bill, first } = await billSetup();
      const legacy = await connection.ethers.deployContract("LegacyInvestorRegistryMock", [first.record.registry!]);
      const address = await legacy.getAddress();
      await refusedWithoutSending(
        setRegistry(ctx, address),
        `--registry: ${address} is not an investor registry that answers eligibilityOfPair (one deployed before that view cannot serve this token)`,
      );
      expect(await bill.registry()).to.equal(first.record.registry);
    });
  });

  describe("commodity set-feed", function () {
    async function deployGold() {
      const deployed = await deployForTest(connection, await loadTestManifest(GOLD));
      await importInvestors(deployed.ctx, INVESTORS, { progress: false });
      return deployed;
    }

    async function goldSetup() {
      const deployed = await connection.networkHelpers.loadFixture(deployGold);
      const gold: CommodityReserveToken = await connection.ethers.getContractAt(
        "CommodityReserveToken",
        deployed.record.instruments["gold-reserve"].address,
      );
      const feed = await connection.ethers.deployContract("ReserveFeedMock", [2]);
      const now = BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp);
      return { ...(await contextOf(deployed)), gold, feed, now, signers: await connection.ethers.getSigners() };
    }

    it("reads reserves from a feed, then from the attestations again; the same source again sends nothing", async function () {
      const { ctx, lines, gold, feed, now } = await goldSetup();
      const asOf = new Date(Number(now - 3600n) * 1000).toISOString().replace(/\.\d+Z$/, "Z");
      await attestReserves(ctx, { reserves: "2000000", asOf, reportHash: REPORT_HASH, uri: "ipfs://audit" });
      expect(await gold.reserveCapacity()).to.equal(2_000n * UNIT);
      // 5,000,000.00 milligrams (2 decimals): 5,000 tokens of a gram.
      await (await feed.setRound(500_000_000n, now)).wait();
      const address = await feed.getAddress();
      expect(await setReserveFeed(ctx, address, { reason: "custodian's proof of reserve" })).to.equal("sent");
      expect(await gold.reserveFeed()).to.equal(address);
      expect(await gold.reserveCapacity()).to.equal(5_000n * UNIT);
      expect(lines).to.include(`gold-reserve: read reserves from feed ${address} instead of the attestations`);
      expect(lines).to.include("gold-reserve: reserves now allow a supply of 5,000 SGOLD (supply 0 SGOLD)");
      const block = await blockNumber();
      expect(await setReserveFeed(ctx, address)).to.equal("done");
      expect(await blockNumber()).to.equal(block);
      expect(lines).to.include(`gold-reserve: reserves are read from feed ${address} already: nothing to send`);
      expect(await setReserveFeed(ctx, "none")).to.equal("sent");
      expect(await gold.reserveFeed()).to.equal(ZeroAddress);
      expect(await gold.reserveCapacity()).to.equal(2_000n * UNIT);
      await setReserveFeed(ctx, "none");
      expect(lines).to.include("gold-reserve: reserves are read from the attestations already: nothing to send");
    });

    it("refuses a bad address, an unusable feed (the contract's own reason) and a caller who is not the admin", async function () {
      const { ctx, gold, feed, now, signers } = await goldSetup();
      const address = await feed.getAddress();
      for (const text of [address.toLowerCase(), ZeroAddress, "feed", ""]) {
        await refusedWithoutSending(
          setReserveFeed(ctx, text),
          `--feed: got "${text}", expected the checksummed address of a reserve feed, or "none"`,
        );
      }
      await refusedWithoutSending(
        setReserveFeed(ctx, signers[9].address),
        `--feed: ${signers[9].address} is not a contract`,
      );
      // Never updated: answer 0.
      await refusedWithoutSending(
        setReserveFeed(ctx, address),
        "gold-reserve.setReserveFeed refused: CommodityReserveFeedAnswerNotPositive: The reserve feed answers 0: not above zero",
      );
      const stale = now - 40n * 86_400n;
      await (await feed.setRound(500_000_000n, stale)).wait();
      await refusedWithoutSending(
        setReserveFeed(ctx, address),
        /^gold-reserve\.setReserveFeed refused: CommodityReserveFeedStale: The reserve feed's answer, updated at \d{4}-\d\d-\d\dT[\d:]+Z, is more than 30 days before \d{4}-\d\d-\d\dT[\d:]+Z, or after it$/,
      );
      await (await feed.setRound(500_000_000n, now)).wait();
      await (await feed.setBroken(true)).wait();
      await refusedWithoutSending(
        setReserveFeed(ctx, address),
        `gold-reserve.setReserveFeed refused: CommodityReserveFeedUnavailable: The reserve feed ${address} cannot be read`,
      );
      await (await feed.setBroken(false)).wait();
      await refusedWithoutSending(
        setReserveFeed(ctx, address, { from: signers[14].address }),
        `--from ${signers[14].address} does not hold DEFAULT_ADMIN_ROLE on ${await gold.getAddress()} (the admin is ${signers[0].address})`,
      );
      await refusedWithoutSending(
        setReserveFeed(ctx, address, { from: signers[0].address.toLowerCase() }),
        `--from: got "${signers[0].address.toLowerCase()}", expected a checksummed address`,
      );
      // Mixed case with a wrong checksum: the same one line, not ethers' "bad address checksum" crash.
      const wrongChecksum = signers[0].address.replace(/(?<=^0x[0-9]*)[a-fA-F]/, (c) =>
        c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase(),
      );
      await refusedWithoutSending(
        setReserveFeed(ctx, address, { from: wrongChecksum }),
        `--from: got "${wrongChecksum}", expected a checksummed address`,
      );
      expect(await gold.reserveFeed()).to.equal(ZeroAddress);
    });
  });

  describe("an admin call through the timelock (token set-registry)", function () {
    it("is simulated as the timelock, scheduled by the proposer --from, executed after the delay, then sends nothing", async function () {
      const deployed = await deployForTest(connection, await loadTestManifest("issuances/sample-note-timelock.json"));
      const { ctx, lines } = await contextOf(deployed);
      const signers = await connection.ethers.getSigners();
      const token = await connection.ethers.getContractAt(
        "SovereignToken",
        deployed.record.instruments["governed-note"].address,
      );
      const timelock = await connection.ethers.getContractAt("Timelock", deployed.record.timelock!);
      // Hand the admin over to the timelock first (the deployment began it).
      await connection.networkHelpers.time.increase(172_800 + 1);
      await acceptAdmin(ctx);
      await connection.networkHelpers.time.increase(86_400);
      await acceptAdmin(ctx);
      expect(await token.defaultAdmin()).to.equal(await timelock.getAddress());
      const registry = await connection.ethers.deployContract("InvestorRegistry", [signers[0].address, 0]);
      const address = await registry.getAddress();
      const [operations, compliance] = [signers[5].address, signers[4].address];
      // Not a proposer of the timelock: refused before anything is sent.
      await refusedWithoutSending(
        setRegistry(ctx, address, { from: compliance }),
        `--from ${compliance} does not hold PROPOSER_ROLE on ${await timelock.getAddress()}`,
      );
      expect(await setRegistry(ctx, address, { from: operations })).to.equal("scheduled");
      expect(await setRegistry(ctx, address, { from: operations })).to.equal("waiting");
      expect(await token.registry()).to.equal(deployed.record.registry);
      await connection.networkHelpers.time.increase(86_400);
      expect(await setRegistry(ctx, address, { from: operations })).to.equal("executed");
      expect(await token.registry()).to.equal(address);
      const block = await blockNumber();
      expect(await setRegistry(ctx, address)).to.equal("done");
      expect(await blockNumber()).to.equal(block);
      expect(lines).to.include(`governed-note: the investor registry is ${address} already: nothing to send`);
    });
  });

  describe("the task actions (tasks/tbill, tasks/bond, tasks/token, tasks/commodity)", function () {
    it("parse their options, send through src/ops, and end with a clean error on bad input", async function () {
      const { first, second, bill, next, signers } = await billSetup();
      const stateDir = await tempDir();
      await writeRecord(stateDir, first.record);
      await writeRecord(stateDir, second.record);
      const run = taskActionRunner(connection, {
        stateDir,
        yes: false,
        from: undefined,
        reason: undefined,
        instrument: undefined,
        salt: undefined,
        manifest: TBILL,
      });
      const block = await blockNumber();
      expect(await run("tbill/cancel", { allotment: undefined })).to.deep.equal({
        success: false,
        error: "--allotment is required",
      });
      expect(await run("tbill/set-treasury", { treasury: undefined })).to.deep.equal({
        success: false,
        error: "--treasury is required",
      });
      expect(await run("bond/set-treasury", { treasury: signers[5].address })).to.deep.equal({
        success: false,
        error: `instrument "${BILL}" is a treasuryBill, not a sovereignBond`,
      });
      expect(await run("tbill/rollover-price", { matured: undefined, price: "98.5", close: false })).to.deep.equal({
        success: false,
        error: "--matured is required",
      });
      expect(await run("token/set-registry", { registry: "0x00" })).to.deep.equal({
        success: false,
        error: '--registry: got "0x00", expected the checksummed address of an investor registry',
      });
      expect(await run("commodity/set-feed", { feed: "none" })).to.deep.equal({
        success: false,
        error: `instrument "${BILL}" is a treasuryBill, not a commodityReserve`,
      });
      expect(await blockNumber()).to.equal(block);
      expect(await run("tbill/cancel", { allotment: "3", reason: "outside the bill's countries" })).to.deep.include({
        success: true,
      });
      expect((await bill.allotment(3n)).status).to.equal(3n);
      expect(await run("tbill/set-treasury", { treasury: signers[5].address })).to.deep.include({ success: true });
      expect(await bill.treasury()).to.equal(signers[5].address);
      // The task's wiring only: any other bill in the same test dollar may be named.
      const nextAddress = await next.getAddress();
      expect(await run("tbill/rollover-price", { matured: nextAddress, price: "99", close: false })).to.deep.include({
        success: true,
      });
      expect(await bill.rolloverPrice(nextAddress)).to.equal(99_000_000n);
    });
  });
});
