import { expect } from "chai";
import { ethers, networkHelpers } from "../../fixtures.js";
import { BILL, deployBill, faceOf, FACE, issue, type BillFixture } from "./fixtures.js";

const PRICE = 98_750_000n;
const MATURED = 32n;
/** Awkward holdings, so that rounding shows. */
const HOLDING_1 = 600n * BILL + 123_456_789_012n;
const HOLDING_2 = 400n * BILL + 987_654_321n;

/** The bill with two dealers holding HOLDING_1 and HOLDING_2. */
async function issued(): Promise<BillFixture> {
  const f = await deployBill();
  await issue(f, [
    [f.dealer1, HOLDING_1, PRICE],
    [f.dealer2, HOLDING_2, PRICE],
  ]);
  return f;
}

/** The same, at maturity. */
async function matured(): Promise<BillFixture> {
  const f = await issued();
  await networkHelpers.time.increaseTo(f.maturityDate);
  return f;
}

/** The same, at maturity, with the redemption funded. */
async function funded(): Promise<BillFixture> {
  const f = await matured();
  await f.bill.connect(f.treasurer).fundRedemption();
  return f;
}

describe("TreasuryBill: maturity and redemption", function () {
  describe("maturity", function () {
    it("stops holder transfers at the maturity date, with code 32 and DebtSecurityMatured", async function () {
      const { bill, dealer1, dealer2, maturityDate } = await networkHelpers.loadFixture(issued);
      await networkHelpers.time.increaseTo(maturityDate - 2n);
      // Mined one second before maturity.
      await expect(bill.connect(dealer1).transfer(dealer2.address, BILL)).to.changeTokenBalance(
        ethers,
        bill,
        dealer2,
        BILL,
      );
      // Mined at maturity.
      await expect(bill.connect(dealer1).transfer(dealer2.address, BILL))
        .to.be.revertedWithCustomError(bill, "DebtSecurityMatured")
        .withArgs(maturityDate);
      await networkHelpers.time.increaseTo(maturityDate);
      expect(await bill.detectTransferRestriction(dealer1.address, dealer2.address, BILL)).to.equal(MATURED);
      expect(await bill.canTransfer(dealer1.address, dealer2.address, BILL)).to.equal(false);
      expect(await bill.canSend(dealer1.address)).to.equal(true); // account-level rules are unchanged
    });

    it("checks maturity before the core's rules and explains code 32", async function () {
      const { bill, pauser, dealer1, outsider } = await networkHelpers.loadFixture(matured);
      await bill.connect(pauser).pause();
      expect(await bill.detectTransferRestriction(dealer1.address, outsider.address, BILL)).to.equal(MATURED);
      expect(await bill.messageForTransferRestriction(MATURED)).to.equal(
        "Matured: transfers and issuance are closed, only redemption remains",
      );
      expect(await bill.messageForTransferRestriction(1n)).to.equal("Token is paused");
      expect(await bill.messageForTransferRestriction(33n)).to.equal("Unknown restriction code");
    });

    it("stops the core's mint, but not enforcement: a forced transfer and a recovery still work", async function () {
      const { bill, issuer, enforcer, dealer1, dealer1Spare, dealer2, maturityDate } =
        await networkHelpers.loadFixture(matured);
      await expect(bill.connect(issuer).mint(dealer1.address, BILL))
        .to.be.revertedWithCustomError(bill, "DebtSecurityMatured")
        .withArgs(maturityDate);
      await expect(bill.connect(enforcer).forcedTransfer(dealer2.address, dealer1.address, BILL)).to.changeTokenBalance(
        ethers,
        bill,
        dealer1,
        BILL,
      );
      await expect(bill.connect(enforcer).recoverWallet(dealer1.address, dealer1Spare.address))
        .to.emit(bill, "WalletRecovered")
        .withArgs(dealer1.address, dealer1Spare.address, HOLDING_1 + BILL, 0n);
    });
  });

  describe("fundRedemption", function () {
    it("pulls from the treasury wallet exactly the face value of the supply, rounded down", async function () {
      const { bill, usd, treasurer, treasuryWallet } = await networkHelpers.loadFixture(matured);
      const due = faceOf(HOLDING_1 + HOLDING_2);
      expect(due).to.equal(100_000_000_012n); // 1,000.000000124444443333 bills at 100 dollars
      expect(await bill.redemptionDue()).to.equal(due);
      const tx = bill.connect(treasurer).fundRedemption();
      await expect(tx).to.emit(bill, "RedemptionFunded").withArgs(due);
      await expect(tx).to.changeTokenBalances(ethers, usd, [treasuryWallet, bill], [-due, due]);
      expect(await bill.redemptionFunded()).to.equal(due);
      expect(await bill.redemptionDue()).to.equal(0n);
    });

    it("refuses a second call with nothing due", async function () {
      const { bill, treasurer } = await networkHelpers.loadFixture(funded);
      const due = faceOf(HOLDING_1 + HOLDING_2);
      await expect(bill.connect(treasurer).fundRedemption())
        .to.be.revertedWithCustomError(bill, "DebtSecurityNothingToFund")
        .withArgs(due, due);
    });

    it("refuses when nothing was ever issued", async function () {
      const { bill, treasurer } = await networkHelpers.loadFixture(deployBill);
      await expect(bill.connect(treasurer).fundRedemption())
        .to.be.revertedWithCustomError(bill, "DebtSecurityNothingToFund")
        .withArgs(0n, 0n);
    });

    it("may fund before maturity and tops up what later issuance adds", async function () {
      const f = await networkHelpers.loadFixture(issued);
      const { bill, usd, treasurer, treasuryWallet, dealer3 } = f;
      await bill.connect(treasurer).fundRedemption();
      await issue(f, [[dealer3, 5n * BILL + 1n, PRICE]]);
      const topUp = faceOf(HOLDING_1 + HOLDING_2 + 5n * BILL + 1n) - faceOf(HOLDING_1 + HOLDING_2);
      expect(topUp).to.equal(500n * 10n ** 6n);
      await expect(bill.connect(treasurer).fundRedemption()).to.changeTokenBalance(ethers, usd, treasuryWallet, -topUp);
    });

    it("tops up only what redemptions have not already covered", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { bill, treasurer, dealer1 } = f;
      await bill.connect(dealer1).redeem(HOLDING_1);
      // The dust kept by rounding each payout down covers the rest: nothing to fund.
      const available = faceOf(HOLDING_1 + HOLDING_2) - faceOf(HOLDING_1);
      await expect(bill.connect(treasurer).fundRedemption())
        .to.be.revertedWithCustomError(bill, "DebtSecurityNothingToFund")
        .withArgs(faceOf(HOLDING_2), available);
    });

    it("fails cleanly when the treasury wallet has not approved the bill", async function () {
      const { bill, usd, treasurer, treasuryWallet } = await networkHelpers.loadFixture(matured);
      await usd.connect(treasuryWallet).approve(await bill.getAddress(), 0n);
      await expect(bill.connect(treasurer).fundRedemption())
        .to.be.revertedWithCustomError(usd, "ERC20InsufficientAllowance")
        .withArgs(await bill.getAddress(), 0n, faceOf(HOLDING_1 + HOLDING_2));
    });
  });

  describe("redeem", function () {
    it("burns the bills and pays their face value, rounded down", async function () {
      const { bill, usd, dealer1 } = await networkHelpers.loadFixture(funded);
      const amount = 250n * BILL + 10n ** 10n + 1n; // 250.00000001 bills: 25,000.000001 dollars, and a bit
      const paid = 25_000_000_001n;
      expect(faceOf(amount)).to.equal(paid);
      const tx = bill.connect(dealer1).redeem(amount);
      await expect(tx).to.emit(bill, "Redeemed").withArgs(dealer1.address, amount, paid);
      await expect(tx).to.emit(bill, "Transfer").withArgs(dealer1.address, ethers.ZeroAddress, amount);
      await expect(tx).to.changeTokenBalances(ethers, usd, [dealer1, bill], [paid, -paid]);
      await expect(tx).to.changeTokenBalance(ethers, bill, dealer1, -amount);
      expect(await bill.redemptionPaid()).to.equal(paid);
    });

    it("pays nothing for less than one unit of face value (the rounding goes to the holder's loss, never the treasury's)", async function () {
      const { bill, usd, dealer1 } = await networkHelpers.loadFixture(funded);
      await expect(bill.connect(dealer1).redeem(10n ** 10n - 1n)).to.changeTokenBalance(ethers, usd, dealer1, 0n);
      await expect(bill.connect(dealer1).redeem(10n ** 10n)).to.changeTokenBalance(ethers, usd, dealer1, 1n);
    });

    it("is closed before the maturity date", async function () {
      const { bill, dealer1, maturityDate } = await networkHelpers.loadFixture(issued);
      await expect(bill.connect(dealer1).redeem(BILL))
        .to.be.revertedWithCustomError(bill, "DebtSecurityNotMatured")
        .withArgs(maturityDate);
    });

    it("refuses zero, more than the balance, and an unfunded payout", async function () {
      const { bill, treasurer, dealer1 } = await networkHelpers.loadFixture(matured);
      await expect(bill.connect(dealer1).redeem(0n))
        .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidAmount")
        .withArgs(0n);
      await expect(bill.connect(dealer1).redeem(BILL))
        .to.be.revertedWithCustomError(bill, "DebtSecurityInsufficientFunding")
        .withArgs(FACE, 0n);
      await bill.connect(treasurer).fundRedemption();
      await expect(bill.connect(dealer1).redeem(HOLDING_1 + 1n))
        .to.be.revertedWithCustomError(bill, "ERC20InsufficientBalance")
        .withArgs(dealer1.address, HOLDING_1, HOLDING_1 + 1n);
    });

    it("needs a holder that may send: a frozen holder keeps its claim and redeems once unfrozen", async function () {
      const { bill, usd, enforcer, dealer1 } = await networkHelpers.loadFixture(funded);
      await bill.connect(enforcer).setAddressFrozen(dealer1.address, true);
      await expect(bill.connect(dealer1).redeem(BILL))
        .to.be.revertedWithCustomError(bill, "ERC7943CannotSend")
        .withArgs(dealer1.address);
      await bill.connect(enforcer).setAddressFrozen(dealer1.address, false);
      await bill.connect(enforcer).setFrozenTokens(dealer1.address, HOLDING_1 - BILL);
      await expect(bill.connect(dealer1).redeem(2n * BILL))
        .to.be.revertedWithCustomError(bill, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(dealer1.address, 2n * BILL, BILL);
      await expect(bill.connect(dealer1).redeem(BILL)).to.changeTokenBalance(ethers, usd, dealer1, FACE);
    });

    it("an unverified holder's claim is redeemed from its replacement wallet after recovery", async function () {
      const { bill, usd, registry, kycAgent, enforcer, dealer1, dealer1Spare } =
        await networkHelpers.loadFixture(funded);
      await registry.connect(kycAgent).revokeInvestor(dealer1.address);
      await expect(bill.connect(dealer1).redeem(BILL))
        .to.be.revertedWithCustomError(bill, "ERC7943CannotSend")
        .withArgs(dealer1.address);
      await bill.connect(enforcer).recoverWallet(dealer1.address, dealer1Spare.address);
      await expect(bill.connect(dealer1Spare).redeem(HOLDING_1)).to.changeTokenBalance(
        ethers,
        usd,
        dealer1Spare,
        faceOf(HOLDING_1),
      );
    });

    it("is stopped by the pause", async function () {
      const { bill, pauser, dealer1 } = await networkHelpers.loadFixture(funded);
      await bill.connect(pauser).pause();
      await expect(bill.connect(dealer1).redeem(BILL)).to.be.revertedWithCustomError(bill, "EnforcedPause");
    });
  });

  describe("redeemFor", function () {
    it("redeems the whole balance of each holder", async function () {
      const { bill, usd, treasurer, dealer1, dealer2 } = await networkHelpers.loadFixture(funded);
      const tx = bill.connect(treasurer).redeemFor([dealer1.address, dealer2.address]);
      await expect(tx).to.emit(bill, "Redeemed").withArgs(dealer1.address, HOLDING_1, faceOf(HOLDING_1));
      await expect(tx).to.emit(bill, "Redeemed").withArgs(dealer2.address, HOLDING_2, faceOf(HOLDING_2));
      await expect(tx).to.changeTokenBalances(ethers, usd, [dealer1, dealer2], [faceOf(HOLDING_1), faceOf(HOLDING_2)]);
      expect(await bill.totalSupply()).to.equal(0n);
    });

    it("skips, with the reason, a holder who cannot be paid; it keeps its claim", async function () {
      const { bill, usd, treasurer, enforcer, dealer1, dealer2, dealer3 } = await networkHelpers.loadFixture(funded);
      await bill.connect(enforcer).setAddressFrozen(dealer1.address, true);
      const tx = bill.connect(treasurer).redeemFor([dealer1.address, dealer3.address, dealer2.address]);
      await expect(tx)
        .to.emit(bill, "RedemptionSkipped")
        .withArgs(dealer1.address, bill.interface.encodeErrorResult("ERC7943CannotSend", [dealer1.address]));
      await expect(tx)
        .to.emit(bill, "RedemptionSkipped")
        .withArgs(dealer3.address, bill.interface.encodeErrorResult("DebtSecurityInvalidAmount", [0n]));
      await expect(tx).to.changeTokenBalances(ethers, usd, [dealer1, dealer2], [0n, faceOf(HOLDING_2)]);
      expect(await bill.balanceOf(dealer1.address)).to.equal(HOLDING_1);
      await bill.connect(enforcer).setAddressFrozen(dealer1.address, false);
      await expect(bill.connect(treasurer).redeemFor([dealer1.address])).to.changeTokenBalance(
        ethers,
        usd,
        dealer1,
        faceOf(HOLDING_1),
      );
    });

    it("skips every holder while the redemption is not funded", async function () {
      const { bill, treasurer, dealer1 } = await networkHelpers.loadFixture(matured);
      await expect(bill.connect(treasurer).redeemFor([dealer1.address]))
        .to.emit(bill, "RedemptionSkipped")
        .withArgs(
          dealer1.address,
          bill.interface.encodeErrorResult("DebtSecurityInsufficientFunding", [faceOf(HOLDING_1), 0n]),
        );
    });

    it("is closed before the maturity date", async function () {
      const { bill, treasurer, dealer1, maturityDate } = await networkHelpers.loadFixture(issued);
      await expect(bill.connect(treasurer).redeemFor([dealer1.address]))
        .to.be.revertedWithCustomError(bill, "DebtSecurityNotMatured")
        .withArgs(maturityDate);
    });

    it("redeemBalanceOf, its one-holder step, may be called by the bill itself only", async function () {
      const { bill, treasurer, dealer1 } = await networkHelpers.loadFixture(funded);
      for (const caller of [treasurer, dealer1]) {
        await expect(bill.connect(caller).redeemBalanceOf(dealer1.address))
          .to.be.revertedWithCustomError(bill, "DebtSecurityOnlySelf")
          .withArgs(caller.address);
      }
    });
  });

  describe("conservation (property)", function () {
    it("pays each holder exactly the face value of what it burns, never more than funded", async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const { bill, usd, treasurer, dealer1, dealer2, dealer3, fund } = f;
      const holders = [dealer1, dealer2, dealer3, fund];
      let seed = 0x2545f4914f6cdd1dn;
      const random = (bound: bigint) => {
        seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
        return (seed >> 11n) % bound;
      };
      await issue(
        f,
        holders.map((h) => [h, 1n + random(5_000n * BILL), 90_000_000n + random(10_000_000n)] as const),
      );
      await networkHelpers.time.increaseTo(f.maturityDate);
      await bill.connect(treasurer).fundRedemption();
      const funded = await bill.redemptionFunded();
      const billAddress = await bill.getAddress();
      for (let step = 0; step < 40; ++step) {
        const holder = holders[Number(random(BigInt(holders.length)))];
        const balance = await bill.balanceOf(holder.address);
        if (balance === 0n) continue;
        const amount = step % 5 === 4 ? balance : 1n + random(balance);
        const before = await usd.balanceOf(holder.address);
        await bill.connect(holder).redeem(amount);
        expect((await usd.balanceOf(holder.address)) - before).to.equal(faceOf(amount));
        const paid = await bill.redemptionPaid();
        expect(paid + (await usd.balanceOf(billAddress))).to.equal(funded);
        expect(paid <= funded).to.equal(true);
        // What is left always covers what is still outstanding.
        expect(funded - paid >= faceOf(await bill.totalSupply())).to.equal(true);
      }
      await bill.connect(treasurer).redeemFor(holders.map((h) => h.address));
      expect(await bill.totalSupply()).to.equal(0n);
      const dust = funded - (await bill.redemptionPaid());
      expect(dust).to.equal(await usd.balanceOf(billAddress));
      expect(dust < 45n).to.equal(true); // at most one base unit per redemption
      // No holder can claim the dust: the treasury sweeps it, to the last unit.
      if (dust > 0n) {
        await expect(bill.connect(treasurer).sweepRedemptionSurplus()).to.changeTokenBalance(
          ethers,
          usd,
          f.treasuryWallet,
          dust,
        );
      }
      expect(await usd.balanceOf(billAddress)).to.equal(0n);
    });
  });

  describe("sweepRedemptionSurplus", function () {
    it("after an issuer burn, returns exactly the burnt part's face value; every remaining holder still redeems in full", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { bill, usd, issuer, treasurer, treasuryWallet, dealer1, dealer2 } = f;
      const burnt = 250n * BILL + 50_000_000_000n;
      await bill.connect(issuer).burn(dealer1.address, burnt);
      // Independent computation: funded for the old supply, liable for the new one, each rounded down.
      const surplus = faceOf(HOLDING_1 + HOLDING_2) - faceOf(HOLDING_1 + HOLDING_2 - burnt);
      expect(surplus).to.equal(25_000_000_005n);
      expect(surplus).to.equal(faceOf(burnt)); // the burnt part's payout
      const tx = bill.connect(treasurer).sweepRedemptionSurplus();
      await expect(tx).to.emit(bill, "RedemptionSurplusSwept").withArgs(surplus);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bill, treasuryWallet], [-surplus, surplus]);
      expect(await bill.redemptionFunded()).to.equal(faceOf(HOLDING_1 + HOLDING_2) - surplus);
      expect(await bill.redemptionDue()).to.equal(0n);
      // Every remaining holder is paid in full afterwards.
      await expect(bill.connect(dealer1).redeem(HOLDING_1 - burnt)).to.changeTokenBalance(
        ethers,
        usd,
        dealer1,
        faceOf(HOLDING_1 - burnt),
      );
      await expect(bill.connect(dealer2).redeem(HOLDING_2)).to.changeTokenBalance(
        ethers,
        usd,
        dealer2,
        faceOf(HOLDING_2),
      );
      expect(await bill.totalSupply()).to.equal(0n);
    });

    it("refuses with nothing to sweep: a redemption exactly funded, or not funded at all", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { bill, treasurer } = f;
      const due = faceOf(HOLDING_1 + HOLDING_2);
      await expect(bill.connect(treasurer).sweepRedemptionSurplus())
        .to.be.revertedWithCustomError(bill, "DebtSecurityNothingToSweep")
        .withArgs(due, due);
      const unfunded = await networkHelpers.loadFixture(issued);
      await expect(unfunded.bill.connect(unfunded.treasurer).sweepRedemptionSurplus())
        .to.be.revertedWithCustomError(unfunded.bill, "DebtSecurityNothingToSweep")
        .withArgs(0n, due);
    });

    it("never takes what holders can claim: funded before maturity, swept, then issuance tops up again", async function () {
      const f = await networkHelpers.loadFixture(issued);
      const { bill, usd, issuer, treasurer, treasuryWallet, dealer2 } = f;
      await bill.connect(treasurer).fundRedemption();
      await bill.connect(issuer).burn(dealer2.address, HOLDING_2);
      await expect(bill.connect(treasurer).sweepRedemptionSurplus()).to.changeTokenBalance(
        ethers,
        usd,
        treasuryWallet,
        faceOf(HOLDING_1 + HOLDING_2) - faceOf(HOLDING_1),
      );
      expect(await usd.balanceOf(await bill.getAddress())).to.equal(faceOf(HOLDING_1));
      await expect(bill.connect(treasurer).sweepRedemptionSurplus()).to.be.revertedWithCustomError(
        bill,
        "DebtSecurityNothingToSweep",
      );
    });

    it("needs TREASURY_ROLE", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { bill, issuer, dealer1, admin } = f;
      await bill.connect(issuer).burn(dealer1.address, BILL);
      const role = await bill.TREASURY_ROLE();
      for (const caller of [dealer1, issuer, admin]) {
        await expect(bill.connect(caller).sweepRedemptionSurplus())
          .to.be.revertedWithCustomError(bill, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, role);
      }
    });
  });
});
