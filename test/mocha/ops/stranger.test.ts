/**
 * The stranger test. Every sample manifest of issuances/ is deployed with the project's own
 * deployment code (src/ops/deploy.ts), and the instruments are given holders: balances, frozen
 * amounts and a frozen wallet, allowances, a pending allotment, pending redemption requests, funded
 * coupons (one claimed, others not), attestations, a funded and partly paid redemption, a timelock
 * operation scheduled. Then every state-changing function of every deployed contract (registries,
 * instruments, the timelock, read from the artifacts' ABIs; the linked libraries DebtSecurityLogic
 * and SovereignBondLogic, called directly at their addresses, from the compiler's method
 * identifiers) is called by (a) a KYC-verified investor that holds no role and (b) a wallet the
 * registry does not know, with arguments generated from each parameter's type.
 *
 * A call that reverts changes nothing (the EVM undoes it): each call is first simulated with
 * `eth_call`, and a call refused there is counted as refused. A call the simulation accepts is
 * sent, everything others own is read after it (in a few batched view calls) and compared with
 * what it was, then the chain is rewound (`evm_revert`) for the next call. Only documented holder
 * self-service ({@link SELF_SERVICE}) may change anything, and only the caller's own position (a
 * transfer may credit its receiver exactly what the caller lost); any other call that succeeds
 * must change nothing and be a documented no-op ({@link NO_OPS}).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import {
  AbiCoder,
  Interface,
  ZeroAddress,
  ZeroHash,
  ParamType,
  getAddress,
  id as keccakText,
  type FunctionFragment,
} from "ethers";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { localTestDollar } from "../../../scripts/lib/local-test-dollar.js";
import { fixCouponRate, fundCoupon } from "../../../src/ops/bond.js";
import { attestReserves } from "../../../src/ops/commodity.js";
import { fundRedemption } from "../../../src/ops/debt.js";
import { INSTRUMENT_ARTIFACTS, type OpsContext } from "../../../src/ops/context.js";
import { importInvestors } from "../../../src/ops/investors.js";
import type { Connection } from "../../../src/ops/network.js";
import { runAuction } from "../../../src/ops/tbill.js";
import { freeze, mint } from "../../../src/ops/token.js";
import { isoTime } from "../../../src/ops/units.js";
import { ROOT, deployForTest, loadTestManifest, type Deployed } from "./helpers.js";

const SAMPLES = {
  note: "issuances/sample-note.json",
  governed: "issuances/sample-note-timelock.json",
  bill: "issuances/tbill-2027-06.json",
  gold: "issuances/gold-reserve.json",
  bonds: "issuances/bonds-2026-12.json",
} as const;
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const BIDS = path.join(ROOT, "issuances/auction-bids.sample.csv");
const UNIT = 1_000_000n; // every sample instrument and the test dollar have 6 decimals
const TWO_255 = 2n ** 255n;
const RANDOM_WORD = keccakText("a word nobody uses");
/** Books read by index (coupons, allotments, requests, attestations): each entry and one beyond, at most 24 (a 10-year semi-annual bond has 20 coupons). */
const INDEXES = [...Array(24).keys()].map(BigInt);
const COUNTRIES = [586, 784, 826, 682, 840, 4, 999];
/** At most this many argument combinations per function. */
const MAX_COMBINATIONS = 36;

/**
 * Holder self-service: the functions a holder may call on its own position, each with what it may
 * change (checked exactly where the amount is known). Everything else must change nothing.
 *  - ERC-20 `transfer`, `approve`, and `transferFrom` on the caller's own allowance;
 *  - a debt security's `redeem` (the caller's own tokens, at face value, after maturity);
 *  - a bond's `claimCoupon` / `claimCoupons` (the caller's own coupons) and `claimCouponsOf` (the coupons
 *    a recovery moved to the caller: paid to the caller only, and to no one else);
 *  - a commodity token's `requestRedemption` (the caller's own tokens into escrow) and
 *    `cancelRedemption` (the caller's own request);
 *  - a bill's `rollover` is self-service too, but succeeds only into a bill whose issuer set a
 *    rollover price, which no sample does: were it to succeed here, it would be reported as an
 *    unexplained change until its own check is written.
 */
const SELF_SERVICE = new Set([
  "transfer",
  "approve",
  "transferFrom",
  "redeem",
  "claimCoupon",
  "claimCoupons",
  "claimCouponsOf",
  "requestRedemption",
  "cancelRedemption",
]);

/**
 * Calls a stranger may make that succeed and change nothing:
 *  - `renounceRole(role, caller)`: renouncing a role one does not hold (AccessControl);
 *  - the timelock's `onERC721Received`, `onERC1155Received`, `onERC1155BatchReceived`: token
 *    receipt hooks that only answer their selector;
 *  - a commodity token's `syncCollateralisation()`: anyone may make the token re-read its reserve
 *    feed; with no feed (the sample) there is nothing to sync;
 *  - any function of a linked library called directly: the view functions read the library's
 *    own, empty, storage (the others revert: a library refuses a direct call that would write).
 */
const NO_OPS = new Set([
  "renounceRole",
  "onERC721Received",
  "onERC1155Received",
  "onERC1155BatchReceived",
  "syncCollateralisation",
]);

