import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { BondSnapshotMock } from "../../../../typechain-types/index.js";
import { SECONDS_PER_DAY } from "../../../../src/sdk/bond/index.js";
import { ethers, networkHelpers, now } from "../../fixtures.js";

const OFFSET = 10n * SECONDS_PER_DAY;

interface SnapshotFixture {
  token: BondSnapshotMock;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  recordDates: bigint[];
}

/** A semi-annual schedule over three years (6 record dates, 10 days before each coupon); Alice and Bob hold 1,000 and 500. */
async function deploySnapshots(): Promise<SnapshotFixture> {
  const [alice, bob, carol] = await ethers.getSigners();
  const issue = await now();
  const maturity = issue + 3n * 365n * SECONDS_PER_DAY;
  const token = await ethers.deployContract("BondSnapshotMock", [issue, maturity, 2n, OFFSET]);
  await token.mint(alice.address, 1_000n);
  await token.mint(bob.address, 500n);
  const count = await token.couponCount();
  const recordDates = await Promise.all(Array.from({ length: Number(count) }, (_, i) => token.recordDate(i)));
  return { token, alice, bob, carol, recordDates };
}

/** Mines the next transaction at exactly `time`. */
async function at(time: bigint): Promise<void> {
  await networkHelpers.time.setNextBlockTimestamp(time);
}

describe("RecordDateBalances", function () {
  it("counts a record date as passed only once a block's timestamp is after it", async function () {
    const { token, recordDates } = await networkHelpers.loadFixture(deploySnapshots);
    expect(recordDates.length).to.equal(6);
    await networkHelpers.time.increaseTo(recordDates[0]);
    expect(await token.recordDatesPassed()).to.equal(0n);
    await networkHelpers.time.increaseTo(recordDates[0] + 1n);
    expect(await token.recordDatesPassed()).to.equal(1n);
    await networkHelpers.time.increaseTo(recordDates[5] + 1n);
    expect(await token.recordDatesPassed()).to.equal(6n);
  });

  it("a transfer in the block whose timestamp is the record date counts; one a second later does not", async function () {
    const { token, alice, bob, recordDates } = await networkHelpers.loadFixture(deploySnapshots);
    await at(recordDates[0]);
    await token.move(alice.address, bob.address, 100n);
    await at(recordDates[0] + 1n);
    await token.move(alice.address, bob.address, 50n);
    expect(await token.balanceAtRecord(alice.address, 0n)).to.equal(900n);
    expect(await token.balanceAtRecord(bob.address, 0n)).to.equal(600n);
    expect(await token.balanceOf(alice.address)).to.equal(850n);
    expect(await token.balanceOf(bob.address)).to.equal(650n);
  });

  it("a holder who does nothing for several record dates has its balance at each of them", async function () {
    const { token, alice, bob, recordDates } = await networkHelpers.loadFixture(deploySnapshots);
    await networkHelpers.time.increaseTo(recordDates[3] + 1n);
    await token.move(alice.address, bob.address, 400n);
    for (const index of [0n, 1n, 2n, 3n]) {
      expect(await token.balanceAtRecord(alice.address, index)).to.equal(1_000n);
      expect(await token.balanceAtRecord(bob.address, index)).to.equal(500n);
    }
    // Record date 4 has not passed: the balances now.
    expect(await token.balanceAtRecord(alice.address, 4n)).to.equal(600n);
    expect(await token.balanceAtRecord(bob.address, 4n)).to.equal(900n);
  });

  it("a wallet that receives its first tokens after a record date held nothing at it", async function () {
    const { token, alice, carol, recordDates } = await networkHelpers.loadFixture(deploySnapshots);
    await networkHelpers.time.increaseTo(recordDates[1] + 1n);
    await token.move(alice.address, carol.address, 300n);
    expect(await token.balanceAtRecord(carol.address, 0n)).to.equal(0n);
    expect(await token.balanceAtRecord(carol.address, 1n)).to.equal(0n);
    expect(await token.balanceAtRecord(alice.address, 1n)).to.equal(1_000n);
  });

  it("mints and burns after a record date leave the supply at that record date unchanged", async function () {
    const { token, alice, bob, carol, recordDates } = await networkHelpers.loadFixture(deploySnapshots);
    await at(recordDates[0]);
    await token.mint(carol.address, 200n); // at the record date: counts
    await networkHelpers.time.increaseTo(recordDates[0] + 1n);
    await token.burn(alice.address, 100n);
    await token.mint(bob.address, 1_000n);
    expect(await token.supplyAtRecord(0n)).to.equal(1_700n);
    expect(await token.totalSupply()).to.equal(2_600n);
    expect(await token.supplyAtRecord(1n)).to.equal(2_600n);
    expect(await token.balanceAtRecord(carol.address, 0n)).to.equal(200n);
  });

  it("finds the balance of every record date of a holder who trades in every period", async function () {
    const { token, alice, bob, recordDates } = await networkHelpers.loadFixture(deploySnapshots);
    const expected: bigint[] = [];
    let balance = 1_000n;
    for (let k = 0; k < recordDates.length; ++k) {
      // Two moves per period, the first one the record date itself.
      await at(recordDates[k]);
      await token.move(alice.address, bob.address, 10n * BigInt(k + 1));
      balance -= 10n * BigInt(k + 1);
      expected.push(balance);
      await at(recordDates[k] + 1n);
      await token.move(bob.address, alice.address, 1n);
      balance += 1n;
    }
    for (let k = 0; k < recordDates.length; ++k) {
      expect(await token.balanceAtRecord(alice.address, k)).to.equal(expected[k]);
      expect((await token.balanceAtRecord(alice.address, k)) + (await token.balanceAtRecord(bob.address, k))).to.equal(
        await token.supplyAtRecord(k),
      );
    }
  });

  it("costs nothing extra before the first record date, and one entry per side in the first move after one", async function () {
    const { token, alice, bob, recordDates } = await networkHelpers.loadFixture(deploySnapshots);
    const gasOf = async (from: HardhatEthersSigner, to: HardhatEthersSigner) => {
      const receipt = await (await token.move(from.address, to.address, 1n)).wait();
      return receipt!.gasUsed;
    };
    const before = await gasOf(alice, bob);
    await networkHelpers.time.increaseTo(recordDates[0] + 1n);
    const firstAfter = await gasOf(alice, bob);
    const secondAfter = await gasOf(alice, bob);
    // Two heads written, each with its entry (a fresh slot each), and the record-date window cached; then only reads.
    expect(firstAfter - before).to.be.greaterThan(40_000n);
    expect(secondAfter - before).to.be.lessThan(8_000n);
  });
});
