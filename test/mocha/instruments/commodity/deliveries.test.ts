import { expect } from "chai";
import { ZeroAddress } from "ethers";
import {
  attest,
  capacityOf,
  CASH_REF,
  type CommodityFixture,
  coverageOf,
  deliveredOf,
  deployCommodityToken,
  DELIVERY_REF,
  HOLDING,
  INITIAL_RESERVES,
  Kind,
  MAX_AGE,
  networkHelpers,
  now,
  Restriction,
  timeOf,
  UNIT,
} from "./fixture.js";

const ONE = 10n ** 18n; // coverage ratio of 100%
const FEED_SCALE = 10n ** 8n; // the mock feed has 8 decimals
/** The capacity of the fixture's attestation, 10 kg: 10,000 tokens. */
const CAPACITY = capacityOf(INITIAL_RESERVES);

/** Requests `amount` of Alice's tokens for physical delivery and fulfils it; returns the block time of the fulfilment. */
async function deliver(f: CommodityFixture, amount: bigint, kind: bigint = Kind.PHYSICAL_DELIVERY): Promise<bigint> {
  await f.token
    .connect(f.alice)
    .requestRedemption(amount, kind, kind === Kind.PHYSICAL_DELIVERY ? DELIVERY_REF : CASH_REF);
  return timeOf(await f.token.connect(f.custodian).fulfilRedemption(await f.token.redemptionCount()));
}

/** The fixture minted to the full capacity of its attestation: Alice holds 9,000 tokens, Bob 1,000. */
async function atFullCapacity() {
  const f = await networkHelpers.loadFixture(deployCommodityToken);
  await f.token.connect(f.issuer).mint(f.alice.address, CAPACITY - 2n * HOLDING);
  expect(await f.token.totalSupply()).to.equal(CAPACITY);
  expect(await f.token.coverageRatio()).to.equal(ONE);
  return f;
}

