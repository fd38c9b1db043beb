/**
 * The attacker's review of the bond's restructuring: the core's rare paths that the bond runs from
 * its linked library (the errors of a refused transfer, the two halves of a wallet recovery), the
 * auction rows it answers from the library, and the library called directly at its address. Each
 * test asserts the safe behaviour the move had to keep.
 */
import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { AbiCoder, type Interface, type Log } from "ethers";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { SovereignToken } from "../../../typechain-types/index.js";
import {
  FACE,
  HOLDINGS,
  USD,
  ethers,
  fixedBond,
  networkHelpers,
  passRecordDate,
  type BondFixture,
} from "./bond/fixtures.js";

/** The fixed-rate bond and a SovereignToken twin: same registry, roles, holders and balances (the core alone). */
async function bondAndTwin(): Promise<BondFixture & { twin: SovereignToken }> {
  const f = await fixedBond();
  const twin = await ethers.deployContract("SovereignToken", [
    "Twin",
    "TWN",
    18,
    await f.registry.getAddress(),
    f.admin.address,
    0,
  ]);
  const grants: [string, HardhatEthersSigner][] = [
    [await twin.ISSUER_ROLE(), f.issuer],
    [await twin.ENFORCEMENT_ROLE(), f.enforcer],
    [await twin.COMPLIANCE_ROLE(), f.compliance],
    [await twin.PAUSER_ROLE(), f.pauser],
  ];
  for (const [role, signer] of grants) await twin.connect(f.admin).grantRole(role, signer.address);
  await twin.connect(f.issuer).mint(f.alice.address, HOLDINGS.alice);
  await twin.connect(f.issuer).mint(f.bob.address, HOLDINGS.bob);
  await twin.connect(f.issuer).mint(f.dave.address, HOLDINGS.dave);
  return { ...f, twin };
}

async function twins() {
  return networkHelpers.loadFixture(bondAndTwin);
}

/** The revert data of `data` sent by `from` to `to` (simulated); fails the test if it does not revert. */
async function revertData(from: HardhatEthersSigner, to: string, data: string): Promise<string> {
  try {
    await ethers.provider.call({ from: from.address, to, data });
  } catch (error) {
    const revert = (error as { data?: string }).data;
    if (revert !== undefined) return revert;
    throw error;
  }
  return expect.fail("the call did not revert");
}

type Twins = Awaited<ReturnType<typeof twins>>;

/** A refused action: how both tokens are set up, who calls what, and the core error expected. */
interface Refusal {
  name: string;
  arrange: (token: SovereignToken, f: Twins) => Promise<unknown>;
  call: (token: SovereignToken, f: Twins) => { from: HardhatEthersSigner; data: string };
  error: string;
}

const transfer =
  (who: "alice" | "bob", to: "bob" | "carol" | "outsider", amount: bigint) => (token: SovereignToken, f: Twins) => ({
    from: f[who],
    data: token.interface.encodeFunctionData("transfer", [f[to].address, amount]),
  });

const REFUSALS: Refusal[] = [
  {
    name: "paused",
    arrange: (t, f) => t.connect(f.pauser).pause(),
    call: transfer("alice", "bob", 1n),
    error: "EnforcedPause",
  },
  {
    name: "sender's wallet frozen",
    arrange: (t, f) => t.connect(f.enforcer).setAddressFrozen(f.alice.address, true),
    call: transfer("alice", "bob", 1n),
    error: "ERC7943CannotSend",
  },
  {
    name: "receiver unknown to the registry",
    arrange: async () => undefined,
    call: transfer("alice", "outsider", 1n),
    error: "ERC7943CannotReceive",
  },
  {
    name: "sender's country not allowed",
    arrange: (t, f) => t.connect(f.compliance).setCountryRestriction(true),
    call: transfer("alice", "bob", 1n),
    error: "ERC7943CannotSend",
  },
  {
    name: "amount above the unfrozen tokens",
    arrange: (t, f) => t.connect(f.enforcer).setFrozenTokens(f.alice.address, HOLDINGS.alice - 5n),
    call: transfer("alice", "bob", 6n),
    error: "ERC7943InsufficientUnfrozenBalance",
  },
  {
    name: "lock-up",
    arrange: (t, f) => t.connect(f.compliance).setLockUpEnd(f.coupons[0].date),
    call: transfer("alice", "bob", 1n),
    error: "RegulatedTokenLockedUp",
  },
  {
    name: "maximum balance",
    arrange: (t, f) => t.connect(f.compliance).setMaxBalance(HOLDINGS.bob + 10n),
    call: transfer("alice", "bob", 11n),
    error: "RegulatedTokenMaxBalanceExceeded",
  },
  {
    name: "maximum number of holders",
    arrange: (t, f) => t.connect(f.compliance).setMaxHolders(3),
    call: transfer("alice", "carol", 1n),
    error: "RegulatedTokenMaxHoldersReached",
  },
  {
    name: "compliance module",
    arrange: async (t, f) => {
      const module = await ethers.deployContract("ComplianceModuleMock");
      await module.setBlocked(f.bob.address, true);
      await t.connect(f.compliance).setComplianceModule(await module.getAddress());
    },
    call: transfer("alice", "bob", 1n),
    error: "ERC7943CannotTransfer",
  },
  {
    name: "amount above the balance",
    arrange: async () => undefined,
    call: transfer("bob", "carol", HOLDINGS.bob + 1n),
    error: "ERC20InsufficientBalance",
  },
  {
    name: "a mint to a wallet unknown to the registry",
    arrange: async () => undefined,
    call: (t, f) => ({ from: f.issuer, data: t.interface.encodeFunctionData("mint", [f.outsider.address, 1n]) }),
    error: "ERC7943CannotReceive",
  },
];

