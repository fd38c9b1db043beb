import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  BOND,
  CLAIM_WINDOW,
  CouponStatus,
  FIXED_TERMS,
  HOLDINGS,
  RECORD_OFFSET,
  couponOf,
  fixedBond,
  ethers,
  expectedPerToken,
  networkHelpers,
  passRecordDate,
  reachCouponDate,
  type BondFixture,
} from "./fixtures.js";

/** The test's own ledger of balances, to compute every entitlement without asking the contract. */
class Ledger {
  readonly balances = new Map<string, bigint>();

  constructor(private readonly f: BondFixture) {
    this.balances.set(f.alice.address, HOLDINGS.alice);
    this.balances.set(f.bob.address, HOLDINGS.bob);
    this.balances.set(f.carol.address, 0n);
    this.balances.set(f.dave.address, HOLDINGS.dave);
  }

  balanceOf(holder: HardhatEthersSigner): bigint {
    return this.balances.get(holder.address) ?? 0n;
  }

  async send(from: HardhatEthersSigner, to: HardhatEthersSigner, amount: bigint, at?: bigint): Promise<void> {
    if (at !== undefined) await networkHelpers.time.setNextBlockTimestamp(at);
    await this.f.bond.connect(from).transfer(to.address, amount);
    this.balances.set(from.address, this.balanceOf(from) - amount);
    this.balances.set(to.address, this.balanceOf(to) + amount);
  }

  async mint(to: HardhatEthersSigner, amount: bigint): Promise<void> {
    await this.f.bond.connect(this.f.issuer).mint(to.address, amount);
    this.balances.set(to.address, this.balanceOf(to) + amount);
  }

  async burn(from: HardhatEthersSigner, amount: bigint): Promise<void> {
    await this.f.bond.connect(this.f.issuer).burn(from.address, amount);
    this.balances.set(from.address, this.balanceOf(from) - amount);
  }

  /** The balances now, to be kept as those of a record date. */
  snapshot(): Map<string, bigint> {
    return new Map(this.balances);
  }
}

function supplyOf(snapshot: Map<string, bigint>): bigint {
  return [...snapshot.values()].reduce((a, b) => a + b, 0n);
}

/**
 * Coupon 0 with trading around its record date: Alice sells before it, Bob sells in the block whose
 * timestamp is the record date (counts), Alice and Dave sell a second after it (do not count).
 */
async function tradeAroundFirstRecordDate() {
  const f = await fixedBond();
  const ledger = new Ledger(f);
  const { alice, bob, carol, dave, coupons } = f;
  const recordDate = coupons[0].date - RECORD_OFFSET;
  await ledger.send(alice, carol, 100n * BOND + BOND / 2n);
  await ledger.send(bob, carol, 7n * BOND + 3n, recordDate);
  const atRecord = ledger.snapshot();
  await ledger.send(alice, bob, 50n * BOND, recordDate + 1n);
  await ledger.send(dave, alice, HOLDINGS.dave);
  const perToken = expectedPerToken(coupons, FIXED_TERMS, 0);
  const funded = couponOf(supplyOf(atRecord), perToken);
  return { ...f, ledger, atRecord, perToken, funded };
}