describe("CommodityReserveToken: reserves less physical deliveries", function () {
  it("refuses to mint again the supply a physical delivery burnt, and reports the coverage of the metal left", async function () {
    const f = await atFullCapacity();
    const tenth = CAPACITY / 10n; // 1,000 tokens: 1 kg of gold leaves the vault
    const deliveredAt = await deliver(f, tenth);

    const supply = CAPACITY - tenth;
    const reserves = INITIAL_RESERVES - deliveredOf(tenth); // 9 kg left
    expect(reserves).to.equal(9_000_000n);
    expect(await f.token.totalSupply()).to.equal(supply);

    // The supply the delivery burnt is not minted again: the metal behind it left the vault.
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.carol.address, 1n)).to.equal(
      Restriction.CAPACITY_EXCEEDED,
    );
    await expect(f.token.connect(f.issuer).mint(f.carol.address, tenth))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
      .withArgs(CAPACITY, supply);
    await expect(f.token.connect(f.issuer).mint(f.carol.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
      .withArgs(supply + 1n, supply);

    // Coverage: exactly the metal left over the supply, never more.
    expect(await f.token.currentReserves()).to.deep.equal([reserves, f.attestedAt]);
    expect(await f.token.reserveCapacity()).to.equal(capacityOf(reserves));
    expect(await f.token.coverageRatio()).to.equal(coverageOf(reserves, supply));
    expect(await f.token.coverageRatio()).to.equal(ONE);
    expect(await f.token.isUnderCollateralised()).to.equal(false);

    // A new count dated after the delivery: capacity is what it backs, no delivery subtracted.
    const recount = 9_500_000n; // the custodian received 500 g more
    const asOf = deliveredAt + 1n;
    await attest(f, recount, 1, asOf);
    expect(await f.token.reservesDeliveredSince(asOf)).to.equal(0n);
    expect(await f.token.currentReserves()).to.deep.equal([recount, asOf]);
    expect(await f.token.reserveCapacity()).to.equal(capacityOf(recount));
    const room = capacityOf(recount) - supply;
    await expect(f.token.connect(f.issuer).mint(f.carol.address, room + 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
      .withArgs(capacityOf(recount) + 1n, capacityOf(recount));
    await f.token.connect(f.issuer).mint(f.carol.address, room);
    expect(await f.token.coverageRatio()).to.equal(ONE);
  });

  it("rounds a delivery up to whole reserve units: a fraction short sets the flag, with its event", async function () {
    const f = await atFullCapacity();
    const amount = 1_000n * UNIT + 1n; // 1,000.000000000000000001 g: 1,000,001 mg leave
    expect(deliveredOf(amount)).to.equal(1_000_001n);
    await f.token.connect(f.alice).requestRedemption(amount, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
    const reserves = INITIAL_RESERVES - 1_000_001n;
    const supply = CAPACITY - amount;
    await expect(f.token.connect(f.custodian).fulfilRedemption(1n))
      .to.emit(f.token, "UnderCollateralised")
      .withArgs(reserves, supply);
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    expect(await f.token.coverageRatio()).to.equal(coverageOf(reserves, supply));
    expect(await f.token.coverageRatio()).to.be.lessThan(ONE);
    await expect(f.token.connect(f.issuer).mint(f.carol.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveUnderCollateralised")
      .withArgs(supply, capacityOf(reserves));

    // The issuer burns the base units the metal left no longer backs: covered again, flag cleared.
    const excess = supply - capacityOf(reserves);
    await expect(f.token.connect(f.issuer).burn(f.bob.address, excess))
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(reserves, capacityOf(reserves));
    expect(await f.token.coverageRatio()).to.equal(ONE);
  });

  it("subtracts a delivery from every count dated at or before it, whenever the count is recorded", async function () {
    const f = await atFullCapacity();
    const amount = 250n * UNIT;
    const deliveredAt = await deliver(f, amount);
    // Counted at the very second of the delivery: it may not include it, so it is subtracted.
    await attest(f, INITIAL_RESERVES, 1, deliveredAt);
    expect(await f.token.reservesDeliveredSince(deliveredAt)).to.equal(deliveredOf(amount));
    expect(await f.token.currentReserves()).to.deep.equal([INITIAL_RESERVES - deliveredOf(amount), deliveredAt]);
    // Counted one second later: the delivery is in the count.
    await attest(f, INITIAL_RESERVES - deliveredOf(amount), 2, deliveredAt + 1n);
    expect(await f.token.reservesDeliveredSince(deliveredAt + 1n)).to.equal(0n);
    expect(await f.token.currentReserves()).to.deep.equal([INITIAL_RESERVES - deliveredOf(amount), deliveredAt + 1n]);
    expect(await f.token.coverageRatio()).to.equal(ONE);
  });

  it("counts every delivery since the count, and none before it", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const amounts = [3n * UNIT + 7n, 11n * UNIT, 5n, 40n * UNIT + 999n];
    const times: bigint[] = [];
    for (const amount of amounts) {
      times.push(await deliver(f, amount));
      await networkHelpers.time.increase(60n);
    }
    // Independently: the deliveries at or after `t`, each rounded up.
    const since = (t: bigint) =>
      amounts.reduce((sum, amount, i) => (times[i] >= t ? sum + deliveredOf(amount) : sum), 0n);
    for (const t of [0n, f.attestedAt, ...times, ...times.map((x) => x + 1n), times[3] + 3_600n]) {
      expect(await f.token.reservesDeliveredSince(t)).to.equal(since(t));
    }
    expect(since(0n)).to.equal(3_001n + 11_000n + 1n + 40_001n);
    expect(await f.token.currentReserves()).to.deep.equal([INITIAL_RESERVES - since(f.attestedAt), f.attestedAt]);
    // A count dated between the second and the third delivery keeps the last two.
    await attest(f, INITIAL_RESERVES, 1, times[1] + 1n);
    expect((await f.token.currentReserves())[0]).to.equal(INITIAL_RESERVES - since(times[2]));
  });

  it("does not subtract cash settlements: the metal stays in custody", async function () {
    const f = await atFullCapacity();
    await deliver(f, 1_000n * UNIT, Kind.CASH_SETTLEMENT);
    expect(await f.token.reservesDeliveredSince(0n)).to.equal(0n);
    expect(await f.token.currentReserves()).to.deep.equal([INITIAL_RESERVES, f.attestedAt]);
    expect(await f.token.coverageRatio()).to.equal(coverageOf(INITIAL_RESERVES, CAPACITY - 1_000n * UNIT));
    await f.token.connect(f.issuer).mint(f.carol.address, 1_000n * UNIT);
    expect(await f.token.totalSupply()).to.equal(CAPACITY);
  });

  it("does not subtract rejected or cancelled requests", async function () {
    const f = await atFullCapacity();
    await f.token.connect(f.alice).requestRedemption(UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
    await f.token.connect(f.alice).requestRedemption(UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
    await f.token.connect(f.custodian).rejectRedemption(1n, "No stock");
    await f.token.connect(f.alice).cancelRedemption(2n);
    expect(await f.token.reservesDeliveredSince(0n)).to.equal(0n);
    expect(await f.token.currentReserves()).to.deep.equal([INITIAL_RESERVES, f.attestedAt]);
  });

  it("subtracts from a feed's answer the deliveries since its updatedAt", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const updatedAt = await now();
    await f.feed.setRound(INITIAL_RESERVES * FEED_SCALE, updatedAt);
    await f.token.connect(f.admin).setReserveFeed(await f.feed.getAddress());
    await f.token.connect(f.issuer).mint(f.alice.address, CAPACITY - 2n * HOLDING);

    const deliveredAt = await deliver(f, 2_000n * UNIT);
    const reserves = INITIAL_RESERVES - 2_000_000n;
    expect(await f.token.currentReserves()).to.deep.equal([reserves, updatedAt]);
    expect(await f.token.coverageRatio()).to.equal(ONE);
    await expect(f.token.connect(f.issuer).mint(f.carol.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
      .withArgs(capacityOf(reserves) + 1n, capacityOf(reserves));

    // The next answer, updated after the delivery, counts what is left.
    await f.feed.setRound(reserves * FEED_SCALE, deliveredAt + 1n);
    expect(await f.token.currentReserves()).to.deep.equal([reserves, deliveredAt + 1n]);
    // An answer that still claims the old count as of before the delivery cannot mint it again.
    await f.feed.setRound(INITIAL_RESERVES * FEED_SCALE, deliveredAt - 1n);
    expect((await f.token.currentReserves())[0]).to.equal(reserves);
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.carol.address, 1n)).to.equal(
      Restriction.CAPACITY_EXCEEDED,
    );
  });

  it("refuses a feed answer dated after the block (a timestamp in milliseconds): it would never age nor see a delivery", async function () {
    const f = await atFullCapacity();
    await f.feed.setRound(INITIAL_RESERVES * FEED_SCALE, await now());
    await f.token.connect(f.admin).setReserveFeed(await f.feed.getAddress());
    // The feed starts to report its update time in milliseconds: a time far in the future.
    const inMilliseconds = (await now()) * 1000n;
    await f.feed.setRound(INITIAL_RESERVES * FEED_SCALE, inMilliseconds);
    const tenth = CAPACITY / 10n;
    await deliver(f, tenth); // 1 kg leaves the vault: the supply it burnt is not backed any more

    // Neither minted again nor read as fresh, however long the feed keeps that answer.
    await networkHelpers.time.increase(MAX_AGE + 1n);
    await networkHelpers.mine(1);
    const blockTime = await now();
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.carol.address, 1n)).to.equal(Restriction.FEED_STALE);
    await expect(f.token.currentReserves())
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedStale")
      .withArgs(inMilliseconds, MAX_AGE, blockTime);
    await expect(f.token.connect(f.issuer).mint(f.carol.address, tenth)).to.be.revertedWithCustomError(
      f.token,
      "CommodityReserveFeedStale",
    );
    await expect(f.token.connect(f.admin).setReserveFeed(await f.feed.getAddress())).to.be.revertedWithCustomError(
      f.token,
      "CommodityReserveFeedStale",
    );
    // A feed answer dated at the block time is fresh: only the future is refused.
    const mintTime = blockTime + 10n;
    await f.feed.setRound((INITIAL_RESERVES - deliveredOf(tenth)) * FEED_SCALE, mintTime);
    await networkHelpers.time.setNextBlockTimestamp(mintTime);
    await expect(f.token.connect(f.issuer).mint(f.carol.address, 1n)).to.be.revertedWithCustomError(
      f.token,
      "CommodityReserveCapacityExceeded",
    );
  });

  it("switching back to the attestations subtracts the deliveries since the latest one", async function () {
    const f = await atFullCapacity();
    await f.feed.setRound(INITIAL_RESERVES * FEED_SCALE, await now());
    await f.token.connect(f.admin).setReserveFeed(await f.feed.getAddress());
    await deliver(f, 1_000n * UNIT);
    const reserves = INITIAL_RESERVES - 1_000_000n;
    expect(await f.token.isUnderCollateralised()).to.equal(false);
    await expect(f.token.connect(f.admin).setReserveFeed(ZeroAddress)).not.to.emit(f.token, "UnderCollateralised");
    expect(await f.token.currentReserves()).to.deep.equal([reserves, f.attestedAt]);
    expect(await f.token.coverageRatio()).to.equal(ONE);
  });
});
