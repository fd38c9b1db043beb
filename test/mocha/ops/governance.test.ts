import { expect } from "chai";
import { ZeroHash, id } from "ethers";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { SovereignToken, Timelock } from "../../../typechain-types/index.js";
import { acceptAdmin } from "../../../src/ops/governance.js";
import { changeRole } from "../../../src/ops/roles.js";
import type { Connection } from "../../../src/ops/network.js";
import { deployForTest, loadTestManifest, type Deployed } from "./helpers.js";

const MANIFEST = "issuances/sample-note-timelock.json";
const ADMIN_DELAY = 172_800;
const MIN_DELAY = 86_400;

describe("ops: governance through a TimelockController (embedded chain)", function () {
  let connection: Connection;
  let signers: HardhatEthersSigner[];
  let deployed: Deployed;
  let timelock: Timelock;
  let token: SovereignToken;
  before(async function () {
    connection = await hre.network.create();
    signers = await connection.ethers.getSigners();
    deployed = await deployForTest(connection, await loadTestManifest(MANIFEST));
    timelock = await connection.ethers.getContractAt("Timelock", deployed.record.timelock!);
    token = await connection.ethers.getContractAt(
      "SovereignToken",
      deployed.record.instruments["governed-note"].address,
    );
  });
  after(async function () {
    await connection.close();
  });

  it("deploys the timelock with the manifest's delay, proposers and executors, administering itself", async function () {
    const operations = signers[5].address;
    expect(await timelock.getMinDelay()).to.equal(BigInt(MIN_DELAY));
    expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), operations)).to.equal(true);
    expect(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), operations)).to.equal(true);
    expect(await timelock.hasRole(await timelock.DEFAULT_ADMIN_ROLE(), await timelock.getAddress())).to.equal(true);
    expect(await timelock.hasRole(await timelock.DEFAULT_ADMIN_ROLE(), deployed.record.deployer)).to.equal(false);
  });

  it("begins the hand-over of every contract to the timelock at deployment", async function () {
    const registry = await connection.ethers.getContractAt("InvestorRegistry", deployed.record.registry!);
    for (const contract of [registry, token]) {
      expect(await contract.defaultAdmin()).to.equal(deployed.record.deployer);
      expect((await contract.pendingDefaultAdmin())[0]).to.equal(await timelock.getAddress());
    }
  });

  it("completes the hand-over: after the admin delay a proposer schedules, after the min delay an executor accepts", async function () {
    const both = (outcome: string) => ({ InvestorRegistry: outcome, "governed-note": outcome });
    expect(await acceptAdmin(deployed.ctx)).to.deep.equal(both("waiting"));

    await connection.networkHelpers.time.increase(ADMIN_DELAY + 1);
    expect(await acceptAdmin(deployed.ctx)).to.deep.equal(both("scheduled"));
    expect(await acceptAdmin(deployed.ctx)).to.deep.equal(both("waiting")); // scheduled, min delay not over

    await connection.networkHelpers.time.increase(MIN_DELAY);
    expect(await acceptAdmin(deployed.ctx)).to.deep.equal(both("executed"));
    expect(await token.defaultAdmin()).to.equal(await timelock.getAddress());
    expect(await acceptAdmin(deployed.ctx)).to.deep.equal(both("done"));

    // The deployer is no longer admin: a direct grant is refused.
    const deployer = signers[0];
    await expect(token.connect(deployer).grantRole(id("ISSUER_ROLE"), signers[9].address))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(deployer.address, ZeroHash);
  });

  it("executes a scheduled role change through the timelock", async function () {
    const newIssuer = signers[9].address;
    const operation = await timelock.hashOperation(
      await token.getAddress(),
      0,
      token.interface.encodeFunctionData("grantRole", [id("ISSUER_ROLE"), newIssuer]),
      ZeroHash,
      ZeroHash,
    );
    expect(await changeRole(deployed.ctx, "governed-note", "ISSUER_ROLE", newIssuer, true)).to.equal("scheduled");
    expect(await timelock.isOperationPending(operation)).to.equal(true);
    expect(await token.hasRole(id("ISSUER_ROLE"), newIssuer)).to.equal(false);

    expect(await changeRole(deployed.ctx, "governed-note", "ISSUER_ROLE", newIssuer, true)).to.equal("waiting");
    await connection.networkHelpers.time.increase(MIN_DELAY);
    expect(await changeRole(deployed.ctx, "governed-note", "ISSUER_ROLE", newIssuer, true)).to.equal("executed");
    expect(await timelock.isOperationDone(operation)).to.equal(true);
    expect(await token.hasRole(id("ISSUER_ROLE"), newIssuer)).to.equal(true);
    expect(await changeRole(deployed.ctx, "governed-note", "ISSUER_ROLE", newIssuer, true)).to.equal("done");
  });

  it("records the schedule and the execution in the ops log", async function () {
    const entries = (await deployed.ctx.log.entries()).filter(
      (e) => e.contract === "Timelock" && e.status === "confirmed",
    );
    expect(entries.map((e) => `${e.action} ${String(e.args?.call)} ${String(e.args?.target)}`)).to.deep.equal([
      "schedule acceptDefaultAdminTransfer InvestorRegistry",
      "schedule acceptDefaultAdminTransfer governed-note",
      "execute acceptDefaultAdminTransfer InvestorRegistry",
      "execute acceptDefaultAdminTransfer governed-note",
      "schedule grantRole governed-note",
      "execute grantRole governed-note",
    ]);
  });
});