describe("SovereignBond: coupons", function () {
  describe("fundCoupon", function () {
    it("pulls exactly the supply at the record date times the coupon per bond", async function () {
      const { bond, usd, treasurer, treasuryWallet, atRecord, perToken, funded } = await tradeAroundFirstRecordDate();
      const supply = supplyOf(atRecord);
      expect(await bond.supplyAtRecord(0)).to.equal(supply);
      // 1,782.123456789012345679 bonds x 34.279891 dollars, rounded down.
      expect(supply).to.equal(1_782_123_456_789_012_345_679n);
      expect(funded).to.equal(61_090_997_847n);
      const tx = bond.connect(treasurer).fundCoupon(0);
      await expect(tx).to.changeTokenBalances(ethers, usd, [treasuryWallet, bond], [-funded, funded]);
      await expect(tx).to.emit(bond, "CouponFunded").withArgs(0n, funded, supply, perToken);
      const coupon = await bond.coupon(0);
      expect([coupon.funded, coupon.paid, coupon.perToken, coupon.status]).to.deep.equal([
        funded,
        0n,
        perToken,
        CouponStatus.Funded,
      ]);
    });

    it("is refused while the record date has not passed, including in the block at the record date", async function () {
      const { bond, treasurer, coupons } = await fixedBond();
      const recordDate = coupons[0].date - RECORD_OFFSET;
      await networkHelpers.time.setNextBlockTimestamp(recordDate);
      await expect(bond.connect(treasurer).fundCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondRecordDateNotPassed")
        .withArgs(0n, recordDate);
      await networkHelpers.time.setNextBlockTimestamp(recordDate + 1n);
      await expect(bond.connect(treasurer).fundCoupon(0)).to.emit(bond, "CouponFunded");
    });

    it("is refused twice, for the final coupon (paid at redemption) and for a coupon that does not exist", async function () {
      const { bond, treasurer, coupons } = await fixedBond();
      await passRecordDate(coupons, 0);
      await bond.connect(treasurer).fundCoupon(0);
      await expect(bond.connect(treasurer).fundCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponAlreadyFunded")
        .withArgs(0n);
      await expect(bond.connect(treasurer).fundCoupon(5))
        .to.be.revertedWithCustomError(bond, "SovereignBondPaidAtRedemption")
        .withArgs(5n);
      await expect(bond.connect(treasurer).fundCoupon(6))
        .to.be.revertedWithCustomError(bond, "CouponScheduleInvalidCoupon")
        .withArgs(6n, 6n);
    });
  });

  describe("claimCoupon", function () {
    it("pays each holder its balance at the record date times the coupon per bond, rounded down", async function () {
      const f = await tradeAroundFirstRecordDate();
      const { bond, usd, treasurer, alice, bob, carol, dave, coupons, atRecord, perToken, funded } = f;
      await bond.connect(treasurer).fundCoupon(0);
      await reachCouponDate(coupons, 0);
      // Alice 899.623456789012345678 bonds x 34.279891 dollars = 30,838.994039... dollars, and so on.
      const expected = new Map([
        [alice.address, 30_838_994_039n],
        [bob.address, 26_395_516_069n],
        [carol.address, 3_685_088_282n],
        [dave.address, 171_399_455n],
      ]);
      let paid = 0n;
      for (const holder of [alice, bob, carol, dave]) {
        const amount = couponOf(atRecord.get(holder.address)!, perToken);
        expect(amount).to.equal(expected.get(holder.address));
        expect(await bond.couponDue(holder.address, 0)).to.equal(amount);
        const tx = bond.connect(holder).claimCoupon(0);
        await expect(tx).to.changeTokenBalances(ethers, usd, [holder, bond], [amount, -amount]);
        await expect(tx).to.emit(bond, "CouponPaid").withArgs(0n, holder.address, amount);
        expect(await bond.couponDue(holder.address, 0)).to.equal(0n);
        paid += amount;
      }
      // Dave sold everything after the record date and was still paid; the rounding dust stays.
      expect((await bond.coupon(0)).paid).to.equal(paid);
      expect(funded - paid).to.equal(2n);
      expect(await usd.balanceOf(await bond.getAddress())).to.equal(2n);
    });

    it("pays nobody twice, nor a holder that held nothing at the record date", async function () {
      const { bond, treasurer, alice, outsider, coupons } = await tradeAroundFirstRecordDate();
      await bond.connect(treasurer).fundCoupon(0);
      await reachCouponDate(coupons, 0);
      await bond.connect(alice).claimCoupon(0);
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
        .withArgs(0n, alice.address);
      expect(await bond.couponDue(outsider.address, 0)).to.equal(0n);
    });

    it("opens at the coupon date, closes at the end of the claim window, and needs the funds", async function () {
      const { bond, treasurer, alice, coupons } = await fixedBond();
      await passRecordDate(coupons, 0);
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponNotFunded")
        .withArgs(0n);
      await bond.connect(treasurer).fundCoupon(0);
      await networkHelpers.time.setNextBlockTimestamp(coupons[0].date - 1n);
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponNotDue")
        .withArgs(0n, coupons[0].date);
      const closesAt = coupons[0].date + CLAIM_WINDOW;
      await networkHelpers.time.setNextBlockTimestamp(closesAt);
      await expect(bond.connect(alice).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondClaimWindowClosed")
        .withArgs(0n, closesAt);
    });

    it("claims several periods in one transfer", async function () {
      const { bond, usd, treasurer, alice, coupons } = await fixedBond();
      await passRecordDate(coupons, 0);
      await bond.connect(treasurer).fundCoupon(0);
      await passRecordDate(coupons, 1);
      await bond.connect(treasurer).fundCoupon(1);
      await reachCouponDate(coupons, 1);
      const first = couponOf(HOLDINGS.alice, expectedPerToken(coupons, FIXED_TERMS, 0));
      const second = couponOf(HOLDINGS.alice, expectedPerToken(coupons, FIXED_TERMS, 1));
      const tx = bond.connect(alice).claimCoupons([0, 1]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice], [first + second]);
      await expect(tx)
        .to.emit(bond, "CouponPaid")
        .withArgs(0n, alice.address, first)
        .and.to.emit(bond, "CouponPaid")
        .withArgs(1n, alice.address, second);
      // One period that cannot be paid reverts the whole claim.
      await expect(bond.connect(alice).claimCoupons([1]))
        .to.be.revertedWithCustomError(bond, "SovereignBondNothingToPay")
        .withArgs(1n, alice.address);
    });
  });

  describe("a second period", function () {
    it("pays the balances at its own record date: mints and burns after it change nothing", async function () {
      const f = await tradeAroundFirstRecordDate();
      const { bond, treasurer, alice, bob, carol, dave, coupons, ledger } = f;
      await ledger.send(carol, dave, 20n * BOND);
      await ledger.mint(carol, 3n * BOND); // before the record date: counts
      await passRecordDate(coupons, 1);
      const atRecord = ledger.snapshot();
      await ledger.mint(carol, 1_000n * BOND);
      await ledger.burn(bob, BOND);
      await ledger.send(alice, dave, 1n);
      const perToken = expectedPerToken(coupons, FIXED_TERMS, 1);
      const funded = couponOf(supplyOf(atRecord), perToken);
      await expect(bond.connect(treasurer).fundCoupon(1))
        .to.emit(bond, "CouponFunded")
        .withArgs(1n, funded, supplyOf(atRecord), perToken);
      await reachCouponDate(coupons, 1);
      for (const holder of [alice, bob, carol, dave]) {
        expect(await bond.balanceAtRecord(holder.address, 1)).to.equal(atRecord.get(holder.address));
        await expect(bond.connect(holder).claimCoupon(1))
          .to.emit(bond, "CouponPaid")
          .withArgs(1n, holder.address, couponOf(atRecord.get(holder.address)!, perToken));
      }
    });
  });

  describe("payCoupon", function () {
    it("pushes to a page of holders and skips, with the reason, those it cannot pay (paid already, unverified)", async function () {
      const { bond, usd, treasurer, alice, bob, carol, dave, outsider, coupons, atRecord, perToken } =
        await tradeAroundFirstRecordDate();
      await bond.connect(treasurer).fundCoupon(0);
      await reachCouponDate(coupons, 0);
      await bond.connect(bob).claimCoupon(0);
      const page = [alice, bob, carol, outsider, dave];
      const tx = bond.connect(treasurer).payCoupon(
        0,
        page.map((h) => h.address),
      );
      const amount = (h: HardhatEthersSigner) => couponOf(atRecord.get(h.address)!, perToken);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [alice, bob, carol, dave],
        [amount(alice), 0n, amount(carol), amount(dave)],
      );
      const nothingForBob = bond.interface.encodeErrorResult("SovereignBondNothingToPay", [0n, bob.address]);
      const outsiderCannotSend = bond.interface.encodeErrorResult("ERC7943CannotSend", [outsider.address]);
      await expect(tx)
        .to.emit(bond, "CouponPaid")
        .withArgs(0n, alice.address, amount(alice))
        .and.to.emit(bond, "CouponPaymentSkipped")
        .withArgs(0n, bob.address, nothingForBob)
        .and.to.emit(bond, "CouponPaymentSkipped")
        .withArgs(0n, outsider.address, outsiderCannotSend);
    });

    it("its one-holder step may be called by the bond itself only", async function () {
      const { bond, treasurer } = await fixedBond();
      await expect(bond.connect(treasurer).payCouponTo(0, treasurer.address))
        .to.be.revertedWithCustomError(bond, "DebtSecurityOnlySelf")
        .withArgs(treasurer.address);
    });
  });

  describe("sweepUnclaimed", function () {
    it("sends the unpaid rest to the treasury once the claim window is over, and closes the coupon", async function () {
      const { bond, usd, treasurer, treasuryWallet, alice, bob, coupons, atRecord, perToken, funded } =
        await tradeAroundFirstRecordDate();
      await bond.connect(treasurer).fundCoupon(0);
      await reachCouponDate(coupons, 0);
      await bond.connect(alice).claimCoupon(0);
      const closesAt = coupons[0].date + CLAIM_WINDOW;
      await networkHelpers.time.setNextBlockTimestamp(closesAt - 1n);
      await expect(bond.connect(treasurer).sweepUnclaimed(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondClaimWindowOpen")
        .withArgs(0n, closesAt);
      await networkHelpers.time.setNextBlockTimestamp(closesAt);
      const rest = funded - couponOf(atRecord.get(alice.address)!, perToken);
      const tx = bond.connect(treasurer).sweepUnclaimed(0);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bond, treasuryWallet], [-rest, rest]);
      await expect(tx).to.emit(bond, "CouponUnclaimedSwept").withArgs(0n, rest);
      expect((await bond.coupon(0)).status).to.equal(CouponStatus.Swept);
      expect(await usd.balanceOf(await bond.getAddress())).to.equal(0n);
      await expect(bond.connect(treasurer).sweepUnclaimed(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponSwept")
        .withArgs(0n);
      await expect(bond.connect(bob).claimCoupon(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponSwept")
        .withArgs(0n);
    });

    it("needs a funded coupon", async function () {
      const { bond, treasurer } = await fixedBond();
      await expect(bond.connect(treasurer).sweepUnclaimed(0))
        .to.be.revertedWithCustomError(bond, "SovereignBondCouponNotFunded")
        .withArgs(0n);
    });
  });
});
