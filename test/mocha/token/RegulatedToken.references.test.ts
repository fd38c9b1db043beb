import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { FunctionFragment, Interface, ParamType } from "ethers";
import { Country } from "../../../src/sdk/investors.js";
import { deployToken, ethers, networkHelpers, UNIT, type TokenFixture } from "../fixtures.js";
import { expectReferencedFirst } from "../support/references.js";
import { Role } from "./helpers.js";

const REF = ethers.id("Court order 2026/117");

/** One enforcement or compliance action: the call, who may make it, its events and its effect. */
interface Action {
  name: string;
  role: string;
  agent: (f: TokenFixture) => HardhatEthersSigner;
  /** State the action needs first (a wallet to unfreeze, a pause to end). */
  before?: (f: TokenFixture) => Promise<unknown>;
  data: (f: TokenFixture) => Promise<string>;
  events: string[];
  /** Checks that the action took place. */
  effect: (f: TokenFixture) => Promise<unknown>;
}

const encode = (f: TokenFixture, fn: string, args: unknown[]) =>
  (f.token.interface as Interface).encodeFunctionData(fn, args);

const ACTIONS: Action[] = [
  {
    name: "freeze a wallet",
    role: Role.ENFORCEMENT,
    agent: (f) => f.enforcer,
    data: async (f) => encode(f, "setAddressFrozen", [f.alice.address, true]),
    events: ["AddressFrozen"],
    effect: async (f) => expect(await f.token.isAddressFrozen(f.alice.address)).to.equal(true),
  },
  {
    name: "unfreeze a wallet",
    role: Role.ENFORCEMENT,
    agent: (f) => f.enforcer,
    before: (f) => f.token.connect(f.enforcer).setAddressFrozen(f.alice.address, true),
    data: async (f) => encode(f, "setAddressFrozen", [f.alice.address, false]),
    events: ["AddressFrozen"],
    effect: async (f) => expect(await f.token.isAddressFrozen(f.alice.address)).to.equal(false),
  },
  {
    name: "freeze part of a balance",
    role: Role.ENFORCEMENT,
    agent: (f) => f.enforcer,
    data: async (f) => encode(f, "setFrozenTokens", [f.alice.address, 250n * UNIT]),
    events: ["Frozen"],
    effect: async (f) => expect(await f.token.getFrozenTokens(f.alice.address)).to.equal(250n * UNIT),
  },
  {
    name: "freeze wallets in a batch",
    role: Role.ENFORCEMENT,
    agent: (f) => f.enforcer,
    data: async (f) =>
      encode(f, "batchSetAddressFrozen", [
        [f.alice.address, f.bob.address],
        [true, true],
      ]),
    events: ["AddressFrozen", "AddressFrozen"],
    effect: async (f) => expect(await f.token.isAddressFrozen(f.bob.address)).to.equal(true),
  },
  {
    name: "forced transfer",
    role: Role.ENFORCEMENT,
    agent: (f) => f.enforcer,
    data: async (f) => encode(f, "forcedTransfer", [f.alice.address, f.carol.address, 10n * UNIT]),
    events: ["Transfer", "ForcedTransfer"],
    effect: async (f) => expect(await f.token.balanceOf(f.carol.address)).to.equal(10n * UNIT),
  },
  {
    name: "forced transfer of frozen tokens (unfreezes them first)",
    role: Role.ENFORCEMENT,
    agent: (f) => f.enforcer,
    before: (f) => f.token.connect(f.enforcer).setFrozenTokens(f.alice.address, 1_000n * UNIT),
    data: async (f) => encode(f, "forcedTransfer", [f.alice.address, f.carol.address, 10n * UNIT]),
    events: ["Frozen", "Transfer", "ForcedTransfer"],
    effect: async (f) => expect(await f.token.getFrozenTokens(f.alice.address)).to.equal(990n * UNIT),
  },
  {
    name: "wallet recovery",
    role: Role.ENFORCEMENT,
    agent: (f) => f.enforcer,
    data: async (f) => encode(f, "recoverWallet", [f.alice.address, f.aliceSpare.address]),
    events: ["Transfer", "ForcedTransfer", "WalletRecovered"],
    effect: async (f) => expect(await f.token.balanceOf(f.aliceSpare.address)).to.equal(1_000n * UNIT),
  },
  {
    name: "issuer burn",
    role: Role.ISSUER,
    agent: (f) => f.issuer,
    data: async (f) => encode(f, "burn", [f.alice.address, 400n * UNIT]),
    events: ["Transfer"],
    effect: async (f) => expect(await f.token.balanceOf(f.alice.address)).to.equal(600n * UNIT),
  },
  {
    name: "pause",
    role: Role.PAUSER,
    agent: (f) => f.pauser,
    data: async (f) => encode(f, "pause", []),
    events: ["Paused"],
    effect: async (f) => expect(await f.token.paused()).to.equal(true),
  },
  {
    name: "unpause",
    role: Role.PAUSER,
    agent: (f) => f.pauser,
    before: (f) => f.token.connect(f.pauser).pause(),
    data: async (f) => encode(f, "unpause", []),
    events: ["Unpaused"],
    effect: async (f) => expect(await f.token.paused()).to.equal(false),
  },
  {
    name: "policy: country allowlist on",
    role: Role.COMPLIANCE,
    agent: (f) => f.compliance,
    data: async (f) => encode(f, "setCountryRestriction", [true]),
    events: ["CountryRestrictionSet"],
    effect: async (f) => expect(await f.token.countryRestricted()).to.equal(true),
  },
  {
    name: "policy: countries allowed",
    role: Role.COMPLIANCE,
    agent: (f) => f.compliance,
    data: async (f) => encode(f, "setCountriesAllowed", [[Country.PAKISTAN], true]),
    events: ["CountryAllowedSet"],
    effect: async (f) => expect(await f.token.isCountryAllowed(Country.PAKISTAN)).to.equal(true),
  },
  {
    name: "policy: categories",
    role: Role.COMPLIANCE,
    agent: (f) => f.compliance,
    data: async (f) => encode(f, "setAllowedCategories", [0b1000]),
    events: ["AllowedCategoriesSet"],
    effect: async (f) => expect(await f.token.allowedCategories()).to.equal(0b1000n),
  },
  {
    name: "policy: maximum balance",
    role: Role.COMPLIANCE,
    agent: (f) => f.compliance,
    data: async (f) => encode(f, "setMaxBalance", [5_000n * UNIT]),
    events: ["MaxBalanceSet"],
    effect: async (f) => expect(await f.token.maxBalance()).to.equal(5_000n * UNIT),
  },
  {
    name: "policy: maximum holders",
    role: Role.COMPLIANCE,
    agent: (f) => f.compliance,
    data: async (f) => encode(f, "setMaxHolders", [7]),
    events: ["MaxHoldersSet"],
    effect: async (f) => expect(await f.token.maxHolders()).to.equal(7n),
  },
  {
    name: "policy: lock-up",
    role: Role.COMPLIANCE,
    agent: (f) => f.compliance,
    data: async (f) => encode(f, "setLockUpEnd", [f.now + 1_000_000n]),
    events: ["LockUpEndSet"],
    effect: async (f) => expect(await f.token.lockUpEndsAt()).to.equal(f.now + 1_000_000n),
  },
  {
    name: "policy: compliance module",
    role: Role.COMPLIANCE,
    agent: (f) => f.compliance,
    data: async (f) =>
      encode(f, "setComplianceModule", [await (await ethers.deployContract("ComplianceModuleMock")).getAddress()]),
    events: ["ComplianceModuleSet"],
    effect: async (f) => expect(await f.token.complianceModule()).to.not.equal(ethers.ZeroAddress),
  },
  {
    name: "registry change",
    role: Role.DEFAULT_ADMIN,
    agent: (f) => f.admin,
    data: async (f) =>
      encode(f, "setRegistry", [
        await (await ethers.deployContract("InvestorRegistry", [f.admin.address, 0])).getAddress(),
      ]),
    events: ["RegistryChanged"],
    effect: async (f) => expect(await f.token.registry()).to.not.equal(await f.registry.getAddress()),
  },
];

