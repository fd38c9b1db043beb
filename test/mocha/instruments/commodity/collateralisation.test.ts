import { expect } from "chai";
import {
  attest,
  capacityOf,
  CASH_REF,
  deployCommodityToken,
  DELIVERY_REF,
  ethers,
  HOLDING,
  Kind,
  MAX_AGE,
  networkHelpers,
  Restriction,
  UNIT,
} from "./fixture.js";
import { ZeroAddress } from "ethers";

const SUPPLY = 2n * HOLDING; // 2,000 tokens, i.e. 2,000,000 mg at 1 g per token
const ONE = 10n ** 18n; // coverage ratio of 100%

describe("CommodityReserveToken: under-collateralisation", function () {
  it("reports the coverage ratio with 18 decimals, from the capacity of the reserves", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    expect(await f.token.coverageRatio()).to.equal(5n * ONE); // 10,000 g for 2,000 tokens
    await attest(f, 2_000_001n, 1);
    expect(await f.token.coverageRatio()).to.equal(1_000_000_500_000_000_000n);
  });

  it("marks the token under-collateralised when an attestation falls below the supply, and stops minting", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const reserves = 1_999_999n; // one milligram short
    await expect(attest(f, reserves, 1))
      .to.emit(f.token, "UnderCollateralised")
      .withArgs(reserves, SUPPLY);
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    expect(await f.token.coverageRatio()).to.equal(999_999_500_000_000_000n);
    expect(await f.token.detectTransferRestriction(ZeroAddress, f.alice.address, 0n)).to.equal(
      Restriction.UNDER_COLLATERALISED,
    );
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveUnderCollateralised")
      .withArgs(SUPPLY, capacityOf(reserves));
  });

  it("is not under-collateralised when reserves cover the supply exactly", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await expect(attest(f, 2_000_000n, 1)).not.to.emit(f.token, "UnderCollateralised");
    expect(await f.token.isUnderCollateralised()).to.equal(false);
    expect(await f.token.coverageRatio()).to.equal(ONE);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
      .withArgs(SUPPLY + 1n, SUPPLY);
  });

  it("recovers when a later attestation covers the supply again", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await attest(f, 1_000_000n, 1);
    await expect(attest(f, 1_500_000n, 2)).not.to.emit(f.token, "UnderCollateralised");
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    await expect(attest(f, 2_000_000n, 3))
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(2_000_000n, SUPPLY);
    expect(await f.token.isUnderCollateralised()).to.equal(false);
    await expect(attest(f, 3_000_000n, 4)).not.to.emit(f.token, "CollateralisationRestored");
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 1_000n * UNIT)).to.changeTokenBalance(
      ethers,
      f.token,
      f.alice,
      1_000n * UNIT,
    );
  });

  it("recovers when fulfilled cash settlements bring the supply within the reserves", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await attest(f, 1_500_000n, 1); // 1,500 g for 2,000 tokens
    await f.token.connect(f.alice).requestRedemption(499n * UNIT, Kind.CASH_SETTLEMENT, CASH_REF);
    await f.token.connect(f.alice).requestRedemption(1n * UNIT, Kind.CASH_SETTLEMENT, CASH_REF);
    // Escrowed tokens are still in the supply.
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    await expect(f.token.connect(f.custodian).fulfilRedemption(1n)).not.to.emit(f.token, "CollateralisationRestored");
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    await expect(f.token.connect(f.custodian).fulfilRedemption(2n))
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(1_500_000n, 1_500n * UNIT);
    expect(await f.token.isUnderCollateralised()).to.equal(false);
    expect(await f.token.totalSupply()).to.equal(1_500n * UNIT);
    expect(await f.token.coverageRatio()).to.equal(ONE);
  });

  it("does not recover by physical deliveries: the metal leaves with the tokens", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await attest(f, 1_500_000n, 1);
    await f.token.connect(f.alice).requestRedemption(500n * UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
    await expect(f.token.connect(f.custodian).fulfilRedemption(1n)).not.to.emit(f.token, "CollateralisationRestored");
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    expect((await f.token.currentReserves())[0]).to.equal(1_000_000n);
    expect(await f.token.coverageRatio()).to.equal((ONE * 2n) / 3n); // 1,000 g for 1,500 tokens, rounded down
  });

  it("recovers when the issuer burns tokens", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await attest(f, 1_500_000n, 1);
    await expect(f.token.connect(f.issuer).burn(f.bob.address, 500n * UNIT))
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(1_500_000n, 1_500n * UNIT);
  });

  it("keeps the flag through burns while the latest attestation is too old", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await attest(f, 1_500_000n, 1);
    await networkHelpers.time.increase(MAX_AGE + 1n);
    await expect(f.token.connect(f.issuer).burn(f.bob.address, 500n * UNIT)).not.to.emit(
      f.token,
      "CollateralisationRestored",
    );
    expect(await f.token.isUnderCollateralised()).to.equal(true);
    await expect(attest(f, 1_500_000n, 2))
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(1_500_000n, 1_500n * UNIT);
  });

  it("lets anyone re-check the collateralisation, which is already in step with the attestations", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    expect(await f.token.connect(f.stranger).syncCollateralisation.staticCall()).to.equal(false);
    await expect(f.token.connect(f.stranger).syncCollateralisation()).not.to.emit(f.token, "UnderCollateralised");
    await attest(f, 1n, 1);
    expect(await f.token.connect(f.stranger).syncCollateralisation.staticCall()).to.equal(true);
    await expect(f.token.connect(f.stranger).syncCollateralisation()).not.to.emit(f.token, "CollateralisationRestored");
    await networkHelpers.time.increase(MAX_AGE + 1n);
    await expect(f.token.connect(f.stranger).syncCollateralisation()).to.be.revertedWithCustomError(
      f.token,
      "CommodityReserveAttestationStale",
    );
  });

  it("saturates the coverage ratio when the reserves dwarf the supply", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await f.token.connect(f.issuer).burn(f.bob.address, HOLDING);
    await f.token.connect(f.issuer).burn(f.alice.address, HOLDING - 1n);
    expect(await f.token.totalSupply()).to.equal(1n);
    expect(await f.token.coverageRatio()).to.equal(capacityOf(10_000_000n) * ONE); // 1e40, exact
    await attest(f, 2n ** 150n, 1); // capacity 2**150 * 1e15 = 1.4e60: above 1.16e59
    expect(await f.token.coverageRatio()).to.equal(ethers.MaxUint256);
  });
});
