import { expect } from "chai";
import { ZeroAddress } from "ethers";
import {
  ADMIN_DELAY,
  attest,
  capacityOf,
  Core,
  deployCommodityToken,
  DELIVERY_REF,
  ethers,
  HOLDING,
  INITIAL_RESERVES,
  Kind,
  MAX_AGE,
  metadataFor,
  networkHelpers,
  now,
  Restriction,
  UNIT,
} from "./fixture.js";

const CAPACITY = capacityOf(INITIAL_RESERVES); // 10,000 tokens
const SUPPLY = 2n * HOLDING; // 2,000 tokens
const REMAINING = CAPACITY - SUPPLY; // 8,000 tokens

describe("CommodityReserveToken: mint gate", function () {
  it("mints exactly up to the capacity of the reserves and refuses one base unit more", async function () {
    const { token, issuer, carol } = await networkHelpers.loadFixture(deployCommodityToken);
    expect(await token.reserveCapacity()).to.equal(10_000n * UNIT);
    expect(await token.detectTransferRestriction(ZeroAddress, carol.address, REMAINING)).to.equal(Core.SUCCESS);
    expect(await token.detectTransferRestriction(ZeroAddress, carol.address, REMAINING + 1n)).to.equal(
      Restriction.CAPACITY_EXCEEDED,
    );
    expect(await token.canTransfer(ZeroAddress, carol.address, REMAINING + 1n)).to.equal(false);
    await expect(token.connect(issuer).mint(carol.address, REMAINING + 1n))
      .to.be.revertedWithCustomError(token, "CommodityReserveCapacityExceeded")
      .withArgs(CAPACITY + 1n, CAPACITY);

    await expect(token.connect(issuer).mint(carol.address, REMAINING)).to.changeTokenBalance(
      ethers,
      token,
      carol,
      REMAINING,
    );
    expect(await token.totalSupply()).to.equal(CAPACITY);
    expect(await token.coverageRatio()).to.equal(10n ** 18n);
    expect(await token.detectTransferRestriction(ZeroAddress, carol.address, 1n)).to.equal(
      Restriction.CAPACITY_EXCEEDED,
    );
    await expect(token.connect(issuer).mint(carol.address, 1n))
      .to.be.revertedWithCustomError(token, "CommodityReserveCapacityExceeded")
      .withArgs(CAPACITY + 1n, CAPACITY);
    expect(await token.detectTransferRestriction(ZeroAddress, carol.address, 0n)).to.equal(Core.SUCCESS);
  });

  it("gates batchMint on the running supply", async function () {
    const { token, issuer, alice, carol } = await networkHelpers.loadFixture(deployCommodityToken);
    await expect(token.connect(issuer).batchMint([alice.address, carol.address], [REMAINING - 1n, 2n]))
      .to.be.revertedWithCustomError(token, "CommodityReserveCapacityExceeded")
      .withArgs(CAPACITY + 1n, CAPACITY);
    await expect(
      token.connect(issuer).batchMint([alice.address, carol.address], [REMAINING - 1n, 1n]),
    ).to.changeTokenBalances(ethers, token, [alice, carol], [REMAINING - 1n, 1n]);
    expect(await token.totalSupply()).to.equal(CAPACITY);
  });

  it("rounds the capacity down: a fraction of a token that reserves do not fully back is never minted", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    // 3 reserve units per token and 6 decimals: 1 unit backs 333,333.33... base units.
    const token = await ethers.deployContract("CommodityReserveToken", [
      "Odd",
      "ODD",
      6,
      await f.registry.getAddress(),
      f.admin.address,
      ADMIN_DELAY,
      metadataFor(f.vault.address, { reserveUnitsPerToken: 3n }),
    ]);
    await token.connect(f.admin).grantRole(await token.AUDITOR_ROLE(), f.auditor.address);
    await token.connect(f.admin).grantRole(await token.ISSUER_ROLE(), f.issuer.address);
    await token.connect(f.auditor).attestReserves(1n, await now(), ethers.id("r"), "ipfs://r");
    expect(await token.reserveCapacity()).to.equal(333_333n);
    await expect(token.connect(f.issuer).mint(f.alice.address, 333_334n))
      .to.be.revertedWithCustomError(token, "CommodityReserveCapacityExceeded")
      .withArgs(333_334n, 333_333n);
    await token.connect(f.issuer).mint(f.alice.address, 333_333n);

    await token.connect(f.auditor).attestReserves(7n, await now(), ethers.id("r2"), "ipfs://r2");
    expect(await token.reserveCapacity()).to.equal(2_333_333n); // 7 * 10**6 / 3, rounded down
    await token.connect(f.issuer).mint(f.alice.address, 2_000_000n);
    expect(await token.balanceOf(f.alice.address)).to.equal(2_333_333n);
    expect(await token.coverageRatio()).to.equal(10n ** 18n);
  });

  it("allows minting while the latest attestation is exactly the maximum age old, not one second more", async function () {
    const { token, issuer, alice, attestedAt } = await networkHelpers.loadFixture(deployCommodityToken);
    await networkHelpers.time.setNextBlockTimestamp(attestedAt + MAX_AGE);
    await expect(token.connect(issuer).mint(alice.address, UNIT)).to.changeTokenBalance(ethers, token, alice, UNIT);

    await networkHelpers.time.setNextBlockTimestamp(attestedAt + MAX_AGE + 1n);
    await expect(token.connect(issuer).mint(alice.address, UNIT))
      .to.be.revertedWithCustomError(token, "CommodityReserveAttestationStale")
      .withArgs(attestedAt, MAX_AGE, attestedAt + MAX_AGE + 1n);
    await networkHelpers.mine(1);
    expect(await now()).to.equal(attestedAt + MAX_AGE + 1n);
    expect(await token.detectTransferRestriction(ZeroAddress, alice.address, UNIT)).to.equal(
      Restriction.ATTESTATION_STALE,
    );
    await expect(token.currentReserves())
      .to.be.revertedWithCustomError(token, "CommodityReserveAttestationStale")
      .withArgs(attestedAt, MAX_AGE, attestedAt + MAX_AGE + 1n);
    await expect(token.coverageRatio())
      .to.be.revertedWithCustomError(token, "CommodityReserveAttestationStale")
      .withArgs(attestedAt, MAX_AGE, attestedAt + MAX_AGE + 1n);
  });

  it("allows minting again after a fresh attestation", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await networkHelpers.time.increase(MAX_AGE + 1n);
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.alice.address, 1n)).to.equal(
      Restriction.ATTESTATION_STALE,
    );
    await attest(f, INITIAL_RESERVES, 1);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, REMAINING)).to.changeTokenBalance(
      ethers,
      f.token,
      f.alice,
      REMAINING,
    );
  });

  it("applies the core's rules first", async function () {
    const { token, issuer, pauser, enforcer, carol, outsider } = await networkHelpers.loadFixture(deployCommodityToken);
    // Above capacity, to an unregistered wallet: the core's receiver rule answers.
    expect(await token.detectTransferRestriction(ZeroAddress, outsider.address, REMAINING + 1n)).to.equal(
      Core.RECEIVER_NOT_VERIFIED,
    );
    await expect(token.connect(issuer).mint(outsider.address, REMAINING + 1n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
      .withArgs(outsider.address);
    await token.connect(enforcer).setAddressFrozen(carol.address, true);
    await expect(token.connect(issuer).mint(carol.address, 1n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
      .withArgs(carol.address);

    // Paused and stale: the pause answers.
    await networkHelpers.time.increase(MAX_AGE + 1n);
    await token.connect(pauser).pause();
    expect(await token.detectTransferRestriction(ZeroAddress, outsider.address, 1n)).to.equal(Core.PAUSED);
    await expect(token.connect(issuer).mint(outsider.address, 1n)).to.be.revertedWithCustomError(
      token,
      "EnforcedPause",
    );
  });

  it("does not gate transfers, redemption requests or burns, which do not raise the supply", async function () {
    const { token, issuer, alice, bob } = await networkHelpers.loadFixture(deployCommodityToken);
    await networkHelpers.time.increase(MAX_AGE + 1n);
    expect(await token.detectTransferRestriction(alice.address, bob.address, UNIT)).to.equal(Core.SUCCESS);
    await expect(token.connect(alice).transfer(bob.address, UNIT)).to.changeTokenBalances(
      ethers,
      token,
      [alice, bob],
      [-UNIT, UNIT],
    );
    await expect(token.connect(alice).requestRedemption(UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF)).to.emit(
      token,
      "RedemptionRequested",
    );
    await expect(token.connect(issuer).burn(bob.address, UNIT)).to.changeTokenBalance(ethers, token, bob, -UNIT);
    expect(await token.totalSupply()).to.equal(SUPPLY - UNIT);
  });

  it("explains every commodity restriction code and defers the others to the core", async function () {
    const { token } = await networkHelpers.loadFixture(deployCommodityToken);
    const messages: [bigint, string][] = [
      [Restriction.ATTESTATION_STALE, "No reserve attestation, or the latest is older than the maximum age"],
      [Restriction.FEED_UNAVAILABLE, "Reserve feed cannot be read"],
      [Restriction.FEED_ANSWER_NOT_POSITIVE, "Reserve feed answer is zero or negative"],
      [Restriction.FEED_STALE, "Reserve feed answer is older than the maximum age, or dated in the future"],
      [Restriction.UNDER_COLLATERALISED, "Token is under-collateralised: reserves do not cover the supply"],
      [Restriction.CAPACITY_EXCEEDED, "Mint would take the supply above the reserves"],
      [Restriction.FEED_DECIMALS_CHANGED, "Reserve feed decimals changed since it was set"],
      [Core.SUCCESS, "No restriction"],
      [Core.PAUSED, "Token is paused"],
      [Core.RECEIVER_FROZEN, "Receiver wallet is frozen"],
      [39n, "Unknown restriction code"],
      [31n, "Unknown restriction code"],
    ];
    for (const [code, message] of messages) {
      expect(await token.messageForTransferRestriction(code)).to.equal(message);
    }
  });
});
