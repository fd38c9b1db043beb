import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { ethers, networkHelpers } from "../../fixtures.js";
import {
  BILL,
  DEALER_CASH,
  deployBillFalseReturning,
  deployBillFeeOnTransfer,
  deployBillHooked,
  deployBillReentrant,
  faceOf,
  issue,
  openRollover,
  record,
  AUCTION,
  type BillFixture,
} from "./fixtures.js";

const PRICE = 98_750_000n;
const COST = 987_500_000n; // 10 bills at 98.75 dollars

/** Mints `amount` to `holder` without payment (the core's mint) and moves to maturity. */
async function maturedWith(f: BillFixture, holders: BillFixture["dealer1"][], amount: bigint) {
  for (const holder of holders) await f.bill.connect(f.issuer).mint(holder.address, amount);
  await networkHelpers.time.increaseTo(f.maturityDate);
}

/**
 * The gas a batch is sent with in the hook tests: just under a transaction's gas cap (2**24 since
 * EIP-7825), so that a step given all remaining gas could burn millions.
 */
const BATCH_GAS_LIMIT = 16_000_000n;
/** Bytes of a failing step's revert data that a batch reports (BatchStep.MAX_REASON). */
const MAX_REASON = 260;
/** The revert data of HostileHolderMock in mode 2: 0xdeadbeef, then zeros. */
function hostileRevertData(size: number) {
  return "0xdeadbeef" + "00".repeat(size - 4);
}

