import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { Country, InvestorCategory, investorIdOf } from "../../../../src/sdk/investors.js";
import { ONE_YEAR } from "../../fixtures.js";
import {
  capacityOf,
  CASH_REF,
  deployCommodityToken,
  DELIVERY_REF,
  ethers,
  HOLDING,
  Kind,
  networkHelpers,
  now,
  Restriction,
  State,
  UNIT,
} from "./fixture.js";

const FEED_SCALE = 10n ** 8n; // the mock feed has 8 decimals
const SUPPLY = 2n * HOLDING;
/** Reserves the feed reports: 1,500 g for 2,000 tokens, so the token is under-collateralised. */
const RESERVES = 1_500_000n;
/** Gas each enforcement action is sent with: what it costs without a feed, and far less than a feed could burn. */
const ENFORCEMENT_GAS = { gasLimit: 300_000 };
/** Gas the views are called with: they stay within it whatever the feed does. */
const VIEW_GAS = { gasLimit: 1_000_000 };

/** ReserveFeedMock.Shape. */
const Shape = { NORMAL: 0, REVERT: 1, REVERT_HUGE: 2, EMPTY: 3, SHORT: 4, RETURN_HUGE: 5, BURN_GAS: 6 } as const;

/**
 * The fixture reading the feed, which reports less than the supply: the token is flagged
 * under-collateralised, so before the fix every burn read the feed. Alice has two pending requests
 * (1: physical delivery, 2: cash) and a spare wallet registered under her investor id.
 */
