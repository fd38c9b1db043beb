import { expect } from "chai";
import { ZeroAddress, ZeroHash, id } from "ethers";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { InvestorRegistry, SovereignToken } from "../../../typechain-types/index.js";
import { contextFor, type OpsContext } from "../../../src/ops/context.js";
import {
  acceptAdmin,
  adminsReport,
  beginAdminTransfer,
  cancelAdminTransfer,
  changeAdminDelay,
  rollbackAdminDelay,
} from "../../../src/ops/governance.js";
import { changeRole } from "../../../src/ops/roles.js";
import type { Connection } from "../../../src/ops/network.js";
import { toCsv } from "../../../src/ops/output.js";
import { isoTime } from "../../../src/ops/units.js";
import { deployForTest, expectOpsError, loadTestManifest, tempDir, type Deployed } from "./helpers.js";

const MANIFEST = "issuances/sample-note.json";
const NOTE = "sample-note";
const REGISTRY = "InvestorRegistry";
const DAY = 86_400n;
const ADMIN_DELAY = 2n * DAY; // the manifest's adminDelay
/** An account no key is configured for: its calls are printed for it (a multisig) to submit. */
const OUTSIDER = "0x000000000000000000000000000000000000dEaD";

describe("ops: governance tasks, the admin's own operations (embedded chain)", function () {
  let connection: Connection;
  before(async function () {
    connection = await hre.network.create();
  });
  after(async function () {
    await connection.close();
  });

  const blockNumber = () => connection.ethers.provider.getBlockNumber();
  const latestTime = async () => BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp);

  /** Runs `work`, which must fail with an OpsError matching `message`, and checks that no block was mined. */
  async function refusedWithoutSending(work: () => Promise<unknown>, message: RegExp | string) {
    const before = await blockNumber();
    const error = await expectOpsError(work(), message);
    expect(await blockNumber()).to.equal(before);
    return error;
  }

  /** Runs `work` and checks that it mined no block; returns its result. */
  async function withoutSending<T>(work: () => Promise<T>): Promise<T> {
    const before = await blockNumber();
    const result = await work();
    expect(await blockNumber()).to.equal(before);
    return result;
  }

  async function deployNote() {
    return deployForTest(connection, await loadTestManifest(MANIFEST));
  }

  /** The note's deployment (a snapshot, restored for each test) with a fresh context and its printed lines. */
  async function setup() {
    const deployed: Deployed = await connection.networkHelpers.loadFixture(deployNote);
    const lines: string[] = [];
    const ctx: OpsContext = await contextFor(connection, deployed.ctx.manifest, deployed.record, {
      stateDir: await tempDir(),
      task: "test",
      out: (line) => lines.push(line),
    });
    const registry: InvestorRegistry = await connection.ethers.getContractAt(
      "InvestorRegistry",
      deployed.record.registry!,
    );
    const token: SovereignToken = await connection.ethers.getContractAt(
      "SovereignToken",
      deployed.record.instruments[NOTE].address,
    );
    const signers: HardhatEthersSigner[] = await connection.ethers.getSigners();
    return { ctx, lines, registry, token, contracts: [registry, token], signers, deployer: signers[0] };
  }

  const both = (outcome: string) => ({ [REGISTRY]: outcome, [NOTE]: outcome });

  it("hands the admin role over: begun, accepted after the delay by the new admin, the old admin refused", async function () {
    const { ctx, lines, registry, token, contracts, signers, deployer } = await setup();
    const next = signers[8];

    expect(await beginAdminTransfer(ctx, next.address, { reason: "hand-over to the debt office" })).to.deep.equal(
      both("sent"),
    );
    for (const contract of contracts) {
      const [event] = await contract.queryFilter(contract.filters.DefaultAdminTransferScheduled());
      const block = await connection.ethers.provider.getBlock(event.blockNumber);
      expect(event.args.newAdmin).to.equal(next.address);
      expect(event.args.acceptSchedule).to.equal(BigInt(block!.timestamp) + ADMIN_DELAY);
      expect(await contract.pendingDefaultAdmin()).to.deep.equal([next.address, event.args.acceptSchedule]);
      expect(await contract.defaultAdmin()).to.equal(deployer.address);
    }
    const [registryEvent] = await registry.queryFilter(registry.filters.DefaultAdminTransferScheduled());
    const acceptAfter = isoTime(registryEvent.args.acceptSchedule);
    expect(lines).to.include(
      `${REGISTRY}: begin the hand-over of DEFAULT_ADMIN_ROLE from ${deployer.address} to ${next.address} (admin delay 2 days)`,
    );
    expect(lines).to.include(`  ${next.address} may accept after ${acceptAfter} (governance accept-admin)`);
    const logged = (await ctx.log.entries()).filter((e) => e.status === "confirmed");
    expect(logged.map((e) => [e.task, e.action, e.contract, e.from, e.args?.newAdmin, e.reason])).to.deep.equal(
      [REGISTRY, NOTE].map((contract) => [
        "test",
        "beginDefaultAdminTransfer",
        contract,
        deployer.address,
        next.address,
        "hand-over to the debt office",
      ]),
    );

    // Run again: the hand-over is begun already.
    lines.length = 0;
    expect(await withoutSending(() => beginAdminTransfer(ctx, next.address))).to.deep.equal(both("done"));
    expect(lines[0]).to.equal(
      `${REGISTRY}: the hand-over to ${next.address} is begun already; ` +
        `${next.address} may accept after ${acceptAfter} (governance accept-admin); nothing to send`,
    );

    // Before the delay the new admin cannot accept.
    expect(await withoutSending(() => acceptAdmin(ctx))).to.deep.equal(both("waiting"));
    // Each contract's schedule counts from its own transaction: the note's is the later one.
    const [, noteSchedule] = await token.pendingDefaultAdmin();
    expect(registryEvent.args.acceptSchedule).to.be.lessThan(noteSchedule);
    await connection.networkHelpers.time.increaseTo(noteSchedule);
    expect(await acceptAdmin(ctx)).to.deep.equal({ [REGISTRY]: "sent", [NOTE]: "waiting" });
    await connection.networkHelpers.time.increase(1);

    expect(await acceptAdmin(ctx)).to.deep.equal({ [REGISTRY]: "done", [NOTE]: "sent" });
    for (const contract of contracts) {
      expect(await contract.defaultAdmin()).to.equal(next.address);
      expect(await contract.pendingDefaultAdmin()).to.deep.equal([ZeroAddress, 0n]);
      expect(await contract.hasRole(ZeroHash, deployer.address)).to.equal(false);
    }
    const accepted = (await ctx.log.entries()).filter(
      (e) => e.status === "confirmed" && e.action === "acceptDefaultAdminTransfer",
    );
    expect(accepted.map((e) => e.from)).to.deep.equal([next.address, next.address]);
    expect(await withoutSending(() => acceptAdmin(ctx))).to.deep.equal(both("done"));

    // The old admin is refused, by the task (nothing sent) and by the contracts.
    await refusedWithoutSending(
      () => beginAdminTransfer(ctx, deployer.address, { from: deployer.address }),
      `--from ${deployer.address} does not hold DEFAULT_ADMIN_ROLE on ${await registry.getAddress()} (the admin is ${next.address})`,
    );
    await expect(token.connect(deployer).beginDefaultAdminTransfer(deployer.address))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(deployer.address, ZeroHash);
    await expect(token.connect(deployer).grantRole(id("ISSUER_ROLE"), signers[9].address))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(deployer.address, ZeroHash);

    // The new admin administers: the tasks send from it.
    expect(await changeRole(ctx, NOTE, "ISSUER_ROLE", signers[9].address, true)).to.equal("sent");
    expect(await token.hasRole(id("ISSUER_ROLE"), signers[9].address)).to.equal(true);
  });

  it("hands over one contract with --contract; an admin without a configured key gets the call printed", async function () {
    const { ctx, lines, registry, token } = await setup();
    expect(await beginAdminTransfer(ctx, OUTSIDER, { contract: NOTE })).to.deep.equal({ [NOTE]: "sent" });
    expect((await token.pendingDefaultAdmin())[0]).to.equal(OUTSIDER);
    expect((await registry.pendingDefaultAdmin())[0]).to.equal(ZeroAddress);

    await connection.networkHelpers.time.increase(ADMIN_DELAY + 1n);
    lines.length = 0;
    const outcomes = await withoutSending(() => acceptAdmin(ctx));
    expect(outcomes).to.deep.equal({ [REGISTRY]: "done", [NOTE]: "printed" });
    expect(lines).to.deep.equal([
      `${REGISTRY}: no hand-over pending (the admin is ${await registry.defaultAdmin()}); nothing to send`,
      `${NOTE}: ${OUTSIDER} accepts DEFAULT_ADMIN_ROLE (acceptDefaultAdminTransfer)`,
      `${NOTE}: the admin ${OUTSIDER} is not a configured account; have it submit this call:`,
      `  to:   ${await token.getAddress()}`,
      `  data: ${token.interface.encodeFunctionData("acceptDefaultAdminTransfer")}  (acceptDefaultAdminTransfer)`,
    ]);
  });

  it("cancels a pending hand-over; with nothing pending a re-run sends nothing", async function () {
    const { ctx, lines, registry, token, signers, deployer } = await setup();
    await beginAdminTransfer(ctx, signers[8].address);
    // Begun to another account: the pending hand-over is replaced.
    lines.length = 0;
    expect(await beginAdminTransfer(ctx, signers[7].address, { contract: "registry" })).to.deep.equal({
      [REGISTRY]: "sent",
    });
    expect(lines[0]).to.equal(
      `${REGISTRY}: begin the hand-over of DEFAULT_ADMIN_ROLE from ${deployer.address} to ${signers[7].address} ` +
        `(admin delay 2 days, replacing the pending hand-over to ${signers[8].address})`,
    );
    expect((await registry.pendingDefaultAdmin())[0]).to.equal(signers[7].address);

    expect(await cancelAdminTransfer(ctx, { contract: "registry" })).to.deep.equal({ [REGISTRY]: "sent" });
    expect(await registry.pendingDefaultAdmin()).to.deep.equal([ZeroAddress, 0n]);
    expect((await token.pendingDefaultAdmin())[0]).to.equal(signers[8].address);
    expect(await registry.queryFilter(registry.filters.DefaultAdminTransferCanceled())).to.have.length(2); // replaced, cancelled

    lines.length = 0;
    expect(await cancelAdminTransfer(ctx)).to.deep.equal({ [REGISTRY]: "done", [NOTE]: "sent" });
    expect(lines[0]).to.equal(`${REGISTRY}: no hand-over pending (the admin is ${deployer.address}); nothing to send`);
    expect(lines[1]).to.equal(`${NOTE}: cancel the hand-over of DEFAULT_ADMIN_ROLE to ${signers[8].address}`);
    expect(await token.pendingDefaultAdmin()).to.deep.equal([ZeroAddress, 0n]);
    expect(await withoutSending(() => cancelAdminTransfer(ctx))).to.deep.equal(both("done"));

    // Nothing left to accept, even after the delay.
    await connection.networkHelpers.time.increase(ADMIN_DELAY + 1n);
    expect(await withoutSending(() => acceptAdmin(ctx))).to.deep.equal(both("done"));
    expect(await token.defaultAdmin()).to.equal(deployer.address);
  });

  it("changes the admin delay and rolls a change back; re-runs send nothing", async function () {
    const { ctx, lines, contracts, signers } = await setup();
    // A decrease from 2 days to 1 day takes effect after the difference, 1 day.
    expect(await changeAdminDelay(ctx, "1d")).to.deep.equal(both("sent"));
    for (const contract of contracts) {
      const [event] = await contract.queryFilter(contract.filters.DefaultAdminDelayChangeScheduled());
      const block = await connection.ethers.provider.getBlock(event.blockNumber);
      expect(event.args.effectSchedule).to.equal(BigInt(block!.timestamp) + DAY);
      expect(await contract.pendingDefaultAdminDelay()).to.deep.equal([DAY, event.args.effectSchedule]);
      expect(await contract.defaultAdminDelay()).to.equal(ADMIN_DELAY);
    }
    const [effect] = await contracts[0].pendingDefaultAdminDelay().then(([, at]) => [at]);
    expect(lines).to.include(`${REGISTRY}: change the admin delay from 2 days to 1 day`);
    expect(lines).to.include(`  the admin delay becomes 1 day at ${isoTime(effect)}`);

    // The same change, in seconds: pending already.
    lines.length = 0;
    expect(await withoutSending(() => changeAdminDelay(ctx, "86400"))).to.deep.equal(both("done"));
    expect(lines[0]).to.equal(
      `${REGISTRY}: the change to 1 day is pending already (at ${isoTime(effect)}); nothing to send`,
    );

    expect(await rollbackAdminDelay(ctx, { contract: NOTE })).to.deep.equal({ [NOTE]: "sent" });
    expect(await contracts[1].pendingDefaultAdminDelay()).to.deep.equal([0n, 0n]);
    expect(await contracts[0].pendingDefaultAdminDelay()).to.deep.equal([DAY, effect]);
    expect(await contracts[1].queryFilter(contracts[1].filters.DefaultAdminDelayChangeCanceled())).to.have.length(1);
    expect(await rollbackAdminDelay(ctx)).to.deep.equal({ [REGISTRY]: "sent", [NOTE]: "done" });
    expect(await withoutSending(() => rollbackAdminDelay(ctx))).to.deep.equal(both("done"));
    await connection.networkHelpers.time.increase(2n * DAY);
    for (const contract of contracts) expect(await contract.defaultAdminDelay()).to.equal(ADMIN_DELAY);

    // A change that took effect: the delay is what was asked, a re-run sends nothing, and a
    // hand-over begun afterwards waits the new delay.
    expect(await changeAdminDelay(ctx, "24h", { contract: "registry" })).to.deep.equal({ [REGISTRY]: "sent" });
    await connection.networkHelpers.time.increase(DAY + 1n);
    expect(await contracts[0].defaultAdminDelay()).to.equal(DAY);
    expect(await withoutSending(() => changeAdminDelay(ctx, "1440m", { contract: "registry" }))).to.deep.equal({
      [REGISTRY]: "done",
    });
    expect(await withoutSending(() => rollbackAdminDelay(ctx, { contract: "registry" }))).to.deep.equal({
      [REGISTRY]: "done",
    });
    await beginAdminTransfer(ctx, signers[8].address, { contract: "registry" });
    expect((await contracts[0].pendingDefaultAdmin())[1]).to.equal((await latestTime()) + DAY);

    // An increase to 3 days takes effect after 3 days (at most the contract's 5-day wait).
    await changeAdminDelay(ctx, "3d", { contract: NOTE });
    expect(await contracts[1].pendingDefaultAdminDelay()).to.deep.equal([3n * DAY, (await latestTime()) + 3n * DAY]);
  });

  it("refuses a caller that is not the admin, checking every contract before sending anything", async function () {
    const { ctx, registry, token, signers, deployer } = await setup();
    const desk = signers[5].address; // operations: PAUSER_ROLE, not admin
    const where = async (contract: { getAddress(): Promise<string> }) =>
      `--from ${desk} does not hold DEFAULT_ADMIN_ROLE on ${await contract.getAddress()} (the admin is ${deployer.address})`;
    await refusedWithoutSending(
      () => beginAdminTransfer(ctx, signers[8].address, { from: desk }),
      await where(registry),
    );
    await refusedWithoutSending(() => changeAdminDelay(ctx, "1d", { from: desk }), await where(registry));
    await beginAdminTransfer(ctx, signers[8].address);
    await changeAdminDelay(ctx, "1d");
    await refusedWithoutSending(() => cancelAdminTransfer(ctx, { from: desk }), await where(registry));
    await refusedWithoutSending(() => rollbackAdminDelay(ctx, { from: desk, contract: NOTE }), await where(token));
    // Only the pending admin accepts.
    await connection.networkHelpers.time.increase(ADMIN_DELAY + 1n);
    await refusedWithoutSending(
      () => acceptAdmin(ctx, { from: desk }),
      `--from ${desk} does not hold DEFAULT_ADMIN_ROLE on ${await registry.getAddress()} (the admin is ${signers[8].address})`,
    );

    // The note's admin is now signers[8], the registry's still the deployer: a call from the
    // deployer to both is refused for the note before the registry's is sent.
    await acceptAdmin(ctx, { contract: NOTE });
    expect(await token.defaultAdmin()).to.equal(signers[8].address);
    const before = await registry.pendingDefaultAdmin();
    await refusedWithoutSending(
      () => beginAdminTransfer(ctx, signers[7].address, { from: deployer.address }),
      `--from ${deployer.address} does not hold DEFAULT_ADMIN_ROLE on ${await token.getAddress()} (the admin is ${signers[8].address})`,
    );
    expect(await registry.pendingDefaultAdmin()).to.deep.equal(before);
  });

  it("refuses bad input with zero transactions", async function () {
    const { ctx, signers } = await setup();
    const next = signers[8].address;
    const cases: [() => Promise<unknown>, string | RegExp][] = [
      [() => beginAdminTransfer(ctx, "0x1234"), '--to: got "0x1234", expected a checksummed address'],
      [
        () => beginAdminTransfer(ctx, next.toLowerCase()),
        `--to: got "${next.toLowerCase()}", expected a checksummed address`,
      ],
      [
        () => beginAdminTransfer(ctx, ZeroAddress),
        `--to: got ${ZeroAddress}, expected a non-zero address (the admin role cannot be handed to nobody)`,
      ],
      [
        () => beginAdminTransfer(ctx, next, { contract: "nope" }),
        /^no instrument "nope": the issuance has sample-note$/,
      ],
      [() => beginAdminTransfer(ctx, next, { from: "0xabc" }), '--from: got "0xabc", expected a checksummed address'],
      [
        () => beginAdminTransfer(ctx, next, { from: OUTSIDER }),
        `--from ${OUTSIDER} is not an account configured for network default`,
      ],
      ...["2 days", "-1", "1.5d", "2y", "", "0x10"].map((text): [() => Promise<unknown>, string] => [
        () => changeAdminDelay(ctx, text),
        `--delay: got "${text}", expected whole seconds or a number with a unit s, m, h, d or w (as 172800 or 2d)`,
      ]),
      [
        () => changeAdminDelay(ctx, "281474976710656"),
        "--delay: got 281474976710656 s, expected at most 281474976710655 s (uint48)",
      ],
      [() => cancelAdminTransfer(ctx, { contract: "nope" }), /^no instrument "nope"/],
    ];
    for (const [work, message] of cases) await refusedWithoutSending(work, message);
    expect(await ctx.log.entries()).to.deep.equal([]);
  });

  it("reports the admin, the pending hand-over and the delay of every contract", async function () {
    const { ctx, registry, token, signers, deployer } = await setup();
    const row = (contract: string, address: string, fields: Record<string, unknown> = {}) => ({
      contract,
      address,
      admin: deployer.address,
      pendingAdmin: "",
      acceptAfter: "",
      delay: ADMIN_DELAY,
      pendingDelay: "",
      delayChangeAt: "",
      ...fields,
    });
    const [registryAddress, tokenAddress] = [await registry.getAddress(), await token.getAddress()];
    const first = await adminsReport(ctx);
    expect(first.block).to.equal(await blockNumber());
    expect(first.rows).to.deep.equal([row(REGISTRY, registryAddress), row(NOTE, tokenAddress)]);

    await beginAdminTransfer(ctx, signers[8].address, { contract: NOTE });
    const [, acceptSchedule] = await token.pendingDefaultAdmin();
    await changeAdminDelay(ctx, "1d", { contract: "registry" });
    const [, effect] = await registry.pendingDefaultAdminDelay();
    const report = await adminsReport(ctx);
    expect(report.time).to.equal(isoTime(await latestTime()));
    expect(report.rows).to.deep.equal([
      row(REGISTRY, registryAddress, { pendingDelay: DAY, delayChangeAt: isoTime(effect) }),
      row(NOTE, tokenAddress, { pendingAdmin: signers[8].address, acceptAfter: isoTime(acceptSchedule) }),
    ]);
    expect((await adminsReport(ctx, { contract: NOTE })).rows).to.deep.equal([report.rows[1]]);
    expect(toCsv(["contract", "pendingAdmin", "delay", "pendingDelay"], report.rows)).to.equal(
      `contract,pendingAdmin,delay,pendingDelay\n${REGISTRY},,172800,86400\n${NOTE},${signers[8].address},172800,\n`,
    );
  });

  describe("through a TimelockController", function () {
    async function deployGoverned() {
      const deployed = await deployForTest(connection, await loadTestManifest("issuances/sample-note-timelock.json"));
      // Complete the deployment's hand-over to the timelock: schedule, then execute.
      await connection.networkHelpers.time.increase(ADMIN_DELAY + 1n);
      await acceptAdmin(deployed.ctx);
      await connection.networkHelpers.time.increase(DAY);
      await acceptAdmin(deployed.ctx);
      return deployed;
    }

    it("schedules, then executes a delay change and its rollback; an identical earlier operation needs --salt", async function () {
      const { ctx, record } = await connection.networkHelpers.loadFixture(deployGoverned);
      const token: SovereignToken = await connection.ethers.getContractAt(
        "SovereignToken",
        record.instruments["governed-note"].address,
      );
      expect(await token.defaultAdmin()).to.equal(record.timelock);
      const one = { contract: "governed-note" };
      const operations = (await connection.ethers.getSigners())[5].address; // the timelock's proposer and executor

      expect(await changeAdminDelay(ctx, "3d", one)).to.deep.equal({ "governed-note": "scheduled" });
      expect(await changeAdminDelay(ctx, "3d", one)).to.deep.equal({ "governed-note": "waiting" });
      await connection.networkHelpers.time.increase(DAY);
      expect(await changeAdminDelay(ctx, "3d", one)).to.deep.equal({ "governed-note": "executed" });
      expect((await token.pendingDefaultAdminDelay())[0]).to.equal(3n * DAY); // an increase: effective in 3 days
      expect(await withoutSending(() => changeAdminDelay(ctx, "3d", one))).to.deep.equal({ "governed-note": "done" });
      const executed = (await ctx.log.entries()).filter((e) => e.status === "confirmed" && e.contract === "Timelock");
      expect(executed.at(-1)?.from).to.equal(operations);

      await rollbackAdminDelay(ctx, one);
      await connection.networkHelpers.time.increase(DAY);
      expect(await rollbackAdminDelay(ctx, one)).to.deep.equal({ "governed-note": "executed" });
      expect(await token.pendingDefaultAdminDelay()).to.deep.equal([0n, 0n]);

      // The same change again: the timelock executed that very operation before, so it asks for a salt.
      await expectOpsError(
        changeAdminDelay(ctx, "3d", one),
        "governed-note: an identical changeDefaultAdminDelay executed through the timelock earlier; " +
          "run the command again with another --salt to schedule it anew",
      );
      expect(await changeAdminDelay(ctx, "3d", { ...one, salt: "second" })).to.deep.equal({
        "governed-note": "scheduled",
      });
    });
  });
});
