import { expect } from "chai";
import {
  type CommodityFixture,
  deployCommodityToken,
  DELIVERY_REF,
  ethers,
  HOLDING,
  Kind,
  networkHelpers,
  State,
} from "./fixture.js";

/**
 * A holder's own action never bypasses the holder rules: cancelling a redemption request returns the
 * escrowed tokens under the transfer rules for the receiver (pause, eligibility, maximum balance and
 * holders, compliance module). The custodian's rejection stays an enforcement release. And the
 * compliance module sees the escrow one way: as the token's own address.
 */

/** The fixture with a compliance officer (the admin) and alice's request 1 of her whole holding. */
async function withWholeRequest(): Promise<CommodityFixture> {
  const f = await networkHelpers.loadFixture(deployCommodityToken);
  await f.token.connect(f.admin).grantRole(await f.token.COMPLIANCE_ROLE(), f.admin.address);
  await f.token.connect(f.alice).requestRedemption(HOLDING, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
  return f;
}

/** Request 1 is still pending with its tokens in escrow. */
async function expectPending(f: CommodityFixture, amount: bigint): Promise<void> {
  expect((await f.token.redemption(1n)).state).to.equal(State.PENDING);
  expect(await f.token.balanceOf(await f.token.getAddress())).to.equal(amount);
}

describe("CommodityReserveToken: holder rules on cancelled redemptions", function () {
  it("a cancel never takes holderCount above maxHolders (escrow all, another holder takes the slot)", async function () {
    const f = await withWholeRequest();
    await f.token.connect(f.admin).setMaxHolders(2);
    expect(await f.token.holderCount()).to.equal(1n); // alice's tokens are escrowed
    await f.token.connect(f.bob).transfer(f.carol.address, 1n); // carol takes the free slot
    expect(await f.token.holderCount()).to.equal(2n);

    await expect(f.token.connect(f.alice).cancelRedemption(1n))
      .to.be.revertedWithCustomError(f.token, "RegulatedTokenMaxHoldersReached")
      .withArgs(f.alice.address, 2n);
    expect(await f.token.holderCount()).to.equal(2n);
    await expectPending(f, HOLDING);

    // When the rules allow again, the same request can still be cancelled.
    await f.token.connect(f.carol).transfer(f.bob.address, 1n);
    await expect(f.token.connect(f.alice).cancelRedemption(1n))
      .to.emit(f.token, "RedemptionCancelled")
      .withArgs(1n, f.alice.address, HOLDING);
    expect(await f.token.holderCount()).to.equal(2n);
    expect(await f.token.balanceOf(f.alice)).to.equal(HOLDING);
  });

  it("a cancel is refused while paused; the request stays pending and is cancelled after the pause", async function () {
    const f = await withWholeRequest();
    await f.token.connect(f.pauser).pause();
    await expect(f.token.connect(f.alice).cancelRedemption(1n)).to.be.revertedWithCustomError(f.token, "EnforcedPause");
    await expectPending(f, HOLDING);
    await f.token.connect(f.pauser).unpause();
    await expect(f.token.connect(f.alice).cancelRedemption(1n)).to.changeTokenBalances(
      ethers,
      f.token,
      [f.token, f.alice],
      [-HOLDING, HOLDING],
    );
    expect((await f.token.redemption(1n)).state).to.equal(State.CANCELLED);
  });

  it("a cancel is refused when it would exceed the maximum balance; allowed once within it", async function () {
    const f = await withWholeRequest();
    await f.token.connect(f.admin).setMaxBalance(HOLDING + 1n);
    await f.token.connect(f.bob).transfer(f.alice.address, 2n); // alice would end at HOLDING + 2
    await expect(f.token.connect(f.alice).cancelRedemption(1n))
      .to.be.revertedWithCustomError(f.token, "RegulatedTokenMaxBalanceExceeded")
      .withArgs(f.alice.address, HOLDING + 2n, HOLDING + 1n);
    await expectPending(f, HOLDING);
    await f.token.connect(f.alice).transfer(f.bob.address, 1n);
    await f.token.connect(f.alice).cancelRedemption(1n);
    expect(await f.token.balanceOf(f.alice)).to.equal(HOLDING + 1n);
  });

  it("the custodian's rejection stays an enforcement release: beyond maxHolders and while paused", async function () {
    const f = await withWholeRequest();
    await f.token.connect(f.admin).setMaxHolders(2);
    await f.token.connect(f.bob).transfer(f.carol.address, 1n);
    await f.token.connect(f.pauser).pause();
    await f.token.connect(f.custodian).rejectRedemption(1n, "vault closed");
    expect(await f.token.balanceOf(f.alice)).to.equal(HOLDING);
    expect(await f.token.holderCount()).to.equal(3n);
  });

  it("the compliance module sees the escrow as the token's address in canTransfer and in transferred", async function () {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const { token, admin, alice, custodian } = f;
    const module = await ethers.deployContract("ComplianceModuleMock");
    await token.connect(admin).grantRole(await token.COMPLIANCE_ROLE(), admin.address);
    await token.connect(admin).setComplianceModule(await module.getAddress());
    const escrow = await token.getAddress();
    const notified = async (index: bigint) => {
      const n = await module.notification(index);
      return [n.from, n.to, n.amount];
    };

    // Into escrow: refused by canTransfer for (alice, token), then told (alice, token).
    await module.setBlocked(escrow, true);
    await expect(token.connect(alice).requestRedemption(100n, Kind.CASH_SETTLEMENT, DELIVERY_REF))
      .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
      .withArgs(alice.address, escrow, 100n);
    await module.setBlocked(escrow, false);
    await token.connect(alice).requestRedemption(100n, Kind.CASH_SETTLEMENT, DELIVERY_REF);
    await token.connect(alice).requestRedemption(200n, Kind.CASH_SETTLEMENT, DELIVERY_REF);
    await token.connect(alice).requestRedemption(300n, Kind.CASH_SETTLEMENT, DELIVERY_REF);
    const first = (await module.transferredCalls()) - 3n;
    expect(await notified(first)).to.deep.equal([alice.address, escrow, 100n]);

    // Cancel: refused by canTransfer for (token, alice), then told (token, alice).
    await module.setBlockedSender(escrow, true);
    await expect(token.connect(alice).cancelRedemption(1n))
      .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
      .withArgs(escrow, alice.address, 100n);
    expect((await token.redemption(1n)).state).to.equal(State.PENDING);
    await module.setBlockedSender(escrow, false);
    await token.connect(alice).cancelRedemption(1n);
    expect(await notified(first + 3n)).to.deep.equal([escrow, alice.address, 100n]);

    // The custodian's decisions are not asked, and are told from the token's address.
    await module.setBlockedSender(escrow, true);
    await token.connect(custodian).rejectRedemption(2n, "wrong account");
    await token.connect(custodian).fulfilRedemption(3n);
    expect(await notified(first + 4n)).to.deep.equal([escrow, alice.address, 200n]);
    expect(await notified(first + 5n)).to.deep.equal([escrow, ethers.ZeroAddress, 300n]);
  });
});
