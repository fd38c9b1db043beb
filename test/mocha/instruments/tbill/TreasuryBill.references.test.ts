import { expect } from "chai";
import type { Interface } from "ethers";
import { ethers, networkHelpers } from "../../fixtures.js";
import { BILL, deployBill, deployBillReentrant, record } from "./fixtures.js";

const REF = ethers.id("Ministry decision 2026-41");
const PRICE = 98_750_000n;

/**
 * withReference runs the call by DELEGATECALL to the bill itself: `msg.sender` stays the external
 * caller, so the steps that accept only the bill as caller (onlySelf) and the re-entrancy lock
 * hold exactly as for a direct call.
 */
describe("TreasuryBill: withReference grants nothing", function () {
  it("a caller holding every role cannot reach the bill-only steps through withReference", async function () {
    const f = await networkHelpers.loadFixture(deployBill);
    const { bill, admin, treasurer, outsider } = f;
    for (const role of [await bill.ISSUER_ROLE(), await bill.TREASURY_ROLE()])
      await bill.connect(admin).grantRole(role, admin.address);
    const [id] = await record(f, [[f.dealer1, 10n * BILL, PRICE]]);
    for (const caller of [admin, treasurer, outsider]) {
      for (const step of [
        bill.interface.encodeFunctionData("settleAllotment", [id]),
        bill.interface.encodeFunctionData("redeemBalanceOf", [f.dealer1.address]),
      ]) {
        await expect(bill.connect(caller).withReference(REF, step))
          .to.be.revertedWithCustomError(bill, "DebtSecurityOnlySelf")
          .withArgs(caller.address);
      }
    }
    expect((await bill.allotment(id)).status).to.equal(1n); // still Pending
  });

  it("a settlement token that re-enters through withReference meets the re-entrancy lock and onlySelf", async function () {
    const f = await networkHelpers.loadFixture(deployBillReentrant);
    const { bill, reentrantToken, issuer, dealer1, dealer2 } = f;
    const ids = await record(f, [
      [dealer1, 10n * BILL, PRICE],
      [dealer2, 10n * BILL, PRICE],
    ]);
    const tokenAddress = await reentrantToken.getAddress();
    // The token holds ISSUER_ROLE, so that only the lock can stop a wrapped settleAllotments.
    await bill.connect(f.admin).grantRole(await bill.ISSUER_ROLE(), tokenAddress);
    const wrap = (fn: string, args: unknown[]) =>
      bill.interface.encodeFunctionData("withReference", [
        REF,
        (bill.interface as Interface).encodeFunctionData(fn, args),
      ]);

    await reentrantToken.setHook(dealer1.address, await bill.getAddress(), wrap("settleAllotments", [[ids[1]]]));
    await expect(bill.connect(issuer).settleAllotments([ids[0]]))
      .to.emit(bill, "AllotmentFailed")
      .withArgs(ids[0], bill.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []));

    await reentrantToken.setHook(dealer1.address, await bill.getAddress(), wrap("settleAllotment", [ids[1]]));
    await expect(bill.connect(issuer).settleAllotments([ids[0]]))
      .to.emit(bill, "AllotmentFailed")
      .withArgs(ids[0], bill.interface.encodeErrorResult("DebtSecurityOnlySelf", [tokenAddress]));
    expect(await bill.totalSupply()).to.equal(0n);
  });

  it("the issuer's wrapped settlement settles, ActionReferenced first", async function () {
    const f = await networkHelpers.loadFixture(deployBill);
    const { bill, issuer, dealer1 } = f;
    const ids = await record(f, [[dealer1, 10n * BILL, PRICE]]);
    const tx = bill.connect(issuer).withReference(REF, bill.interface.encodeFunctionData("settleAllotments", [ids]));
    const receipt = await (await tx).wait();
    const billAddress = (await bill.getAddress()).toLowerCase();
    const names = receipt!.logs
      .filter((log) => log.address.toLowerCase() === billAddress)
      .map((log) => bill.interface.parseLog(log)!.name);
    expect(names[0]).to.equal("ActionReferenced");
    expect(names).to.include("AllotmentSettled");
    expect(await bill.balanceOf(dealer1.address)).to.equal(10n * BILL);
  });
});
