import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import type { TreasuryBill } from "../../../../typechain-types/index.js";
import { DayCount, daysToMaturity, priceForYield, yieldForPrice } from "../../../../src/sdk/tbill/pricing.js";
import { ethers, networkHelpers } from "../../fixtures.js";
import {
  BILL,
  DAY,
  deployBill,
  deployNewerBill,
  faceOf,
  FACE,
  issue,
  openRollover,
  USD,
  type BillFixture,
} from "./fixtures.js";

const OLD_PRICE = 98_750_000n;
/** The newer bill's rollover price: 98.80 dollars per 100 of face. */
const NEW_PRICE = 98_800_000n;
interface RolloverFixture extends BillFixture {
  /** The newer bill, issued at the fixture bill's maturity, with ROLLOVER_ROLE on it and a rollover price. */
  newBill: TreasuryBill;
  newMaturityDate: bigint;
}

/** dealer1 holds 600 bills and dealer2 400; the newer bill takes rollovers of them; before maturity. */
async function deployRolloverOpen(): Promise<RolloverFixture> {
  const f = await deployBill();
  await issue(f, [
    [f.dealer1, 600n * BILL, OLD_PRICE],
    [f.dealer2, 400n * BILL, OLD_PRICE],
  ]);
  return { ...f, ...(await openRollover(f, NEW_PRICE)) };
}

/** The pricing terms of the newer bill, for the independent computation of src/sdk/tbill. */
const NEW_TERMS = { faceValue: FACE, dayCount: DayCount.ACT_365_FIXED };

/**
 * dealer1 holds 600 bills and dealer2 400; at maturity, the redemption funded; the newer bill (91
 * days to its maturity) opened the rollover at NEW_PRICE that day.
 */
async function deployRollover(): Promise<RolloverFixture> {
  const f = await deployBill();
  await issue(f, [
    [f.dealer1, 600n * BILL, OLD_PRICE],
    [f.dealer2, 400n * BILL, OLD_PRICE],
  ]);
  await networkHelpers.time.increaseTo(f.maturityDate);
  await f.bill.connect(f.treasurer).fundRedemption();
  return { ...f, ...(await openRollover(f, NEW_PRICE)) };
}

