import { expect } from "chai";
import { ZeroAddress, ZeroHash } from "ethers";
import { Country, InvestorCategory, toBatch } from "../../../src/sdk/investors.js";
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
} from "./helpers.js";

describe("InvestorRegistry: registration", function () {
  async function setup() {
    const f = await networkHelpers.loadFixture(deployRegistry);
    const [alice, bob, carol] = f.others;
    return { ...f, alice, bob, carol, agentRegistry: f.registry.connect(f.kycAgent), expiresAt: f.now + ONE_YEAR };
  }

  describe("registerInvestor", function () {
    it("stores the record and verifies the wallet", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await setup();
      const r = row(alice.address, expiresAt, ALICE_ID, Country.PAKISTAN, InvestorCategory.PRIMARY_DEALER);
      expect(await recordOf(registry, alice.address)).to.deep.equal(EMPTY);
      expect(await registry.isVerified(alice.address)).to.equal(false);

      await register(agentRegistry, r);

      expect(await recordOf(registry, alice.address)).to.deep.equal({
        investorId: ALICE_ID,
        country: 586n,
        category: 4n,
        expiresAt,
        revoked: false,
      });
      expect(await registry.isVerified(alice.address)).to.equal(true);
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([true, 586n, 4n]);
    });

    it("emits InvestorRegistered with the record", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await setup();
      await expect(register(agentRegistry, row(alice.address, expiresAt, ALICE_ID, Country.UNITED_KINGDOM, 2)))
        .to.emit(registry, "InvestorRegistered")
        .withArgs(alice.address, ALICE_ID, 826n, 2n, expiresAt);
    });

    it("does not touch the records of other wallets", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
      await register(agentRegistry, row(alice.address, expiresAt));
      expect(await recordOf(registry, bob.address)).to.deep.equal(EMPTY);
      expect(await registry.isVerified(bob.address)).to.equal(false);
    });

    it("reverts on the zero wallet", async function () {
      const { registry, agentRegistry, expiresAt } = await setup();
      await expect(register(agentRegistry, row(ZeroAddress, expiresAt)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryInvalidWallet")
        .withArgs(ZeroAddress);
      expect(await recordOf(registry, ZeroAddress)).to.deep.equal(EMPTY);
    });

    it("reverts on a zero investorId", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await setup();
      await expect(register(agentRegistry, row(alice.address, expiresAt, ZeroHash)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryInvalidInvestorId")
        .withArgs(alice.address, ZeroHash);
    });

    for (const country of [0, MAX_COUNTRY + 1, 65535]) {
      it(`reverts on country ${country}`, async function () {
        const { registry, agentRegistry, alice, expiresAt } = await setup();
        await expect(register(agentRegistry, row(alice.address, expiresAt, ALICE_ID, country)))
          .to.be.revertedWithCustomError(registry, "InvestorRegistryInvalidCountry")
          .withArgs(alice.address, BigInt(country));
        expect(await recordOf(registry, alice.address)).to.deep.equal(EMPTY);
      });
    }

    for (const country of [1, MAX_COUNTRY]) {
      it(`accepts country ${country}`, async function () {
        const { registry, agentRegistry, alice, expiresAt } = await setup();
        const r = row(alice.address, expiresAt, ALICE_ID, country);
        await expect(register(agentRegistry, r))
          .to.emit(registry, "InvestorRegistered")
          .withArgs(alice.address, ALICE_ID, BigInt(country), 3n, expiresAt);
        expect(await recordOf(registry, alice.address)).to.deep.equal(stored(r));
      });
    }

    for (const category of [0, MAX_CATEGORY + 1, 255]) {
      it(`reverts on category ${category}`, async function () {
        const { registry, agentRegistry, alice, expiresAt } = await setup();
        await expect(register(agentRegistry, row(alice.address, expiresAt, ALICE_ID, Country.PAKISTAN, category)))
          .to.be.revertedWithCustomError(registry, "InvestorRegistryInvalidCategory")
          .withArgs(alice.address, BigInt(category));
        expect(await recordOf(registry, alice.address)).to.deep.equal(EMPTY);
      });
    }

    for (const category of [1, MAX_CATEGORY]) {
      it(`accepts category ${category}`, async function () {
        const { registry, agentRegistry, alice, expiresAt } = await setup();
        const r = row(alice.address, expiresAt, ALICE_ID, Country.PAKISTAN, category);
        await expect(register(agentRegistry, r))
          .to.emit(registry, "InvestorRegistered")
          .withArgs(alice.address, ALICE_ID, 586n, BigInt(category), expiresAt);
        expect(await recordOf(registry, alice.address)).to.deep.equal(stored(r));
      });
    }

    it("reverts when the expiry is the current block time", async function () {
      const { registry, agentRegistry, alice } = await setup();
      const t = (await now()) + 100n;
      await networkHelpers.time.setNextBlockTimestamp(t);
      await expect(register(agentRegistry, row(alice.address, t)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryExpiryNotInFuture")
        .withArgs(alice.address, t, t);
    });

    it("reverts when the expiry is in the past", async function () {
      const { registry, agentRegistry, alice } = await setup();
      const t = (await now()) + 100n;
      await networkHelpers.time.setNextBlockTimestamp(t);
      await expect(register(agentRegistry, row(alice.address, t - 1n)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryExpiryNotInFuture")
        .withArgs(alice.address, t - 1n, t);
    });

    it("accepts an expiry one second after the block time", async function () {
      const { registry, agentRegistry, alice } = await setup();
      const t = (await now()) + 100n;
      await networkHelpers.time.setNextBlockTimestamp(t);
      await expect(register(agentRegistry, row(alice.address, t + 1n)))
        .to.emit(registry, "InvestorRegistered")
        .withArgs(alice.address, ALICE_ID, 586n, 3n, t + 1n);
      expect(await registry.isVerified(alice.address)).to.equal(true);
    });

    it("reverts when the wallet is already registered, keeping the first record", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await setup();
      const first = row(alice.address, expiresAt);
      await register(agentRegistry, first);
      await expect(register(agentRegistry, row(alice.address, expiresAt + 1n, BOB_ID, Country.UNITED_STATES, 1)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryAlreadyRegistered")
        .withArgs(alice.address);
      expect(await recordOf(registry, alice.address)).to.deep.equal(stored(first));
    });

    it("reverts when the wallet is registered but expired (renewal goes through updateInvestor)", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await setup();
      await register(agentRegistry, row(alice.address, expiresAt));
      await networkHelpers.time.increaseTo(expiresAt + 1n);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      await expect(register(agentRegistry, row(alice.address, expiresAt + ONE_YEAR)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryAlreadyRegistered")
        .withArgs(alice.address);
    });

    it("lets several wallets share one investorId", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
      await register(agentRegistry, row(alice.address, expiresAt, ALICE_ID));
      await expect(register(agentRegistry, row(bob.address, expiresAt, ALICE_ID)))
        .to.emit(registry, "InvestorRegistered")
        .withArgs(bob.address, ALICE_ID, 586n, 3n, expiresAt);
      expect((await registry.investorOf(alice.address)).investorId).to.equal(ALICE_ID);
      expect((await registry.investorOf(bob.address)).investorId).to.equal(ALICE_ID);
      expect(await registry.isVerified(alice.address)).to.equal(true);
      expect(await registry.isVerified(bob.address)).to.equal(true);
    });

    it("registers a revoked wallet again with new data and clears the revoked flag", async function () {
      const { registry, agentRegistry, alice, expiresAt } = await setup();
      await register(agentRegistry, row(alice.address, expiresAt));
      await agentRegistry.revokeInvestor(alice.address);
      expect(await recordOf(registry, alice.address)).to.deep.equal(stored(row(alice.address, expiresAt), true));

      const again = row(alice.address, expiresAt + ONE_YEAR, BOB_ID, Country.UNITED_ARAB_EMIRATES, 1);
      await expect(register(agentRegistry, again))
        .to.emit(registry, "InvestorRegistered")
        .withArgs(alice.address, BOB_ID, 784n, 1n, expiresAt + ONE_YEAR);
      expect(await recordOf(registry, alice.address)).to.deep.equal(stored(again));
      expect(await registry.isVerified(alice.address)).to.equal(true);
    });
  });

  describe("registerInvestors", function () {
    it("registers every row and emits one event per row", async function () {
      const { registry, agentRegistry, alice, bob, carol, expiresAt } = await setup();
      const rows = [
        row(alice.address, expiresAt, ALICE_ID, Country.PAKISTAN, InvestorCategory.INSTITUTIONAL),
        row(bob.address, expiresAt + 1n, BOB_ID, Country.SAUDI_ARABIA, InvestorCategory.GOVERNMENT),
        row(carol.address, expiresAt + 2n, CAROL_ID, Country.UNITED_STATES, InvestorCategory.RETAIL),
      ];
      const tx = agentRegistry.registerInvestors(...toBatch(rows));
      await expect(tx)
        .to.emit(registry, "InvestorRegistered")
        .withArgs(alice.address, ALICE_ID, 586n, 3n, expiresAt)
        .and.to.emit(registry, "InvestorRegistered")
        .withArgs(bob.address, BOB_ID, 682n, 5n, expiresAt + 1n)
        .and.to.emit(registry, "InvestorRegistered")
        .withArgs(carol.address, CAROL_ID, 840n, 1n, expiresAt + 2n);

      const receipt = await (await tx).wait();
      const events = await registry.queryFilter(registry.filters.InvestorRegistered(), receipt?.blockNumber);
      expect(events.map((e) => e.args.wallet)).to.deep.equal([alice.address, bob.address, carol.address]);

      for (const r of rows) {
        expect(await recordOf(registry, r.wallet)).to.deep.equal(stored(r));
        expect(await registry.isVerified(r.wallet)).to.equal(true);
      }
    });

    it("accepts an empty batch", async function () {
      const { registry, agentRegistry } = await setup();
      await expect(agentRegistry.registerInvestors([], [], [], [], [])).not.to.emit(registry, "InvestorRegistered");
    });

    describe("reverts with BatchLengthMismatch when one array has a different length", function () {
      it("investorIds longer than wallets", async function () {
        const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
        const [w, ids, c, k, e] = toBatch([row(alice.address, expiresAt), row(bob.address, expiresAt, BOB_ID)]);
        await expect(agentRegistry.registerInvestors(w, [...ids, CAROL_ID], c, k, e))
          .to.be.revertedWithCustomError(registry, "BatchLengthMismatch")
          .withArgs(2n, 3n);
      });

      it("countries shorter than wallets", async function () {
        const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
        const [w, ids, c, k, e] = toBatch([row(alice.address, expiresAt), row(bob.address, expiresAt, BOB_ID)]);
        await expect(agentRegistry.registerInvestors(w, ids, c.slice(0, 1), k, e))
          .to.be.revertedWithCustomError(registry, "BatchLengthMismatch")
          .withArgs(2n, 1n);
      });

      it("categories longer than wallets", async function () {
        const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
        const [w, ids, c, k, e] = toBatch([row(alice.address, expiresAt), row(bob.address, expiresAt, BOB_ID)]);
        await expect(agentRegistry.registerInvestors(w, ids, c, [...k, 1], e))
          .to.be.revertedWithCustomError(registry, "BatchLengthMismatch")
          .withArgs(2n, 3n);
      });

      it("expiresAts shorter than wallets", async function () {
        const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
        const [w, ids, c, k, e] = toBatch([row(alice.address, expiresAt), row(bob.address, expiresAt, BOB_ID)]);
        await expect(agentRegistry.registerInvestors(w, ids, c, k, e.slice(0, 1)))
          .to.be.revertedWithCustomError(registry, "BatchLengthMismatch")
          .withArgs(2n, 1n);
      });

      it("wallets shorter than the other arrays", async function () {
        const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
        const [w, ids, c, k, e] = toBatch([row(alice.address, expiresAt), row(bob.address, expiresAt, BOB_ID)]);
        await expect(agentRegistry.registerInvestors(w.slice(0, 1), ids, c, k, e))
          .to.be.revertedWithCustomError(registry, "BatchLengthMismatch")
          .withArgs(1n, 2n);
        expect(await recordOf(registry, alice.address)).to.deep.equal(EMPTY);
      });
    });

    it("reverts as a whole when one row is invalid, storing nothing", async function () {
      const { registry, agentRegistry, alice, bob, carol, expiresAt } = await setup();
      const rows = [
        row(alice.address, expiresAt),
        row(bob.address, expiresAt, BOB_ID, Country.PAKISTAN, MAX_CATEGORY + 1),
        row(carol.address, expiresAt, CAROL_ID),
      ];
      await expect(agentRegistry.registerInvestors(...toBatch(rows)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryInvalidCategory")
        .withArgs(bob.address, 16n);
      for (const r of rows) {
        expect(await recordOf(registry, r.wallet)).to.deep.equal(EMPTY);
        expect(await registry.isVerified(r.wallet)).to.equal(false);
      }
    });

    it("reverts as a whole when the last row has a past expiry", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
      const t = (await now()) + 100n;
      await networkHelpers.time.setNextBlockTimestamp(t);
      const rows = [row(alice.address, expiresAt), row(bob.address, t, BOB_ID)];
      await expect(agentRegistry.registerInvestors(...toBatch(rows)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryExpiryNotInFuture")
        .withArgs(bob.address, t, t);
      expect(await recordOf(registry, alice.address)).to.deep.equal(EMPTY);
    });

    it("reverts as a whole when one wallet is already registered", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
      await register(agentRegistry, row(bob.address, expiresAt, BOB_ID));
      await expect(
        agentRegistry.registerInvestors(
          ...toBatch([row(alice.address, expiresAt), row(bob.address, expiresAt, BOB_ID)]),
        ),
      )
        .to.be.revertedWithCustomError(registry, "InvestorRegistryAlreadyRegistered")
        .withArgs(bob.address);
      expect(await recordOf(registry, alice.address)).to.deep.equal(EMPTY);
    });

    it("reverts on a wallet listed twice in one batch", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
      const rows = [row(alice.address, expiresAt), row(bob.address, expiresAt, BOB_ID), row(alice.address, expiresAt)];
      await expect(agentRegistry.registerInvestors(...toBatch(rows)))
        .to.be.revertedWithCustomError(registry, "InvestorRegistryAlreadyRegistered")
        .withArgs(alice.address);
      expect(await recordOf(registry, alice.address)).to.deep.equal(EMPTY);
      expect(await recordOf(registry, bob.address)).to.deep.equal(EMPTY);
    });

    it("registers a revoked wallet again within a batch", async function () {
      const { registry, agentRegistry, alice, bob, expiresAt } = await setup();
      await register(agentRegistry, row(alice.address, expiresAt));
      await agentRegistry.revokeInvestor(alice.address);
      const rows = [
        row(alice.address, expiresAt + 5n, ALICE_ID, Country.UNITED_KINGDOM),
        row(bob.address, expiresAt, BOB_ID),
      ];
      await expect(agentRegistry.registerInvestors(...toBatch(rows)))
        .to.emit(registry, "InvestorRegistered")
        .withArgs(alice.address, ALICE_ID, 826n, 3n, expiresAt + 5n);
      expect(await recordOf(registry, alice.address)).to.deep.equal(stored(rows[0]));
    });
  });
});