/** The events of `logs` emitted by `address`, by name and arguments. */
function eventsOf(logs: readonly Log[], address: string, iface: Interface): [string, unknown[]][] {
  return logs
    .filter((log) => log.address === address)
    .map((log) => iface.parseLog(log)!)
    .map((event) => [event.name, [...event.args]]);
}

describe("Review: the bond's restructured paths", function () {
  describe("a refused transfer reverts from the bond's library with the very error of the core", function () {
    for (const refusal of REFUSALS) {
      it(refusal.name, async function () {
        const f = await twins();
        const bond = await ethers.getContractAt("SovereignToken", await f.bond.getAddress());
        const reverts: string[] = [];
        for (const token of [bond, f.twin]) {
          await refusal.arrange(token, f);
          const { from, data } = refusal.call(token, f);
          reverts.push(await revertData(from, await token.getAddress(), data));
        }
        expect(f.twin.interface.parseError(reverts[1])?.name).to.equal(refusal.error);
        expect(reverts[0], "the bond's revert data").to.equal(reverts[1]);
      });
    }
  });

  describe("wallet recovery, whose halves run in the bond's library", function () {
    it("emits the core's events in the core's order, then moves the entitlements, also while paused", async function () {
      const f = await twins();
      await passRecordDate(f.coupons, 0);
      const logs: Log[][] = [];
      for (const token of [await ethers.getContractAt("SovereignToken", await f.bond.getAddress()), f.twin]) {
        await token.connect(f.pauser).pause();
        await token.connect(f.enforcer).setFrozenTokens(f.alice.address, HOLDINGS.alice + 7n);
        await token.connect(f.enforcer).setAddressFrozen(f.alice.address, true);
        await token.connect(f.enforcer).setFrozenTokens(f.aliceSpare.address, 3n);
        const receipt = await (
          await token.connect(f.enforcer).recoverWallet(f.alice.address, f.aliceSpare.address)
        ).wait();
        logs.push(receipt!.logs);
        expect(await token.balanceOf(f.aliceSpare.address)).to.equal(HOLDINGS.alice);
        expect(await token.getFrozenTokens(f.aliceSpare.address)).to.equal(HOLDINGS.alice + 10n);
        expect(await token.isAddressFrozen(f.aliceSpare.address)).to.equal(true);
        expect(await token.getFrozenTokens(f.alice.address)).to.equal(0n);
        expect(await token.holderCount()).to.equal(3n); // alice left, her spare wallet joined
      }
      const bondEvents = eventsOf(logs[0], await f.bond.getAddress(), f.bond.interface);
      const twinEvents = eventsOf(logs[1], await f.twin.getAddress(), f.twin.interface);
      expect(twinEvents.map(([name]) => name)).to.deep.equal([
        "Frozen",
        "Transfer",
        "ForcedTransfer",
        "Frozen",
        "AddressFrozen",
        "WalletRecovered",
      ]);
      expect(bondEvents).to.deep.equal([
        ...twinEvents,
        ["EntitlementsMoved", [f.alice.address, f.aliceSpare.address, 1n]],
      ]);
      // The balances at the passed record date were written before the forced transfer.
      expect(await f.bond.balanceAtRecord(f.alice.address, 0)).to.equal(HOLDINGS.alice);
      expect(await f.bond.balanceAtRecord(f.aliceSpare.address, 0)).to.equal(0n);
    });

    it("a refused recovery leaves the lost wallet's freeze and entitlements where they were", async function () {
      const { bond, enforcer, alice, aliceSpare, coupons } = await fixedBond();
      await passRecordDate(coupons, 0);
      await bond.connect(enforcer).setFrozenTokens(alice.address, 7n);
      await bond.connect(enforcer).setAddressFrozen(aliceSpare.address, true);
      await expect(bond.connect(enforcer).recoverWallet(alice.address, aliceSpare.address))
        .to.be.revertedWithCustomError(bond, "ERC7943CannotReceive")
        .withArgs(aliceSpare.address);
      expect(await bond.getFrozenTokens(alice.address)).to.equal(7n);
      expect(await bond.balanceOf(alice.address)).to.equal(HOLDINGS.alice);
      expect(await bond.couponPayee(alice.address, 0)).to.equal(alice.address);
    });
  });

  describe("the linked library called directly at its address", function () {
    /** The library's address linked into the bond's code, and the selector of each of its functions. */
    async function linkedLibrary(bondAddress: string) {
      const artifact = await hre.artifacts.readArtifact("SovereignBond");
      const code = await ethers.provider.getCode(bondAddress);
      const places = Object.values(artifact.deployedLinkReferences!).find((l) => "SovereignBondLogic" in l)!;
      const start = places.SovereignBondLogic[0].start;
      const address = ethers.getAddress(`0x${code.slice(2 + start * 2, 2 + (start + 20) * 2)}`);
      const buildInfo = await hre.artifacts.getBuildInfoId("SovereignBondLogic");
      const output = JSON.parse(await readFile((await hre.artifacts.getBuildInfoOutputPath(buildInfo!))!, "utf8")) as {
        output: { contracts: Record<string, Record<string, { evm: { methodIdentifiers: Record<string, string> } }>> };
      };
      const source = Object.values(output.output.contracts).find((c) => "SovereignBondLogic" in c)!;
      const selectors = source.SovereignBondLogic.evm.methodIdentifiers;
      const selector = (name: string) => `0x${Object.entries(selectors).find(([s]) => s.startsWith(`${name}(`))![1]}`;
      return { address, selector };
    }

    it("refuses a stranger both halves of a recovery, whatever storage slots it names; the bond is unchanged", async function () {
      const { bond, alice, outsider } = await fixedBond();
      const library = await linkedLibrary(await bond.getAddress());
      const coder = AbiCoder.defaultAbiCoder();
      const calls = [
        library.selector("beginRecovery") +
          coder
            .encode(
              ["uint256", "address", "address", "address"],
              [0n, await bond.registry(), alice.address, outsider.address],
            )
            .slice(2),
        library.selector("completeWalletRecovery") +
          coder
            .encode(
              ["uint256", "uint256", "address", "address", "bool", "uint256", "uint256"],
              [0n, 0n, alice.address, outsider.address, true, 2n ** 200n, 0n],
            )
            .slice(2),
      ];
      for (const data of calls) {
        await expect(outsider.sendTransaction({ to: library.address, data })).to.be.revert(ethers);
      }
      expect(await bond.isAddressFrozen(outsider.address)).to.equal(false);
      expect(await bond.getFrozenTokens(outsider.address)).to.equal(0n);
      expect(await bond.couponPayee(alice.address, 0)).to.equal(alice.address);
    });

    it("its revertWith only reverts, with the error it is given the figures of", async function () {
      const { bond, alice, bob, outsider } = await fixedBond();
      const library = await linkedLibrary(await bond.getAddress());
      const data =
        library.selector("revertWith") +
        AbiCoder.defaultAbiCoder()
          .encode(
            [
              "uint8",
              "address",
              "address",
              "uint256",
              "uint256",
              "uint256",
              "uint256",
              "uint256",
              "uint256",
              "uint256",
            ],
            [11, alice.address, bob.address, 6n, 10n, 5n, 0n, 0n, 0n, 0n],
          )
          .slice(2);
      expect(await revertData(outsider, library.address, data)).to.equal(
        bond.interface.encodeErrorResult("ERC7943InsufficientUnfrozenBalance", [alice.address, 6n, 5n]),
      );
    });
  });

  describe("auction allotments, answered by the bond's library", function () {
    it("answers each row as recorded, settled or cancelled, and an empty row past the last", async function () {
      const { bond, usd, issuer, outsider, carol, dave } = await fixedBond();
      const auction = ethers.id("PK33-2030-R1");
      await expect(
        bond.connect(outsider).recordAllotments(auction, [carol.address], [1n], [FACE]),
      ).to.be.revertedWithCustomError(bond, "AccessControlUnauthorizedAccount");
      const price = FACE - 3n * USD;
      await bond
        .connect(issuer)
        .recordAllotments(auction, [carol.address, dave.address], [10n ** 18n, 5n], [price, FACE]);
      expect(await bond.allotmentCount()).to.equal(2n);
      expect(await bond.allotment(0)).to.deep.equal([carol.address, 1n, auction, 10n ** 18n, price]);
      expect(await bond.allotment(1)).to.deep.equal([dave.address, 1n, auction, 5n, FACE]);
      expect(await bond.allotment(2)).to.deep.equal([ethers.ZeroAddress, 0n, ethers.ZeroHash, 0n, 0n]);
      expect(await bond.allotment(2n ** 255n)).to.deep.equal([ethers.ZeroAddress, 0n, ethers.ZeroHash, 0n, 0n]);

      await usd.mint(carol.address, price);
      await usd.connect(carol).approve(await bond.getAddress(), price);
      await bond.connect(issuer).cancelAllotment(1);
      await bond.connect(issuer).settleAllotments([0]);
      expect(await bond.allotment(0)).to.deep.equal([carol.address, 2n, auction, 10n ** 18n, price]);
      expect(await bond.allotment(1)).to.deep.equal([dave.address, 3n, auction, 5n, FACE]);
      expect(await bond.balanceOf(carol.address)).to.equal(10n ** 18n);
    });
  });
});