describe("TreasuryBill: rollover into a newer bill", function () {
  describe("rollover", function () {
    it("redeems the matured bills, mints the same face value of new ones at the rollover price, pays the difference", async function () {
      const { bill, newBill, usd, dealer1, treasuryWallet } = await networkHelpers.loadFixture(deployRollover);
      const billAddress = await bill.getAddress();
      const proceeds = 10_000n * USD; // 100 bills at 100 dollars
      const cost = 9_880n * USD; // 100 new bills at 98.80
      const change = 120n * USD;
      const tx = newBill.connect(dealer1).rollover(billAddress, 100n * BILL);
      await expect(tx)
        .to.emit(newBill, "RolledOver")
        .withArgs(dealer1.address, billAddress, 100n * BILL, 100n * BILL, cost, change);
      await expect(tx)
        .to.emit(bill, "Redeemed")
        .withArgs(dealer1.address, 100n * BILL, proceeds);
      await expect(tx).to.changeTokenBalance(ethers, bill, dealer1, -100n * BILL);
      await expect(tx).to.changeTokenBalance(ethers, newBill, dealer1, 100n * BILL);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [dealer1, treasuryWallet, bill, newBill],
        [change, cost, -proceeds, 0n],
      );
      expect(await newBill.connect(dealer1).rollover.staticCall(billAddress, 100n * BILL)).to.deep.equal([
        100n * BILL,
        change,
      ]);
    });

    it("is exact to the last unit for awkward amounts", async function () {
      const { bill, newBill, usd, dealer2, treasuryWallet } = await networkHelpers.loadFixture(deployRollover);
      const amount = 123n * BILL + 456_789_012_345_678_901n;
      // Independent computation.
      const proceeds = faceOf(amount);
      const newAmount = (proceeds * BILL) / FACE;
      const cost = (newAmount * NEW_PRICE + BILL - 1n) / BILL;
      expect([proceeds, newAmount, cost]).to.deep.equal([
        12_345_678_901n,
        123_456_789_010_000_000_000n,
        12_197_530_755n,
      ]);
      const tx = newBill.connect(dealer2).rollover(await bill.getAddress(), amount);
      await expect(tx).to.changeTokenBalances(ethers, usd, [dealer2, treasuryWallet], [proceeds - cost, cost]);
      await expect(tx).to.changeTokenBalance(ethers, newBill, dealer2, newAmount);
    });

    it("follows the newer bill's money-market price: rolling the day before it matures pays that day's price, not the price set", async function () {
      const { bill, newBill, usd, dealer1, treasuryWallet, maturityDate, newMaturityDate } =
        await networkHelpers.loadFixture(deployRollover);
      const billAddress = await bill.getAddress();
      // Independent computation (src/sdk/tbill, bigint): the yield NEW_PRICE gives for the 91 days left when
      // set, and its price with one day left.
      expect(daysToMaturity(maturityDate, newMaturityDate)).to.equal(91n);
      const yieldRate = yieldForPrice(NEW_TERMS, NEW_PRICE, 91n);
      const price = priceForYield(NEW_TERMS, yieldRate, 1n);
      expect(price).to.equal(99_986_654n); // about 99.987 dollars, not 98.80
      const amount = 100n * BILL;
      const proceeds = faceOf(amount);
      const newAmount = (proceeds * BILL) / FACE;
      const cost = (newAmount * price + BILL - 1n) / BILL;
      const change = proceeds - cost;
      expect([proceeds, newAmount, cost, change]).to.deep.equal([10_000n * USD, amount, 9_998_665_400n, 1_334_600n]);
      await networkHelpers.time.increaseTo(newMaturityDate - DAY + 3_600n);
      const tx = newBill.connect(dealer1).rollover(billAddress, amount);
      await expect(tx)
        .to.emit(newBill, "RolledOver")
        .withArgs(dealer1.address, billAddress, amount, newAmount, cost, change);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [dealer1, treasuryWallet, bill, newBill],
        [change, cost, -proceeds, 0n],
      );
      await expect(tx).to.changeTokenBalance(ethers, newBill, dealer1, newAmount);
      expect(await newBill.rolloverPrice(billAddress)).to.equal(price);
    });

    it("prices every day from the yield set, to the unit of the independent money-market computation", async function () {
      const { bill, newBill, newMaturityDate } = await networkHelpers.loadFixture(deployRollover);
      const billAddress = await bill.getAddress();
      const yieldRate = yieldForPrice(NEW_TERMS, NEW_PRICE, 91n);
      expect(await newBill.rolloverPrice(billAddress)).to.equal(NEW_PRICE);
      for (const daysLeft of [90n, 60n, 30n, 7n, 1n]) {
        await networkHelpers.time.increaseTo(newMaturityDate - daysLeft * DAY + 3_600n);
        expect(await newBill.rolloverPrice(billAddress)).to.equal(priceForYield(NEW_TERMS, yieldRate, daysLeft));
      }
      expect(await newBill.rolloverYield(billAddress)).to.equal(yieldRate);
    });

    it("rolls at the price of the day it is set, whenever that is: set again later, it prices from the days then left", async function () {
      const { bill, newBill, issuer, newMaturityDate } = await networkHelpers.loadFixture(deployRollover);
      const billAddress = await bill.getAddress();
      await networkHelpers.time.increaseTo(newMaturityDate - 30n * DAY + 60n);
      const yieldRate = yieldForPrice(NEW_TERMS, NEW_PRICE, 30n);
      await expect(newBill.connect(issuer).setRolloverPrice(billAddress, NEW_PRICE))
        .to.emit(newBill, "RolloverPriceSet")
        .withArgs(billAddress, NEW_PRICE, yieldRate);
      expect(await newBill.rolloverPrice(billAddress)).to.equal(priceForYield(NEW_TERMS, yieldRate, 30n));
      expect(await newBill.rolloverPrice(billAddress)).to.equal(NEW_PRICE);
    });

    it("cannot be opened on the newer bill's maturity date (no day left to price), and reads zero from then on", async function () {
      const { bill, newBill, issuer, newMaturityDate } = await networkHelpers.loadFixture(deployRollover);
      const billAddress = await bill.getAddress();
      await networkHelpers.time.increaseTo(newMaturityDate);
      await expect(newBill.connect(issuer).setRolloverPrice(billAddress, NEW_PRICE))
        .to.be.revertedWithCustomError(newBill, "TreasuryBillInvalidDate")
        .withArgs(anyValue);
      expect(await newBill.rolloverPrice(billAddress)).to.equal(0n);
    });

    it("refuses a bill with no rollover price, and after the price is withdrawn", async function () {
      const f = await networkHelpers.loadFixture(deployRollover);
      const { bill, newBill, issuer, dealer1 } = f;
      const { newBill: otherBill } = await deployNewerBill(f, { isin: "PK0000B34563" });
      await expect(newBill.connect(dealer1).rollover(await otherBill.getAddress(), BILL))
        .to.be.revertedWithCustomError(newBill, "TreasuryBillRolloverClosed")
        .withArgs(await otherBill.getAddress());
      await expect(newBill.connect(issuer).setRolloverPrice(await bill.getAddress(), 0n))
        .to.emit(newBill, "RolloverPriceSet")
        .withArgs(await bill.getAddress(), 0n, 0n);
      expect(await newBill.rolloverPrice(await bill.getAddress())).to.equal(0n);
      expect(await newBill.rolloverYield(await bill.getAddress())).to.equal(0n);
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(newBill, "TreasuryBillRolloverClosed")
        .withArgs(await bill.getAddress());
    });

    it("refuses a bill that has not matured", async function () {
      const f = await networkHelpers.loadFixture(deployRolloverOpen);
      const { newBill } = f;
      await expect(newBill.connect(f.dealer1).rollover(await f.bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(f.bill, "DebtSecurityNotMatured")
        .withArgs(f.maturityDate);
    });

    it("refuses a matured bill whose redemption is not funded", async function () {
      const f = await networkHelpers.loadFixture(deployRolloverOpen);
      const { newBill } = f;
      await networkHelpers.time.increaseTo(f.maturityDate);
      await expect(newBill.connect(f.dealer1).rollover(await f.bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(f.bill, "DebtSecurityInsufficientFunding")
        .withArgs(FACE, 0n);
    });

    it("refuses a holder the newer bill may not mint to, and leaves the matured bills untouched", async function () {
      const { bill, newBill, enforcer, compliance, dealer1, fund } = await networkHelpers.loadFixture(deployRollover);
      await newBill.connect(enforcer).setAddressFrozen(dealer1.address, true);
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(newBill, "ERC7943CannotReceive")
        .withArgs(dealer1.address);
      expect(await bill.balanceOf(dealer1.address)).to.equal(600n * BILL);
      // A policy of the newer bill that no longer admits primary dealers.
      await newBill.connect(enforcer).setAddressFrozen(dealer1.address, false);
      await newBill.connect(compliance).setAllowedCategories(1 << 3);
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(newBill, "ERC7943CannotReceive")
        .withArgs(dealer1.address);
      expect(await newBill.canReceive(fund.address)).to.equal(true);
    });

    it("refuses a holder the matured bill does not let send (frozen)", async function () {
      const { bill, newBill, enforcer, dealer1 } = await networkHelpers.loadFixture(deployRollover);
      await bill.connect(enforcer).setAddressFrozen(dealer1.address, true);
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(bill, "ERC7943CannotSend")
        .withArgs(dealer1.address);
    });

    it("needs ROLLOVER_ROLE on the matured bill", async function () {
      const { bill, newBill, admin, dealer1 } = await networkHelpers.loadFixture(deployRollover);
      const role = await bill.ROLLOVER_ROLE();
      await bill.connect(admin).revokeRole(role, await newBill.getAddress());
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(bill, "AccessControlUnauthorizedAccount")
        .withArgs(await newBill.getAddress(), role);
    });

    it("is closed once the newer bill has matured", async function () {
      const { bill, newBill, dealer1, newMaturityDate } = await networkHelpers.loadFixture(deployRollover);
      await networkHelpers.time.increaseTo(newMaturityDate);
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(newBill, "DebtSecurityMatured")
        .withArgs(newMaturityDate);
    });

    it("refuses an amount worth no new bill, and a zero amount", async function () {
      const { bill, newBill, dealer1 } = await networkHelpers.loadFixture(deployRollover);
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), 10n ** 10n - 1n))
        .to.be.revertedWithCustomError(newBill, "DebtSecurityInvalidAmount")
        .withArgs(0n);
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), 0n))
        .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidAmount")
        .withArgs(0n);
    });
  });

  describe("setRolloverPrice", function () {
    it("opens the rollover of a bill at a price", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { newBill } = await deployNewerBill(f);
      const billAddress = await f.bill.getAddress();
      expect(await newBill.rolloverPrice(billAddress)).to.equal(0n);
      const block = await ethers.provider.getBlock("latest");
      const setAt = BigInt(block!.timestamp) + 1n;
      await networkHelpers.time.setNextBlockTimestamp(setAt);
      const yieldRate = yieldForPrice(NEW_TERMS, NEW_PRICE, await newBill.daysToMaturity(setAt));
      await expect(newBill.connect(f.issuer).setRolloverPrice(billAddress, NEW_PRICE))
        .to.emit(newBill, "RolloverPriceSet")
        .withArgs(billAddress, NEW_PRICE, yieldRate);
      expect(await newBill.rolloverPrice(billAddress)).to.equal(NEW_PRICE);
      expect(await newBill.rolloverYield(billAddress)).to.equal(yieldRate);
    });

    it("refuses the bill itself, a bill in another settlement token and a price above face value", async function () {
      const f = await networkHelpers.loadFixture(deployRollover);
      const { bill, newBill, issuer } = f;
      const newBillAddress = await newBill.getAddress();
      await expect(newBill.connect(issuer).setRolloverPrice(newBillAddress, NEW_PRICE))
        .to.be.revertedWithCustomError(newBill, "TreasuryBillInvalidRolloverSource")
        .withArgs(newBillAddress);
      const otherToken = await ethers.deployContract("SettlementTokenMock");
      const { newBill: foreign } = await deployNewerBill(f, {
        isin: "PK0000B34563",
        settlementToken: await otherToken.getAddress(),
      });
      await expect(newBill.connect(issuer).setRolloverPrice(await foreign.getAddress(), NEW_PRICE))
        .to.be.revertedWithCustomError(newBill, "TreasuryBillInvalidRolloverSource")
        .withArgs(await foreign.getAddress());
      await expect(newBill.connect(issuer).setRolloverPrice(await bill.getAddress(), FACE + 1n))
        .to.be.revertedWithCustomError(newBill, "DebtSecurityInvalidPrice")
        .withArgs(FACE + 1n);
    });
  });

  describe("redeemTo", function () {
    it("lets a ROLLOVER_ROLE holder redeem a holder's bills to a recipient", async function () {
      const { bill, usd, admin, stranger, dealer1 } = await networkHelpers.loadFixture(deployRollover);
      await bill.connect(admin).grantRole(await bill.ROLLOVER_ROLE(), stranger.address);
      const tx = bill.connect(stranger).redeemTo(dealer1.address, 3n * BILL, stranger.address);
      await expect(tx)
        .to.emit(bill, "Redeemed")
        .withArgs(dealer1.address, 3n * BILL, 3n * FACE);
      await expect(tx).to.changeTokenBalances(ethers, usd, [stranger, dealer1], [3n * FACE, 0n]);
      await expect(tx).to.changeTokenBalance(ethers, bill, dealer1, -3n * BILL);
    });
  });
});
