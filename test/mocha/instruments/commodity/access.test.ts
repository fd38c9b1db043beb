import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import {
  AUDITOR_ROLE,
  type CommodityFixture,
  CUSTODIAN_ROLE,
  DEFAULT_ADMIN_ROLE,
  deployCommodityToken,
  DELIVERY_REF,
  ethers,
  INITIAL_RESERVES,
  Kind,
  networkHelpers,
  now,
  report,
  State,
  UNIT,
} from "./fixture.js";

interface Guarded {
  name: string;
  role: string;
  call: (f: CommodityFixture, caller: HardhatEthersSigner) => Promise<ContractTransactionResponse>;
  /** The event a successful call emits. */
  event: string;
  /** Checks that nothing changed after the refused call. */
  unchanged: (f: CommodityFixture) => Promise<void>;
}

const guarded: Guarded[] = [
  {
    name: "attestReserves",
    event: "ReservesAttested",
    role: AUDITOR_ROLE,
    call: async (f, caller) =>
      f.token.connect(caller).attestReserves(1n, await now(), report(1).reportHash, report(1).uri),
    unchanged: async (f) => {
      expect(await f.token.attestationCount()).to.equal(1n);
      expect((await f.token.latestAttestation()).reserves).to.equal(INITIAL_RESERVES);
    },
  },
  {
    name: "setReserveFeed",
    event: "ReserveFeedSet",
    role: DEFAULT_ADMIN_ROLE,
    call: async (f, caller) => {
      await f.feed.setRound(10n ** 16n, await now());
      return f.token.connect(caller).setReserveFeed(await f.feed.getAddress());
    },
    unchanged: async (f) => {
      expect(await f.token.reserveFeed()).to.equal("0x" + "00".repeat(20));
    },
  },
  {
    name: "fulfilRedemption",
    event: "RedemptionFulfilled",
    role: CUSTODIAN_ROLE,
    call: async (f, caller) => f.token.connect(caller).fulfilRedemption(1n),
    unchanged: async (f) => {
      expect((await f.token.redemption(1n)).state).to.equal(State.PENDING);
      expect(await f.token.balanceOf(f.token)).to.equal(UNIT);
    },
  },
  {
    name: "rejectRedemption",
    event: "RedemptionRejected",
    role: CUSTODIAN_ROLE,
    call: async (f, caller) => f.token.connect(caller).rejectRedemption(1n, "No reason"),
    unchanged: async (f) => {
      expect((await f.token.redemption(1n)).state).to.equal(State.PENDING);
      expect(await f.token.balanceOf(f.token)).to.equal(UNIT);
    },
  },
];

describe("CommodityReserveToken: access control", function () {
  /** The fixture with request 1 (Alice, 1 token) pending. */
  async function setup() {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    await f.token.connect(f.alice).requestRedemption(UNIT, Kind.PHYSICAL_DELIVERY, DELIVERY_REF);
    return f;
  }

  /** The fixture's holder of each role. */
  const holderOf = { [AUDITOR_ROLE]: "auditor", [CUSTODIAN_ROLE]: "custodian", [DEFAULT_ADMIN_ROLE]: "admin" } as const;
  // The stranger holds nothing; the others hold other roles; the vault is the custodian named in
  // the metadata, which gives no power; Alice is the requester of the pending request.
  const callers = ["stranger", "issuer", "auditor", "custodian", "admin", "vault", "alice"] as const;

  for (const g of guarded) {
    describe(`${g.name} needs ${g.role === DEFAULT_ADMIN_ROLE ? "DEFAULT_ADMIN_ROLE" : "its role"}`, function () {
      for (const who of callers.filter((c) => c !== holderOf[g.role as keyof typeof holderOf])) {
        it(`is refused for ${who}`, async function () {
          const f = await setup();
          const caller = f[who];
          expect(await f.token.hasRole(g.role, caller.address)).to.equal(false);
          await expect(g.call(f, caller))
            .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, g.role);
          await g.unchanged(f);
        });
      }

      it("is allowed for the holder of the role", async function () {
        const f = await setup();
        await expect(g.call(f, f[holderOf[g.role as keyof typeof holderOf]])).to.emit(f.token, g.event);
      });

      if (g.role !== DEFAULT_ADMIN_ROLE) {
        it("is allowed for a new holder once granted", async function () {
          const f = await setup();
          await f.token.connect(f.admin).grantRole(g.role, f.carol.address);
          await expect(g.call(f, f.carol)).to.emit(f.token, g.event);
        });
      }
    });
  }

  it("a revoked auditor or custodian loses its powers", async function () {
    const f = await setup();
    await f.token.connect(f.admin).revokeRole(AUDITOR_ROLE, f.auditor.address);
    await f.token.connect(f.admin).revokeRole(CUSTODIAN_ROLE, f.custodian.address);
    await expect(guarded[0].call(f, f.auditor))
      .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
      .withArgs(f.auditor.address, AUDITOR_ROLE);
    await expect(guarded[2].call(f, f.custodian))
      .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
      .withArgs(f.custodian.address, CUSTODIAN_ROLE);
  });

  it("requestRedemption, cancelRedemption (by the requester) and syncCollateralisation need no role", async function () {
    const f = await setup();
    await expect(f.token.connect(f.bob).requestRedemption(UNIT, Kind.CASH_SETTLEMENT, DELIVERY_REF))
      .to.emit(f.token, "RedemptionRequested")
      .withArgs(2n, f.bob.address, UNIT, Kind.CASH_SETTLEMENT, DELIVERY_REF);
    await expect(f.token.connect(f.bob).cancelRedemption(2n))
      .to.emit(f.token, "RedemptionCancelled")
      .withArgs(2n, f.bob.address, UNIT);
    expect(await f.token.connect(f.stranger).syncCollateralisation.staticCall()).to.equal(false);
    await expect(f.token.connect(f.stranger).syncCollateralisation()).not.to.revert(ethers);
  });
});
