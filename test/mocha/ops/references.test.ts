import { expect } from "chai";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { id, type Interface, type TransactionReceipt } from "ethers";
import hre from "hardhat";
import { contextFor, instrumentOf, registryOf, type OpsContext } from "../../../src/ops/context.js";
import { acceptAdmin, beginAdminTransfer } from "../../../src/ops/governance.js";
import { importInvestors, revokeInvestors, updateInvestor } from "../../../src/ops/investors.js";
import type { Connection } from "../../../src/ops/network.js";
import type { OpsLogEntry } from "../../../src/ops/ops-log.js";
import {
  REFERENCES_INTERFACE_ID,
  referenceOf,
  supportsReferences,
  unwrapReference,
} from "../../../src/ops/references.js";
import { auditRow, auditTrail } from "../../../src/ops/reports.js";
import {
  burn,
  forcedTransfer,
  freeze,
  mint,
  mintFromFile,
  recoverWallet,
  setPaused,
  unfreeze,
} from "../../../src/ops/token.js";
import { applyPolicy, setRegistry } from "../../../src/ops/token-settings.js";
import { ROOT, deployForTest, expectRefusedWithoutSending, loadTestManifest, tempDir, writeCsv } from "./helpers.js";

const SAMPLE = "issuances/sample-note.json";
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const ALLOCATIONS = path.join(ROOT, "issuances/allocations.sample.csv");