describe("TreasuryBill: hostile settlement tokens", function () {
  describe("a fee-on-transfer token is refused", function () {
    it("an allotment fails with DebtSecurityTransferAmountMismatch and nothing moves", async function () {
      const f = await networkHelpers.loadFixture(deployBillFeeOnTransfer);
      const { bill, feeToken, issuer, dealer1, treasuryWallet } = f;
      const [id] = await record(f, [[dealer1, 10n * BILL, PRICE]]);
      const tx = bill.connect(issuer).settleAllotments([id]);
      await expect(tx)
        .to.emit(bill, "AllotmentFailed")
        .withArgs(
          id,
          bill.interface.encodeErrorResult("DebtSecurityTransferAmountMismatch", [COST, COST - COST / 100n]),
        );
      await expect(tx).to.changeTokenBalances(ethers, feeToken, [dealer1, treasuryWallet], [0n, 0n]);
      expect(await bill.balanceOf(dealer1.address)).to.equal(0n);
    });

    it("fundRedemption reverts with DebtSecurityTransferAmountMismatch", async function () {
      const f = await networkHelpers.loadFixture(deployBillFeeOnTransfer);
      await maturedWith(f, [f.dealer1], 10n * BILL);
      const due = faceOf(10n * BILL);
      await expect(f.bill.connect(f.treasurer).fundRedemption())
        .to.be.revertedWithCustomError(f.bill, "DebtSecurityTransferAmountMismatch")
        .withArgs(due, due - due / 100n);
    });

    it("a rollover refuses proceeds that arrive short", async function () {
      const f = await networkHelpers.loadFixture(deployBillFeeOnTransfer);
      const { bill, feeToken, treasurer, dealer1 } = f;
      await feeToken.setFeePercent(0n);
      await issue(f, [[dealer1, 10n * BILL, PRICE]]);
      const { newBill } = await openRollover(f, PRICE);
      await networkHelpers.time.increaseTo(f.maturityDate);
      await bill.connect(treasurer).fundRedemption();
      await feeToken.setFeePercent(1n);
      const proceeds = faceOf(BILL);
      await expect(newBill.connect(dealer1).rollover(await bill.getAddress(), BILL))
        .to.be.revertedWithCustomError(newBill, "DebtSecurityTransferAmountMismatch")
        .withArgs(proceeds, proceeds - proceeds / 100n);
    });
  });

  describe("a re-entrant token cannot re-enter", function () {
    it("an allotment whose payment re-enters settleAllotments fails, and settles once the token behaves", async function () {
      const f = await networkHelpers.loadFixture(deployBillReentrant);
      const { bill, reentrantToken, issuer, dealer1, dealer2 } = f;
      const ids = await record(f, [
        [dealer1, 10n * BILL, PRICE],
        [dealer2, 10n * BILL, PRICE],
      ]);
      // The token itself holds ISSUER_ROLE, so that only the re-entrancy guard can stop it.
      await bill.connect(f.admin).grantRole(await bill.ISSUER_ROLE(), await reentrantToken.getAddress());
      const settleCall = bill.interface.encodeFunctionData("settleAllotments", [[ids[1]]]);
      await reentrantToken.setHook(ethers.ZeroAddress, await bill.getAddress(), settleCall);
      const reentrancy = bill.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
      const tx = bill.connect(issuer).settleAllotments(ids);
      await expect(tx).to.emit(bill, "AllotmentFailed").withArgs(ids[0], reentrancy);
      await expect(tx).to.emit(bill, "AllotmentFailed").withArgs(ids[1], reentrancy);
      expect(await bill.totalSupply()).to.equal(0n);
      expect(await reentrantToken.balanceOf(dealer1.address)).to.equal(DEALER_CASH);
      await reentrantToken.setHook(ethers.ZeroAddress, ethers.ZeroAddress, "0x");
      await expect(bill.connect(issuer).settleAllotments(ids)).to.emit(bill, "AllotmentSettled");
      expect(await bill.totalSupply()).to.equal(20n * BILL);
    });

    it("a token calling the one-allotment step directly is refused as not the bill", async function () {
      const f = await networkHelpers.loadFixture(deployBillReentrant);
      const { bill, reentrantToken, issuer, dealer1 } = f;
      const [id] = await record(f, [[dealer1, 10n * BILL, PRICE]]);
      const tokenAddress = await reentrantToken.getAddress();
      await reentrantToken.setHook(
        ethers.ZeroAddress,
        await bill.getAddress(),
        bill.interface.encodeFunctionData("settleAllotment", [id]),
      );
      await expect(bill.connect(issuer).settleAllotments([id]))
        .to.emit(bill, "AllotmentFailed")
        .withArgs(id, bill.interface.encodeErrorResult("DebtSecurityOnlySelf", [tokenAddress]));
    });

    it("fundRedemption, redeem and redeemFor refuse re-entry", async function () {
      const f = await networkHelpers.loadFixture(deployBillReentrant);
      const { bill, reentrantToken, treasurer, dealer1, dealer2 } = f;
      await maturedWith(f, [f.dealer1, f.dealer2], 10n * BILL);
      const billAddress = await bill.getAddress();
      const redeemCall = bill.interface.encodeFunctionData("redeem", [BILL]);

      await reentrantToken.setHook(ethers.ZeroAddress, billAddress, redeemCall);
      await expect(bill.connect(treasurer).fundRedemption()).to.be.revertedWithCustomError(
        bill,
        "ReentrancyGuardReentrantCall",
      );
      await reentrantToken.setHook(ethers.ZeroAddress, ethers.ZeroAddress, "0x");
      await bill.connect(treasurer).fundRedemption();

      await reentrantToken.setHook(ethers.ZeroAddress, billAddress, redeemCall);
      await expect(bill.connect(dealer1).redeem(BILL)).to.be.revertedWithCustomError(
        bill,
        "ReentrancyGuardReentrantCall",
      );

      const reentrancy = bill.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
      const tx = bill.connect(treasurer).redeemFor([dealer1.address, dealer2.address]);
      await expect(tx).to.emit(bill, "RedemptionSkipped").withArgs(dealer1.address, reentrancy);
      await expect(tx).to.emit(bill, "RedemptionSkipped").withArgs(dealer2.address, reentrancy);
      expect(await bill.totalSupply()).to.equal(20n * BILL);
      expect(await bill.redemptionPaid()).to.equal(0n);
    });

    it("rollover and redeemTo refuse re-entry", async function () {
      const f = await networkHelpers.loadFixture(deployBillReentrant);
      const { bill, reentrantToken, treasurer, dealer1 } = f;
      await issue(f, [[dealer1, 10n * BILL, PRICE]]);
      const { newBill } = await openRollover(f, PRICE);
      const [billAddress, newBillAddress] = [await bill.getAddress(), await newBill.getAddress()];
      await networkHelpers.time.increaseTo(f.maturityDate);
      await bill.connect(treasurer).fundRedemption();

      // When the newer bill pays the treasury, the token calls the newer bill's rollover again.
      const rolloverCall = newBill.interface.encodeFunctionData("rollover", [billAddress, BILL]);
      await reentrantToken.setHook(newBillAddress, newBillAddress, rolloverCall);
      await expect(newBill.connect(dealer1).rollover(billAddress, BILL)).to.be.revertedWithCustomError(
        newBill,
        "ReentrancyGuardReentrantCall",
      );
      // When the matured bill pays its proceeds, the token calls the matured bill's redeemTo again.
      const redeemToCall = bill.interface.encodeFunctionData("redeemTo", [dealer1.address, BILL, dealer1.address]);
      await reentrantToken.setHook(billAddress, billAddress, redeemToCall);
      await expect(newBill.connect(dealer1).rollover(billAddress, BILL)).to.be.revertedWithCustomError(
        bill,
        "ReentrancyGuardReentrantCall",
      );
      await reentrantToken.setHook(ethers.ZeroAddress, ethers.ZeroAddress, "0x");
      await expect(newBill.connect(dealer1).rollover(billAddress, BILL)).to.emit(newBill, "RolledOver");
    });
  });

  describe("a token that returns false fails cleanly", function () {
    it("an allotment fails with SafeERC20FailedOperation and nothing moves", async function () {
      const f = await networkHelpers.loadFixture(deployBillFalseReturning);
      const { bill, falseToken, issuer, dealer1, dealer2 } = f;
      await falseToken.setFailing(dealer1.address, true);
      const ids = await record(f, [
        [dealer1, 10n * BILL, PRICE],
        [dealer2, 10n * BILL, PRICE],
      ]);
      const tx = bill.connect(issuer).settleAllotments(ids);
      await expect(tx)
        .to.emit(bill, "AllotmentFailed")
        .withArgs(
          ids[0],
          bill.interface.encodeErrorResult("SafeERC20FailedOperation", [await falseToken.getAddress()]),
        );
      await expect(tx)
        .to.emit(bill, "AllotmentSettled")
        .withArgs(ids[1], dealer2.address, 10n * BILL, COST);
      expect(await bill.balanceOf(dealer1.address)).to.equal(0n);
      expect(await falseToken.balanceOf(dealer1.address)).to.equal(DEALER_CASH);
    });

    it("fundRedemption and redeem revert with SafeERC20FailedOperation; the claim is kept", async function () {
      const f = await networkHelpers.loadFixture(deployBillFalseReturning);
      const { bill, falseToken, treasurer, treasuryWallet, dealer1 } = f;
      await maturedWith(f, [dealer1], 10n * BILL);
      const tokenAddress = await falseToken.getAddress();
      await falseToken.setFailing(treasuryWallet.address, true);
      await expect(bill.connect(treasurer).fundRedemption())
        .to.be.revertedWithCustomError(bill, "SafeERC20FailedOperation")
        .withArgs(tokenAddress);
      await falseToken.setFailing(treasuryWallet.address, false);
      await bill.connect(treasurer).fundRedemption();
      await falseToken.setFailing(dealer1.address, true);
      await expect(bill.connect(dealer1).redeem(BILL))
        .to.be.revertedWithCustomError(bill, "SafeERC20FailedOperation")
        .withArgs(tokenAddress);
      expect(await bill.balanceOf(dealer1.address)).to.equal(10n * BILL);
    });

    it("redeemFor skips the holder it cannot pay and pays the others", async function () {
      const f = await networkHelpers.loadFixture(deployBillFalseReturning);
      const { bill, falseToken, treasurer, dealer1, dealer2 } = f;
      await maturedWith(f, [dealer1, dealer2], 10n * BILL);
      await bill.connect(treasurer).fundRedemption();
      await falseToken.setFailing(dealer1.address, true);
      const tx = bill.connect(treasurer).redeemFor([dealer1.address, dealer2.address]);
      await expect(tx)
        .to.emit(bill, "RedemptionSkipped")
        .withArgs(
          dealer1.address,
          bill.interface.encodeErrorResult("SafeERC20FailedOperation", [await falseToken.getAddress()]),
        );
      await expect(tx)
        .to.emit(bill, "Redeemed")
        .withArgs(dealer2.address, 10n * BILL, faceOf(10n * BILL));
      expect(await bill.balanceOf(dealer1.address)).to.equal(10n * BILL);
    });
  });

  it("the false-returning token settles normally for wallets not marked failing (control)", async function () {
    const f = await networkHelpers.loadFixture(deployBillFalseReturning);
    await issue(f, [[f.dealer1, 10n * BILL, PRICE]]);
    expect(await f.bill.balanceOf(f.dealer1.address)).to.equal(10n * BILL);
  });

  describe("a token that calls the bidder's or holder's code (hooks) cannot take a batch down", function () {
    /** Records 10 bills at PRICE for each of `bidders` (addresses); returns the ids. */
    async function recordFor(f: Awaited<ReturnType<typeof deployBillHooked>>, bidders: string[]) {
      const first = await f.bill.allotmentCount();
      await f.bill.connect(f.issuer).recordAllotments(
        AUCTION,
        bidders,
        bidders.map(() => 10n * BILL),
        bidders.map(() => PRICE),
      );
      return bidders.map((_, i) => first + BigInt(i));
    }

    it("settleAllotments: a bidder whose hook burns all its gas fails alone, the others settle, the batch stays cheap", async function () {
      const f = await networkHelpers.loadFixture(deployBillHooked);
      const { bill, hookToken, hostile, issuer, dealer1, dealer2, treasuryWallet } = f;
      const hostileAddress = await hostile.getAddress();
      await hostile.setMode(1, 0);
      const ids = await recordFor(f, [dealer1.address, hostileAddress, dealer2.address]);
      const tx = await bill.connect(issuer).settleAllotments(ids, { gasLimit: BATCH_GAS_LIMIT });
      const receipt = (await tx.wait())!;
      await expect(tx)
        .to.emit(bill, "AllotmentSettled")
        .withArgs(ids[0], dealer1.address, 10n * BILL, COST);
      await expect(tx).to.emit(bill, "AllotmentFailed").withArgs(ids[1], "0x");
      await expect(tx)
        .to.emit(bill, "AllotmentSettled")
        .withArgs(ids[2], dealer2.address, 10n * BILL, COST);
      await expect(tx).to.changeTokenBalances(ethers, hookToken, [treasuryWallet, hostile], [2n * COST, 0n]);
      expect(await bill.balanceOf(hostileAddress)).to.equal(0n);
      expect((await bill.allotment(ids[1])).status).to.equal(1n); // pending
      // The hostile step burnt at most its bound (600,000), not the 16 million the batch was sent with.
      expect(receipt.gasUsed).to.be.lessThan(1_500_000n);
    });

    it("settleAllotments: a bidder whose hook reverts with 100 kB of data is reported with its first 260 bytes", async function () {
      const f = await networkHelpers.loadFixture(deployBillHooked);
      const { bill, hostile, issuer, dealer1, dealer2 } = f;
      await hostile.setMode(2, 100_000n);
      const ids = await recordFor(f, [dealer1.address, await hostile.getAddress(), dealer2.address]);
      const tx = await bill.connect(issuer).settleAllotments(ids, { gasLimit: BATCH_GAS_LIMIT });
      const receipt = (await tx.wait())!;
      await expect(tx).to.emit(bill, "AllotmentFailed").withArgs(ids[1], hostileRevertData(MAX_REASON));
      await expect(tx)
        .to.emit(bill, "AllotmentSettled")
        .withArgs(ids[0], dealer1.address, 10n * BILL, COST);
      await expect(tx)
        .to.emit(bill, "AllotmentSettled")
        .withArgs(ids[2], dealer2.address, 10n * BILL, COST);
      expect(receipt.gasUsed).to.be.lessThan(1_500_000n);
    });

    it("redeemFor: a holder whose hook burns all its gas is skipped alone, the others are paid, the batch stays cheap", async function () {
      const f = await networkHelpers.loadFixture(deployBillHooked);
      const { bill, hookToken, hostile, issuer, treasurer, dealer1, dealer2 } = f;
      const hostileAddress = await hostile.getAddress();
      for (const holder of [dealer1.address, hostileAddress, dealer2.address]) {
        await bill.connect(issuer).mint(holder, 10n * BILL);
      }
      await networkHelpers.time.increaseTo(f.maturityDate);
      await bill.connect(treasurer).fundRedemption();
      await hostile.setMode(1, 0);
      const tx = await bill
        .connect(treasurer)
        .redeemFor([dealer1.address, hostileAddress, dealer2.address], { gasLimit: BATCH_GAS_LIMIT });
      const receipt = (await tx.wait())!;
      const paid = faceOf(10n * BILL);
      await expect(tx)
        .to.emit(bill, "Redeemed")
        .withArgs(dealer1.address, 10n * BILL, paid);
      await expect(tx).to.emit(bill, "RedemptionSkipped").withArgs(hostileAddress, "0x");
      await expect(tx)
        .to.emit(bill, "Redeemed")
        .withArgs(dealer2.address, 10n * BILL, paid);
      await expect(tx).to.changeTokenBalances(ethers, hookToken, [dealer1, dealer2, hostile], [paid, paid, 0n]);
      expect(await bill.balanceOf(hostileAddress)).to.equal(10n * BILL);
      expect(receipt.gasUsed).to.be.lessThan(1_500_000n);
      // Its claim is kept: paid once its hook accepts.
      await hostile.setMode(0, 0);
      await expect(bill.connect(treasurer).redeemFor([hostileAddress]))
        .to.emit(bill, "Redeemed")
        .withArgs(hostileAddress, 10n * BILL, paid);
    });

    it("a batch sent with too little gas for a step's bound reverts, instead of reporting an honest step as failed", async function () {
      const f = await networkHelpers.loadFixture(deployBillHooked);
      const { bill, issuer, dealer1, dealer2, dealer3 } = f;
      const ids = await recordFor(f, [dealer1.address, dealer2.address, dealer3.address]);
      const estimate = await bill.connect(issuer).settleAllotments.estimateGas(ids);
      await expect(bill.connect(issuer).settleAllotments(ids, { gasLimit: estimate - 50_000n }))
        .to.be.revertedWithCustomError(bill, "DebtSecurityBatchGasShort")
        .withArgs(anyValue, anyValue);
      // With the estimate, every honest step settles.
      const tx = bill.connect(issuer).settleAllotments(ids, { gasLimit: estimate });
      await expect(tx).not.to.emit(bill, "AllotmentFailed");
      expect(await bill.totalSupply()).to.equal(30n * BILL);
    });
  });
});
