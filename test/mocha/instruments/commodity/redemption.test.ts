import { expect } from "chai";
import { ZeroHash } from "ethers";
import {
  attest,
  capacityOf,
  CASH_REF,
  ceilDiv,
  type CommodityFixture,
  deployCommodityToken,
  DELIVERY_REF,
  ethers,
  HOLDING,
  INITIAL_RESERVES,
  Kind,
  MG_PER_TOKEN,
  networkHelpers,
  State,
  timeOf,
  UNIT,
} from "./fixture.js";

const SUPPLY = 2n * HOLDING;
/** An amount with every digit significant, down to the last base unit. */
const ODD = 123n * UNIT + 456_789_012_345_678_901n;

/** Escrowed plus circulating balances of every account that can hold tokens. */
async function sumOfBalances(f: CommodityFixture): Promise<bigint> {
  let sum = 0n;
  for (const account of [f.alice, f.bob, f.carol, f.token]) sum += await f.token.balanceOf(account);
  return sum;
}

/** The fixture with request 1: Alice escrows {@link ODD} for physical delivery. */
async function withRequest() {
  const f = await networkHelpers.loadFixture(deployCommodityToken);
  const tx = await f.token.connect(f.alice).requestRedemption(ODD, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
  return { ...f, requestedAt: await timeOf(tx) };
}

describe("CommodityReserveToken: redemption", function () {
  describe("requestRedemption", function () {
    it("escrows the amount in the token, to the last base unit, and records a pending request", async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      expect(
        await f.token.connect(f.alice).requestRedemption.staticCall(ODD, Kind.PHYSICAL_DELIVERY, DELIVERY_REF),
      ).to.equal(1n);
      const tx = f.token.connect(f.alice).requestRedemption(ODD, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.alice, f.token], [-ODD, ODD]);
      await expect(tx)
        .to.emit(f.token, "RedemptionRequested")
        .withArgs(1n, f.alice.address, ODD, Kind.PHYSICAL_DELIVERY, DELIVERY_REF)
        .and.to.emit(f.token, "Transfer")
        .withArgs(f.alice.address, await f.token.getAddress(), ODD);
      const r = await f.token.redemption(1n);
      expect([r.holder, r.kind, r.state, r.requestedAt, r.amount, r.settlementReference]).to.deep.equal([
        f.alice.address,
        Kind.PHYSICAL_DELIVERY,
        State.PENDING,
        await timeOf(await tx),
        ODD,
        DELIVERY_REF,
      ]);
      expect(await f.token.redemptionCount()).to.equal(1n);
      expect(await f.token.balanceOf(f.alice)).to.equal(HOLDING - ODD);
      expect(await f.token.totalSupply()).to.equal(SUPPLY);
      expect(await sumOfBalances(f)).to.equal(SUPPLY);
    });

    it("numbers requests from 1 and records cash settlements", async function () {
      const f = await withRequest();
      await expect(f.token.connect(f.bob).requestRedemption(HOLDING, Kind.CASH_SETTLEMENT, CASH_REF))
        .to.emit(f.token, "RedemptionRequested")
        .withArgs(2n, f.bob.address, HOLDING, Kind.CASH_SETTLEMENT, CASH_REF);
      const r = await f.token.redemption(2n);
      expect([r.holder, r.kind, r.amount]).to.deep.equal([f.bob.address, Kind.CASH_SETTLEMENT, HOLDING]);
      expect(await f.token.redemptionCount()).to.equal(2n);
      expect(await f.token.balanceOf(f.token)).to.equal(ODD + HOLDING);
      const unknown = await f.token.redemption(3n);
      expect([unknown.holder, unknown.state, unknown.amount]).to.deep.equal([ethers.ZeroAddress, State.NONE, 0n]);
    });

    it("refuses a zero amount or a zero reference", async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      await expect(f.token.connect(f.alice).requestRedemption(0n, Kind.PHYSICAL_DELIVERY, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveInvalidRedemption")
        .withArgs(0n, DELIVERY_REF);
      await expect(f.token.connect(f.alice).requestRedemption(UNIT, Kind.CASH_SETTLEMENT, ZeroHash))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveInvalidRedemption")
        .withArgs(UNIT, ZeroHash);
    });

    it("refuses more than the holder's balance", async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      await expect(f.token.connect(f.alice).requestRedemption(HOLDING + 1n, Kind.PHYSICAL_DELIVERY, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.token, "ERC20InsufficientBalance")
        .withArgs(f.alice.address, HOLDING, HOLDING + 1n);
      await expect(f.token.connect(f.carol).requestRedemption(1n, Kind.PHYSICAL_DELIVERY, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.token, "ERC20InsufficientBalance")
        .withArgs(f.carol.address, 0n, 1n);
    });

    it("refuses a frozen holder, frozen tokens, a revoked holder and a paused token", async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      await f.token.connect(f.enforcer).setAddressFrozen(f.alice.address, true);
      await expect(f.token.connect(f.alice).requestRedemption(UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotSend")
        .withArgs(f.alice.address);

      await f.token.connect(f.enforcer).setFrozenTokens(f.bob.address, HOLDING - UNIT);
      await expect(f.token.connect(f.bob).requestRedemption(UNIT + 1n, Kind.PHYSICAL_DELIVERY, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.bob.address, UNIT + 1n, UNIT);
      await expect(f.token.connect(f.bob).requestRedemption(UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF)).to.emit(
        f.token,
        "RedemptionRequested",
      );

      await f.registry.connect(f.kycAgent).revokeInvestor(f.bob.address);
      await expect(f.token.connect(f.bob).requestRedemption(UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotSend")
        .withArgs(f.bob.address);

      await f.token.connect(f.enforcer).setAddressFrozen(f.alice.address, false);
      await f.token.connect(f.pauser).pause();
      await expect(
        f.token.connect(f.alice).requestRedemption(UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF),
      ).to.be.revertedWithCustomError(f.token, "EnforcedPause");
      expect(await f.token.redemptionCount()).to.equal(1n);
    });
  });

  describe("fulfilRedemption", function () {
    it("burns the escrowed tokens and marks the request fulfilled", async function () {
      const f = await withRequest();
      const tx = f.token.connect(f.custodian).fulfilRedemption(1n);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.token, f.alice], [-ODD, 0n]);
      await expect(tx)
        .to.emit(f.token, "RedemptionFulfilled")
        .withArgs(1n, f.alice.address, ODD)
        .and.to.emit(f.token, "Transfer")
        .withArgs(await f.token.getAddress(), ethers.ZeroAddress, ODD);
      expect((await f.token.redemption(1n)).state).to.equal(State.FULFILLED);
      expect(await f.token.totalSupply()).to.equal(SUPPLY - ODD);
      expect(await sumOfBalances(f)).to.equal(SUPPLY - ODD);
    });

    it("a physical delivery takes its metal out of the reserves: the supply it burns cannot be minted again", async function () {
      const f = await withRequest();
      await f.token.connect(f.custodian).fulfilRedemption(1n);
      // ODD base units are 123,456.789... mg of gold, counted as 123,457 mg (rounded up).
      const delivered = ceilDiv(ODD * MG_PER_TOKEN, UNIT);
      expect(delivered).to.equal(123_457n);
      expect(await f.token.reservesDeliveredSince(f.attestedAt)).to.equal(delivered);
      expect(await f.token.currentReserves()).to.deep.equal([INITIAL_RESERVES - delivered, f.attestedAt]);
      const capacity = capacityOf(INITIAL_RESERVES - delivered);
      expect(await f.token.reserveCapacity()).to.equal(capacity);
      const remaining = capacity - (SUPPLY - ODD);
      await expect(f.token.connect(f.issuer).mint(f.carol.address, remaining + 1n))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
        .withArgs(capacity + 1n, capacity);
      await f.token.connect(f.issuer).mint(f.carol.address, remaining);
      expect(await f.token.totalSupply()).to.equal(capacity);
      expect(capacity).to.be.lessThan(10_000n * UNIT - ODD);
    });

    it("a cash settlement leaves the metal in custody: the capacity it frees may be minted to the last base unit", async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      await f.token.connect(f.alice).requestRedemption(ODD, Kind.CASH_SETTLEMENT, CASH_REF);
      await f.token.connect(f.custodian).fulfilRedemption(1n);
      expect(await f.token.reservesDeliveredSince(0n)).to.equal(0n);
      expect(await f.token.currentReserves()).to.deep.equal([INITIAL_RESERVES, f.attestedAt]);
      const remaining = 10_000n * UNIT - (SUPPLY - ODD);
      await expect(f.token.connect(f.issuer).mint(f.carol.address, remaining + 1n))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveCapacityExceeded")
        .withArgs(10_000n * UNIT + 1n, 10_000n * UNIT);
      await f.token.connect(f.issuer).mint(f.carol.address, remaining);
      expect(await f.token.totalSupply()).to.equal(10_000n * UNIT);
    });

    it("works for a holder who was frozen or revoked since the request", async function () {
      const f = await withRequest();
      await f.token.connect(f.enforcer).setAddressFrozen(f.alice.address, true);
      await f.registry.connect(f.kycAgent).revokeInvestor(f.alice.address);
      await expect(f.token.connect(f.custodian).fulfilRedemption(1n))
        .to.emit(f.token, "RedemptionFulfilled")
        .withArgs(1n, f.alice.address, ODD);
    });

    it("settles while the token is paused: releasing escrow is an enforcement action", async function () {
      const f = await withRequest();
      await f.token.connect(f.pauser).pause();
      await expect(f.token.connect(f.custodian).fulfilRedemption(1n))
        .to.emit(f.token, "RedemptionFulfilled")
        .withArgs(1n, f.alice.address, ODD);
      expect((await f.token.redemption(1n)).state).to.equal(State.FULFILLED);
    });
  });

  describe("rejectRedemption", function () {
    it("returns the escrowed tokens to the holder with a reason", async function () {
      const f = await withRequest();
      const reason = "Delivery address outside the custodian's territory";
      const tx = f.token.connect(f.custodian).rejectRedemption(1n, reason);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.token, f.alice], [-ODD, ODD]);
      await expect(tx).to.emit(f.token, "RedemptionRejected").withArgs(1n, f.alice.address, ODD, reason);
      expect((await f.token.redemption(1n)).state).to.equal(State.REJECTED);
      expect(await f.token.totalSupply()).to.equal(SUPPLY);
      expect(await f.token.balanceOf(f.alice)).to.equal(HOLDING);
    });

    it("refuses an empty reason", async function () {
      const f = await withRequest();
      await expect(f.token.connect(f.custodian).rejectRedemption(1n, ""))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveEmptyReason")
        .withArgs(1n);
    });

    it("cannot return tokens to a holder who may not receive: the request stays pending and can be fulfilled", async function () {
      const f = await withRequest();
      await f.token.connect(f.enforcer).setAddressFrozen(f.alice.address, true);
      await expect(f.token.connect(f.custodian).rejectRedemption(1n, "Sanctions screening"))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotReceive")
        .withArgs(f.alice.address);
      expect((await f.token.redemption(1n)).state).to.equal(State.PENDING);
      expect(await f.token.balanceOf(f.token)).to.equal(ODD);
      await expect(f.token.connect(f.custodian).fulfilRedemption(1n)).to.emit(f.token, "RedemptionFulfilled");
    });

    it("returns tokens even when reserves are stale or short: returning is not minting", async function () {
      const f = await withRequest();
      await attest(f, 1n, 1);
      expect(await f.token.isUnderCollateralised()).to.equal(true);
      await expect(f.token.connect(f.custodian).rejectRedemption(1n, "Incomplete instructions")).to.changeTokenBalance(
        ethers,
        f.token,
        f.alice,
        ODD,
      );
    });
  });

  describe("cancelRedemption", function () {
    it("lets the requester withdraw a pending request", async function () {
      const f = await withRequest();
      const tx = f.token.connect(f.alice).cancelRedemption(1n);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.token, f.alice], [-ODD, ODD]);
      await expect(tx).to.emit(f.token, "RedemptionCancelled").withArgs(1n, f.alice.address, ODD);
      expect((await f.token.redemption(1n)).state).to.equal(State.CANCELLED);
    });

    it("refuses anyone but the requester, the custodian included", async function () {
      const f = await withRequest();
      for (const caller of [f.bob, f.custodian, f.admin]) {
        await expect(f.token.connect(caller).cancelRedemption(1n))
          .to.be.revertedWithCustomError(f.token, "CommodityReserveNotRequester")
          .withArgs(1n, caller.address);
      }
      expect((await f.token.redemption(1n)).state).to.equal(State.PENDING);
    });
  });

  describe("no request is settled twice", function () {
    const settlements = {
      fulfil: (f: CommodityFixture) => f.token.connect(f.custodian).fulfilRedemption(1n),
      reject: (f: CommodityFixture) => f.token.connect(f.custodian).rejectRedemption(1n, "No stock"),
      cancel: (f: CommodityFixture) => f.token.connect(f.alice).cancelRedemption(1n),
    };
    const finalState = { fulfil: State.FULFILLED, reject: State.REJECTED, cancel: State.CANCELLED };

    for (const first of ["fulfil", "reject", "cancel"] as const) {
      for (const second of ["fulfil", "reject", "cancel"] as const) {
        it(`${second} after ${first} reverts and moves nothing`, async function () {
          const f = await withRequest();
          await settlements[first](f);
          const balances = [await f.token.balanceOf(f.alice), await f.token.balanceOf(f.token)];
          const supply = await f.token.totalSupply();
          await expect(settlements[second](f))
            .to.be.revertedWithCustomError(f.token, "CommodityReserveRedemptionNotPending")
            .withArgs(1n, finalState[first]);
          expect([await f.token.balanceOf(f.alice), await f.token.balanceOf(f.token)]).to.deep.equal(balances);
          expect(await f.token.totalSupply()).to.equal(supply);
          expect(await f.token.balanceOf(f.token)).to.equal(0n);
        });
      }
    }

    it("an unknown request cannot be settled", async function () {
      const f = await withRequest();
      await expect(f.token.connect(f.custodian).fulfilRedemption(2n))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveRedemptionNotPending")
        .withArgs(2n, State.NONE);
      await expect(f.token.connect(f.custodian).rejectRedemption(0n, "x"))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveRedemptionNotPending")
        .withArgs(0n, State.NONE);
      await expect(f.token.connect(f.alice).cancelRedemption(2n))
        .to.be.revertedWithCustomError(f.token, "CommodityReserveRedemptionNotPending")
        .withArgs(2n, State.NONE);
    });

    it("settles several requests independently, keeping escrow equal to what is pending", async function () {
      const f = await withRequest();
      await f.token.connect(f.bob).requestRedemption(7n, Kind.CASH_SETTLEMENT, CASH_REF); // 2
      await f.token.connect(f.alice).requestRedemption(UNIT, Kind.CASH_SETTLEMENT, CASH_REF); // 3
      expect(await f.token.balanceOf(f.token)).to.equal(ODD + 7n + UNIT);
      await f.token.connect(f.custodian).fulfilRedemption(2n);
      expect(await f.token.balanceOf(f.token)).to.equal(ODD + UNIT);
      await f.token.connect(f.alice).cancelRedemption(3n);
      expect(await f.token.balanceOf(f.token)).to.equal(ODD);
      await f.token.connect(f.custodian).rejectRedemption(1n, "Duplicate");
      expect(await f.token.balanceOf(f.token)).to.equal(0n);
      expect(await f.token.totalSupply()).to.equal(SUPPLY - 7n);
      expect(await sumOfBalances(f)).to.equal(SUPPLY - 7n);
      expect(await f.token.balanceOf(f.alice)).to.equal(HOLDING);
      expect(await f.token.balanceOf(f.bob)).to.equal(HOLDING - 7n);
    });
  });

  describe("the escrow", function () {
    it("cannot be taken by enforcement actions", async function () {
      const f = await withRequest();
      await expect(f.token.connect(f.enforcer).forcedTransfer(await f.token.getAddress(), f.bob.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotSend")
        .withArgs(await f.token.getAddress());
      await expect(f.token.connect(f.issuer).burn(await f.token.getAddress(), 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotSend")
        .withArgs(await f.token.getAddress());
      expect(await f.token.balanceOf(f.token)).to.equal(ODD);
    });

    it("cannot receive a plain transfer", async function () {
      const f = await withRequest();
      await expect(f.token.connect(f.bob).transfer(await f.token.getAddress(), 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotReceive")
        .withArgs(await f.token.getAddress());
    });

    it("stays equal to the pending requests even if the token's address is registered", async function () {
      const f = await withRequest();
      const expiresAt = (await f.token.latestAttestation()).recordedAt + 365n * 86_400n;
      await f.registry
        .connect(f.kycAgent)
        .registerInvestor(await f.token.getAddress(), ethers.id("token"), 586, 3, expiresAt);
      await expect(f.token.connect(f.bob).transfer(await f.token.getAddress(), 1n)).to.be.revertedWithCustomError(
        f.token,
        "ERC7943CannotReceive",
      );
      expect(await f.token.balanceOf(f.token)).to.equal(ODD);
    });
  });
});
