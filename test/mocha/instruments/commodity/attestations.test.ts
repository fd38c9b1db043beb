import { expect } from "chai";
import { ZeroHash } from "ethers";
import { reserveAttestation, type ReserveAttestation } from "../../../../src/sdk/attestations.js";
import {
  AUDITOR_ROLE,
  attest,
  capacityOf,
  DAY,
  deployCommodityToken,
  ethers,
  INITIAL_RESERVES,
  MAX_AGE,
  networkHelpers,
  now,
  report,
  timeOf,
} from "./fixture.js";

/** The fields of an attestation that the token stores (its views, or the SDK's reading with the URI). */
function stored(a: Omit<ReserveAttestation, "index" | "uri">) {
  const { reserves, asOf, auditor, recordedAt, blockNumber, reportHash } = a;
  return { reserves, asOf, auditor, recordedAt, blockNumber, reportHash };
}

describe("CommodityReserveToken: reserve attestations", function () {
  it("records every field of an attestation and emits ReservesAttested", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const asOf = f.attestedAt + 1n;
    const { reportHash, uri } = report(1);
    const tx = f.token.connect(f.auditor).attestReserves(12_345_678n, asOf, reportHash, uri);
    await expect(tx)
      .to.emit(f.token, "ReservesAttested")
      .withArgs(1n, f.auditor.address, 12_345_678n, asOf, reportHash, uri);
    const recordedAt = await timeOf(await tx);
    const blockNumber = BigInt((await (await tx).wait())!.blockNumber);

    expect(await f.token.attestationCount()).to.equal(2n);
    const latest = await f.token.latestAttestation();
    const first = await f.token.attestation(1n);
    for (const a of [latest, first]) {
      expect(a.reserves).to.equal(12_345_678n);
      expect(a.asOf).to.equal(asOf);
      expect(a.auditor).to.equal(f.auditor.address);
      expect(a.recordedAt).to.equal(recordedAt);
      expect(a.blockNumber).to.equal(blockNumber);
      expect(a.reportHash).to.equal(reportHash);
    }
    // The URI is kept in the event only: the SDK reads it there, in the attestation's block.
    expect((await reserveAttestation(f.token, 1n)).uri).to.equal(uri);
    expect(await f.token.currentReserves()).to.deep.equal([12_345_678n, asOf]);
  });

  it("keeps the whole history readable, oldest first", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const t = await now();
    await attest(f, 9_000_000n, 1, t + 1n);
    await attest(f, 11_000_000n, 2, t + 2n);
    const history = [];
    for (let i = 0n; i < (await f.token.attestationCount()); ++i) {
      const a = await f.token.attestation(i);
      history.push([a.reserves, a.asOf, a.reportHash, (await reserveAttestation(f.token, i)).uri]);
    }
    expect(history).to.deep.equal([
      [INITIAL_RESERVES, f.attestedAt, report(0).reportHash, report(0).uri],
      [9_000_000n, t + 1n, report(1).reportHash, report(1).uri],
      [11_000_000n, t + 2n, report(2).reportHash, report(2).uri],
    ]);
    await expect(f.token.attestation(3n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveUnknownAttestation")
      .withArgs(3n, 3n);
  });

  it("reads back a history of several attestations exactly: the views, and the URIs from the events", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const second = f.outsider;
    await f.token.connect(f.admin).grantRole(AUDITOR_ROLE, second.address);
    await networkHelpers.time.increase(10);
    const t = (await now()) - 5n; // every asOf below is in the past when sent
    const plan = [
      { auditor: f.auditor, reserves: 0n, asOf: t + 1n, n: 1 },
      { auditor: second, reserves: 2n ** 208n - 1n, asOf: t + 2n, n: 2 },
      // Two attestations in one block: each event is found by its number, not by its block alone.
      { auditor: f.auditor, reserves: 7n, asOf: t + 3n, n: 3 },
      { auditor: second, reserves: 12_000_000n, asOf: t + 4n, n: 4 },
    ];
    const hashes: string[] = [];
    await ethers.provider.send("evm_setAutomine", [false]);
    try {
      for (const [i, step] of plan.entries()) {
        const { reportHash, uri } = report(step.n);
        const data = f.token.interface.encodeFunctionData("attestReserves", [
          step.reserves,
          step.asOf,
          reportHash,
          uri,
        ]);
        const to = await f.token.getAddress();
        hashes.push(await ethers.provider.send("eth_sendTransaction", [{ from: step.auditor.address, to, data }]));
        if (i !== 2) await ethers.provider.send("evm_mine", []);
      }
    } finally {
      await ethers.provider.send("evm_setAutomine", [true]);
    }
    // What each attestation must read back as, from the transactions sent and their blocks.
    const expected = [await reserveAttestation(f.token, 0n)];
    for (const [i, step] of plan.entries()) {
      const receipt = (await ethers.provider.getTransactionReceipt(hashes[i]))!;
      expect(receipt.status).to.equal(1);
      expected.push({
        index: BigInt(i + 1),
        reserves: step.reserves,
        asOf: step.asOf,
        auditor: step.auditor.address,
        recordedAt: BigInt((await receipt.getBlock()).timestamp),
        blockNumber: BigInt(receipt.blockNumber),
        reportHash: report(step.n).reportHash,
        uri: report(step.n).uri,
      });
    }
    expect(expected[3].blockNumber).to.equal(expected[4].blockNumber);
    expect(expected[0]).to.deep.include({ reserves: INITIAL_RESERVES, asOf: f.attestedAt, uri: report(0).uri });
    expect(await f.token.attestationCount()).to.equal(5n);
    for (const a of expected) {
      expect(stored(await f.token.attestation(a.index))).to.deep.equal(stored(a));
      expect(await reserveAttestation(f.token, a.index)).to.deep.equal(a);
    }
    expect(stored(await f.token.latestAttestation())).to.deep.equal(stored(expected[4]));
    expect(await f.token.currentReserves()).to.deep.equal([12_000_000n, t + 4n]);
  });

  it("refuses an attestation from a caller without AUDITOR_ROLE, and keeps the history as it was", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const before = stored(await f.token.latestAttestation());
    const { reportHash, uri } = report(1);
    for (const caller of [f.admin, f.issuer, f.custodian, f.outsider]) {
      await expect(f.token.connect(caller).attestReserves(1n, await now(), reportHash, uri))
        .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, AUDITOR_ROLE);
    }
    await f.token.connect(f.admin).revokeRole(AUDITOR_ROLE, f.auditor.address);
    await expect(attest(f, 1n, 1))
      .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
      .withArgs(f.auditor.address, AUDITOR_ROLE);
    expect(await f.token.attestationCount()).to.equal(1n);
    expect(stored(await f.token.latestAttestation())).to.deep.equal(before);
    expect(await f.token.queryFilter(f.token.filters.ReservesAttested())).to.have.length(1);
  });

  it("accepts an asOf equal to the block time and refuses one second later", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const t = (await now()) + 100n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    await expect(attest(f, 1n, 1, t + 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveAttestationInFuture")
      .withArgs(t + 1n, t);
    await networkHelpers.time.setNextBlockTimestamp(t + 1n);
    await expect(attest(f, 1n, 1, t + 1n)).to.emit(f.token, "ReservesAttested");
    expect((await f.token.latestAttestation()).asOf).to.equal(t + 1n);
  });

  it("refuses an asOf that is not after the previous attestation's", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    for (const asOf of [f.attestedAt, f.attestedAt - 1n]) {
      await expect(attest(f, INITIAL_RESERVES, 1, asOf))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveAttestationNotNewer")
        .withArgs(asOf, f.attestedAt);
    }
    await expect(attest(f, INITIAL_RESERVES, 1, f.attestedAt + 1n)).to.emit(f.token, "ReservesAttested");
  });

  it("refuses a first attestation as of time zero", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const fresh = await ethers.deployContract("CommodityReserveToken", [
      "Gas",
      "GAS",
      18,
      await f.registry.getAddress(),
      f.admin.address,
      0,
      {
        commodity: "Natural gas",
        unit: "MMBtu",
        description: "",
        reserveUnitsPerToken: 1n,
        custodian: f.vault.address,
        maxAttestationAge: DAY,
      },
    ]);
    await fresh.connect(f.admin).grantRole(await fresh.AUDITOR_ROLE(), f.auditor.address);
    const { reportHash, uri } = report(1);
    await expect(fresh.connect(f.auditor).attestReserves(1n, 0n, reportHash, uri))
      .to.be.revertedWithCustomError(fresh, "CommodityReserveAttestationNotNewer")
      .withArgs(0n, 0n);
    await expect(fresh.connect(f.auditor).attestReserves(1n, 1n, reportHash, uri))
      .to.emit(fresh, "ReservesAttested")
      .withArgs(0n, f.auditor.address, 1n, 1n, reportHash, uri);
  });

  it("refuses a zero report hash or an empty URI", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const asOf = await now();
    const { reportHash, uri } = report(1);
    await expect(f.token.connect(f.auditor).attestReserves(1n, asOf, ZeroHash, uri))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveInvalidReport")
      .withArgs(ZeroHash, uri);
    await expect(f.token.connect(f.auditor).attestReserves(1n, asOf, reportHash, ""))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveInvalidReport")
      .withArgs(reportHash, "");
    expect(await f.token.attestationCount()).to.equal(1n);
  });

  it("accepts zero reserves, and the largest uint208 with a saturated capacity", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const t = await now();
    await expect(attest(f, 0n, 1, t + 1n))
      .to.emit(f.token, "UnderCollateralised")
      .withArgs(0n, 2_000n * 10n ** 18n);
    const max = 2n ** 208n - 1n;
    await expect(attest(f, max, 2, t + 2n))
      .to.emit(f.token, "CollateralisationRestored")
      .withArgs(max, 2_000n * 10n ** 18n);
    expect((await f.token.latestAttestation()).reserves).to.equal(max);
    // max * 10**18 / 1000 does not fit in a uint256: the capacity saturates.
    expect(capacityOf(max) > ethers.MaxUint256).to.equal(true);
    expect(await f.token.reserveCapacity()).to.equal(ethers.MaxUint256);
    expect(await f.token.coverageRatio()).to.equal((ethers.MaxUint256 * 10n ** 18n) / (2_000n * 10n ** 18n));
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 10n ** 30n)).to.changeTokenBalance(
      ethers,
      f.token,
      f.alice,
      10n ** 30n,
    );
  });

  it("records an attestation whose asOf is already too old, which then does not allow minting", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await networkHelpers.time.increase(MAX_AGE * 2n);
    const asOf = f.attestedAt + 1n;
    await expect(attest(f, 20_000_000n, 1, asOf)).to.emit(f.token, "ReservesAttested");
    await networkHelpers.time.setNextBlockTimestamp((await now()) + 1n);
    await expect(f.token.connect(f.issuer).mint(f.alice.address, 1n))
      .to.be.revertedWithCustomError(f.token, "CommodityReserveAttestationStale")
      .withArgs(asOf, MAX_AGE, (await now()) + 1n);
  });
});
