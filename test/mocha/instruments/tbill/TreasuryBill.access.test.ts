import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import type { TreasuryBill } from "../../../../typechain-types/index.js";
import { ethers, networkHelpers } from "../../fixtures.js";
import { AUCTION, BILL, deployBill, type BillFixture } from "./fixtures.js";

type Role = "DEFAULT_ADMIN_ROLE" | "ISSUER_ROLE" | "TREASURY_ROLE" | "ROLLOVER_ROLE";

interface Privileged {
  name: string;
  role: Role;
  call: (bill: TreasuryBill, f: BillFixture) => Promise<ContractTransactionResponse>;
}

/** Every privileged function the debt layer and the bill add to the core, and the role it needs. */
const privileged: Privileged[] = [
  { name: "setTreasury", role: "DEFAULT_ADMIN_ROLE", call: (b, f) => b.setTreasury(f.stranger.address) },
  {
    name: "recordAllotments",
    role: "ISSUER_ROLE",
    call: (b, f) => b.recordAllotments(AUCTION, [f.dealer1.address], [BILL], [1n]),
  },
  { name: "settleAllotments", role: "ISSUER_ROLE", call: (b) => b.settleAllotments([0n]) },
  { name: "cancelAllotment", role: "ISSUER_ROLE", call: (b) => b.cancelAllotment(0n) },
  {
    name: "setRolloverPrice",
    role: "ISSUER_ROLE",
    call: async (b, f) => b.setRolloverPrice(await f.usd.getAddress(), 1n),
  },
  { name: "fundRedemption", role: "TREASURY_ROLE", call: (b) => b.fundRedemption() },
  { name: "redeemFor", role: "TREASURY_ROLE", call: (b, f) => b.redeemFor([f.dealer1.address]) },
  {
    name: "redeemTo",
    role: "ROLLOVER_ROLE",
    call: (b, f) => b.redeemTo(f.dealer1.address, BILL, f.stranger.address),
  },
];

/** Who holds each role in the fixture (nobody holds ROLLOVER_ROLE). */
function holderOf(f: BillFixture): Record<Role, HardhatEthersSigner | undefined> {
  return { DEFAULT_ADMIN_ROLE: f.admin, ISSUER_ROLE: f.issuer, TREASURY_ROLE: f.treasurer, ROLLOVER_ROLE: undefined };
}

describe("TreasuryBill: access control", function () {
  for (const { name, role, call } of privileged) {
    it(`${name} needs ${role}: a stranger and the holders of every other role are refused`, async function () {
      const f = await networkHelpers.loadFixture(deployBill);
      const roleId = role === "DEFAULT_ADMIN_ROLE" ? ethers.ZeroHash : await f.bill[role]();
      const callers = [f.stranger, f.dealer1, f.admin, f.issuer, f.treasurer, f.enforcer, f.compliance, f.pauser];
      for (const caller of callers.filter((c) => c !== holderOf(f)[role])) {
        await expect(call(f.bill.connect(caller), f))
          .to.be.revertedWithCustomError(f.bill, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, roleId);
      }
    });
  }

  it("a holder of each role passes the role check", async function () {
    const f = await networkHelpers.loadFixture(deployBill);
    const rollover = f.outsider; // in a real deployment, the newer bill
    await f.bill.connect(f.admin).grantRole(await f.bill.ROLLOVER_ROLE(), rollover.address);
    for (const { name, role, call } of privileged) {
      // Past the role check, each call fails (or not) on its own rules, never on access.
      const outcome = await call(f.bill.connect(holderOf(f)[role] ?? rollover), f).then(
        () => "ok",
        (error: { message: string }) => error.message,
      );
      expect(outcome, name).to.not.include("AccessControlUnauthorizedAccount");
    }
  });
});
