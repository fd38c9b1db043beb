import { expect } from "chai";
import { ethers, networkHelpers } from "../../fixtures.js";
import {
  BILL,
  DEALER_CASH,
  deployBillFalseReturning,
  deployBillFeeOnTransfer,
  deployBillReentrant,
  faceOf,
  issue,
  openRollover,
  record,
  type BillFixture,
} from "./fixtures.js";

const PRICE = 98_750_000n;
const COST = 987_500_000n; // 10 bills at 98.75 dollars

/** Mints `amount` to `holder` without payment (the core's mint) and moves to maturity. */
async function maturedWith(f: BillFixture, holders: BillFixture["dealer1"][], amount: bigint) {
  for (const holder of holders) await f.bill.connect(f.issuer).mint(holder.address, amount);
  await networkHelpers.time.increaseTo(f.maturityDate);
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
});