describe("RegulatedToken: references of enforcement and compliance actions (withReference)", function () {
  describe("each action carries the reference: ActionReferenced first, then the action's own events", function () {
    for (const action of ACTIONS) {
      it(action.name, async function () {
        const f = await networkHelpers.loadFixture(deployToken);
        await action.before?.(f);
        const data = await action.data(f);
        const agent = action.agent(f);
        const tx = await f.token.connect(agent).withReference(REF, data);
        await expectReferencedFirst(f.token, tx, { ref: REF, caller: agent.address, data, events: action.events });
        await action.effect(f);
      });
    }
  });

  describe("a wrapped call is refused to a caller without the role, with the call's own error", function () {
    for (const action of ACTIONS) {
      it(action.name, async function () {
        const f = await networkHelpers.loadFixture(deployToken);
        await action.before?.(f);
        const data = await action.data(f);
        // A verified holder and an unregistered wallet: neither holds the role.
        for (const caller of [f.bob, f.outsider]) {
          await expect(f.token.connect(caller).withReference(REF, data))
            .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, action.role);
        }
      });
    }
  });

  it("refuses a zero reference, and nothing happens", async function () {
    const { token, pauser } = await networkHelpers.loadFixture(deployToken);
    await expect(
      token.connect(pauser).withReference(ethers.ZeroHash, token.interface.encodeFunctionData("pause")),
    ).to.be.revertedWithCustomError(token, "ReferencedActionsZeroReference");
    expect(await token.paused()).to.equal(false);
  });

  it("a refused action reverts everything with its own error (no ActionReferenced left behind)", async function () {
    const f = await networkHelpers.loadFixture(deployToken);
    const { token, enforcer, pauser, alice, outsider } = f;
    await token.connect(pauser).pause();
    await expect(token.connect(pauser).withReference(REF, token.interface.encodeFunctionData("pause")))
      .to.be.revertedWithCustomError(token, "EnforcedPause")
      .withArgs();
    const toOutsider = token.interface.encodeFunctionData("forcedTransfer", [alice.address, outsider.address, 1n]);
    await expect(token.connect(enforcer).withReference(REF, toOutsider))
      .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
      .withArgs(outsider.address);
    const tooMuch = token.interface.encodeFunctionData("burn", [alice.address, 1_001n * UNIT]);
    await expect(token.connect(f.issuer).withReference(REF, tooMuch))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
      .withArgs(alice.address, 1_000n * UNIT, 1_001n * UNIT);
    expect(await token.queryFilter(token.filters.ActionReferenced())).to.have.length(0);
  });

  it("a selector the contract does not have, or a call shorter than a selector, reverts without data", async function () {
    const { token, admin } = await networkHelpers.loadFixture(deployToken);
    for (const data of ["0x12345678", "0x123456", "0x"]) {
      await expect(token.connect(admin).withReference(REF, data)).to.be.revertedWithoutReason(ethers);
    }
  });

  it("returns exactly what the call returns", async function () {
    const { token, enforcer, alice, carol } = await networkHelpers.loadFixture(deployToken);
    const balanceCall = token.interface.encodeFunctionData("balanceOf", [alice.address]);
    const wrapped = token.interface.encodeFunctionData("withReference", [REF, balanceCall]);
    const returned = await ethers.provider.call({ to: await token.getAddress(), data: wrapped });
    expect(token.interface.decodeFunctionResult("balanceOf", returned)[0]).to.equal(1_000n * UNIT);
    const forced = token.interface.encodeFunctionData("forcedTransfer", [alice.address, carol.address, 1n]);
    const forcedReturn = await ethers.provider.call({
      from: enforcer.address,
      to: await token.getAddress(),
      data: token.interface.encodeFunctionData("withReference", [REF, forced]),
    });
    expect(token.interface.decodeFunctionResult("forcedTransfer", forcedReturn)[0]).to.equal(true);
  });

  it("a stranger gains nothing: it may wrap only what it may call directly, as itself", async function () {
    const { token, alice, bob, outsider } = await networkHelpers.loadFixture(deployToken);
    // Wrapping a holder's own transfer moves the caller's tokens, never another wallet's.
    const transfer = token.interface.encodeFunctionData("transfer", [bob.address, 5n * UNIT]);
    await expect(token.connect(alice).withReference(REF, transfer)).to.changeTokenBalances(
      ethers,
      token,
      [alice, bob],
      [-5n * UNIT, 5n * UNIT],
    );
    await expect(token.connect(outsider).withReference(REF, transfer))
      .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
      .withArgs(outsider.address);
    // transferFrom still needs the holder's allowance for the caller.
    const pull = token.interface.encodeFunctionData("transferFrom", [alice.address, outsider.address, 1n]);
    await expect(token.connect(outsider).withReference(REF, pull))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
      .withArgs(outsider.address, 0n, 1n);
  });

  it("nested wrappers emit one reference each and keep the outer caller; without the role they refuse", async function () {
    const { token, pauser, outsider } = await networkHelpers.loadFixture(deployToken);
    const inner = ethers.id("Regulator notice 44");
    const pause = token.interface.encodeFunctionData("pause");
    const nested = token.interface.encodeFunctionData("withReference", [inner, pause]);
    const tx = await token.connect(pauser).withReference(REF, nested);
    const receipt = await tx.wait();
    const events = receipt!.logs.map((log) => token.interface.parseLog(log)!);
    expect(events.map((e) => [e.name, ...e.args])).to.deep.equal([
      ["ActionReferenced", REF, pauser.address, nested.slice(0, 10)],
      ["ActionReferenced", inner, pauser.address, pause.slice(0, 10)],
      ["Paused", pauser.address],
    ]);
    await expect(token.connect(outsider).withReference(REF, nested))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(outsider.address, Role.PAUSER);
  });

  it("takes no ether", async function () {
    const { token, pauser } = await networkHelpers.loadFixture(deployToken);
    const wrapped = token.interface.encodeFunctionData("withReference", [
      REF,
      token.interface.encodeFunctionData("pause"),
    ]);
    await expect(
      pauser.sendTransaction({ to: await token.getAddress(), data: wrapped, value: 1n }),
    ).to.be.revertedWithoutReason(ethers);
    expect(await token.paused()).to.equal(false);
  });

  it("answers supportsInterface for IReferencedActions (the selector of withReference)", async function () {
    const { token } = await networkHelpers.loadFixture(deployToken);
    const id = token.interface.getFunction("withReference").selector;
    expect(await token.supportsInterface(id)).to.equal(true);
    expect(await token.supportsInterface("0xffffffff")).to.equal(false);
  });
});

