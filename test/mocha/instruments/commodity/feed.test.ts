import { expect } from "chai";
import { ZeroAddress } from "ethers";
import {
  attest,
  capacityOf,
  type CommodityFixture,
  deployCommodityToken,
  ethers,
  HOLDING,
  INITIAL_RESERVES,
  MAX_AGE,
  networkHelpers,
  now,
  Restriction,
  UNIT,
} from "./fixture.js";

const FEED_SCALE = 10n ** 8n; // the mock feed has 8 decimals
const SUPPLY = 2n * HOLDING;

/** The fixture with the feed reporting `reserves` milligrams (with 8 decimals), updated now, set on the token. */
async function withFeed(reserves = 5_000_000n) {
  const f = await networkHelpers.loadFixture(deployCommodityToken);
  const updatedAt = await now();
  await f.feed.setRound(reserves * FEED_SCALE, updatedAt);
  await f.token.connect(f.admin).setReserveFeed(await f.feed.getAddress());
  return { ...f, updatedAt };
}

async function feedAddress(f: CommodityFixture): Promise<string> {
  return f.feed.getAddress();
}

describe("CommodityReserveToken: proof-of-reserve feed", function () {
  it("reads reserves from the feed, scaled from its decimals and rounded down", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const updatedAt = await now();
    await f.feed.setRound(5_000_000n * FEED_SCALE + (FEED_SCALE - 1n), updatedAt); // 5,000,000.99999999 mg
    await expect(f.token.connect(f.admin).setReserveFeed(await feedAddress(f)))
      .to.emit(f.token, "ReserveFeedSet")
      .withArgs(await feedAddress(f), 8n);
    expect(await f.token.reserveFeed()).to.equal(await feedAddress(f));
    expect(await f.token.currentReserves()).to.deep.equal([5_000_000n, updatedAt]);
    expect(await f.token.reserveCapacity()).to.equal(5_000n * UNIT);
    expect(await f.token.coverageRatio()).to.equal(25n * 10n ** 17n);

    const remaining = 5_000n * UNIT - SUPPLY;
    await expect(f.token.connect(f.issuer).mint(f.carol.address, remaining + 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
      .withArgs(5_000n * UNIT + 1n, 5_000n * UNIT);
    await expect(f.token.connect(f.issuer).mint(f.carol.address, remaining)).to.changeTokenBalance(
      ethers,
      f.token,
      f.carol,
      remaining,
    );
  });

  it("refuses a feed answer older than the maximum age, to the second", async function () {
    const f = await withFeed();
    await networkHelpers.time.setNextBlockTimestamp(f.updatedAt + MAX_AGE);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, UNIT)).to.changeTokenBalance(
      ethers,
      f.token,
      f.alice,
      UNIT,
    );
    await networkHelpers.time.setNextBlockTimestamp(f.updatedAt + MAX_AGE + 1n);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, UNIT))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedStale")
      .withArgs(f.updatedAt, MAX_AGE, f.updatedAt + MAX_AGE + 1n);
    await networkHelpers.mine(1);
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.alice.address, UNIT)).to.equal(
      Restriction.FEED_STALE,
    );
    await expect(f.token.currentReserves())
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedStale")
      .withArgs(f.updatedAt, MAX_AGE, f.updatedAt + MAX_AGE + 1n);
    // An incomplete round (updatedAt 0) is stale too.
    await f.feed.setRound(5_000_000n * FEED_SCALE, 0n);
    const t = (await now()) + 5n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, UNIT))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedStale")
      .withArgs(0n, MAX_AGE, t);
  });

  for (const answer of [0n, -5n]) {
    it(`refuses a feed answer of ${answer}`, async function () {
      const f = await withFeed();
      await f.feed.setRound(answer, await now());
      expect(await f.token.detectTransferRestriction(ZeroAddress, f.alice.address, 1n)).to.equal(
        Restriction.FEED_ANSWER_NOT_POSITIVE,
      );
      await expect(f.token.connect(f.issuer).mint(f.alice.address, 1n))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedAnswerNotPositive")
        .withArgs(answer);
      await expect(f.token.currentReserves())
        .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedAnswerNotPositive")
        .withArgs(answer);
      await expect(f.token.syncCollateralisation())
        .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedAnswerNotPositive")
        .withArgs(answer);
    });
  }

  it("refuses mints while the feed reverts, without making the restriction check revert", async function () {
    const f = await withFeed();
    await f.feed.setBroken(true);
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.alice.address, 1n)).to.equal(
      Restriction.FEED_UNAVAILABLE,
    );
    expect(await f.token.canTransfer(ZeroAddress, f.alice.address, 1n)).to.equal(false);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedUnavailable")
      .withArgs(await feedAddress(f));
    await expect(f.token.currentReserves())
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedUnavailable")
      .withArgs(await feedAddress(f));
    // Transfers do not read the feed.
    await expect(f.token.connect(f.alice).transfer(f.bob.address, UNIT)).to.changeTokenBalance(
      ethers,
      f.token,
      f.bob,
      UNIT,
    );
  });

  describe("setReserveFeed refuses a feed it cannot use", function () {
    it("an account without code", async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      await expect(f.token.connect(f.admin).setReserveFeed(f.stranger.address))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveInvalidFeed")
        .withArgs(f.stranger.address, 0n);
    });

    it("more than 77 decimals", async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      const wide = await ethers.deployContract("ReserveFeedMock", [78]);
      await wide.setRound(1n, await now());
      await expect(f.token.connect(f.admin).setReserveFeed(await wide.getAddress()))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveInvalidFeed")
        .withArgs(await wide.getAddress(), 78n);
      const widest = await ethers.deployContract("ReserveFeedMock", [77]);
      // The largest int256 answer, 5.7e76, is less than one reserve unit at 77 decimals.
      const maxAnswer = 2n ** 255n - 1n;
      await widest.setRound(maxAnswer, await now());
      await expect(f.token.connect(f.admin).setReserveFeed(await widest.getAddress()))
        .to.emit(f.token, "ReserveFeedSet")
        .withArgs(await widest.getAddress(), 77n)
        .and.to.emit(f.token, "UnderCollateralised")
        .withArgs(0n, SUPPLY);
      expect((await f.token.currentReserves())[0]).to.equal(0n);
      const wider = await ethers.deployContract("ReserveFeedMock", [76]);
      await wider.setRound(maxAnswer, await now());
      await f.token.connect(f.admin).setReserveFeed(await wider.getAddress());
      expect((await f.token.currentReserves())[0]).to.equal(maxAnswer / 10n ** 76n);
      expect(maxAnswer / 10n ** 76n).to.equal(5n);
    });

    it("a stale, non-positive or reverting feed", async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      const feed = await feedAddress(f);
      const old = (await now()) - MAX_AGE - 10n;
      await f.feed.setRound(UNIT, old);
      const t = (await now()) + 5n;
      await networkHelpers.time.setNextBlockTimestamp(t);
      await expect(f.token.connect(f.admin).setReserveFeed(feed))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedStale")
        .withArgs(old, MAX_AGE, t);
      await f.feed.setRound(-1n, await now());
      await expect(f.token.connect(f.admin).setReserveFeed(feed))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedAnswerNotPositive")
        .withArgs(-1n);
      await f.feed.setRound(UNIT, await now());
      await f.feed.setBroken(true);
      await expect(f.token.connect(f.admin).setReserveFeed(feed))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedUnavailable")
        .withArgs(feed);
      expect(await f.token.reserveFeed()).to.equal(ZeroAddress);
    });
  });

  it("records attestations while a feed is set without using them", async function () {
    const f = await withFeed();
    await expect(attest(f, 1n, 1))
      .to.emit(f.token, "ReservesAttested")
      .and.not.to.emit(f.token, "UnderCollateralised");
    expect(await f.token.isUnderCollateralised()).to.equal(false);
    expect(await f.token.currentReserves()).to.deep.equal([5_000_000n, f.updatedAt]);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, UNIT)).to.changeTokenBalance(
      ethers,
      f.token,
      f.alice,
      UNIT,
    );
  });

  it("returns to the attestations when the feed is unset, re-checking the collateralisation", async function () {
    const f = await withFeed();
    const asOf = await now();
    await attest(f, 1_000_000n, 1, asOf);
    await expect(f.token.connect(f.admin).setReserveFeed(ZeroAddress))
      .to.emit(f.token, "ReserveFeedSet")
      .withArgs(ZeroAddress, 0n)
      .and.to.emit(f.token, "UnderCollateralised")
      .withArgs(1_000_000n, SUPPLY);
    expect(await f.token.reserveFeed()).to.equal(ZeroAddress);
    expect(await f.token.currentReserves()).to.deep.equal([1_000_000n, asOf]);
    await expect(f.token.connect(f.admin).setReserveFeed(await feedAddress(f)))
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(5_000_000n, SUPPLY);
  });

  it("sets the flag when switching to a feed below the supply", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await f.feed.setRound(1_000_000n * FEED_SCALE, await now());
    await expect(f.token.connect(f.admin).setReserveFeed(await feedAddress(f)))
      .to.emit(f.token, "UnderCollateralised")
      .withArgs(1_000_000n, SUPPLY);
    expect(await f.token.isUnderCollateralised()).to.equal(true);
  });

  it("refuses mints as soon as the feed falls below the supply; syncCollateralisation records it and its recovery", async function () {
    const f = await withFeed();
    await f.feed.setRound(1_000_000n * FEED_SCALE, await now());
    // Refused at once, though no transaction has recorded the fall yet.
    expect(await f.token.isUnderCollateralised()).to.equal(false);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveUnderCollateralised")
      .withArgs(SUPPLY, capacityOf(1_000_000n));
    await expect(f.token.connect(f.stranger).syncCollateralisation())
      .to.emit(f.token, "UnderCollateralised")
      .withArgs(1_000_000n, SUPPLY);
    expect(await f.token.isUnderCollateralised()).to.equal(true);

    // The feed recovers: the flag still refuses mints until it is cleared.
    await f.feed.setRound(5_000_000n * FEED_SCALE, await now());
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.alice.address, 1n)).to.equal(
      Restriction.UNDER_COLLATERALISED,
    );
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveUnderCollateralised")
      .withArgs(SUPPLY, capacityOf(5_000_000n));
    await expect(f.token.connect(f.stranger).syncCollateralisation())
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(5_000_000n, SUPPLY);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 1n)).to.changeTokenBalance(
      ethers,
      f.token,
      f.alice,
      1n,
    );
  });

  it("never reads the feed on a burn: the flag stays until syncCollateralisation reads a feed that covers the supply", async function () {
    const f = await withFeed(1_500_000n);
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    await f.feed.setBroken(true);
    await expect(f.token.connect(f.issuer).burn(f.bob.address, 500n * UNIT)).not.to.emit(
      f.token,
      "CollateralisationRestored",
    );
    await f.feed.setBroken(false);
    // Covered now, but a burn does not read the feed: the flag stays, and so does the refusal of mints.
    await expect(f.token.connect(f.issuer).burn(f.bob.address, 1n)).not.to.emit(f.token, "CollateralisationRestored");
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.alice.address, 1n)).to.equal(
      Restriction.UNDER_COLLATERALISED,
    );
    await expect(f.token.connect(f.stranger).syncCollateralisation())
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(1_500_000n, 1_500n * UNIT - 1n);
    expect(await f.token.isUnderCollateralised()).to.equal(false);
    expect(INITIAL_RESERVES).to.equal((await f.token.latestAttestation()).reserves); // untouched history
  });
});
