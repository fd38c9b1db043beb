import { expect } from "chai";
import { id, ZeroAddress, ZeroHash } from "ethers";
import { toBatch } from "../../../src/sdk/investors.js";
import { deployRegistry, networkHelpers, now, ONE_YEAR } from "../fixtures.js";
import { ADMIN_DELAY, ALICE_ID, BOB_ID, EMPTY, recordOf, register, row } from "./helpers.js";

const KYC_AGENT_ROLE = id("KYC_AGENT_ROLE");
const DEFAULT_ADMIN_ROLE = ZeroHash;

describe("InvestorRegistry: access control", function () {
  async function setup() {
    const f = await networkHelpers.loadFixture(deployRegistry);
    const [alice, bob, newAdmin] = f.others;
    const expiresAt = f.now + ONE_YEAR;
    await register(f.registry.connect(f.kycAgent), row(bob.address, expiresAt, BOB_ID));
    return { ...f, alice, bob, newAdmin, expiresAt };
  }

  it("starts with the admin, a 3-day admin delay and one KYC agent", async function () {
    const { registry, admin, kycAgent, stranger } = await setup();
    expect(await registry.KYC_AGENT_ROLE()).to.equal(KYC_AGENT_ROLE);
    expect(await registry.defaultAdmin()).to.equal(admin.address);
    expect(await registry.owner()).to.equal(admin.address);
    expect(await registry.defaultAdminDelay()).to.equal(ADMIN_DELAY);
    expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(true);
    expect(await registry.hasRole(KYC_AGENT_ROLE, kycAgent.address)).to.equal(true);
    expect(await registry.hasRole(KYC_AGENT_ROLE, admin.address)).to.equal(false);
    expect(await registry.hasRole(KYC_AGENT_ROLE, stranger.address)).to.equal(false);
    expect(await registry.getRoleAdmin(KYC_AGENT_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
  });

  describe("KYC_AGENT_ROLE guards every state-changing function", function () {
    for (const who of ["stranger", "admin"] as const) {
      describe(`called by the ${who}`, function () {
        it("registerInvestor reverts", async function () {
          const f = await setup();
          const caller = f[who];
          await expect(register(f.registry.connect(caller), row(f.alice.address, f.expiresAt)))
            .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, KYC_AGENT_ROLE);
          expect(await recordOf(f.registry, f.alice.address)).to.deep.equal(EMPTY);
        });

        it("registerInvestors reverts", async function () {
          const f = await setup();
          const caller = f[who];
          await expect(f.registry.connect(caller).registerInvestors(...toBatch([row(f.alice.address, f.expiresAt)])))
            .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, KYC_AGENT_ROLE);
          expect(await recordOf(f.registry, f.alice.address)).to.deep.equal(EMPTY);
        });

        it("updateInvestor reverts", async function () {
          const f = await setup();
          const caller = f[who];
          await expect(f.registry.connect(caller).updateInvestor(f.bob.address, ALICE_ID, 840, 1, f.expiresAt + 1n))
            .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, KYC_AGENT_ROLE);
          expect((await f.registry.investorOf(f.bob.address)).investorId).to.equal(BOB_ID);
        });

        it("revokeInvestor reverts", async function () {
          const f = await setup();
          const caller = f[who];
          await expect(f.registry.connect(caller).revokeInvestor(f.bob.address))
            .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, KYC_AGENT_ROLE);
          expect(await f.registry.isVerified(f.bob.address)).to.equal(true);
        });

        it("revokeInvestors reverts", async function () {
          const f = await setup();
          const caller = f[who];
          await expect(f.registry.connect(caller).revokeInvestors([f.bob.address]))
            .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, KYC_AGENT_ROLE);
          expect(await f.registry.isVerified(f.bob.address)).to.equal(true);
        });
      });
    }
  });

  describe("role management", function () {
    it("lets the admin grant KYC_AGENT_ROLE, which then works", async function () {
      const { registry, admin, stranger, alice, expiresAt } = await setup();
      await expect(registry.connect(admin).grantRole(KYC_AGENT_ROLE, stranger.address))
        .to.emit(registry, "RoleGranted")
        .withArgs(KYC_AGENT_ROLE, stranger.address, admin.address);
      await expect(register(registry.connect(stranger), row(alice.address, expiresAt)))
        .to.emit(registry, "InvestorRegistered")
        .withArgs(alice.address, ALICE_ID, 586n, 3n, expiresAt);
    });

    it("lets the admin revoke KYC_AGENT_ROLE, after which the agent is refused", async function () {
      const { registry, admin, kycAgent, alice, expiresAt } = await setup();
      await expect(registry.connect(admin).revokeRole(KYC_AGENT_ROLE, kycAgent.address))
        .to.emit(registry, "RoleRevoked")
        .withArgs(KYC_AGENT_ROLE, kycAgent.address, admin.address);
      await expect(register(registry.connect(kycAgent), row(alice.address, expiresAt)))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(kycAgent.address, KYC_AGENT_ROLE);
    });

    for (const who of ["stranger", "kycAgent"] as const) {
      it(`refuses grantRole and revokeRole from the ${who}`, async function () {
        const f = await setup();
        const caller = f[who];
        await expect(f.registry.connect(caller).grantRole(KYC_AGENT_ROLE, f.alice.address))
          .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
        await expect(f.registry.connect(caller).revokeRole(KYC_AGENT_ROLE, f.kycAgent.address))
          .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
        expect(await f.registry.hasRole(KYC_AGENT_ROLE, f.alice.address)).to.equal(false);
        expect(await f.registry.hasRole(KYC_AGENT_ROLE, f.kycAgent.address)).to.equal(true);
      });
    }

    it("refuses a direct grantRole or revokeRole of DEFAULT_ADMIN_ROLE, even by the admin", async function () {
      const { registry, admin, newAdmin } = await setup();
      await expect(
        registry.connect(admin).grantRole(DEFAULT_ADMIN_ROLE, newAdmin.address),
      ).to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminRules");
      await expect(registry.connect(admin).revokeRole(DEFAULT_ADMIN_ROLE, admin.address)).to.be.revertedWithCustomError(
        registry,
        "AccessControlEnforcedDefaultAdminRules",
      );
      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, newAdmin.address)).to.equal(false);
      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(true);
    });
  });

  describe("two-step default admin transfer", function () {
    it("refuses beginDefaultAdminTransfer from a non-admin", async function () {
      const { registry, kycAgent, newAdmin } = await setup();
      await expect(registry.connect(kycAgent).beginDefaultAdminTransfer(newAdmin.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(kycAgent.address, DEFAULT_ADMIN_ROLE);
    });

    it("hands the admin over only after the 3-day delay", async function () {
      const { registry, admin, newAdmin, stranger } = await setup();
      const start = (await now()) + 10n;
      const schedule = start + ADMIN_DELAY;
      await networkHelpers.time.setNextBlockTimestamp(start);
      await expect(registry.connect(admin).beginDefaultAdminTransfer(newAdmin.address))
        .to.emit(registry, "DefaultAdminTransferScheduled")
        .withArgs(newAdmin.address, schedule);
      expect(await registry.pendingDefaultAdmin()).to.deep.equal([newAdmin.address, schedule]);

      // Immediately, one second before, and at exactly the schedule: too early.
      for (const t of [start + 1n, schedule - 1n, schedule]) {
        await networkHelpers.time.setNextBlockTimestamp(t);
        await expect(registry.connect(newAdmin).acceptDefaultAdminTransfer())
          .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay")
          .withArgs(schedule);
      }
      expect(await registry.defaultAdmin()).to.equal(admin.address);

      // Only the nominee may accept.
      await networkHelpers.time.setNextBlockTimestamp(schedule + 1n);
      await expect(registry.connect(stranger).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(registry, "AccessControlInvalidDefaultAdmin")
        .withArgs(stranger.address);

      await expect(registry.connect(newAdmin).acceptDefaultAdminTransfer())
        .to.emit(registry, "RoleRevoked")
        .withArgs(DEFAULT_ADMIN_ROLE, admin.address, newAdmin.address)
        .and.to.emit(registry, "RoleGranted")
        .withArgs(DEFAULT_ADMIN_ROLE, newAdmin.address, newAdmin.address);

      expect(await registry.defaultAdmin()).to.equal(newAdmin.address);
      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, newAdmin.address)).to.equal(true);
      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(false);
      expect(await registry.pendingDefaultAdmin()).to.deep.equal([ZeroAddress, 0n]);

      await expect(registry.connect(admin).grantRole(KYC_AGENT_ROLE, stranger.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(admin.address, DEFAULT_ADMIN_ROLE);
      await expect(registry.connect(newAdmin).grantRole(KYC_AGENT_ROLE, stranger.address))
        .to.emit(registry, "RoleGranted")
        .withArgs(KYC_AGENT_ROLE, stranger.address, newAdmin.address);
    });

    it("lets the admin cancel a pending transfer", async function () {
      const { registry, admin, newAdmin } = await setup();
      await registry.connect(admin).beginDefaultAdminTransfer(newAdmin.address);
      await expect(registry.connect(admin).cancelDefaultAdminTransfer()).to.emit(
        registry,
        "DefaultAdminTransferCanceled",
      );
      await networkHelpers.time.increase(ADMIN_DELAY + 1n);
      await expect(registry.connect(newAdmin).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(registry, "AccessControlInvalidDefaultAdmin")
        .withArgs(newAdmin.address);
      expect(await registry.defaultAdmin()).to.equal(admin.address);
    });
  });
});
