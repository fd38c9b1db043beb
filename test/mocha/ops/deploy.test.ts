import { expect } from "chai";
import path from "node:path";
import { ZeroAddress, id } from "ethers";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { deployIssuance } from "../../../src/ops/deploy.js";
import { acceptAdmin } from "../../../src/ops/governance.js";
import { importInvestors } from "../../../src/ops/investors.js";
import { requireConfirmation, type Connection } from "../../../src/ops/network.js";
import { mint } from "../../../src/ops/token.js";
import { ROOT, deployForTest, expectOpsError, loadTestManifest, tempDir } from "./helpers.js";

const SAMPLE = "issuances/sample-note.json";
const INVESTORS = path.join(ROOT, "issuances/investors.sample.csv");
const UNIT = 1_000_000n; // 6 decimals
const TWO_DAYS = 172_800;

describe("ops: deployment from a manifest (embedded chain)", function () {
  let connection: Connection;
  let signers: HardhatEthersSigner[];
  before(async function () {
    connection = await hre.network.create();
    signers = await connection.ethers.getSigners();
  });
  after(async function () {
    await connection.close();
  });

  it("deploys the registry and the instrument, grants the roles and sets the policy", async function () {
    const { record, lines } = await deployForTest(connection, await loadTestManifest(SAMPLE));
    const [deployer, kycDesk, treasury, enforcementDesk, complianceDesk, operations] = signers;
    const registry = await connection.ethers.getContractAt("InvestorRegistry", record.registry!);
    const token = await connection.ethers.getContractAt("SovereignToken", record.instruments["sample-note"].address);

    expect(await registry.hasRole(id("KYC_AGENT_ROLE"), kycDesk.address)).to.equal(true);
    expect(await registry.defaultAdmin()).to.equal(deployer.address);
    expect(await registry.defaultAdminDelay()).to.equal(BigInt(TWO_DAYS));
    expect([await token.name(), await token.symbol(), await token.decimals()]).to.deep.equal([
      "Sample Sovereign Note",
      "SSN",
      6n,
    ]);
    expect(await token.registry()).to.equal(record.registry);
    for (const [role, holder] of [
      ["ISSUER_ROLE", treasury],
      ["ENFORCEMENT_ROLE", enforcementDesk],
      ["COMPLIANCE_ROLE", complianceDesk],
      ["PAUSER_ROLE", operations],
    ] as const) {
      expect(await token.hasRole(id(role), holder.address), role).to.equal(true);
    }
    // The deployer held COMPLIANCE_ROLE only to set the policy.
    expect(await token.hasRole(id("COMPLIANCE_ROLE"), deployer.address)).to.equal(false);
    expect(await token.defaultAdmin()).to.equal(deployer.address);

    expect(await token.countryRestricted()).to.equal(true);
    for (const [country, allowed] of [
      [586, true],
      [784, true],
      [826, true],
      [840, false],
    ] as const) {
      expect(await token.isCountryAllowed(country), String(country)).to.equal(allowed);
    }
    expect(await token.allowedCategories()).to.equal(92n);
    expect(await token.maxBalance()).to.equal(50_000_000_000_000n);
    expect(await token.maxHolders()).to.equal(5000n);
    expect(await token.lockUpEndsAt()).to.equal(1_806_451_200n);

    expect(lines[0]).to.equal('Plan: issuance "sample-note" on network default (chain 31337, local)');
    expect(lines).to.include("                    setCountriesAllowed([586 (PK), 784 (AE), 826 (GB)], true)");
    expect(lines).to.include(`  sample-note       ${record.instruments["sample-note"].address} (regulatedToken, SSN)`);
  });

  it("sets the manifest's compliance module, which the token then consults", async function () {
    const module = await connection.ethers.deployContract("ComplianceModuleMock");
    const moduleAddress = await module.getAddress();
    const manifest = await loadTestManifest(SAMPLE, (json) => {
      const policy = (json.instruments as { policy: Record<string, unknown> }[])[0].policy;
      policy.complianceModule = moduleAddress;
      delete policy.lockUpEnd; // holder-to-holder transfers open, so that the module is the rule that refuses
    });
    const { ctx, record, lines } = await deployForTest(connection, manifest);
    const token = await connection.ethers.getContractAt("SovereignToken", record.instruments["sample-note"].address);
    expect(lines).to.include(`                    setComplianceModule(${moduleAddress})`);
    expect(await token.complianceModule()).to.equal(moduleAddress);
    expect(await token.hasRole(id("COMPLIANCE_ROLE"), signers[0].address)).to.equal(false);

    await importInvestors(ctx, INVESTORS, { progress: false });
    const [dealer, fund, exchange] = signers.slice(6, 9);
    await mint(ctx, dealer.address, "100");
    expect(await module.transferredCalls()).to.equal(1n);
    await module.setBlocked(fund.address, true);
    const amount = 10n * UNIT;
    expect(await token.detectTransferRestriction(dealer.address, fund.address, amount)).to.equal(15n);
    expect(await token.messageForTransferRestriction(15)).to.equal("Refused by the token's compliance module");
    await expect(token.connect(dealer).transfer(fund.address, amount))
      .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
      .withArgs(dealer.address, fund.address, amount);
    await expectOpsError(
      mint(ctx, fund.address, "1"),
      `sample-note.mint refused: ERC7943CannotTransfer: The compliance module refuses moving 1 SSN from ${ZeroAddress} to ${fund.address}`,
    );
    // A wallet the module does not block receives; the module is told of the transfer.
    expect(await token.detectTransferRestriction(dealer.address, exchange.address, amount)).to.equal(0n);
    await token.connect(dealer).transfer(exchange.address, amount);
    expect([await token.balanceOf(dealer), await token.balanceOf(exchange)]).to.deep.equal([90n * UNIT, amount]);
    expect(await module.transferredCalls()).to.equal(2n);
  });

  it("refuses a compliance module that is not a contract, before sending anything", async function () {
    const nothing = "0x000000000000000000000000000000000000dEaD";
    const manifest = await loadTestManifest(SAMPLE, (json) => {
      (json.instruments as { policy: Record<string, unknown> }[])[0].policy.complianceModule = nothing;
    });
    const block = await connection.ethers.provider.getBlockNumber();
    for (const dryRun of [true, false]) {
      await expectOpsError(
        deployIssuance(connection, hre.artifacts, manifest, {
          manifestFile: SAMPLE,
          stateDir: await tempDir(),
          dryRun,
          out: () => {},
        }),
        `${SAMPLE}: instruments[0].policy.complianceModule: got "${nothing}", expected a deployed compliance module ` +
          "(no contract at this address on network default)",
      );
    }
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("prints the plan and sends nothing on a dry run", async function () {
    const block = await connection.ethers.provider.getBlockNumber();
    const lines: string[] = [];
    const manifest = await loadTestManifest(SAMPLE);
    const result = await deployIssuance(connection, hre.artifacts, manifest, {
      manifestFile: SAMPLE,
      stateDir: await tempDir(),
      dryRun: true,
      out: (line) => lines.push(line),
    });
    expect(result).to.equal(undefined);
    expect(lines.at(-1)).to.equal("  Ignition id       sample-note-chain-31337 (embedded chain: nothing is kept)");
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("refuses a chain the manifest does not list, before sending anything", async function () {
    const manifest = await loadTestManifest(SAMPLE, (json) => (json.network = { chainIds: [1, 11155111] }));
    await expectRefusedBeforeSending(
      manifest,
      `${SAMPLE}: network.chainIds: got chain 31337 (network default), expected one of 1, 11155111`,
    );
  });

  /** Expects the deployment of `manifest` to be refused with `message`, no block mined. */
  async function expectRefusedBeforeSending(
    manifest: Awaited<ReturnType<typeof loadTestManifest>>,
    message: string,
  ): Promise<void> {
    const block = await connection.ethers.provider.getBlockNumber();
    await expectOpsError(
      deployIssuance(connection, hre.artifacts, manifest, {
        manifestFile: SAMPLE,
        stateDir: await tempDir(),
        out: () => {},
      }),
      message,
    );
    expect(await connection.ethers.provider.getBlockNumber()).to.equal(block);
  }

  it("needs --yes to send to a network that is not local", function () {
    const remote = { name: "mainnet", chainId: 1, local: false, persistent: true };
    expect(() => requireConfirmation(remote, false)).to.throw(
      "network mainnet (chain 1) is not local: check the plan above, then run the same command with --yes",
    );
    expect(() => requireConfirmation(remote, true)).not.to.throw();
    expect(() => requireConfirmation({ ...remote, local: true }, false)).not.to.throw();
  });

  it("uses an existing registry as it is", async function () {
    const first = await deployForTest(connection, await loadTestManifest(SAMPLE));
    const manifest = await loadTestManifest(SAMPLE, (json) => {
      json.name = "second-issue";
      json.registry = { deploy: false, address: first.record.registry };
    });
    const second = await deployForTest(connection, manifest);
    expect(second.record.registry).to.equal(first.record.registry);
    const token = await connection.ethers.getContractAt(
      "SovereignToken",
      second.record.instruments["sample-note"].address,
    );
    expect(await token.registry()).to.equal(first.record.registry);
  });

  it("refuses an existing registry deployed before eligibilityOfPair, before sending anything", async function () {
    const first = await deployForTest(connection, await loadTestManifest(SAMPLE));
    const legacy = await connection.ethers.deployContract("LegacyInvestorRegistryMock", [first.record.registry!]);
    const address = await legacy.getAddress();
    const manifest = await loadTestManifest(SAMPLE, (json) => {
      json.name = "second-issue";
      json.registry = { deploy: false, address };
    });
    await expectRefusedBeforeSending(
      manifest,
      `${SAMPLE}: registry.address: ${address} is not an investor registry that answers eligibilityOfPair (one deployed before that view cannot serve this token)`,
    );
  });

  it("hands the admin to another account, which accepts after the admin delay", async function () {
    const manifest = await loadTestManifest(SAMPLE, (json) => {
      json.governance = { admin: "operations", adminDelay: TWO_DAYS };
    });
    const { ctx, record } = await deployForTest(connection, manifest);
    const operations = signers[5];
    const token = await connection.ethers.getContractAt("SovereignToken", record.instruments["sample-note"].address);
    expect((await token.pendingDefaultAdmin())[0]).to.equal(operations.address);

    expect(await acceptAdmin(ctx)).to.deep.equal({ InvestorRegistry: "waiting", "sample-note": "waiting" });
    await connection.networkHelpers.time.increase(TWO_DAYS + 1);
    expect(await acceptAdmin(ctx)).to.deep.equal({ InvestorRegistry: "sent", "sample-note": "sent" });
    expect(await token.defaultAdmin()).to.equal(operations.address);
    expect((await token.pendingDefaultAdmin())[0]).to.equal(ZeroAddress);
    expect(await acceptAdmin(ctx)).to.deep.equal({ InvestorRegistry: "done", "sample-note": "done" });
  });

  it("prints the call a multisig admin must submit", async function () {
    const multisig = "0x000000000000000000000000000000000000dEaD";
    const manifest = await loadTestManifest(SAMPLE, (json) => {
      json.governance = { admin: { multisig }, adminDelay: 0 };
    });
    const { ctx, record, lines } = await deployForTest(connection, manifest);
    await connection.networkHelpers.mine(1);
    lines.length = 0;
    expect(await acceptAdmin(ctx)).to.deep.equal({ InvestorRegistry: "printed", "sample-note": "printed" });
    expect(lines).to.deep.equal([
      `InvestorRegistry: ${multisig} accepts DEFAULT_ADMIN_ROLE (acceptDefaultAdminTransfer)`,
      `InvestorRegistry: the admin ${multisig} is not a configured account; have it submit this call:`,
      `  to:   ${record.registry}`,
      "  data: 0xcefc1429  (acceptDefaultAdminTransfer)",
      `sample-note: ${multisig} accepts DEFAULT_ADMIN_ROLE (acceptDefaultAdminTransfer)`,
      `sample-note: the admin ${multisig} is not a configured account; have it submit this call:`,
      `  to:   ${record.instruments["sample-note"].address}`,
      "  data: 0xcefc1429  (acceptDefaultAdminTransfer)",
    ]);
  });
});