/** Views read per account, with the position of the account among their arguments: what each account owns. */
const PER_ACCOUNT: Record<string, number> = {
  balanceOf: 0,
  getFrozenTokens: 0,
  isAddressFrozen: 0,
  allowance: 0,
  hasRole: 1,
  couponDue: 0,
  balanceAtRecord: 0,
  investorOf: 0,
  eligibilityOf: 0,
  isVerified: 0,
};
/** Views that answer for their arguments only (pure functions of them and of the terms): not state. */
const NOT_STATE = new Set([
  "canTransfer",
  "detectTransferRestriction",
  "messageForTransferRestriction",
  "supportsInterface",
  "hashOperation",
  "hashOperationBatch",
  "priceForYield",
  "yieldForPrice",
  "daysToMaturity",
  "canSend",
  "canReceive",
]);

interface Watched {
  label: string;
  address: string;
  iface: Interface;
  kind: "instrument" | "registry" | "timelock" | "cash";
  /** An instrument's kind (as a manifest names it). */
  instrumentKind?: string;
  /** A debt security's settlement token. */
  cash?: string;
}

interface ViewCall {
  key: string;
  label: string;
  fn: string;
  args: unknown[];
  owner?: string;
  target: string;
  data: string;
}

type Snapshot = Map<string, string>;

interface Target {
  label: string;
  address: string;
  functions: { name: string; selector: string; inputs: readonly ParamType[]; encode(args: unknown[]): string }[];
  /** The ERC-20 the caller's arguments are sized on (balances), when the target is a token. */
  token?: string;
  library: boolean;
  /** The instrument kind, for an instrument. */
  kind?: string;
}

interface Outcome {
  calls: number;
  refused: number;
  selfService: Map<string, number>;
  noOps: Map<string, number>;
  problems: string[];
  functions: Set<string>;
}