describe("ops: reasons on the ledger (withReference) and in the audit trail", function () {
  let connection: Connection;
  before(async function () {
    connection = await hre.network.create();
  });
  after(async function () {
    await connection.close();
  });

  async function sampleIssuance() {
    const deployed = await deployForTest(connection, await loadTestManifest(SAMPLE));
    await importInvestors(deployed.ctx, INVESTORS, { progress: false });
    return deployed;
  }

  /** A fresh ops log (another state directory) on the same deployment. */
  async function freshContext(ctx: OpsContext): Promise<OpsContext> {
    return contextFor(connection, ctx.manifest, ctx.record, { stateDir: await tempDir(), task: "test", out: () => {} });
  }

  async function setup() {
    const deployed = await connection.networkHelpers.loadFixture(sampleIssuance);
    const ctx = await freshContext(deployed.ctx);
    const { token } = await instrumentOf(ctx, undefined);
    const registry = await registryOf(ctx);
    const signers = await connection.ethers.getSigners();
    const [dealer, fund, exchange] = signers.slice(6, 9).map((s) => s.address);
    return { ctx, token, registry, signers, dealer, fund, exchange };
  }

  /** The last transaction the ops log saw confirmed, its entry and its receipt. */
  async function lastConfirmed(ctx: OpsContext): Promise<{ entry: OpsLogEntry; receipt: TransactionReceipt }> {
    const entry = (await ctx.log.entries()).filter((e) => e.status === "confirmed").at(-1)!;
    const receipt = (await connection.ethers.provider.getTransactionReceipt(entry.txHash!))!;
    return { entry, receipt };
  }

  /** The names and arguments of the events `contract` emitted in `receipt`, in log order. */
  async function eventsOf(
    contract: { getAddress(): Promise<string>; interface: Interface },
    receipt: TransactionReceipt,
  ) {
    const address = (await contract.getAddress()).toLowerCase();
    return receipt.logs
      .filter((log) => log.address.toLowerCase() === address)
      .map((log) => contract.interface.parseLog(log)!);
  }

  it("puts the hash of every enforcement, compliance and KYC reason on chain, before the action's events", async function () {
    const { ctx, token, registry, signers, dealer, fund } = await setup();
    const [kycDesk, enforcementDesk, complianceDesk, operations, deployer] = [1, 3, 4, 5, 0].map(
      (i) => signers[i].address,
    );
    const spare = "0x2546BcD3c84621e976D8185a91A922aE77ECEc30";
    const spareFile = await writeCsv(await tempDir(), "spare.csv", [
      "wallet,investorId,country,category,expiresAt",
      `${spare},${(await registry.investorOf(dealer)).investorId},586,primaryDealer,2028-01-01`,
    ]);
    await importInvestors(ctx, spareFile, { progress: false });
    await mint(ctx, dealer, "1000");
    await mint(ctx, fund, "1000");
    const otherRegistry = await connection.ethers.deployContract("InvestorRegistry", [deployer, 0]);
    const otherAddress = await otherRegistry.getAddress();
    const policy = await loadTestManifest(SAMPLE, (json) => {
      (json.instruments as { policy: Record<string, unknown> }[])[0].policy.maxHolders = 4000;
    });

    // [what the task does, the function it calls, who calls it, the action's own events]
    const steps: [() => Promise<unknown>, string, string, string[], "token" | "registry"][] = [
      [
        () => freeze(ctx, dealer, undefined, { reason: "freeze order 1" }),
        "setAddressFrozen",
        enforcementDesk,
        ["AddressFrozen"],
        "token",
      ],
      [
        () => unfreeze(ctx, dealer, undefined, { reason: "order 1 lifted" }),
        "setAddressFrozen",
        enforcementDesk,
        ["AddressFrozen"],
        "token",
      ],
      [
        () => freeze(ctx, dealer, "100", { reason: "partial freeze, notice 7" }),
        "setFrozenTokens",
        enforcementDesk,
        ["Frozen"],
        "token",
      ],
      [
        () => unfreeze(ctx, dealer, "40", { reason: "notice 7 reduced" }),
        "setFrozenTokens",
        enforcementDesk,
        ["Frozen"],
        "token",
      ],
      [
        () => forcedTransfer(ctx, dealer, fund, "950", { reason: "court order 2026/117" }),
        "forcedTransfer",
        enforcementDesk,
        ["Frozen", "Transfer", "ForcedTransfer"],
        "token",
      ],
      [
        () => recoverWallet(ctx, dealer, spare, { reason: "lost key, ticket 42" }),
        "recoverWallet",
        enforcementDesk,
        ["Frozen", "Transfer", "ForcedTransfer", "Frozen", "WalletRecovered"],
        "token",
      ],
      [
        () => burn(ctx, fund, "10", { reason: "cancelled allotment" }),
        "burn",
        signers[2].address,
        ["Transfer"],
        "token",
      ],
      [() => setPaused(ctx, true, { reason: "incident 5" }), "pause", operations, ["Paused"], "token"],
      [() => setPaused(ctx, false, { reason: "incident 5 closed" }), "unpause", operations, ["Unpaused"], "token"],
      [
        () => applyPolicy({ ...ctx, manifest: policy }, { reason: "regulator notice 12" }),
        "setMaxHolders",
        complianceDesk,
        ["MaxHoldersSet"],
        "token",
      ],
      [
        () => updateInvestor(ctx, { wallet: fund, country: 784 }, { reason: "moved to the UAE" }),
        "updateInvestor",
        kycDesk,
        ["InvestorUpdated"],
        "registry",
      ],
      [
        () => revokeInvestors(ctx, [fund], { reason: "FIU notice 88" }),
        "revokeInvestor",
        kycDesk,
        ["InvestorRevoked"],
        "registry",
      ],
      [
        () => setRegistry(ctx, otherAddress, { reason: "new KYC provider" }),
        "setRegistry",
        deployer,
        ["RegistryChanged"],
        "token",
      ],
    ];
    for (const [run, fn, caller, events, on] of steps) {
      await run();
      const { entry, receipt } = await lastConfirmed(ctx);
      const contract = (on === "token" ? token : registry) as unknown as {
        getAddress(): Promise<string>;
        interface: Interface;
      };
      const ref = id(entry.reason!);
      expect(entry.reference, fn).to.equal(ref);
      const parsed = await eventsOf(contract, receipt);
      expect(
        parsed.map((e) => e.name),
        fn,
      ).to.deep.equal(["ActionReferenced", ...events]);
      expect([...parsed[0].args], fn).to.deep.equal([ref, caller, contract.interface.getFunction(fn)!.selector]);
    }
    expect(await token.balanceOf(spare)).to.equal(50n * 10n ** 6n);
    // A refused wrapped call reports the contract's own error, and nothing is sent.
    await expectRefusedWithoutSending(
      connection,
      recoverWallet(ctx, fund, spare, { reason: "another investor's wallet" }),
      `sample-note.recoverWallet refused: RegulatedTokenInvalidRecovery: ${spare} is not another wallet of the investor who owns ${fund}`,
    );
    expect(await token.registry()).to.equal(otherAddress);
  });

  it("sends a call without a reason as it is; a reason that is a 32-byte hash goes on chain unchanged", async function () {
    const { ctx, token, dealer } = await setup();
    await mint(ctx, dealer, "5");
    const plain = await lastConfirmed(ctx);
    expect(plain.entry.reference).to.equal(undefined);
    expect((await eventsOf(token, plain.receipt)).map((e) => e.name)).to.deep.equal(["Transfer"]);
    const documentHash = "0x" + "ab".repeat(32);
    expect(referenceOf(documentHash.toUpperCase().replace("0X", "0x"))).to.equal(documentHash);
    await freeze(ctx, dealer, "1", { reason: documentHash });
    const { receipt } = await lastConfirmed(ctx);
    expect((await eventsOf(token, receipt))[0].args[0]).to.equal(documentHash);
  });

  it("the audit trail shows each action's reference, and its reason where the ops log knows the hash", async function () {
    const { ctx, dealer, fund } = await setup();
    await mint(ctx, dealer, "1000");
    await forcedTransfer(ctx, dealer, fund, "250", { reason: "court order 2026/117" });
    await freeze(ctx, fund, undefined);
    const ref = id("court order 2026/117");
    const events = await auditTrail(ctx);
    const pick = (name: string) => events.filter((e) => e.event === name).at(-1)!;
    expect(pick("ActionReferenced")).to.include({ reference: ref, reason: "court order 2026/117" });
    expect(pick("ForcedTransfer")).to.include({ reference: ref, reason: "court order 2026/117" });
    expect(auditRow(pick("ForcedTransfer"))).to.include({ reference: ref, reason: "court order 2026/117" });
    expect(pick("AddressFrozen")).to.include({ reference: "", reason: "" });
    // Another machine's ops log does not know the text: the reference alone, from the chain.
    const elsewhere = await auditTrail(await freshContext(ctx));
    const forced = elsewhere.filter((e) => e.event === "ForcedTransfer").at(-1)!;
    expect(forced).to.include({ reference: ref, reason: "" });
  });

  it("a batch chunk re-run with another reason after an interruption is not sent twice", async function () {
    const { ctx, token } = await setup();
    expect(
      await mintFromFile(ctx, ALLOCATIONS, { chunk: 3, progress: false, reason: "auction 2026-11" }),
    ).to.deep.equal({
      sent: 2,
      skipped: 0,
    });
    const supply = await token.totalSupply();
    // The run was interrupted after sending: the log holds the intents, not the confirmations.
    const text = await readFile(ctx.log.file, "utf8");
    const intents = text.split("\n").filter((line) => line.includes('"status":"intent"'));
    expect(intents).to.have.length(2);
    expect(unwrapReference((JSON.parse(intents[0]) as OpsLogEntry).data!).ref).to.equal(id("auction 2026-11"));
    await writeFile(ctx.log.file, intents.join("\n") + "\n");
    expect(await mintFromFile(ctx, ALLOCATIONS, { chunk: 3, progress: false, reason: "another text" })).to.deep.equal({
      sent: 0,
      skipped: 2,
    });
    expect(await token.totalSupply()).to.equal(supply);
    const recovered = (await ctx.log.entries()).filter((e) => e.status === "confirmed");
    expect(recovered.map((e) => [e.reason, e.reference, e.note])).to.deep.equal([
      ["auction 2026-11", id("auction 2026-11"), "found on chain after an interrupted run"],
      ["auction 2026-11", id("auction 2026-11"), "found on chain after an interrupted run"],
    ]);
  });

  it("asks the contract first: the timelock and a plain ERC-20 take no reference", async function () {
    const deployed = await deployForTest(connection, await loadTestManifest("issuances/sample-note-timelock.json"));
    const provider = connection.ethers.provider;
    const token = deployed.record.instruments["governed-note"].address;
    const cash = await connection.ethers.deployContract("ERC20PlainMock");
    expect(await supportsReferences(provider, token)).to.equal(true);
    expect(await supportsReferences(provider, deployed.record.registry!)).to.equal(true);
    expect(await supportsReferences(provider, deployed.record.timelock!)).to.equal(false);
    expect(await supportsReferences(provider, await cash.getAddress())).to.equal(false);
    const artifact = await hre.artifacts.readArtifact("IReferencedActions");
    const selector = (await connection.ethers.getContractAt(artifact.abi, token)).interface.getFunction(
      "withReference",
    )!.selector;
    expect(REFERENCES_INTERFACE_ID).to.equal(selector);
  });

  it("a timelocked registry change carries the reason scheduled with it; the next run finds it with or without --reason", async function () {
    const deployed = await deployForTest(connection, await loadTestManifest("issuances/sample-note-timelock.json"));
    const ctx = await freshContext(deployed.ctx);
    const { token } = await instrumentOf(ctx, undefined);
    const timelock = await connection.ethers.getContractAt("Timelock", deployed.record.timelock!);
    await connection.networkHelpers.time.increase(172_800 + 1);
    await acceptAdmin(ctx);
    await connection.networkHelpers.time.increase(86_400);
    await acceptAdmin(ctx);
    const signers = await connection.ethers.getSigners();
    const registry = await connection.ethers.deployContract("InvestorRegistry", [signers[0].address, 0]);
    const address = await registry.getAddress();
    const reason = "ministerial order 3/2027";
    expect(await setRegistry(ctx, address, { reason })).to.equal("scheduled");
    const scheduled = (await timelock.queryFilter(timelock.filters.CallScheduled())).at(-1)!;
    expect(unwrapReference(scheduled.args.data)).to.deep.equal({
      call: token.interface.encodeFunctionData("setRegistry", [address]),
      ref: id(reason),
    });
    await expectRefusedWithoutSending(
      connection,
      setRegistry(ctx, address, { reason: "another reason" }),
      new RegExp(
        `setRegistry is scheduled through the timelock with reference ${id(reason)} .*run again with the reason it was scheduled with, or without --reason`,
      ),
    );
    expect(await setRegistry(ctx, address)).to.equal("waiting");
    await connection.networkHelpers.time.increase(86_400);
    expect(await setRegistry(ctx, address)).to.equal("executed");
    const { receipt } = await lastConfirmed(ctx);
    const parsed = await eventsOf(token, receipt);
    expect(parsed.map((e) => e.name)).to.deep.equal(["ActionReferenced", "RegistryChanged"]);
    expect([...parsed[0].args]).to.deep.equal([
      id(reason),
      await timelock.getAddress(),
      token.interface.getFunction("setRegistry").selector,
    ]);
    const trail = await auditTrail(ctx);
    const changed = trail.find((e) => e.event === "RegistryChanged" && e.args.current === address)!;
    expect(changed).to.include({ reference: id(reason), reason });
    const scheduledRow = trail.filter((e) => e.event === "CallScheduled").at(-1)!;
    expect(scheduledRow).to.include({ transaction: scheduled.transactionHash, reference: id(reason), reason });
  });

  it("prints the call with its reference for an admin that is not a configured account (a multisig)", async function () {
    const { ctx, token } = await setup();
    const multisig = "0x000000000000000000000000000000000000dEaD"; // no configured key
    await beginAdminTransfer(ctx, multisig, { contract: "sample-note" });
    await connection.networkHelpers.time.increase(172_800 + 1);
    const lines: string[] = [];
    const printing = { ...ctx, out: (line: string) => lines.push(line) };
    const block = await connection.ethers.provider.getBlockNumber();
    const reason = "board resolution 2027-02";
    expect(await acceptAdmin(printing, { contract: "sample-note", reason })).to.deep.equal({
      "sample-note": "printed",
    });
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
    const call = token.interface.encodeFunctionData("acceptDefaultAdminTransfer");
    expect(lines.at(-1)).to.equal(
      `  data: ${token.interface.encodeFunctionData("withReference", [id(reason), call])}  ` +
        `(acceptDefaultAdminTransfer with reference ${id(reason)})`,
    );
  });
});
