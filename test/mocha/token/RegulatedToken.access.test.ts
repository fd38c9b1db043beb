import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { RegulatedTokenMock } from "../../../typechain-types/index.js";
import { deployToken, ethers, networkHelpers, type TokenFixture } from "../fixtures.js";
import { Role } from "./helpers.js";

type RoleName = keyof typeof Role;

/** One privileged function, the role it needs and a valid call of it. */
interface Privileged {
  name: string;
  role: RoleName;
  call: (token: RegulatedTokenMock, f: TokenFixture) => Promise<ContractTransactionResponse>;
}

const PRIVILEGED: Privileged[] = [
  { name: "mint", role: "ISSUER", call: (t, f) => t.mint(f.carol.address, 1n) },
  { name: "batchMint", role: "ISSUER", call: (t, f) => t.batchMint([f.carol.address], [1n]) },
  { name: "burn", role: "ISSUER", call: (t, f) => t.burn(f.alice.address, 1n) },
  {
    name: "forcedTransfer",
    role: "ENFORCEMENT",
    call: (t, f) => t.forcedTransfer(f.alice.address, f.bob.address, 1n),
  },
  {
    name: "batchForcedTransfer",
    role: "ENFORCEMENT",
    call: (t, f) => t.batchForcedTransfer([f.alice.address], [f.bob.address], [1n]),
  },
  { name: "setFrozenTokens", role: "ENFORCEMENT", call: (t, f) => t.setFrozenTokens(f.alice.address, 1n) },
  {
    name: "batchSetFrozenTokens",
    role: "ENFORCEMENT",
    call: (t, f) => t.batchSetFrozenTokens([f.alice.address], [1n]),
  },
  { name: "setAddressFrozen", role: "ENFORCEMENT", call: (t, f) => t.setAddressFrozen(f.alice.address, true) },
  {
    name: "batchSetAddressFrozen",
    role: "ENFORCEMENT",
    call: (t, f) => t.batchSetAddressFrozen([f.alice.address], [true]),
  },
  {
    name: "recoverWallet",
    role: "ENFORCEMENT",
    call: (t, f) => t.recoverWallet(f.alice.address, f.aliceSpare.address),
  },
  { name: "pause", role: "PAUSER", call: (t) => t.pause() },
  // The token is not paused in the fixture; unpause's role check must come before ExpectedPause.
  { name: "unpause", role: "PAUSER", call: (t) => t.unpause() },
  { name: "setRegistry", role: "DEFAULT_ADMIN", call: async (t, f) => t.setRegistry(await f.registry.getAddress()) },
  { name: "setCountryRestriction", role: "COMPLIANCE", call: (t) => t.setCountryRestriction(true) },
  { name: "setCountriesAllowed", role: "COMPLIANCE", call: (t) => t.setCountriesAllowed([586], true) },
  { name: "setAllowedCategories", role: "COMPLIANCE", call: (t) => t.setAllowedCategories(1) },
  { name: "setMaxBalance", role: "COMPLIANCE", call: (t) => t.setMaxBalance(1n) },
  { name: "setMaxHolders", role: "COMPLIANCE", call: (t) => t.setMaxHolders(1) },
  { name: "setLockUpEnd", role: "COMPLIANCE", call: (t) => t.setLockUpEnd(1n) },
  { name: "setComplianceModule", role: "COMPLIANCE", call: (t) => t.setComplianceModule(ethers.ZeroAddress) },
];

/** The signer that holds exactly `role` in the fixture. */
function holderOf(f: TokenFixture, role: RoleName): HardhatEthersSigner {
  switch (role) {
    case "DEFAULT_ADMIN":
      return f.admin;
    case "ISSUER":
      return f.issuer;
    case "ENFORCEMENT":
      return f.enforcer;
    case "COMPLIANCE":
      return f.compliance;
    case "PAUSER":
      return f.pauser;
  }
}

/** Every account of the fixture that could try a call: each role holder, an investor and a stranger. */
const CALLERS: { label: string; signer: (f: TokenFixture) => HardhatEthersSigner; holds?: RoleName }[] = [
  { label: "a stranger", signer: (f) => f.stranger },
  { label: "an investor", signer: (f) => f.alice },
  { label: "the admin", signer: (f) => f.admin, holds: "DEFAULT_ADMIN" },
  { label: "the issuer", signer: (f) => f.issuer, holds: "ISSUER" },
  { label: "the enforcer", signer: (f) => f.enforcer, holds: "ENFORCEMENT" },
  { label: "the compliance officer", signer: (f) => f.compliance, holds: "COMPLIANCE" },
  { label: "the pauser", signer: (f) => f.pauser, holds: "PAUSER" },
];

