import { expect } from "chai";
import type { Interface } from "ethers";
import { Country, InvestorCategory } from "../../../src/sdk/investors.js";
import { deployRegistry, ethers, networkHelpers, ONE_YEAR } from "../fixtures.js";
import { expectReferencedFirst } from "../support/references.js";
import { ALICE_ID, BOB_ID, CAROL_ID, recordOf, register, row } from "./helpers.js";

const REF = ethers.id("FIU notice 2026/88");
const KYC_AGENT_ROLE = ethers.id("KYC_AGENT_ROLE");

describe("InvestorRegistry: references of KYC actions (withReference)", function () {
  /** Alice and Bob registered; Carol unknown. */
  async function registered() {
    const f = await networkHelpers.loadFixture(deployRegistry);
    const [alice, bob, carol] = f.others;
    const expiresAt = f.now + ONE_YEAR;
    await register(f.registry.connect(f.kycAgent), row(alice.address, expiresAt, ALICE_ID));
    await register(f.registry.connect(f.kycAgent), row(bob.address, expiresAt, BOB_ID));
    return { ...f, alice, bob, carol, expiresAt };
  }

  it("a revocation carries the reference: ActionReferenced, then InvestorRevoked", async function () {
    const { registry, kycAgent, alice } = await registered();
    const data = registry.interface.encodeFunctionData("revokeInvestor", [alice.address]);
    const tx = await registry.connect(kycAgent).withReference(REF, data);
    await expectReferencedFirst(registry, tx, {
      ref: REF,
      caller: kycAgent.address,
      data,
      events: ["InvestorRevoked"],
    });
    expect((await recordOf(registry, alice.address)).revoked).to.equal(true);
  });

  it("a batch revocation, an update and a registration carry it too", async function () {
    const { registry, kycAgent, alice, bob, carol, expiresAt } = await registered();
    const calls: [string, unknown[], string[]][] = [
      [
        "updateInvestor",
        [alice.address, ALICE_ID, Country.PAKISTAN, InvestorCategory.RETAIL, expiresAt],
        ["InvestorUpdated"],
      ],
      [
        "registerInvestors",
        [[carol.address], [CAROL_ID], [Country.PAKISTAN], [InvestorCategory.RETAIL], [expiresAt]],
        ["InvestorRegistered"],
      ],
      ["revokeInvestors", [[alice.address, bob.address]], ["InvestorRevoked", "InvestorRevoked"]],
    ];
    for (const [fn, args, events] of calls) {
      const data = (registry.interface as Interface).encodeFunctionData(fn, args);
      const tx = await registry.connect(kycAgent).withReference(REF, data);
      await expectReferencedFirst(registry, tx, { ref: REF, caller: kycAgent.address, data, events });
    }
    expect(await registry.isVerified(carol.address)).to.equal(true);
    expect(await registry.isVerified(bob.address)).to.equal(false);
  });

  it("a wrapped KYC call is refused to a caller without the role, with the call's own error", async function () {
    const { registry, alice, stranger } = await registered();
    const data = registry.interface.encodeFunctionData("revokeInvestor", [alice.address]);
    for (const caller of [stranger, alice]) {
      await expect(registry.connect(caller).withReference(REF, data))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, KYC_AGENT_ROLE);
    }
    expect(await registry.isVerified(alice.address)).to.equal(true);
  });

  it("a refused call bubbles its own error; a zero reference is refused", async function () {
    const { registry, kycAgent, alice, carol } = await registered();
    await expect(
      registry
        .connect(kycAgent)
        .withReference(REF, registry.interface.encodeFunctionData("revokeInvestor", [carol.address])),
    )
      .to.be.revertedWithCustomError(registry, "InvestorRegistryNotRegistered")
      .withArgs(carol.address);
    await expect(
      registry
        .connect(kycAgent)
        .withReference(ethers.ZeroHash, registry.interface.encodeFunctionData("revokeInvestor", [alice.address])),
    ).to.be.revertedWithCustomError(registry, "ReferencedActionsZeroReference");
    expect(await registry.isVerified(alice.address)).to.equal(true);
  });

  it("answers supportsInterface for IReferencedActions", async function () {
    const { registry } = await registered();
    expect(await registry.supportsInterface(registry.interface.getFunction("withReference").selector)).to.equal(true);
    expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
  });
});