/** A deterministic pseudo-random sequence (xorshift32), so that a failure replays. */
function randomSource(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return { pick: <T>(items: readonly T[]): T => items[next() % items.length], next };
}

describe("RegulatedToken: a wrapped call is the direct call (differential test)", function () {
  it("every state-changing function, from every kind of caller, with generated arguments: same outcome, same state, same events", async function () {
    const f = await networkHelpers.loadFixture(deployToken);
    const { token } = f;
    const tokenAddress = await token.getAddress();
    const callers = [f.admin, f.issuer, f.enforcer, f.compliance, f.pauser, f.alice, f.bob, f.outsider];
    const wallets = [f.alice, f.bob, f.carol, f.aliceSpare, f.outsider].map((s) => s.address);
    const addresses = [...wallets, tokenAddress, ethers.ZeroAddress, await f.registry.getAddress()];
    const roles = Object.values(Role);
    const random = randomSource(20261203);
    const amounts = [0n, 1n, 10n * UNIT, 1_000n * UNIT, 2n ** 255n];
    const valueOf = (type: ParamType): unknown => {
      if (type.baseType === "array")
        return Array.from({ length: random.next() % 3 }, () => valueOf(type.arrayChildren!));
      if (type.type === "address") return random.pick(addresses);
      if (type.type === "bool") return random.next() % 2 === 0;
      if (type.type === "bytes32") return random.pick([...roles, ethers.ZeroHash]);
      if (type.type === "bytes") return "0x";
      const bits = BigInt(type.type.replace("uint", ""));
      const max = 2n ** bits - 1n;
      const value = type.type === "uint16" ? BigInt(random.pick([0, 586, 784, 0xffff, 1 << 3])) : random.pick(amounts);
      return value > max ? max : value;
    };
    /** Everything the token's state and roles say about the accounts involved. */
    const state = async () =>
      JSON.stringify(
        await Promise.all([
          token.totalSupply(),
          token.holderCount(),
          token.paused(),
          token.countryRestricted(),
          token.allowedCategories(),
          token.maxBalance(),
          token.maxHolders(),
          token.lockUpEndsAt(),
          token.complianceModule(),
          token.registry(),
          token.isCountryAllowed(586),
          token.defaultAdmin(),
          token.pendingDefaultAdmin(),
          ...addresses.flatMap((a) => [
            token.balanceOf(a),
            token.getFrozenTokens(a),
            token.isAddressFrozen(a),
            ...roles.map((r) => token.hasRole(r, a)),
            ...wallets.map((w) => token.allowance(a, w)),
          ]),
        ]),
        (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v),
      );
    /** Runs `data` from `caller` to the token: the eth_call outcome, then the state and events once sent. */
    const run = async (caller: HardhatEthersSigner, data: string) => {
      let outcome: string;
      try {
        outcome = `returned ${await ethers.provider.call({ from: caller.address, to: tokenAddress, data })}`;
      } catch (error) {
        outcome = `reverted ${(error as { data?: string }).data}`;
      }
      if (!outcome.startsWith("returned")) return { outcome, state: "", logs: [] as string[] };
      const receipt = await (await caller.sendTransaction({ to: tokenAddress, data })).wait();
      const logs = receipt!.logs.map((log) => `${log.address}:${log.topics.join(",")}:${log.data}`);
      return { outcome, state: await state(), logs };
    };

    const functions: FunctionFragment[] = [];
    token.interface.forEachFunction((fn) => {
      if (fn.stateMutability !== "view" && fn.stateMutability !== "pure" && fn.name !== "withReference")
        functions.push(fn);
    });
    let succeeded = 0;
    for (let i = 0; i < 300; i++) {
      const fn = random.pick(functions);
      const caller = random.pick(callers);
      const data = (token.interface as Interface).encodeFunctionData(fn, fn.inputs.map(valueOf));
      const snapshot = await networkHelpers.takeSnapshot();
      // Both calls are mined at the same time, whatever the wall clock did in between (an admin
      // transfer's schedule and every timestamped state would differ by a second otherwise).
      const minedAt = (await networkHelpers.time.latest()) + 1;
      await networkHelpers.time.setNextBlockTimestamp(minedAt);
      const direct = await run(caller, data);
      await snapshot.restore();
      await networkHelpers.time.setNextBlockTimestamp(minedAt);
      const wrapped = await run(caller, token.interface.encodeFunctionData("withReference", [REF, data]));
      await snapshot.restore();
      const label = `${caller.address} ${fn.format()} ${data}`;
      expect(wrapped.outcome, label).to.equal(direct.outcome);
      expect(wrapped.state, label).to.equal(direct.state);
      if (direct.outcome.startsWith("returned")) {
        succeeded++;
        expect(wrapped.logs.slice(1), label).to.deep.equal(direct.logs);
      }
    }
    // The generated calls include both outcomes in good number.
    expect(succeeded).to.be.within(20, 280);
  });
});