describe("RegulatedToken: access control", function () {
  describe("roles", function () {
    it("exposes the role identifiers as keccak256 of their names", async function () {
      const { token } = await networkHelpers.loadFixture(deployToken);
      expect(await token.DEFAULT_ADMIN_ROLE()).to.equal(Role.DEFAULT_ADMIN);
      expect(await token.ISSUER_ROLE()).to.equal(Role.ISSUER);
      expect(await token.ENFORCEMENT_ROLE()).to.equal(Role.ENFORCEMENT);
      expect(await token.COMPLIANCE_ROLE()).to.equal(Role.COMPLIANCE);
      expect(await token.PAUSER_ROLE()).to.equal(Role.PAUSER);
    });

    it("gives each fixture signer its role, and the admin only DEFAULT_ADMIN_ROLE", async function () {
      const f = await networkHelpers.loadFixture(deployToken);
      expect(await f.token.defaultAdmin()).to.equal(f.admin.address);
      for (const role of Object.keys(Role) as RoleName[]) {
        for (const caller of CALLERS) {
          const signer = caller.signer(f);
          expect(await f.token.hasRole(Role[role], signer.address)).to.equal(
            caller.holds === role,
            `${caller.label} / ${role}`,
          );
        }
      }
    });
  });

  it("the table lists every state-changing function of RegulatedToken outside ERC-20 and AccessControl", async function () {
    const { token } = await networkHelpers.loadFixture(deployToken);
    const open = new Set([
      // ERC-20
      "approve",
      "transfer",
      "transferFrom",
      // AccessControlDefaultAdminRules (guarded by OpenZeppelin)
      "grantRole",
      "revokeRole",
      "renounceRole",
      "beginDefaultAdminTransfer",
      "cancelDefaultAdminTransfer",
      "acceptDefaultAdminTransfer",
      "changeDefaultAdminDelay",
      "rollbackDefaultAdminDelay",
      // ReferencedActions: runs a call as its own caller, with that call's checks (RegulatedToken.references.test.ts)
      "withReference",
      // RegulatedTokenMock's test hooks exposing the internal escrow (not part of RegulatedToken)
      "escrow",
      "returnEscrow",
      "releaseEscrow",
    ]);
    const mutating: string[] = [];
    token.interface.forEachFunction((fn) => {
      if (fn.stateMutability !== "view" && fn.stateMutability !== "pure" && !open.has(fn.name)) mutating.push(fn.name);
    });
    expect([...mutating].sort()).to.deep.equal(PRIVILEGED.map((p) => p.name).sort());
  });

  for (const p of PRIVILEGED) {
    describe(`${p.name} (${p.role}_ROLE)`, function () {
      for (const caller of CALLERS.filter((c) => c.holds !== p.role)) {
        it(`reverts for ${caller.label} with AccessControlUnauthorizedAccount`, async function () {
          const f = await networkHelpers.loadFixture(deployToken);
          const signer = caller.signer(f);
          await expect(p.call(f.token.connect(signer), f))
            .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
            .withArgs(signer.address, Role[p.role]);
        });
      }

      it("goes through for the holder of the role", async function () {
        const f = await networkHelpers.loadFixture(deployToken);
        if (p.name === "unpause") await f.token.connect(f.pauser).pause();
        const tx = await p.call(f.token.connect(holderOf(f, p.role)), f);
        const receipt = await tx.wait();
        expect(receipt?.status).to.equal(1);
      });
    });
  }

  it("a role granted by the admin is enough, and revoking it takes the power away", async function () {
    const { token, admin, stranger, carol } = await networkHelpers.loadFixture(deployToken);
    await token.connect(admin).grantRole(Role.ISSUER, stranger.address);
    await token.connect(stranger).mint(carol.address, 1n);
    expect(await token.balanceOf(carol.address)).to.equal(1n);
    await token.connect(admin).revokeRole(Role.ISSUER, stranger.address);
    await expect(token.connect(stranger).mint(carol.address, 1n))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(stranger.address, Role.ISSUER);
  });
});
