import { expect } from "chai";
import { ethers, networkHelpers } from "../../fixtures.js";
import {
  AUCTION,
  BILL,
  costOf,
  DEALER_CASH,
  deployBill,
  FACE,
  issue,
  record,
  USD,
  type BillFixture,
} from "./fixtures.js";

const Status = { None: 0n, Pending: 1n, Settled: 2n, Cancelled: 3n } as const;
const CUTOFF = 98_750_000n; // 98.75 dollars per 100 of face

describe("TreasuryBill: auction allotments settled delivery-versus-payment", function () {
  describe("recordAllotments", function () {
    it("records one allotment per row, numbered from the count, with an event each", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, issuer, dealer1, dealer2 } = f;
      const tx = bill
        .connect(issuer)
        .recordAllotments(AUCTION, [dealer1.address, dealer2.address], [10n * BILL, 5n * BILL], [CUTOFF, 98_800_000n]);
      await expect(tx)
        .to.emit(bill, "AllotmentRecorded")
        .withArgs(0n, AUCTION, dealer1.address, 10n * BILL, CUTOFF)
        .and.to.emit(bill, "AllotmentRecorded")
        .withArgs(1n, AUCTION, dealer2.address, 5n * BILL, 98_800_000n);
      expect(await bill.allotmentCount()).to.equal(2n);
      const first = await bill.allotment(0n);
      expect([first.bidder, first.status, first.auctionId, first.amount, first.price]).to.deep.equal([
        dealer1.address,
        Status.Pending,
        AUCTION,
        10n * BILL,
        CUTOFF,
      ]);
      expect(await bill.connect(issuer).recordAllotments.staticCall(AUCTION, [dealer1.address], [1n], [1n])).to.equal(
        2n,
      );
      expect(await bill.totalSupply()).to.equal(0n); // nothing moves before settlement
    });

    it("answers a zeroed allotment with status None for an unknown id", async function () {
      const { bill } = await networkHelpers.loadFixture(deployBill);
      const unknown = await bill.allotment(7n);
      expect([unknown.bidder, unknown.status, unknown.auctionId, unknown.amount, unknown.price]).to.deep.equal([
        ethers.ZeroAddress,
        Status.None,
        ethers.ZeroHash,
        0n,
        0n,
      ]);
    });

    it("refuses arrays of different lengths", async function () {
      const { bill, issuer, dealer1 } = await networkHelpers.loadFixture(deployBill);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [dealer1.address], [BILL, BILL], [CUTOFF]))
        .to.be.revertedWithCustomError(bill, "BatchLengthMismatch")
        .withArgs(1n, 2n);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [dealer1.address], [BILL], []))
        .to.be.revertedWithCustomError(bill, "BatchLengthMismatch")
        .withArgs(1n, 0n);
    });

    it("refuses a zero bidder, a zero amount and an amount of 2**128 or more", async function () {
      const { bill, issuer, dealer1 } = await networkHelpers.loadFixture(deployBill);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [ethers.ZeroAddress], [BILL], [CUTOFF]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidBidder")
        .withArgs(ethers.ZeroAddress);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [dealer1.address], [0n], [CUTOFF]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidAmount")
        .withArgs(0n);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [dealer1.address], [2n ** 128n], [CUTOFF]))
        .to.be.revertedWithCustomError(bill, "SafeCastOverflowedUintDowncast")
        .withArgs(128n, 2n ** 128n);
    });

    it("refuses a zero price and a price above face value (a bill sells at a discount)", async function () {
      const { bill, issuer, dealer1 } = await networkHelpers.loadFixture(deployBill);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [dealer1.address], [BILL], [0n]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidPrice")
        .withArgs(0n);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [dealer1.address], [BILL], [FACE + 1n]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidPrice")
        .withArgs(FACE + 1n);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [dealer1.address], [BILL], [FACE])).to.emit(
        bill,
        "AllotmentRecorded",
      );
    });

    it("is closed from the maturity date on", async function () {
      const { bill, issuer, dealer1, maturityDate } = await networkHelpers.loadFixture(deployBill);
      await networkHelpers.time.increaseTo(maturityDate);
      await expect(bill.connect(issuer).recordAllotments(AUCTION, [dealer1.address], [BILL], [CUTOFF]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityMatured")
        .withArgs(maturityDate);
    });
  });

  describe("settleAllotments", function () {
    it("moves the cost to the treasury and mints the bills to the bidder, in one step", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, usd, issuer, dealer1, treasuryWallet } = f;
      const [id] = await record(f, [[dealer1, 1_000n * BILL, CUTOFF]]);
      const cost = 98_750n * USD; // 1,000 bills at 98.75 dollars
      const tx = bill.connect(issuer).settleAllotments([id]);
      await expect(tx)
        .to.emit(bill, "AllotmentSettled")
        .withArgs(id, dealer1.address, 1_000n * BILL, cost);
      await expect(tx).to.changeTokenBalances(ethers, usd, [dealer1, treasuryWallet], [-cost, cost]);
      await expect(tx).to.changeTokenBalance(ethers, bill, dealer1, 1_000n * BILL);
      expect((await bill.allotment(id)).status).to.equal(Status.Settled);
      expect(await bill.totalSupply()).to.equal(1_000n * BILL);
    });

    it("settles a uniform-price auction and a multiple-price auction to the last unit", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, usd, dealer1, dealer2, dealer3, treasuryWallet } = f;
      // Uniform: one cut-off price in every row.
      const uniform: [typeof dealer1, bigint, bigint][] = [
        [dealer1, 333n * BILL + 1n, CUTOFF],
        [dealer2, 7n * BILL, CUTOFF],
      ];
      // Multiple price: one price per bid, awkward amounts.
      const multiple: [typeof dealer1, bigint, bigint][] = [
        [dealer1, 12_345_678_901_234_567_891n, 98_812_345n],
        [dealer3, 3n, 98_765_432n],
        [dealer2, BILL / 3n, 99_000_001n],
      ];
      const rows = [...uniform, ...multiple];
      const treasuryBefore = await usd.balanceOf(treasuryWallet.address);
      await issue(f, rows);
      // Independent computation: cost = ceil(amount * price / 1e18).
      const expectedCosts = rows.map(([, amount, price]) => costOf(amount, price));
      expect(expectedCosts).to.deep.equal([32_883_750_001n, 691_250_000n, 1_219_905_483n, 1n, 33_000_001n]);
      const spentBy = async (dealer: typeof dealer1) => DEALER_CASH - (await usd.balanceOf(dealer.address));
      expect(await spentBy(dealer1)).to.equal(expectedCosts[0] + expectedCosts[2]);
      expect(await spentBy(dealer2)).to.equal(expectedCosts[1] + expectedCosts[4]);
      expect(await spentBy(dealer3)).to.equal(1n);
      expect((await usd.balanceOf(treasuryWallet.address)) - treasuryBefore).to.equal(
        expectedCosts.reduce((a, b) => a + b, 0n),
      );
      expect(await bill.balanceOf(dealer1.address)).to.equal(333n * BILL + 1n + 12_345_678_901_234_567_891n);
      expect(await bill.balanceOf(dealer3.address)).to.equal(3n);
    });

    it("rounds the cost up: one base unit of a bill costs one base unit of the dollar", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, usd, issuer, dealer3, treasuryWallet } = f;
      const [id] = await record(f, [[dealer3, 1n, 1n]]);
      await expect(bill.connect(issuer).settleAllotments([id])).to.changeTokenBalances(
        ethers,
        usd,
        [dealer3, treasuryWallet],
        [-1n, 1n],
      );
      // 10**12 base units at 98.75 dollars cost exactly 98.75 / 10**6 dollars = 98.75 base units: 99.
      const [next] = await record(f, [[dealer3, 10n ** 12n, CUTOFF]]);
      await expect(bill.connect(issuer).settleAllotments([next])).to.changeTokenBalance(ethers, usd, dealer3, -99n);
    });

    it("reports an allotment that cannot settle and settles the others (funds, allowance, eligibility)", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, usd, issuer, dealer1, dealer2, dealer3, fund, retail, outsider, treasuryWallet } = f;
      await usd.connect(dealer2).approve(await bill.getAddress(), 0n); // no allowance
      await usd.connect(dealer3).transfer(outsider.address, DEALER_CASH); // no funds
      const ids = await record(f, [
        [dealer1, 10n * BILL, CUTOFF],
        [dealer2, 10n * BILL, CUTOFF],
        [dealer3, 10n * BILL, CUTOFF],
        [retail, 10n * BILL, CUTOFF], // verified, but the bill admits banks and institutions only
        [outsider, 10n * BILL, CUTOFF], // not verified
        [fund, 10n * BILL, CUTOFF],
      ]);
      const cost = 987_500_000n;
      const billAddress = await bill.getAddress();
      const tx = bill.connect(issuer).settleAllotments(ids);
      await expect(tx)
        .to.emit(bill, "AllotmentFailed")
        .withArgs(ids[1], usd.interface.encodeErrorResult("ERC20InsufficientAllowance", [billAddress, 0n, cost]));
      await expect(tx)
        .to.emit(bill, "AllotmentFailed")
        .withArgs(ids[2], usd.interface.encodeErrorResult("ERC20InsufficientBalance", [dealer3.address, 0n, cost]));
      await expect(tx)
        .to.emit(bill, "AllotmentFailed")
        .withArgs(ids[3], bill.interface.encodeErrorResult("ERC7943CannotReceive", [retail.address]));
      await expect(tx)
        .to.emit(bill, "AllotmentFailed")
        .withArgs(ids[4], bill.interface.encodeErrorResult("ERC7943CannotReceive", [outsider.address]));
      await expect(tx)
        .to.emit(bill, "AllotmentSettled")
        .withArgs(ids[0], dealer1.address, 10n * BILL, cost);
      await expect(tx)
        .to.emit(bill, "AllotmentSettled")
        .withArgs(ids[5], fund.address, 10n * BILL, cost);
      await expect(tx).to.changeTokenBalance(ethers, usd, treasuryWallet, 2n * cost);
      const statuses = await Promise.all(ids.map(async (id) => (await bill.allotment(id)).status));
      expect(statuses).to.deep.equal([
        Status.Settled,
        Status.Pending,
        Status.Pending,
        Status.Pending,
        Status.Pending,
        Status.Settled,
      ]);
      // Nothing moved for the failed ones.
      for (const failed of [dealer2, dealer3, retail, outsider])
        expect(await bill.balanceOf(failed.address)).to.equal(0n);
      expect(await usd.balanceOf(dealer2.address)).to.equal(DEALER_CASH);
      expect(await usd.balanceOf(retail.address)).to.equal(DEALER_CASH);
      expect(await bill.totalSupply()).to.equal(20n * BILL);
    });

    it("settles a failed allotment when retried after the bidder fixes its allowance", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, issuer, usd, dealer2 } = f;
      await usd.connect(dealer2).approve(await bill.getAddress(), 0n);
      const [id] = await record(f, [[dealer2, 10n * BILL, CUTOFF]]);
      await expect(bill.connect(issuer).settleAllotments([id])).to.emit(bill, "AllotmentFailed");
      await usd.connect(dealer2).approve(await bill.getAddress(), ethers.MaxUint256);
      await expect(bill.connect(issuer).settleAllotments([id]))
        .to.emit(bill, "AllotmentSettled")
        .withArgs(id, dealer2.address, 10n * BILL, 987_500_000n);
      expect(await bill.balanceOf(dealer2.address)).to.equal(10n * BILL);
    });

    it("reports a failing mint and takes no payment: paused token, frozen bidder, maximum balance", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, usd, issuer, pauser, enforcer, compliance, dealer1, dealer2, dealer3, treasuryWallet } = f;
      const ids = await record(f, [
        [dealer1, 10n * BILL, CUTOFF],
        [dealer2, 10n * BILL, CUTOFF],
        [dealer3, 10n * BILL, CUTOFF],
      ]);
      await bill.connect(enforcer).setAddressFrozen(dealer2.address, true);
      await bill.connect(compliance).setMaxBalance(5n * BILL);
      const tx = bill.connect(issuer).settleAllotments([ids[1], ids[2]]);
      await expect(tx)
        .to.emit(bill, "AllotmentFailed")
        .withArgs(ids[1], bill.interface.encodeErrorResult("ERC7943CannotReceive", [dealer2.address]));
      await expect(tx)
        .to.emit(bill, "AllotmentFailed")
        .withArgs(
          ids[2],
          bill.interface.encodeErrorResult("RegulatedTokenMaxBalanceExceeded", [
            dealer3.address,
            10n * BILL,
            5n * BILL,
          ]),
        );
      await expect(tx).to.changeTokenBalances(ethers, usd, [dealer2, dealer3, treasuryWallet], [0n, 0n, 0n]);

      await bill.connect(compliance).setMaxBalance(0n);
      await bill.connect(pauser).pause();
      await expect(bill.connect(issuer).settleAllotments([ids[0]]))
        .to.emit(bill, "AllotmentFailed")
        .withArgs(ids[0], bill.interface.encodeErrorResult("EnforcedPause", []));
      expect(await usd.balanceOf(dealer1.address)).to.equal(DEALER_CASH);
      expect(await bill.totalSupply()).to.equal(0n);
    });

    it("refuses an id that is not pending, reverting the whole batch", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, issuer, dealer1, dealer2 } = f;
      const [settled, cancelled, pending] = await record(f, [
        [dealer1, BILL, CUTOFF],
        [dealer1, BILL, CUTOFF],
        [dealer2, BILL, CUTOFF],
      ]);
      await bill.connect(issuer).settleAllotments([settled]);
      await bill.connect(issuer).cancelAllotment(cancelled);
      await expect(bill.connect(issuer).settleAllotments([pending, settled]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityAllotmentNotPending")
        .withArgs(settled, Status.Settled);
      await expect(bill.connect(issuer).settleAllotments([cancelled]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityAllotmentNotPending")
        .withArgs(cancelled, Status.Cancelled);
      await expect(bill.connect(issuer).settleAllotments([99n]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityAllotmentNotPending")
        .withArgs(99n, Status.None);
      await expect(bill.connect(issuer).settleAllotments([pending, pending]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityAllotmentNotPending")
        .withArgs(pending, Status.Settled);
      expect(await bill.balanceOf(dealer2.address)).to.equal(0n);
    });

    it("is closed from the maturity date on", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const [id] = await record(f, [[f.dealer1, BILL, CUTOFF]]);
      await networkHelpers.time.increaseTo(f.maturityDate);
      await expect(f.bill.connect(f.issuer).settleAllotments([id]))
        .to.be.revertedWithCustomError(f.bill, "DebtSecurityMatured")
        .withArgs(f.maturityDate);
    });

    it("pays the treasury wallet of the moment", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, usd, admin, issuer, dealer1, stranger } = f;
      const [id] = await record(f, [[dealer1, BILL, CUTOFF]]);
      await bill.connect(admin).setTreasury(stranger.address);
      await expect(bill.connect(issuer).settleAllotments([id])).to.changeTokenBalance(ethers, usd, stranger, CUTOFF);
    });
  });

  describe("settleAllotment (the one-allotment step)", function () {
    it("may be called by the bill itself only", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const [id] = await record(f, [[f.dealer1, BILL, CUTOFF]]);
      for (const caller of [f.issuer, f.admin, f.dealer1]) {
        await expect(f.bill.connect(caller).settleAllotment(id))
          .to.be.revertedWithCustomError(f.bill, "DebtSecurityOnlySelf")
          .withArgs(caller.address);
      }
    });
  });

  describe("cancelAllotment", function () {
    it("cancels a pending allotment, which can then never settle", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const [id] = await record(f, [[f.dealer1, BILL, CUTOFF]]);
      await expect(f.bill.connect(f.issuer).cancelAllotment(id)).to.emit(f.bill, "AllotmentCancelled").withArgs(id);
      expect((await f.bill.allotment(id)).status).to.equal(Status.Cancelled);
      await expect(f.bill.connect(f.issuer).cancelAllotment(id))
        .to.be.revertedWithCustomError(f.bill, "DebtSecurityAllotmentNotPending")
        .withArgs(id, Status.Cancelled);
    });

    it("refuses a settled or unknown allotment", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const [id] = await issue(f, [[f.dealer1, BILL, CUTOFF]]);
      await expect(f.bill.connect(f.issuer).cancelAllotment(id))
        .to.be.revertedWithCustomError(f.bill, "DebtSecurityAllotmentNotPending")
        .withArgs(id, Status.Settled);
      await expect(f.bill.connect(f.issuer).cancelAllotment(5n))
        .to.be.revertedWithCustomError(f.bill, "DebtSecurityAllotmentNotPending")
        .withArgs(5n, Status.None);
    });
  });

  describe("secondary transfers", function () {
    it("follow the eligibility policy: banks and institutions only", async function () {
      const f: BillFixture = await networkHelpers.loadFixture(deployBill);
      const { bill, dealer1, fund, retail } = f;
      await issue(f, [[dealer1, 10n * BILL, CUTOFF]]);
      await expect(bill.connect(dealer1).transfer(fund.address, BILL)).to.changeTokenBalances(
        ethers,
        bill,
        [dealer1, fund],
        [-BILL, BILL],
      );
      await expect(bill.connect(dealer1).transfer(retail.address, BILL))
        .to.be.revertedWithCustomError(bill, "ERC7943CannotReceive")
        .withArgs(retail.address);
      expect(await bill.detectTransferRestriction(dealer1.address, retail.address, BILL)).to.equal(9n);
    });
  });
});
