import { expect } from "chai";
import { ZeroAddress, ZeroHash } from "ethers";
import { Country, InvestorCategory } from "../../../src/sdk/investors.js";
import { deployRegistry, networkHelpers, now, ONE_YEAR } from "../fixtures.js";
import {
  ALICE_ID,
  BOB_ID,
  CAROL_ID,
  EMPTY,
  MAX_CATEGORY,
  MAX_COUNTRY,
  recordOf,
  register,
  row,
  stored,
  update,
} from "./helpers.js";

describe("InvestorRegistry: update and revocation", function () {
  /** Alice and Bob registered (Pakistan, institutional, one year); Carol unknown. */
  async function registered() {
    const f = await networkHelpers.loadFixture(deployRegistry);
    const [alice, bob, carol] = f.others;
    const agentRegistry = f.registry.connect(f.kycAgent);
    const expiresAt = f.now + ONE_YEAR;
    await register(agentRegistry, row(alice.address, expiresAt, ALICE_ID));
    await register(agentRegistry, row(bob.address, expiresAt, BOB_ID));
    return { ...f, alice, bob, carol, agentRegistry, expiresAt };
  }

  describe("updateInvestor", function () {
    it("replaces the record and emits InvestorUpdated", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await registered();
      const next = row(
        alice.address,
        expiresAt + ONE_YEAR,
        CAROL_ID,
        Country.UNITED_ARAB_EMIRATES,
        InvestorCategory.ACCREDITED,
      );
      await expect(update(agentRegistry, next))
        .to.emit(registry, "InvestorUpdated")
        .withArgs(alice.address, CAROL_ID, 784n, 2n, expiresAt + ONE_YEAR)
        .and.not.to.emit(registry, "InvestorRegistered");
      expect(await recordOf(registry, alice.address)).to.deep.equal({
        investorId: CAROL_ID,
        country: 784n,
        category: 2n,
        expiresAt: expiresAt + ONE_YEAR,
        revoked: false,
      });
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([true, 784n, 2n]);
    });

    it("can shorten the expiry", async function () {
      const { registry, agentRegistry, alice } = await registered();
      const t = (await now()) + 10n;
      await update(agentRegistry, row(alice.address, t));
      expect((await registry.investorOf(alice.address)).expiresAt).to.equal(t);
      await networkHelpers.time.increaseTo(t);
      expect(await registry.isVerified(alice.address)).to.equal(false);
    });

    it("leaves the other wallets alone", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await registered();
      await update(agentRegistry, row(alice.address, expiresAt + 1n, ALICE_ID, Country.UNITED_STATES));
      expect(await recordOf(registry, bob.address)).to.deep.equal(stored(row(bob.address, expiresAt, BOB_ID)));
    });

    it("reverts for an unknown wallet", async function () {
      const { registry, agentRegistry, carol, expiresAt } = await registered();
      await expect(update(agentRegistry, row(carol.address, expiresAt, CAROL_ID)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
        .withArgs(carol.address);
      expect(await recordOf(registry, carol.address)).to.deep.equal(EMPTY);
    });

    it("reverts for the zero wallet (never registered)", async function () {
      const { registry, agentRegistry, expiresAt } = await registered();
      await expect(update(agentRegistry, row(ZeroAddress, expiresAt)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
        .withArgs(ZeroAddress);
    });

    it("reverts for a revoked wallet and keeps it revoked", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await registered();
      await agentRegistry.revokeInvestor(alice.address);
      await expect(update(agentRegistry, row(alice.address, expiresAt + ONE_YEAR)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
        .withArgs(alice.address);
      expect(await recordOf(registry, alice.address)).to.deep.equal(stored(row(alice.address, expiresAt), true));
      expect(await registry.isVerified(alice.address)).to.equal(false);
    });

    it("renews an expired (not revoked) record", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await registered();
      await networkHelpers.time.increaseTo(expiresAt + 10n);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      await expect(update(agentRegistry, row(alice.address, expiresAt + ONE_YEAR)))
        .to.emit(registry, "InvestorUpdated")
        .withArgs(alice.address, ALICE_ID, 586n, 3n, expiresAt + ONE_YEAR);
      expect(await registry.isVerified(alice.address)).to.equal(true);
    });

    describe("validates the new values like registerInvestor", function () {
      it("reverts on a zero investorId", async function () {
        const { registry, agentRegistry, alice, expiresAt } = await registered();
        await expect(update(agentRegistry, row(alice.address, expiresAt, ZeroHash)))
          .to.be.revertedWithCustomError(registry, "InvestorRegistryInvalidInvestorId")
          .withArgs(alice.address, ZeroHash);
        expect(await recordOf(registry, alice.address)).to.deep.equal(stored(row(alice.address, expiresAt)));
      });

      for (const country of [0, MAX_COUNTRY + 1]) {
        it(`reverts on country ${country}`, async function () {
          const { registry, agentRegistry, alice, expiresAt } = await registered();
          await expect(update(agentRegistry, row(alice.address, expiresAt, ALICE_ID, country)))
            .to.be.revertedWithCustomError(registry, "InvestorRegistryInvalidCountry")
            .withArgs(alice.address, BigInt(country));
          expect(await recordOf(registry, alice.address)).to.deep.equal(stored(row(alice.address, expiresAt)));
        });
      }

      for (const country of [1, MAX_COUNTRY]) {
        it(`accepts country ${country}`, async function () {
          const { registry, agentRegistry, alice, expiresAt } = await registered();
          await expect(update(agentRegistry, row(alice.address, expiresAt, ALICE_ID, country)))
            .to.emit(registry, "InvestorUpdated")
            .withArgs(alice.address, ALICE_ID, BigInt(country), 3n, expiresAt);
        });
      }

      for (const category of [0, MAX_CATEGORY + 1]) {
        it(`reverts on category ${category}`, async function () {
          const { registry, agentRegistry, alice, expiresAt } = await registered();
          await expect(update(agentRegistry, row(alice.address, expiresAt, ALICE_ID, Country.PAKISTAN, category)))
            .to.be.revertedWithCustomError(registry, "InvestorRegistryInvalidCategory")
            .withArgs(alice.address, BigInt(category));
          expect(await recordOf(registry, alice.address)).to.deep.equal(stored(row(alice.address, expiresAt)));
        });
      }

      for (const category of [1, MAX_CATEGORY]) {
        it(`accepts category ${category}`, async function () {
          const { registry, agentRegistry, alice, expiresAt } = await registered();
          await expect(update(agentRegistry, row(alice.address, expiresAt, ALICE_ID, Country.PAKISTAN, category)))
            .to.emit(registry, "InvestorUpdated")
            .withArgs(alice.address, ALICE_ID, 586n, BigInt(category), expiresAt);
        });
      }

      it("reverts when the expiry is the current block time", async function () {
        const { registry, agentRegistry, alice, expiresAt } = await registered();
        const t = (await now()) + 100n;
        await networkHelpers.time.setNextBlockTimestamp(t);
        await expect(update(agentRegistry, row(alice.address, t)))
          .to.be.revertedWithCustomError(registry, "InvestorRegistryExpiryNotInFuture")
          .withArgs(alice.address, t, t);
        expect((await registry.investorOf(alice.address)).expiresAt).to.equal(expiresAt);
      });

      it("reverts when the expiry is in the past", async function () {
        const { registry, agentRegistry, alice } = await registered();
        const t = (await now()) + 100n;
        await networkHelpers.time.setNextBlockTimestamp(t);
        await expect(update(agentRegistry, row(alice.address, t - 1n)))
          .to.be.revertedWithCustomError(registry, "InvestorRegistryExpiryNotInFuture")
          .withArgs(alice.address, t - 1n, t);
      });

      it("reverts when renewing an expired record to a time still in the past", async function () {
        const { registry, agentRegistry, alice, expiresAt } = await registered();
        const t = expiresAt + 100n;
        await networkHelpers.time.increaseTo(t - 1n);
        await networkHelpers.time.setNextBlockTimestamp(t);
        await expect(update(agentRegistry, row(alice.address, t - 50n)))
          .to.be.revertedWithCustomError(registry, "InvestorRegistryExpiryNotInFuture")
          .withArgs(alice.address, t - 50n, t);
      });
    });
  });

  describe("revokeInvestor", function () {
    it("unverifies the wallet at once, keeps the record and emits InvestorRevoked", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await registered();
      await expect(agentRegistry.revokeInvestor(alice.address))
        .to.emit(registry, "InvestorRevoked")
        .withArgs(alice.address, ALICE_ID);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([false, 586n, 3n]);
      expect(await recordOf(registry, alice.address)).to.deep.equal({
        investorId: ALICE_ID,
        country: 586n,
        category: 3n,
        expiresAt,
        revoked: true,
      });
      expect(await registry.isVerified(bob.address)).to.equal(true);
    });

    it("revokes only the given wallet of an investorId shared by several wallets", async function () {
      const { registry, agentRegistry, alice, carol, expiresAt } = await registered();
      await register(agentRegistry, row(carol.address, expiresAt, ALICE_ID));
      await agentRegistry.revokeInvestor(alice.address);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.isVerified(carol.address)).to.equal(true);
    });

    it("revokes an expired (not revoked) wallet", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await registered();
      await networkHelpers.time.increaseTo(expiresAt);
      await expect(agentRegistry.revokeInvestor(alice.address))
        .to.emit(registry, "InvestorRevoked")
        .withArgs(alice.address, ALICE_ID);
      expect((await registry.investorOf(alice.address)).revoked).to.equal(true);
    });

    it("reverts for an unknown wallet", async function () {
      const { registry, agentRegistry, carol } = await registered();
      await expect(agentRegistry.revokeInvestor(carol.address))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
        .withArgs(carol.address);
      expect(await recordOf(registry, carol.address)).to.deep.equal(EMPTY);
    });

    it("reverts for an already revoked wallet", async function () {
      const { registry, agentRegistry, alice } = await registered();
      await agentRegistry.revokeInvestor(alice.address);
      await expect(agentRegistry.revokeInvestor(alice.address))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
        .withArgs(alice.address);
    });

    it("revokes a wallet again after it was re-registered", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await registered();
      await agentRegistry.revokeInvestor(alice.address);
      await register(agentRegistry, row(alice.address, expiresAt, CAROL_ID));
      await expect(agentRegistry.revokeInvestor(alice.address))
        .to.emit(registry, "InvestorRevoked")
        .withArgs(alice.address, CAROL_ID);
      expect(await registry.isVerified(alice.address)).to.equal(false);
    });
  });

  describe("revokeInvestors", function () {
    it("revokes every wallet with one event each", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await registered();
      await expect(agentRegistry.revokeInvestors([alice.address, bob.address]))
        .to.emit(registry, "InvestorRevoked")
        .withArgs(alice.address, ALICE_ID)
        .and.to.emit(registry, "InvestorRevoked")
        .withArgs(bob.address, BOB_ID);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.isVerified(bob.address)).to.equal(false);
      expect(await recordOf(registry, alice.address)).to.deep.equal(
        stored(row(alice.address, expiresAt, ALICE_ID), true),
      );
      expect(await recordOf(registry, bob.address)).to.deep.equal(stored(row(bob.address, expiresAt, BOB_ID), true));
    });

    it("accepts an empty list", async function () {
      const { registry, agentRegistry } = await registered();
      await expect(agentRegistry.revokeInvestors([])).not.to.emit(registry, "InvestorRevoked");
    });

    it("reverts as a whole when one wallet is unknown", async function () {
      const { registry, agentRegistry, alice, bob, carol } = await registered();
      await expect(agentRegistry.revokeInvestors([alice.address, carol.address, bob.address]))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
        .withArgs(carol.address);
      expect(await registry.isVerified(alice.address)).to.equal(true);
      expect((await registry.investorOf(alice.address)).revoked).to.equal(false);
      expect(await registry.isVerified(bob.address)).to.equal(true);
    });

    it("reverts as a whole when one wallet is already revoked", async function () {
      const { registry, agentRegistry, alice, bob } = await registered();
      await agentRegistry.revokeInvestor(bob.address);
      await expect(agentRegistry.revokeInvestors([alice.address, bob.address]))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
        .withArgs(bob.address);
      expect(await registry.isVerified(alice.address)).to.equal(true);
    });

    it("reverts on a wallet listed twice", async function () {
      const { registry, agentRegistry, alice, bob } = await registered();
      await expect(agentRegistry.revokeInvestors([alice.address, bob.address, alice.address]))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
        .withArgs(alice.address);
      expect(await registry.isVerified(alice.address)).to.equal(true);
      expect(await registry.isVerified(bob.address)).to.equal(true);
    });
  });
});
