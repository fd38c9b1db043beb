import { expect } from "chai";
import {
  addressesFromDeploymentRecord,
  MAX_LOG_BLOCK_RANGE,
  SovereignClient,
  ToolkitError,
} from "../../../src/sdk/index.js";
import { ethers } from "../fixtures.js";
import {
  attest,
  deployCommodityToken,
  INITIAL_RESERVES,
  networkHelpers,
  report,
} from "../instruments/commodity/fixture.js";
import { bonds, couponOf, HOLDINGS, passRecordDate } from "../instruments/bond/fixtures.js";
import { timeFromIso } from "../../../src/sdk/bond/index.js";
import { watchLogQueries } from "../support/logs.js";

describe("SDK client: instrument readers", function () {
  it("takes an issuance's addresses from the deploy task's deployment record", function () {
    const record = {
      name: "gold-reserve",
      registry: "0x0000000000000000000000000000000000000001",
      instruments: {
        "gold-reserve": { kind: "commodityReserve", address: "0x0000000000000000000000000000000000000002" },
      },
    };
    expect(addressesFromDeploymentRecord(record)).to.deep.equal({
      registry: record.registry,
      tokens: { "gold-reserve": record.instruments["gold-reserve"].address },
    });
    expect(() => addressesFromDeploymentRecord({ instruments: {} })).to.throw("deployment record: registry: missing");
  });

  it("names the tokens it knows when asked for another name, instead of trying it as an ENS name", async function () {
    const [signer] = await ethers.getSigners();
    const tokens = { "gold-reserve": "0x0000000000000000000000000000000000000002" };
    const client = new SovereignClient(signer, { registry: "0x0000000000000000000000000000000000000001", tokens });
    expect(client.token("gold-reserve").target).to.equal(tokens["gold-reserve"]);
    expect(client.token("0x0000000000000000000000000000000000000003").target).to.equal(
      "0x0000000000000000000000000000000000000003",
    );
    expect(() => client.token("SSN")).to.throw(
      ToolkitError,
      'token "SSN": not a token of this issuance (gold-reserve) nor an address',
    );
  });

  it("reads a commodity token's whole reserve history, oldest first", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const receipt = (await (await attest(f, INITIAL_RESERVES + 5n, 1)).wait())!;
    const client = new SovereignClient(f.admin, {
      registry: await f.registry.getAddress(),
      tokens: { GOLD: await f.token.getAddress() },
    });
    const history = await client.reserveHistory("GOLD");
    expect(history.map((a) => a.reserves)).to.deep.equal([INITIAL_RESERVES, INITIAL_RESERVES + 5n]);
    expect(history[1].auditor).to.equal(f.auditor.address);
    // The token keeps no URI: the client reads it from the attestation's event, in its block.
    expect((await f.token.attestation(1)).blockNumber).to.equal(BigInt(receipt.blockNumber));
    const [event] = await f.token.queryFilter(f.token.filters.ReservesAttested(1n));
    expect(history.map((a) => a.uri)).to.deep.equal([report(0).uri, report(1).uri]);
    expect(history[1].uri).to.equal(event.args.uri);
  });

  it("reads a long history's URIs in a few log queries of bounded range, each matched to its attestation", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await networkHelpers.time.increase(100);
    const base = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) - 50n; // every asOf is past
    const send = (n: number) => attest(f, INITIAL_RESERVES + BigInt(n), n, base + BigInt(n));
    /** Mines empty blocks so that the next attestation lands in block `block`. */
    const landIn = async (block: number) => networkHelpers.mine(block - (await ethers.provider.getBlockNumber()) - 1);
    await send(1);
    // Two attestations in one block: each event is matched by its number, not by its block.
    await ethers.provider.send("evm_setAutomine", [false]);
    try {
      await send(2);
      await send(3);
      await networkHelpers.mine(1);
    } finally {
      await ethers.provider.send("evm_setAutomine", [true]);
    }
    await networkHelpers.mine(MAX_LOG_BLOCK_RANGE * 3);
    await send(4);
    const fourth = await ethers.provider.getBlockNumber();
    await send(5);
    // One block past the widest range from the 4th: a new query. The 7th fits in the 6th's.
    await landIn(fourth + MAX_LOG_BLOCK_RANGE);
    await send(6);
    await landIn(fourth + 2 * MAX_LOG_BLOCK_RANGE - 1);
    await send(7);
    const client = new SovereignClient(f.admin, {
      registry: await f.registry.getAddress(),
      tokens: { GOLD: await f.token.getAddress() },
    });
    const logs = watchLogQueries(ethers.provider);
    let history;
    try {
      history = await client.reserveHistory("GOLD");
    } finally {
      logs.restore();
    }
    expect(history.map((a) => a.index)).to.deep.equal([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(history.map((a) => a.uri)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7].map((n) => report(n).uri));
    expect(history.slice(1).map((a) => a.reserves)).to.deep.equal(
      [1, 2, 3, 4, 5, 6, 7].map((n) => INITIAL_RESERVES + BigInt(n)),
    );
    const blocks = history.map((a) => Number(a.blockNumber));
    expect(blocks[2]).to.equal(blocks[3]);
    expect([blocks[4], blocks[6], blocks[7]]).to.deep.equal([
      fourth,
      fourth + MAX_LOG_BLOCK_RANGE,
      fourth + 2 * MAX_LOG_BLOCK_RANGE - 1,
    ]);
    // Three queries for eight attestations, sent one after the other, none wider than the limit.
    const address = await f.token.getAddress();
    const topic = f.token.interface.getEvent("ReservesAttested").topicHash;
    expect(
      logs.queries.map((q) => ["fromBlock" in q ? [q.fromBlock, q.toBlock] : q, q.address, q.topics]),
    ).to.deep.equal([
      [[blocks[0], blocks[3]], address, [topic]],
      [[blocks[4], blocks[5]], address, [topic]],
      [[blocks[6], blocks[7]], address, [topic]],
    ]);
  });

  it("reads a bond's coupon schedule and a holder's entitlements after a record date", async function () {
    const f = (await bonds()).fixed;
    const client = new SovereignClient(f.admin, {
      registry: await f.registry.getAddress(),
      tokens: { BOND: await f.bond.getAddress() },
    });
    const schedule = await client.couponSchedule("BOND");
    expect(schedule.map((c) => c.couponDate)).to.deep.equal(f.coupons.map((c) => c.date));
    expect(await client.entitlements("BOND", f.alice.address)).to.deep.equal([]);
    await passRecordDate(f.coupons, 0);
    const owed = couponOf(HOLDINGS.alice, schedule[0].couponPerToken);
    expect(await client.entitlements("BOND", f.alice.address)).to.deep.equal([
      { period: 0, balanceAtRecord: HOLDINGS.alice, funded: false, due: owed },
    ]);
    await f.bond.connect(f.treasurer).fundCoupon(0);
    expect((await client.entitlements("BOND", f.alice.address))[0]).to.deep.equal({
      period: 0,
      balanceAtRecord: HOLDINGS.alice,
      funded: true,
      due: owed,
    });
  });

  it("computes a bond's accrued interest from its terms on chain; a floating rate must be fixed first", async function () {
    const { fixed, floating } = await bonds();
    const client = new SovereignClient(fixed.admin, {
      registry: await fixed.registry.getAddress(),
      tokens: { BOND: await fixed.bond.getAddress(), FRN: await floating.bond.getAddress() },
    });
    // 2031-01-01 is 123 days into the 181-day period from 2030-08-31 (ACT/ACT ICMA, 7.25 % on 1,000 dollars):
    // 1,000 * 7.25 % * 123 / (2 * 181) = 24.6339779... dollars a bond, 24.633977 rounded down; Alice's
    // 1,000.123456789012345678 bonds: 24,637,018,231.70... units, 24,637.018231 dollars.
    const accrued = await client.accruedInterest("BOND", HOLDINGS.alice, timeFromIso("2031-01-01"));
    expect([accrued.period, accrued.perToken, accrued.amount]).to.deep.equal([1, 24_633_977n, 24_637_018_231n]);
    // Without a date: the latest block's time (before the issue date here: refused).
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => new Error("no failure"),
        (e: Error) => e,
      );
    const early = await failure(client.accruedInterest("BOND", HOLDINGS.alice));
    expect(early).to.be.instanceOf(RangeError);
    expect(early.message).to.match(/settlement day/);
    const unfixed = await failure(client.accruedInterest("FRN", HOLDINGS.alice, timeFromIso("2031-01-01")));
    expect(unfixed).to.be.instanceOf(ToolkitError);
    expect(unfixed.message).to.match(/floating rate .* is not fixed/);
  });

  it("quotes a bond's price from a yield and its yield from a price, with its accrued interest per 100", async function () {
    const { fixed } = await bonds();
    const client = new SovereignClient(fixed.admin, {
      registry: await fixed.registry.getAddress(),
      tokens: { BOND: await fixed.bond.getAddress() },
    });
    // On a coupon date, at a yield equal to the 7.25 % coupon: par, nothing accrued.
    const par = await client.quoteBond("BOND", { yield: 0.0725 }, timeFromIso("2030-08-31"));
    expect(Math.abs(par.cleanPrice - 100)).to.be.below(1e-9);
    expect(par.accrued).to.equal(0);
    // 2031-01-01: 123 of 181 days accrued, 7.25 / 2 * 123 / 181 = 2.4633977... per 100.
    const mid = await client.quoteBond("BOND", { yield: 0.08 }, timeFromIso("2031-01-01"));
    expect(Math.abs(mid.accrued - (3.625 * 123) / 181)).to.be.below(1e-12);
    expect(mid.dirtyPrice).to.equal(mid.cleanPrice + mid.accrued);
    const back = await client.quoteBond("BOND", { cleanPrice: mid.cleanPrice }, timeFromIso("2031-01-01"));
    expect(Math.abs(back.yield - 0.08)).to.be.below(1e-9);
  });
});
