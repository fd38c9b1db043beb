import { expect } from "chai";
import { addressesFromDeploymentRecord, SovereignClient, ToolkitError } from "../../../src/sdk/index.js";
import { ethers } from "../fixtures.js";
import {
  attest,
  deployCommodityToken,
  INITIAL_RESERVES,
  networkHelpers,
  report,
} from "../instruments/commodity/fixture.js";
import { bonds, couponOf, HOLDINGS, passRecordDate } from "../instruments/bond/fixtures.js";

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
});