/** A small deterministic generator (mulberry32), so that the sampled combinations are the same on every run. */
function random(seed: string): () => number {
  let state = Number(BigInt(keccakText(seed)) % 2n ** 32n);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every combination of one value of each domain. */
function combinationsOf(domains: unknown[][]): unknown[][] {
  return domains.reduce<unknown[][]>((rows, d) => rows.flatMap((row) => d.map((v) => [...row, v])), [[]]);
}

/** Every combination of `domains` when there are few, else each value once (diagonals) and seeded random rows. */
function combinations(domains: unknown[][], seed: string): unknown[][] {
  const total = domains.reduce((n, d) => n * d.length, 1);
  if (total <= MAX_COMBINATIONS) return combinationsOf(domains);
  const rows: unknown[][] = [];
  const widest = Math.max(...domains.map((d) => d.length));
  for (let r = 0; r < widest; r++) rows.push(domains.map((d) => d[r % d.length]));
  const next = random(seed);
  while (rows.length < MAX_COMBINATIONS) rows.push(domains.map((d) => d[Math.floor(next() * d.length)]));
  return rows;
}

describe("ops: the stranger test, nobody without a role changes what others own", function () {
  this.timeout(600_000);
  let connection: Connection;
  let signers: HardhatEthersSigner[];
  const deployed: Record<keyof typeof SAMPLES, Deployed> = {} as Record<keyof typeof SAMPLES, Deployed>;
  const watched: Watched[] = [];
  const targets: Target[] = [];
  let accounts: string[];
  let pairAccounts: string[];
  let people: string[];
  let views: ViewCall[];
  const viewOf = new Map<string, ViewCall>();
  let batchAddress: string;
  /** Per watched contract (lower-case address), its views in chunks with the calldata that reads them. */
  const readers = new Map<string, { part: ViewCall[]; data: string }[]>();
  let opId: string;

  /**
   * What the views of the watched contracts at `addresses` (all by default) answer now: a few
   * `eth_call`s to StaticCallBatchMock, whose calldata is built once.
   */
  async function snapshot(addresses?: ReadonlySet<string>): Promise<Snapshot> {
    const result = new Map<string, string>();
    for (const [address, chunks] of readers) {
      if (addresses !== undefined && !addresses.has(address)) continue;
      for (const { part, data } of chunks) {
        const answer = (await connection.provider.request({
          method: "eth_call",
          params: [{ to: batchAddress, data, gas: "0xf42400" }, "latest"],
        })) as string;
        decodeBatch(answer).forEach(([ok, value], j) => result.set(part[j].key, `${ok ? "" : "reverted:"}${value}`));
      }
    }
    return result;
  }

  before(async function () {
    connection = await hre.network.create();
    const { ethers, networkHelpers } = connection;
    signers = await ethers.getSigners();
    const [, , treasury, , , operations] = signers;
    const [dealer, pension, , accredited, ukInstitution, government, retail, saudi] = signers.slice(6, 14);

    for (const [name, file] of Object.entries(SAMPLES) as [keyof typeof SAMPLES, string][]) {
      deployed[name] = await deployForTest(connection, await loadTestManifest(file), "stranger");
      await importInvestors(deployed[name].ctx, INVESTORS, { progress: false });
    }
    const [note, governed, bills, gold, bonds] = [
      deployed.note,
      deployed.governed,
      deployed.bill,
      deployed.gold,
      deployed.bonds,
    ].map((d) => d.ctx);
    const address = (ctx: OpsContext, id: string) => ctx.record.instruments[id].address;
    const bill = await ethers.getContractAt("TreasuryBill", address(bills, "tbill-2027-06"));
    const goldToken = await ethers.getContractAt("CommodityReserveToken", address(gold, "gold-reserve"));
    const fixed = await ethers.getContractAt("SovereignBond", address(bonds, "bond-3y-2029"));
    const frn = await ethers.getContractAt("SovereignBond", address(bonds, "frn-10y-2036"));
    const noteToken = await ethers.getContractAt("SovereignToken", address(note, "sample-note"));
    const timelock = await ethers.getContractAt("Timelock", governed.record.timelock!);

    // The regulated core alone: balances, a partial freeze, a frozen wallet, allowances both ways.
    for (const [who, amount] of [
      [dealer, "1000"],
      [pension, "500"],
      [ukInstitution, "300"],
      [accredited, "200"],
    ] as const) {
      await mint(note, who.address, amount);
    }
    await freeze(note, dealer.address, "100");
    await freeze(note, accredited.address, undefined);
    await (await noteToken.connect(dealer).approve(pension.address, 50n * UNIT)).wait();
    await (await noteToken.connect(pension).approve(dealer.address, 10n * UNIT)).wait();

    // The governed note: balances, and an operation scheduled on its timelock.
    await mint(governed, dealer.address, "1000");
    await mint(governed, pension.address, "400");
    const governedToken = address(governed, "governed-note");
    const pause = new Interface(["function pause()"]).encodeFunctionData("pause");
    const salt = keccakText("stranger test");
    await (await timelock.connect(operations).schedule(governedToken, 0, pause, ZeroHash, salt, 86_400)).wait();
    opId = await timelock.hashOperation(governedToken, 0, pause, ZeroHash, salt);

    // The T-bill: an auction settled DvP; the Saudi institution's allotment cannot settle (its
    // country is not allowed) and stays pending.
    const billCash = await localTestDollar(connection, await bill.settlementToken());
    for (const bidder of signers.slice(6, 14)) {
      await (await billCash.mint(bidder.address, 100_000_000n * UNIT)).wait();
      await (await billCash.connect(bidder).approve(await bill.getAddress(), 100_000_000n * UNIT)).wait();
    }
    await runAuction(bills, BIDS, "1000000", { method: "uniform" });
    await freeze(bills, ukInstitution.address, "1000");

    // The gold token: an attestation, balances, two pending redemption requests (the retail
    // saver's, id 1, and the investor's own, id 2), a partial freeze.
    const now = (await ethers.provider.getBlock("latest"))!.timestamp;
    const attest = (reserves: string, asOf: number) =>
      attestReserves(gold, {
        reserves,
        asOf: isoTime(BigInt(asOf)),
        reportHash: keccakText(reserves),
        uri: "ipfs://a",
      });
    await attest("5000000", now - 3600);
    for (const [who, amount] of [
      [dealer, "3000"],
      [pension, "1000"],
      [retail, "500"],
      [saudi, "400"],
    ] as const) {
      await mint(gold, who.address, amount);
    }
    await (await goldToken.connect(retail).requestRedemption(100n * UNIT, 0, keccakText("delivery 1"))).wait();
    await (await goldToken.connect(pension).requestRedemption(50n * UNIT, 1, keccakText("delivery 2"))).wait();
    await freeze(gold, saudi.address, "100");

    // The bonds: balances, the FRN's first rate fixed, both first coupons funded after the record
    // date; past the coupon date, the dealer claims its fixed-rate coupon, the others have not.
    for (const instrument of ["bond-3y-2029", "frn-10y-2036"]) {
      for (const [who, amount] of [
        [dealer, "200000"],
        [pension, "100000"],
        [ukInstitution, "50000"],
        [government, "20000"],
      ] as const) {
        await mint(bonds, who.address, amount, { instrument });
      }
    }
    await freeze(bonds, government.address, "5000", { instrument: "bond-3y-2029" });
    await fixCouponRate(bonds, 0, "12.25", { instrument: "frn-10y-2036" });
    await networkHelpers.time.increaseTo((await fixed.recordDate(0)) + 1n);
    for (const bond of [fixed, frn]) {
      const cash = await localTestDollar(connection, await bond.settlementToken());
      await (await cash.mint(treasury.address, 100_000_000n * UNIT)).wait();
      const instrument = bond === fixed ? "bond-3y-2029" : "frn-10y-2036";
      await fundCoupon(bonds, 0, { instrument });
    }
    await networkHelpers.time.increaseTo((await fixed.couponDate(0)) + 1n);
    await (await fixed.connect(dealer).claimCoupon(0)).wait();

    // The bill has matured: its redemption is funded, the government entity redeems part.
    await (await billCash.mint(treasury.address, await bill.redemptionDue())).wait();
    await fundRedemption(bills);
    await (await bill.connect(government).redeem(1_000n * UNIT)).wait();
    // A fresh attestation (the first is older than the token's maximum age by now).
    await attest("6000000", (await ethers.provider.getBlock("latest"))!.timestamp - 60);
    // The positions the strangers will try to touch are there.
    const pending = await Promise.all(
      [...Array(Number(await bill.allotmentCount())).keys()].map(async (i) => (await bill.allotment(i)).status),
    );
    expect(pending).to.include(1n); // an allotment pending
    expect((await goldToken.redemption(2)).holder).to.equal(pension.address);
    expect((await frn.coupon(0)).funded).to.be.greaterThan(0n);
    expect(await fixed.couponDue(pension.address, 0)).to.be.greaterThan(0n);
    expect(await bill.redemptionPaid()).to.equal(100_000n * UNIT); // 1,000 bills at 100 each
    expect(await bill.balanceOf(pension.address)).to.be.greaterThan(0n);
    expect(await timelock.isOperationPending(opId)).to.equal(true);
    expect(await noteToken.getFrozenTokens(dealer.address)).to.equal(100n * UNIT);

    // What is watched: every registry, instrument and settlement token, and the timelock.
    const ifaceOf = async (name: string) => new Interface((await hre.artifacts.readArtifact(name)).abi);
    const libraryAddresses = new Map<string, Set<string>>();
    for (const [name, d] of Object.entries(deployed)) {
      watched.push({
        label: `${name}.registry`,
        address: d.record.registry!,
        iface: await ifaceOf("InvestorRegistry"),
        kind: "registry",
      });
      if (d.record.timelock !== undefined) {
        watched.push({
          label: `${name}.timelock`,
          address: d.record.timelock,
          iface: await ifaceOf("Timelock"),
          kind: "timelock",
        });
      }
      for (const [id, instrument] of Object.entries(d.record.instruments)) {
        const contract = INSTRUMENT_ARTIFACTS[instrument.kind];
        const artifact = await hre.artifacts.readArtifact(contract);
        // The ABI is the one of the contract really deployed there.
        const deployedCode = await ethers.provider.getCode(instrument.address);
        expect(deployedCode.length, `${id} is a ${contract}`).to.equal(artifact.deployedBytecode.length);
        const entry: Watched = {
          label: id,
          address: instrument.address,
          iface: new Interface(artifact.abi),
          kind: "instrument",
          instrumentKind: instrument.kind,
        };
        if (instrument.kind === "treasuryBill" || instrument.kind === "sovereignBond") {
          const debt = await ethers.getContractAt("DebtSecurity", instrument.address);
          entry.cash = await debt.settlementToken();
          watched.push({
            label: `${id}.cash`,
            address: entry.cash,
            iface: await ifaceOf("LocalTestDollar"),
            kind: "cash",
          });
        }
        watched.push(entry);
        // The libraries the instrument links, at the addresses written into its code.
        const code = deployedCode;
        for (const libraries of Object.values(artifact.deployedLinkReferences ?? {})) {
          for (const [library, places] of Object.entries(libraries)) {
            const at = getAddress(`0x${code.slice(2 + places[0].start * 2, 2 + (places[0].start + 20) * 2)}`);
            if (!libraryAddresses.has(library)) libraryAddresses.set(library, new Set());
            libraryAddresses.get(library)!.add(at);
          }
        }
      }
    }
    expect([...libraryAddresses.keys()].sort()).to.deep.equal(["DebtSecurityLogic", "SovereignBondLogic"]);

    // Who is watched: every configured account, and the timelock (an admin); balances also of every
    // contract (a token's own balance is its escrow). Allowances and entitlements: of the holders.
    people = [...signers.slice(0, 17).map((s) => s.address), signers[19].address];
    if (governed.record.timelock !== undefined) people.push(governed.record.timelock);
    accounts = [...people, ...watched.map((w) => w.address)];
    pairAccounts = [treasury.address, ...signers.slice(6, 14).map((s) => s.address), signers[19].address];
    views = [];
    for (const w of watched) {
      const roles: string[] = [];
      /** Indexes of the books read by index (coupons, allotments, requests, attestations): each entry and one beyond. */
      let books = 0n;
      for (const fragment of w.iface.fragments) {
        if (fragment.type !== "function") continue;
        const fn = fragment as FunctionFragment;
        if (fn.stateMutability !== "view" || fn.inputs.length !== 0) continue;
        const read = async () =>
          w.iface.decodeFunctionResult(fn, await ethers.provider.call({ to: w.address, data: fn.selector }))[0];
        if (fn.name.endsWith("_ROLE")) roles.push((await read()) as string);
        if (fn.name.endsWith("Count") && fn.name !== "holderCount")
          books = BigInt(Math.max(Number(books), Number(await read())));
      }
      const indexes = INDEXES.slice(0, Number(books) + 2);
      const argumentsOf = (fn: FunctionFragment): unknown[][] | undefined => {
        const types = fn.inputs.map((i) => i.type).join(",");
        switch (types) {
          case "":
            return [[]];
          case "address":
            return (fn.name === "balanceOf" ? accounts : people).map((a) => [a]);
          case "address,address":
            return pairAccounts.flatMap((a) => [...pairAccounts, w.address].map((b) => [a, b]));
          case "bytes32,address":
            return roles.flatMap((r) => accounts.map((a) => [r, a]));
          case "bytes32":
            return [...new Set([...roles, opId])].map((r) => [r]);
          case "uint256":
            return indexes.map((i) => [i]);
          case "address,uint256":
            return pairAccounts.flatMap((a) => indexes.map((i) => [a, i]));
          case "uint16":
            return COUNTRIES.map((c) => [c]);
          default: {
            // A view of another shape (added later): every combination of small domains, if few.
            const domains = fn.inputs.map((input): unknown[] | undefined => {
              if (input.type === "address") return pairAccounts;
              if (input.type === "bool") return [false, true];
              if (input.type === "bytes32") return [...new Set([ZeroHash, ...roles, opId])];
              if (/^uint\d*$/.test(input.type)) return indexes;
              return undefined;
            });
            if (domains.some((d) => d === undefined)) return undefined;
            const rows = combinationsOf(domains as unknown[][]);
            return rows.length <= 1_000 ? rows : undefined;
          }
        }
      };
      for (const fragment of w.iface.fragments) {
        if (fragment.type !== "function") continue;
        const fn = fragment as FunctionFragment;
        if (fn.stateMutability !== "view" || NOT_STATE.has(fn.name)) continue;
        const argLists = argumentsOf(fn);
        if (argLists === undefined) throw new Error(`${w.label}.${fn.format()}: no rule to read this view; add one`);
        for (const args of argLists) {
          const position = PER_ACCOUNT[fn.name];
          views.push({
            key: `${w.label}.${fn.name}(${args.map(String).join(",")})`,
            label: w.label,
            fn: fn.name,
            args,
            owner: position === undefined ? undefined : (args[position] as string),
            target: w.address,
            data: w.iface.encodeFunctionData(fn, args),
          });
        }
      }
    }

    // The attacked contracts: the watched ones but the test dollars, and the libraries.
    for (const w of watched) {
      if (w.kind === "cash") continue;
      const functions = w.iface.fragments
        .filter((f): f is FunctionFragment => f.type === "function")
        .filter((f) => f.stateMutability !== "view" && f.stateMutability !== "pure")
        .map((f) => ({
          name: f.name,
          selector: f.selector,
          inputs: f.inputs,
          encode: (args: unknown[]) => w.iface.encodeFunctionData(f, args),
        }));
      targets.push({
        label: w.label,
        address: w.address,
        functions,
        token: w.kind === "instrument" ? w.address : undefined,
        library: false,
        kind: w.instrumentKind,
      });
    }
    const coder = AbiCoder.defaultAbiCoder();
    for (const [library, addresses] of libraryAddresses) {
      const buildInfo = await hre.artifacts.getBuildInfoId(library);
      const output = JSON.parse(await readFile((await hre.artifacts.getBuildInfoOutputPath(buildInfo!))!, "utf8")) as {
        output: { contracts: Record<string, Record<string, { evm: { methodIdentifiers: Record<string, string> } }>> };
      };
      const source = Object.keys(output.output.contracts).find((s) => library in output.output.contracts[s])!;
      const identifiers = output.output.contracts[source][library].evm.methodIdentifiers;
      const functions = Object.entries(identifiers).map(([signature, selector]) => {
        // A storage reference is passed as its slot (a uint256) when a library is called.
        const types = splitTypes(signature.slice(signature.indexOf("(") + 1, -1)).map((t) =>
          t.endsWith(" storage") ? "uint256" : t,
        );
        const inputs = types.map((t) => ParamType.from(t));
        return {
          name: signature.slice(0, signature.indexOf("(")),
          selector: `0x${selector}`,
          inputs,
          encode: (args: unknown[]) => `0x${selector}${coder.encode(types, args).slice(2)}`,
        };
      });
      expect(functions.length, library).to.be.greaterThan(0);
      [...addresses].forEach((at, i) =>
        targets.push({ label: `${library}#${i}`, address: at, functions, library: true }),
      );
    }

    views.forEach((v) => viewOf.set(v.key, v));
    const helper = await ethers.deployContract("StaticCallBatchMock");
    batchAddress = await helper.getAddress();
    const CHUNK = 600;
    for (const w of watched) {
      const own = views.filter((v) => v.target === w.address);
      const chunks = [];
      for (let i = 0; i < own.length; i += CHUNK) {
        const part = own.slice(i, i + CHUNK);
        chunks.push({
          part,
          data: helper.interface.encodeFunctionData("read", [part.map((v) => ({ target: v.target, data: v.data }))]),
        });
      }
      readers.set(w.address.toLowerCase(), chunks);
    }
  });

  after(async function () {
    await connection?.close();
  });

  /** Calls every state-changing function of every target as `caller`, and judges what changed. */
  async function attack(caller: string): Promise<Outcome> {
    const outcome: Outcome = {
      calls: 0,
      refused: 0,
      selfService: new Map(),
      noOps: new Map(),
      problems: [],
      functions: new Set(),
    };
    const base = await snapshot();
    const coinbase = ((await connection.provider.request({ method: "eth_coinbase" })) as string).toLowerCase();
    const [other, another] = [signers[6].address, signers[10].address];
    const privileged = new Interface([
      "function pause()",
      "function mint(address to, uint256 amount)",
      "function grantRole(bytes32 role, address account)",
    ]);
    const issuerRole = keccakText("ISSUER_ROLE");
    const balanceIn = (token: string | undefined, account: string) =>
      token === undefined ? 0n : uint(base.get(keyOfBalance(token, account)) ?? "0x");
    const keyOfBalance = (token: string, account: string) => {
      const w = watched.find((x) => x.address === token)!;
      return `${w.label}.balanceOf(${account})`;
    };

    for (const target of targets) {
      const domainOf = (param: ParamType): unknown[] => {
        const type = param.type;
        if (param.baseType === "array") {
          const element = domainOf(param.arrayChildren!);
          if (param.arrayLength !== null && param.arrayLength >= 0) {
            return [Array(param.arrayLength).fill(element[0])];
          }
          return [[], [element[0]], [element[1 % element.length], element[3 % element.length]]];
        }
        if (param.baseType === "tuple") return [param.components!.map((c) => domainOf(c)[0])];
        if (type === "address") return [other, target.address, ZeroAddress, caller, another];
        if (type === "bool") return [false, true];
        if (type === "string") return ["", "stranger"];
        if (type === "bytes") {
          return [
            "0x",
            privileged.encodeFunctionData("pause"),
            privileged.encodeFunctionData("mint", [caller, 1n]),
            privileged.encodeFunctionData("grantRole", [issuerRole, caller]),
          ];
        }
        if (type === "bytes32") return [ZeroHash, RANDOM_WORD, issuerRole, opId];
        if (type.startsWith("bytes"))
          return [`0x${"00".repeat(Number(type.slice(5)))}`, `0x${"ff".repeat(Number(type.slice(5)))}`];
        if (type.startsWith("uint")) {
          const bits = type === "uint" ? 256 : Number(type.slice(4));
          const max = 2n ** BigInt(bits) - 1n;
          const values = [0n, 1n, 2n, balanceIn(target.token, other), balanceIn(target.token, caller), TWO_255, max];
          return [...new Set(values.filter((v) => v <= max))];
        }
        if (type.startsWith("int")) return [0n, 1n, -1n];
        throw new Error(`${target.label}: no generator for type ${type}`);
      };
      for (const fn of target.functions) {
        outcome.functions.add(`${target.label}.${fn.name}`);
        for (const args of combinations(fn.inputs.map(domainOf), `${target.label}.${fn.selector}.${caller}`)) {
          outcome.calls++;
          const data = fn.encode(args);
          const call = `${target.label}.${fn.name}(${args.map(show).join(", ")})`;
          try {
            await connection.provider.request({
              method: "eth_call",
              params: [{ from: caller, to: target.address, data }, "latest"],
            });
          } catch {
            outcome.refused++;
            continue;
          }
          const rewind = (await connection.provider.request({ method: "evm_snapshot" })) as string;
          try {
            let hash: string;
            try {
              hash = (await connection.provider.request({
                method: "eth_sendTransaction",
                params: [{ from: caller, to: target.address, data, gas: "0xf42400" }],
              })) as string;
            } catch {
              outcome.refused++; // accepted by the simulation, reverted when sent: nothing changed
              continue;
            }
            // Every contract whose storage the transaction changed (the EVM's own state diff);
            // only their views are read again.
            const diff = (await connection.provider.request({
              method: "debug_traceTransaction",
              params: [hash, { tracer: "prestateTracer", tracerConfig: { diffMode: true } }],
            })) as StateDiff;
            const touched = storageChanged(diff);
            const paid = Object.keys(diff.post).filter(
              (a) => diff.post[a].balance !== undefined && ![caller.toLowerCase(), coinbase].includes(a.toLowerCase()),
            );
            if (paid.length > 0) outcome.problems.push(`${call} by ${caller} moved the ether of ${paid.join(", ")}`);
            const stray = [...touched].filter((a) => !readers.has(a));
            if (stray.length > 0)
              outcome.problems.push(`${call} by ${caller} wrote the storage of ${stray.join(", ")}`);
            const fresh = touched.size === 0 ? new Map<string, string>() : await snapshot(touched);
            const after = new Map([...base, ...fresh]);
            const changed = [...fresh.keys()].filter((k) => fresh.get(k) !== base.get(k));
            // A bond's lazy record-date bookkeeping (RecordSnapshots) writes down, on a holder's move,
            // what balanceAtRecord answered already: a write no view shows, allowed for self-service only.
            const bookkeeping = SELF_SERVICE.has(fn.name) && target.kind === "sovereignBond";
            for (const address of touched) {
              if (bookkeeping && address === target.address.toLowerCase()) continue;
              if (readers.has(address) && !changed.some((k) => viewOf.get(k)!.target.toLowerCase() === address)) {
                outcome.problems.push(`${call} by ${caller} wrote the storage of ${address}, and no view shows what`);
              }
            }
            const problems = target.library
              ? changed.length > 0
                ? [`${call} by ${caller} (a library called directly) changed ${changed.join(", ")}`]
                : []
              : SELF_SERVICE.has(fn.name)
                ? judgeSelfService(fn.name, args, target, caller, base, after, changed).map(
                    (p) => `${call} by ${caller}: ${p}`,
                  )
                : changed.length > 0
                  ? [
                      `${call} by ${caller} changed what it does not own: ${changed.map((k) => `${k}: ${base.get(k)} -> ${after.get(k)}`).join("; ")}`,
                    ]
                  : NO_OPS.has(fn.name)
                    ? []
                    : [`${call} by ${caller} succeeded, changed nothing, and is no documented no-op`];
            outcome.problems.push(...problems);
            const tally = SELF_SERVICE.has(fn.name) && changed.length > 0 ? outcome.selfService : outcome.noOps;
            tally.set(fn.name, (tally.get(fn.name) ?? 0) + 1);
          } finally {
            await connection.provider.request({ method: "evm_revert", params: [rewind] });
          }
        }
      }
    }
    return outcome;
  }

  /**
   * The changes a self-service call may make: the caller's own position, a receiver credited
   * exactly what the caller (or the owner whose allowance it spends) lost, and the instrument's
   * aggregates that follow. Returns the problems found.
   */
  function judgeSelfService(
    fn: string,
    args: unknown[],
    target: Target,
    caller: string,
    before: Snapshot,
    after: Snapshot,
    changed: string[],
  ): string[] {
    const w = watched.find((x) => x.address === target.address)!;
    const label = w.label;
    const cash = watched.find((x) => x.address === w.cash);
    const problems: string[] = [];
    const explained = new Set<string>();
    const delta = (key: string) => uint(after.get(key) ?? "0x") - uint(before.get(key) ?? "0x");
    const expectDelta = (key: string, expected: bigint) => {
      if (!after.has(key)) return problems.push(`moved what is not watched: ${key}`);
      explained.add(key);
      if (delta(key) !== expected) problems.push(`${key} moved by ${delta(key)}, expected ${expected}`);
    };
    /** Keys of `fnNames` on the instrument owned by `account` may change, in direction `sign` (0: either). */
    const mayMove = (account: string, fnNames: string[], sign: -1 | 0 | 1) => {
      for (const key of changed) {
        const view = viewOf.get(key)!;
        if (view.label !== label || view.owner !== account || !fnNames.includes(view.fn)) continue;
        explained.add(key);
        if (sign !== 0 && Math.sign(Number(delta(key))) === -sign)
          problems.push(`${key} moved by ${delta(key)} against its holder`);
      }
    };
    const mayChange = (fnNames: string[]) => {
      for (const key of changed) {
        const view = viewOf.get(key)!;
        if (view.label === label && view.owner === undefined && fnNames.includes(view.fn)) explained.add(key);
      }
    };
    const balance = (account: string) => `${label}.balanceOf(${account})`;
    const entitlements = ["couponDue", "balanceAtRecord"];
    switch (fn) {
      case "approve": {
        const [spender, amount] = args as [string, bigint];
        const key = `${label}.allowance(${caller},${spender})`;
        if (after.has(key)) {
          explained.add(key);
          if (uint(after.get(key)!) !== amount) problems.push(`${key} is ${uint(after.get(key)!)}, expected ${amount}`);
        }
        break;
      }
      case "transfer":
      case "transferFrom": {
        const [from, to, amount] = (fn === "transfer" ? [caller, ...args] : args) as [string, string, bigint];
        if (fn === "transferFrom") {
          const key = `${label}.allowance(${from},${caller})`;
          const was = uint(before.get(key) ?? "0x");
          if (after.has(key)) expectDelta(key, was === 2n ** 256n - 1n ? 0n : -amount);
          else if (from !== caller && amount > 0n) problems.push(`spent an allowance that is not watched: ${key}`);
        }
        if (from !== to) {
          expectDelta(balance(from), -amount);
          expectDelta(balance(to), amount);
        }
        mayMove(from, entitlements, -1);
        mayMove(to, entitlements, 1);
        mayChange(["holderCount"]);
        break;
      }
      case "redeem": {
        const [amount] = args as [bigint];
        const face = uint(before.get(`${label}.faceValue()`)!);
        const paid = (amount * face) / UNIT; // 6-decimal securities
        expectDelta(balance(caller), -amount);
        expectDelta(`${label}.totalSupply()`, -amount);
        expectDelta(`${label}.redemptionPaid()`, paid);
        expectDelta(`${cash!.label}.balanceOf(${caller})`, paid);
        expectDelta(`${cash!.label}.balanceOf(${w.address})`, -paid);
        mayMove(caller, entitlements, 0);
        mayChange(["holderCount", "redemptionDue"]);
        break;
      }
      case "claimCoupon":
      case "claimCoupons":
      case "claimCouponsOf": {
        // claimCouponsOf(holder, periods) pays the caller what `holder` owes it; with no recovery
        // link to the caller, only the caller's own coupons: another holder's couponDue must not move.
        const periods =
          fn === "claimCoupon" ? [args[0] as bigint] : [...new Set(args[fn === "claimCoupons" ? 0 : 1] as bigint[])];
        const due = periods.reduce(
          (sum, p) => sum + uint(before.get(`${label}.couponDue(${caller},${p})`) ?? "0x"),
          0n,
        );
        expectDelta(`${cash!.label}.balanceOf(${caller})`, due);
        expectDelta(`${cash!.label}.balanceOf(${w.address})`, -due);
        mayMove(caller, ["couponDue"], -1);
        for (const key of changed) if (periods.some((p) => key === `${label}.coupon(${p})`)) explained.add(key);
        break;
      }
      case "requestRedemption": {
        const [amount] = args as [bigint];
        const count = uint(before.get(`${label}.redemptionCount()`)!);
        expectDelta(balance(caller), -amount);
        expectDelta(balance(w.address), amount);
        expectDelta(`${label}.redemptionCount()`, 1n);
        const request = `${label}.redemption(${count + 1n})`;
        explained.add(request);
        if (holderOfRequest(after.get(request)) !== caller) problems.push(`${request} is not the caller's`);
        mayChange(["holderCount"]);
        break;
      }
      case "cancelRedemption": {
        const [requestId] = args as [bigint];
        const request = `${label}.redemption(${requestId})`;
        if (holderOfRequest(before.get(request)) !== caller)
          problems.push(`cancelled ${request}, which is not the caller's`);
        const amount = uint(`0x${(before.get(request) ?? "").slice(2 + 64 * 4, 2 + 64 * 5)}`);
        explained.add(request);
        expectDelta(balance(caller), amount);
        expectDelta(balance(w.address), -amount);
        mayChange(["holderCount"]);
        break;
      }
    }
    const unexplained = changed.filter((k) => !explained.has(k));
    if (unexplained.length > 0) {
      problems.push(
        `changed what it does not own: ${unexplained.map((k) => `${k}: ${before.get(k)} -> ${after.get(k)}`).join("; ")}`,
      );
    }
    return problems;
  }

  for (const [who, index] of [
    ["a KYC-verified investor with no role", 7],
    ["a wallet the registry does not know", 19],
  ] as const) {
    it(`${who} calls every state-changing function: only its own position moves`, async function () {
      const caller = signers[index].address;
      const started = Date.now();
      const outcome = await attack(caller);
      // The figures go on the test's own line (the reporter prints the title once it passes).
      this.test!.title +=
        ` (${outcome.calls} calls of ${outcome.functions.size} functions in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${outcome.refused} refused, self-service ${JSON.stringify(Object.fromEntries(outcome.selfService))}, ` +
        `no change ${JSON.stringify(Object.fromEntries(outcome.noOps))})`;
      expect(outcome.problems).to.deep.equal([]);
      if (index === 7) {
        // The holder's own self-service did run: the test reaches real positions.
        expect([...outcome.selfService.keys()].sort()).to.include.members([
          "approve",
          "cancelRedemption",
          "claimCoupon",
          "claimCoupons",
          "redeem",
          "requestRedemption",
          "transfer",
          "transferFrom",
        ]);
      } else {
        expect([...outcome.selfService.keys()]).to.deep.equal(["approve"]);
      }
      // Every state-changing function of every deployed contract was called.
      const expected = targets.flatMap((t) => t.functions.map((f) => `${t.label}.${f.name}`));
      expect([...outcome.functions].sort()).to.deep.equal([...new Set(expected)].sort());
    });
  }
});

/** The state diff of one transaction (prestateTracer, diffMode): accounts before and after, with the storage slots that changed. */
interface StateDiff {
  pre: Record<string, { balance?: string; storage?: Record<string, string> }>;
  post: Record<string, { balance?: string; storage?: Record<string, string> }>;
}

/** The accounts (lower-case) whose storage a transaction changed. */
function storageChanged(diff: StateDiff): Set<string> {
  const changed = new Set<string>();
  for (const side of [diff.pre, diff.post]) {
    for (const [address, account] of Object.entries(side)) {
      if (Object.keys(account.storage ?? {}).length > 0) changed.add(address.toLowerCase());
    }
  }
  return changed;
}

/** `read`'s answer, `(bool[] ok, bytes[] answers)`, decoded by hand: ethers' decoder is slow on thousands of entries. */
function decodeBatch(hex: string): [boolean, string][] {
  const word = (byte: number) => Number(BigInt(`0x${hex.slice(2 + byte * 2, 2 + byte * 2 + 64)}`));
  const okAt = word(0);
  const answersAt = word(32);
  const count = word(okAt);
  const out: [boolean, string][] = [];
  for (let i = 0; i < count; i++) {
    const ok = word(okAt + 32 + i * 32) === 1;
    const at = answersAt + 32 + word(answersAt + 32 + i * 32);
    const length = word(at);
    out.push([ok, `0x${hex.slice(2 + (at + 32) * 2, 2 + (at + 32 + length) * 2)}`]);
  }
  return out;
}

/** The first 32-byte word of an answer, as a number (0 for a revert or nothing). */
function uint(answer: string): bigint {
  if (answer.startsWith("reverted:") || answer.length < 66) return 0n;
  return BigInt(answer.slice(0, 66));
}

/** The holder of a commodity redemption request, from `redemption(id)`'s answer. */
function holderOfRequest(answer: string | undefined): string | undefined {
  if (answer === undefined || answer.startsWith("reverted:") || answer.length < 66) return undefined;
  return getAddress(`0x${answer.slice(26, 66)}`);
}

function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (typeof value === "string" && value.length > 42) return `${value.slice(0, 10)}…`;
  return String(value);
}

/** The types of a signature's parameter list, split at its top-level commas. */
function splitTypes(list: string): string[] {
  const types: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of list) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "," && depth === 0) {
      types.push(current);
      current = "";
    } else current += c;
  }
  if (current !== "") types.push(current);
  return types;
}
