import { expect } from "chai";
import { AbiCoder, hexlify, keccak256, solidityPacked, toBeHex, toUtf8Bytes, ZeroAddress, ZeroHash } from "ethers";
import { Country, InvestorCategory, investorIdOf } from "../../../src/sdk/investors.js";
import { deployRegistry, ethers, networkHelpers, now, ONE_YEAR } from "../fixtures.js";
import { ALICE_ID, BOB_ID, DAY, register, row, SALT } from "./helpers.js";

describe("InvestorRegistry: verification and privacy", function () {
  async function setup() {
    const f = await networkHelpers.loadFixture(deployRegistry);
    const [alice, bob] = f.others;
    return { ...f, alice, bob, agentRegistry: f.registry.connect(f.kycAgent) };
  }

  describe("isVerified / eligibilityOf", function () {
    it("is false with zero country and category for an unknown wallet", async function () {
      const { registry, alice } = await setup();
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([false, 0n, 0n]);
    });

    it("returns verified, country and category of a registered wallet", async function () {
      const { registry, agentRegistry, alice, bob, now: t0 } = await setup();
      await register(
        agentRegistry,
        row(alice.address, t0 + ONE_YEAR, ALICE_ID, Country.SAUDI_ARABIA, InvestorCategory.GOVERNMENT),
      );
      await register(
        agentRegistry,
        row(bob.address, t0 + ONE_YEAR, BOB_ID, Country.UNITED_KINGDOM, InvestorCategory.EXCHANGE_OMNIBUS),
      );
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([true, 682n, 5n]);
      expect(await registry.eligibilityOf(bob.address)).to.deep.equal([true, 826n, 6n]);
    });

    it("stays true until expiresAt - 1 and turns false at exactly expiresAt", async function () {
      const { registry, agentRegistry, alice } = await setup();
      const expiresAt = (await now()) + 1_000n;
      await register(agentRegistry, row(alice.address, expiresAt));

      await networkHelpers.time.increaseTo(expiresAt - 1n);
      expect(await now()).to.equal(expiresAt - 1n);
      expect(await registry.isVerified(alice.address)).to.equal(true);
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([true, 586n, 3n]);

      await networkHelpers.time.setNextBlockTimestamp(expiresAt);
      await networkHelpers.mine();
      expect(await now()).to.equal(expiresAt);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([false, 586n, 3n]);

      await networkHelpers.time.increase(30n * DAY);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([false, 586n, 3n]);
    });

    it("is false for a revoked wallet even before its expiry", async function () {
      const { registry, agentRegistry, alice, now: t0 } = await setup();
      await register(agentRegistry, row(alice.address, t0 + ONE_YEAR));
      await agentRegistry.revokeInvestor(alice.address);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.eligibilityOf(alice.address)).to.deep.equal([false, 586n, 3n]);
    });
  });

  describe("eligibilityOfPair", function () {
    it("answers both wallets in one call, each as eligibilityOf does: registered, unknown, revoked, expired, zero", async function () {
      const { registry, agentRegistry, alice, bob, now: t0 } = await setup();
      const [carol, dave] = (await ethers.getSigners()).slice(-2);
      const carolId = investorIdOf(SALT, "KYC-CAROL");
      for (const record of [
        row(alice.address, t0 + ONE_YEAR, ALICE_ID, Country.UNITED_STATES, InvestorCategory.PRIMARY_DEALER),
        row(bob.address, t0 + ONE_YEAR, BOB_ID, Country.UNITED_ARAB_EMIRATES, InvestorCategory.ACCREDITED),
        row(carol.address, t0 + 1_000n, carolId),
      ]) {
        await register(agentRegistry, record);
      }
      await agentRegistry.revokeInvestor(bob.address);
      await networkHelpers.time.increaseTo(t0 + 1_000n); // carol's KYC has expired

      const aliceAnswer = [true, 840n, 4n];
      const answers: [string, unknown[]][] = [
        [alice.address, aliceAnswer],
        [bob.address, [false, 784n, 2n]],
        [carol.address, [false, 586n, 3n]],
        [dave.address, [false, 0n, 0n]], // unknown
        [ZeroAddress, [false, 0n, 0n]], // the missing party of a mint or a burn
      ];
      for (const [first, firstAnswer] of answers) {
        for (const [second, secondAnswer] of answers) {
          expect(await registry.eligibilityOfPair(first, second)).to.deep.equal([...firstAnswer, ...secondAnswer]);
        }
        expect(await registry.eligibilityOf(first)).to.deep.equal(firstAnswer);
      }
    });
  });

  describe("privacy", function () {
    it("derives the investorId from a secret salt: another salt gives another id", function () {
      const reference = "KYC-ALICE";
      const id = investorIdOf(SALT, reference);
      expect(id).to.equal(investorIdOf(SALT, reference));
      expect(id).to.equal(
        keccak256(solidityPacked(["bytes32", "bytes"], [keccak256(toUtf8Bytes(SALT)), toUtf8Bytes(reference)])),
      );
      expect(investorIdOf("another-salt", reference)).to.not.equal(id);
      expect(investorIdOf(SALT, "KYC-ALICE2")).to.not.equal(id);
      expect(id).to.not.equal(keccak256(toUtf8Bytes(reference)));
      expect(id).to.not.equal(ZeroHash);
    });

    it("stores only the hashed id and the eligibility fields, in two slots", async function () {
      const { registry, agentRegistry, alice } = await setup();
      const reference = "KYC-ALICE";
      const investorId = investorIdOf(SALT, reference);
      const expiresAt = (await now()) + ONE_YEAR;
      const tx = await register(agentRegistry, row(alice.address, expiresAt, investorId));

      const referenceHex = hexlify(toUtf8Bytes(reference)).slice(2);
      expect(tx.data.toLowerCase()).to.not.include(referenceHex);
      expect((await registry.investorOf(alice.address)).investorId).to.equal(investorId);

      // Locate the `_investors` mapping: the slot of `alice`'s record holds her investorId.
      const address = await registry.getAddress();
      const coder = AbiCoder.defaultAbiCoder();
      let base: bigint | undefined;
      for (let p = 0n; p < 32n && base === undefined; ++p) {
        const slot = BigInt(keccak256(coder.encode(["address", "uint256"], [alice.address, p])));
        if ((await ethers.provider.getStorage(address, slot)) === investorId) base = slot;
      }
      if (base === undefined) expect.fail("no registry storage slot holds alice's investorId");
      const first = base;

      // Second slot: country (16 bits), category (8), expiresAt (64), revoked (8), packed from the low end.
      const packed = 586n | (3n << 16n) | (expiresAt << 24n);
      expect(await ethers.provider.getStorage(address, first + 1n)).to.equal(toBeHex(packed, 32));
      expect(await ethers.provider.getStorage(address, first + 2n)).to.equal(ZeroHash);

      await agentRegistry.revokeInvestor(alice.address);
      expect(await ethers.provider.getStorage(address, first)).to.equal(investorId);
      expect(await ethers.provider.getStorage(address, first + 1n)).to.equal(toBeHex(packed | (1n << 88n), 32));
    });
  });
});