async function underCollateralisedOnFeed() {
  const f = await networkHelpers.loadFixture(deployCommodityToken);
  const updatedAt = await now();
  await f.feed.setRound(RESERVES * FEED_SCALE, updatedAt);
  // (a later physical delivery is subtracted from this answer)
  await expect(f.token.connect(f.admin).setReserveFeed(await f.feed.getAddress()))
    .to.emit(f.token, "UnderCollateralised")
    .withArgs(RESERVES, SUPPLY);
  await f.token.connect(f.alice).requestRedemption(100n * UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
  await f.token.connect(f.alice).requestRedemption(100n * UNIT, Kind.CASH_SETTLEMENT, CASH_REF);
  const aliceSpare = f.others[10];
  await f.registry
    .connect(f.kycAgent)
    .registerInvestor(
      aliceSpare.address,
      investorIdOf("commodity-salt", "KYC-ALICE"),
      Country.PAKISTAN,
      InvestorCategory.INSTITUTIONAL,
      (await now()) + ONE_YEAR,
    );
  return { ...f, updatedAt, aliceSpare };
}

type Fixture = Awaited<ReturnType<typeof underCollateralisedOnFeed>>;

interface Case {
  name: string;
  /** Makes the feed answer this way. */
  apply: (f: Fixture) => Promise<unknown>;
  /** The restriction code of a mint. */
  code: bigint;
  /** The error a mint and currentReserves revert with, and its arguments. */
  error: (f: Fixture) => Promise<[string, unknown[]]>;
}

const unavailable = async (f: Fixture): Promise<[string, unknown[]]> => [
  "CommodityReserveFeedUnavailable",
  [await f.feed.getAddress()],
];
const decimalsChanged =
  (reported: bigint) =>
  async (f: Fixture): Promise<[string, unknown[]]> => [
    "CommodityReserveFeedDecimalsChanged",
    [await f.feed.getAddress(), 8n, reported],
  ];
const notPositive = (answer: bigint) => async (): Promise<[string, unknown[]]> => [
  "CommodityReserveFeedAnswerNotPositive",
  [answer],
];
const shapes = (decimals: number, latestRound: number) => (f: Fixture) => f.feed.setShapes(decimals, latestRound);

const CASES: Case[] = [
  {
    name: "latestRoundData answers four words, not five",
    apply: shapes(Shape.NORMAL, Shape.SHORT),
    code: Restriction.FEED_UNAVAILABLE,
    error: unavailable,
  },
  {
    name: "latestRoundData answers nothing",
    apply: shapes(Shape.NORMAL, Shape.EMPTY),
    code: Restriction.FEED_UNAVAILABLE,
    error: unavailable,
  },
  {
    name: "latestRoundData reverts with huge revert data",
    apply: shapes(Shape.NORMAL, Shape.REVERT_HUGE),
    code: Restriction.FEED_UNAVAILABLE,
    error: unavailable,
  },
  {
    name: "latestRoundData burns all the gas it is given",
    apply: shapes(Shape.NORMAL, Shape.BURN_GAS),
    code: Restriction.FEED_UNAVAILABLE,
    error: unavailable,
  },
  {
    name: "decimals answers nothing",
    apply: shapes(Shape.EMPTY, Shape.NORMAL),
    code: Restriction.FEED_UNAVAILABLE,
    error: unavailable,
  },
  {
    name: "decimals reverts with huge revert data",
    apply: shapes(Shape.REVERT_HUGE, Shape.NORMAL),
    code: Restriction.FEED_UNAVAILABLE,
    error: unavailable,
  },
  {
    name: "decimals burns all the gas it is given",
    apply: shapes(Shape.BURN_GAS, Shape.NORMAL),
    code: Restriction.FEED_UNAVAILABLE,
    error: unavailable,
  },
  {
    name: "decimals moved from 8 to 10",
    apply: (f) => f.feed.setDecimals(10n),
    code: Restriction.FEED_DECIMALS_CHANGED,
    error: decimalsChanged(10n),
  },
  {
    name: "decimals moved to 78, more than a uint256 can scale",
    apply: (f) => f.feed.setDecimals(78n),
    code: Restriction.FEED_DECIMALS_CHANGED,
    error: decimalsChanged(78n),
  },
  {
    name: "decimals answers 300, no uint8",
    apply: (f) => f.feed.setDecimals(300n),
    code: Restriction.FEED_DECIMALS_CHANGED,
    error: decimalsChanged(300n),
  },
  {
    name: "the answer is negative",
    apply: async (f) => f.feed.setRound(-1n, await now()),
    code: Restriction.FEED_ANSWER_NOT_POSITIVE,
    error: notPositive(-1n),
  },
  {
    name: "the answer is zero",
    apply: async (f) => f.feed.setRound(0n, await now()),
    code: Restriction.FEED_ANSWER_NOT_POSITIVE,
    error: notPositive(0n),
  },
];

/** Views never revert, enforcement works within {@link ENFORCEMENT_GAS}, and nothing reads the feed but mints. */
async function expectEnforcementAndViewsUnaffected(f: Fixture, mintCode: bigint) {
  expect(await f.token.detectTransferRestriction(ZeroAddress, f.carol.address, 1n, VIEW_GAS)).to.equal(mintCode);
  expect(await f.token.detectTransferRestriction(ZeroAddress, f.carol.address, 0n, VIEW_GAS)).to.equal(mintCode);
  expect(await f.token.canTransfer(ZeroAddress, f.carol.address, 1n, VIEW_GAS)).to.equal(false);
  expect(await f.token.detectTransferRestriction(f.alice.address, f.bob.address, UNIT, VIEW_GAS)).to.equal(0n);
  expect(await f.token.canTransfer(f.alice.address, f.bob.address, UNIT, VIEW_GAS)).to.equal(true);

  const supply = await f.token.totalSupply();
  await expect(f.token.connect(f.custodian).fulfilRedemption(1n, ENFORCEMENT_GAS))
    .to.emit(f.token, "RedemptionFulfilled")
    .withArgs(1n, f.alice.address, 100n * UNIT);
  await expect(f.token.connect(f.custodian).rejectRedemption(2n, "Account closed", ENFORCEMENT_GAS))
    .to.emit(f.token, "RedemptionRejected")
    .withArgs(2n, f.alice.address, 100n * UNIT, "Account closed");
  await expect(f.token.connect(f.issuer).burn(f.bob.address, UNIT, ENFORCEMENT_GAS)).to.changeTokenBalance(
    ethers,
    f.token,
    f.bob,
    -UNIT,
  );
  await expect(
    f.token.connect(f.enforcer).forcedTransfer(f.bob.address, f.carol.address, UNIT, ENFORCEMENT_GAS),
  ).to.changeTokenBalances(ethers, f.token, [f.bob, f.carol], [-UNIT, UNIT]);
  const aliceBalance = await f.token.balanceOf(f.alice);
  await expect(
    f.token.connect(f.enforcer).recoverWallet(f.alice.address, f.aliceSpare.address, ENFORCEMENT_GAS),
  ).to.changeTokenBalances(ethers, f.token, [f.alice, f.aliceSpare], [-aliceBalance, aliceBalance]);
  expect(await f.token.totalSupply()).to.equal(supply - 100n * UNIT - UNIT);
  expect([(await f.token.redemption(1n)).state, (await f.token.redemption(2n)).state]).to.deep.equal([
    State.FULFILLED,
    State.REJECTED,
  ]);
  // The flag is the feed's business: only syncCollateralisation, which reads it, may clear it.
  expect(await f.token.isUnderCollateralised()).to.equal(true);
}

describe("CommodityReserveToken: a malformed or hostile feed", function () {
  for (const c of CASES) {
    it(`${c.name}: views answer, enforcement works, mints and currentReserves are refused clearly`, async function () {
      const f = await underCollateralisedOnFeed();
      await c.apply(f);
      await expectEnforcementAndViewsUnaffected(f, c.code);
      const [error, args] = await c.error(f);
      await expect(f.token.connect(f.issuer).mint(f.carol.address, 1n))
        .to.be.revertedWithCustomError(f.token, error)
        .withArgs(...args);
      await expect(f.token.currentReserves(VIEW_GAS))
        .to.be.revertedWithCustomError(f.token, error)
        .withArgs(...args);
      await expect(f.token.coverageRatio(VIEW_GAS))
        .to.be.revertedWithCustomError(f.token, error)
        .withArgs(...args);
      await expect(f.token.connect(f.stranger).syncCollateralisation())
        .to.be.revertedWithCustomError(f.token, error)
        .withArgs(...args);
    });
  }

  it("latestRoundData returns its answer followed by huge data: only five words are copied and the answer is used", async function () {
    const f = await underCollateralisedOnFeed();
    await f.feed.setShapes(Shape.NORMAL, Shape.RETURN_HUGE);
    await expectEnforcementAndViewsUnaffected(f, Restriction.UNDER_COLLATERALISED);
    // The physical delivery of request 1 (100 tokens: 100,000 mg) left since the answer.
    expect(await f.token.currentReserves(VIEW_GAS)).to.deep.equal([RESERVES - 100_000n, f.updatedAt]);
    const supply = await f.token.totalSupply();
    await expect(f.token.connect(f.issuer).mint(f.carol.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveUnderCollateralised")
      .withArgs(supply, capacityOf(RESERVES - 100_000n));
  });

  it("a reverting feed does not stop enforcement either", async function () {
    const f = await underCollateralisedOnFeed();
    await f.feed.setShapes(Shape.REVERT, Shape.REVERT);
    await expectEnforcementAndViewsUnaffected(f, Restriction.FEED_UNAVAILABLE);
  });
});

describe("CommodityReserveToken: feed decimals are checked with every reading", function () {
  it("refuses a feed that moved from 8 to 10 decimals until the admin sets it again, never inflating the capacity", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const feed = await f.feed.getAddress();
    await f.feed.setRound(5_000_000n * FEED_SCALE, await now());
    await f.token.connect(f.admin).setReserveFeed(feed);
    expect(await f.token.reserveCapacity()).to.equal(5_000n * UNIT);

    // The feed moves to 10 decimals: the same 5,000,000 mg now read 5e16, 100 times more with 8 decimals.
    const updatedAt = await now();
    await f.feed.setDecimals(10n);
    await f.feed.setRound(5_000_000n * 10n ** 10n, updatedAt);
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.carol.address, 1n)).to.equal(
      Restriction.FEED_DECIMALS_CHANGED,
    );
    await expect(f.token.connect(f.issuer).mint(f.carol.address, 10_000n * UNIT))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedDecimalsChanged")
      .withArgs(feed, 8n, 10n);
    await expect(f.token.reserveCapacity())
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedDecimalsChanged")
      .withArgs(feed, 8n, 10n);
    expect(await f.token.totalSupply()).to.equal(SUPPLY);

    await expect(f.token.connect(f.admin).setReserveFeed(feed)).to.emit(f.token, "ReserveFeedSet").withArgs(feed, 10n);
    expect(await f.token.currentReserves()).to.deep.equal([5_000_000n, updatedAt]);
    expect(await f.token.reserveCapacity()).to.equal(5_000n * UNIT);
    await expect(f.token.connect(f.issuer).mint(f.carol.address, 3_000n * UNIT + 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
      .withArgs(5_000n * UNIT + 1n, 5_000n * UNIT);
    await f.token.connect(f.issuer).mint(f.carol.address, 3_000n * UNIT);
  });

  it("setReserveFeed refuses a feed whose decimals cannot be read or exceed 77", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const feed = await f.feed.getAddress();
    await f.feed.setRound(5_000_000n * FEED_SCALE, await now());
    const refusals: [() => Promise<unknown>, bigint][] = [
      [() => f.feed.setDecimals(300n), 300n],
      [() => f.feed.setDecimals(78n), 78n],
      [() => f.feed.setShapes(Shape.EMPTY, Shape.NORMAL), 0n],
      [() => f.feed.setShapes(Shape.REVERT, Shape.NORMAL), 0n],
      [() => f.feed.setShapes(Shape.BURN_GAS, Shape.NORMAL), 0n],
      [() => f.feed.setShapes(Shape.REVERT_HUGE, Shape.NORMAL), 0n],
    ];
    for (const [apply, decimals] of refusals) {
      await apply();
      await expect(f.token.connect(f.admin).setReserveFeed(feed))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveInvalidFeed")
        .withArgs(feed, decimals);
      await f.feed.setDecimals(8n);
      await f.feed.setShapes(Shape.NORMAL, Shape.NORMAL);
    }
    await f.feed.setShapes(Shape.NORMAL, Shape.SHORT);
    await expect(f.token.connect(f.admin).setReserveFeed(feed))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveFeedUnavailable")
      .withArgs(feed);
    expect(await f.token.reserveFeed()).to.equal(ZeroAddress);
  });
});
