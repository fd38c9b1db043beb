import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import hre from "hardhat";
import { CsvError } from "../../../src/ops/csv.js";
import { unreadableBecause } from "../../../src/ops/files.js";
import { readAllocationFile, readInvestorFile } from "../../../src/ops/investors-csv.js";
import { importInvestors } from "../../../src/ops/investors.js";
import type { Connection } from "../../../src/ops/network.js";
import { mintFromFile } from "../../../src/ops/token.js";
import { ROOT, deployForTest, expectOpsError, loadTestManifest, tempDir, writeCsv, type Deployed } from "./helpers.js";

const NOW = 1_795_000_000n; // 2026-11-18T11:06:40Z
const HEADER = "wallet,investorId,country,category,expiresAt";
const ID = `0x${"ab".repeat(32)}`;
const [A, B, C] = [
  "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
];

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CsvError);
    const [summary, ...lines] = (error as CsvError).message.split("\n");
    expect(summary).to.match(/^.+: \d+ bad row\(s\), nothing was sent:$/);
    return lines;
  }
  throw new Error("the file was accepted");
}

describe("ops: CSV input", function () {
  let dir: string;
  before(async function () {
    dir = await tempDir();
  });

  describe("investor files", function () {
    it("reads the sample file: names and numbers, alpha-2 countries, dates at midnight UTC", async function () {
      const rows = await readInvestorFile(path.join(ROOT, "issuances/investors.sample.csv"), NOW);
      expect(rows).to.have.length(8);
      expect(rows[0]).to.deep.equal({
        wallet: A,
        investorId: "0x4ea3511374c71dda007fb5183b3a200b0606794d18c7009d42ecc4f0fc1dd47c",
        country: 586,
        category: 4,
        expiresAt: 1_830_211_200n, // 2027-12-31T00:00:00Z
        line: 2,
        label: "primary dealer",
      });
      expect(rows[3]).to.include({ country: 586, category: 2, line: 5 }); // "PK", accredited
    });

    it("accepts a category number and a date with a time and zone", async function () {
      const file = await writeCsv(dir, "numbers.csv", [HEADER, `${A},${ID},784,3,2027-06-30T17:00+05:00`]);
      const [row] = await readInvestorFile(file, NOW);
      expect(row).to.deep.equal({
        wallet: A,
        investorId: ID,
        country: 784,
        category: 3,
        expiresAt: 1_814_356_800n,
        line: 2,
      });
    });

    it("reports every bad row at once with its line, column, value and what was expected", async function () {
      const file = await writeCsv(dir, "bad.csv", [
        HEADER,
        `${A},${ID},586,institutional,2027-12-31`,
        `${B.toLowerCase()},${ID},586,institutional,2027-12-31`,
        `${A},${ID},784,retail,2027-12-31`,
        `${C},${ID},999,retail,2027-12-31`,
        `${B},${ID},PK,retail,2020-01-01`,
        `0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec,${ID},586,,2027-12-31`,
        `0xFABB0ac9d68B0B445fB7357272Ff202C5651694a,0x1234,586,whale,2027-02-30`,
        `0xBcd4042DE499D14e55001CcbB24a551F3b954096,${ID},586,retail,2027-12-31,extra`,
      ]);
      expect(await problemsOf(readInvestorFile(file, NOW))).to.deep.equal([
        `${file}:3: wallet: got "${B.toLowerCase()}", expected a checksummed address (EIP-55 mixed case)`,
        `${file}:4: wallet: got "${A}", expected a wallet not already on line 2`,
        `${file}:5: country: got "999", expected an ISO 3166-1 country: numeric (586) or alpha-2 (PK)`,
        `${file}:6: expiresAt: got "2020-01-01", expected a date in the future (chain time is 2026-11-18T11:06:40Z)`,
        `${file}:6: wallet: got "${B}", expected a wallet not already on line 3`, // duplicates ignore the letters' case
        `${file}:7: category: got nothing, expected a category name (retail, accredited, institutional, primaryDealer, government, exchangeOmnibus) or number 1 to 15`,
        `${file}:8: investorId: got "0x1234", expected a non-zero 32-byte hex value (0x and 64 hex digits)`,
        `${file}:8: category: got "whale", expected a category name (retail, accredited, institutional, primaryDealer, government, exchangeOmnibus) or number 1 to 15`,
        `${file}:8: expiresAt: got "2027-02-30", expected an ISO 8601 date such as 2027-06-30`,
        `${file}:9: expected 5 fields as in the header, found 6`,
      ]);
    });

    it("reports a mixed-case wallet whose EIP-55 checksum is wrong as any other bad wallet, without a crash", async function () {
      // B with the case of its first letter flipped: mixed case, wrong checksum.
      const flipped = B.replace(/(?<=^0x[0-9]*)[a-fA-F]/, (c) =>
        c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase(),
      );
      expect(flipped).to.not.equal(B).and.not.equal(B.toLowerCase());
      const file = await writeCsv(dir, "checksum.csv", [HEADER, `${flipped},${ID},586,institutional,2027-12-31`]);
      expect(await problemsOf(readInvestorFile(file, NOW))).to.deep.equal([
        `${file}:2: wallet: got "${flipped}", expected a checksummed address (EIP-55 mixed case)`,
      ]);
    });

    it("says which file cannot be read and why: not found, a directory, no permission", async function () {
      const missing = path.join(dir, "missing.csv");
      await expectOpsError(readInvestorFile(missing, NOW), `${missing}: cannot read the file: no such file or folder`);
      await expectOpsError(readInvestorFile(dir, NOW), `${dir}: cannot read the file: it is a folder, not a file`);
      // Tests may run as root, which reads any file: the reason is checked on the error itself.
      expect(unreadableBecause(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" }))).to.equal(
        "permission denied",
      );
    });

    it("refuses a header without a required column or with an unknown one", async function () {
      const file = await writeCsv(dir, "header.csv", [
        "wallet,investorId,country,category,expiry",
        `${A},${ID},586,retail,2027-12-31`,
      ]);
      expect(await problemsOf(readInvestorFile(file, NOW))).to.deep.equal([
        `${file}:1: expected a column named "expiresAt" in the header`,
        `${file}:1: expected known columns only (wallet, investorId, country, category, expiresAt, label), not "expiry"`,
      ]);
    });
  });

  describe("allocation files", function () {
    it("reads amounts in tokens, to the token's decimals", async function () {
      const rows = await readAllocationFile(path.join(ROOT, "issuances/allocations.sample.csv"), 6);
      expect(rows.map((r) => r.amount)).to.deep.equal([
        2_500_000_000_000n,
        1_500_000_000_000n,
        750_000_000_000n,
        100_000_500_000n,
        1_200_000_000_000n,
      ]);
    });

    it("reports too many decimals, zero, non-numbers, duplicates and a missing amount", async function () {
      const file = await writeCsv(dir, "allocations.csv", [
        "wallet,amount",
        `${A},10.1234567`,
        `${B},0`,
        `${C},1e6`,
        `${A},5`,
        `0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec,`,
      ]);
      expect(await problemsOf(readAllocationFile(file, 6))).to.deep.equal([
        `${file}:2: amount: got "10.1234567", expected at most 6 decimals (the token has 6)`,
        `${file}:3: amount: got "0", expected more than 0`,
        `${file}:4: amount: got "1e6", expected a decimal number of tokens such as 1000 or 1000.25`,
        `${file}:5: wallet: got "${A}", expected a wallet not already on line 2`,
        `${file}:6: amount: got nothing, expected a decimal number of tokens such as 1000 or 1000.25`,
      ]);
    });
  });

  describe("a bad file sends nothing", function () {
    let connection: Connection;
    let deployed: Deployed;
    before(async function () {
      connection = await hre.network.create();
      deployed = await deployForTest(connection, await loadTestManifest("test/mocha/ops/fixtures/one-signer.json"));
    });
    after(async function () {
      await connection.close();
    });

    async function nonceOfDeployer() {
      return connection.ethers.provider.getTransactionCount(deployed.record.deployer);
    }

    it("investors import: one bad row among good ones, zero transactions", async function () {
      const before = await nonceOfDeployer();
      const file = await writeCsv(dir, "one-bad.csv", [
        HEADER,
        `${A},${ID},586,institutional,2030-01-01`,
        `${B},${ID},586,institutional,2020-01-01`,
      ]);
      const lines = await problemsOf(importInvestors(deployed.ctx, file, { progress: false }));
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(
        new RegExp(`^${file.replace(/[.]/g, "\\.")}:3: expiresAt: got "2020-01-01", expected a date in the future`),
      );
      expect(await nonceOfDeployer()).to.equal(before);
      expect(await deployed.ctx.log.entries()).to.deep.equal([]);
    });

    it("token mint --file: too many decimals, zero transactions", async function () {
      const before = await nonceOfDeployer();
      const file = await writeCsv(dir, "mint-bad.csv", ["wallet,amount", `${A},1.0000001`]);
      await problemsOf(mintFromFile(deployed.ctx, file, { progress: false }));
      expect(await nonceOfDeployer()).to.equal(before);
      expect(await readFile(deployed.ctx.log.file, "utf8").catch(() => "")).to.equal("");
    });
  });
  describe("KYC expiry is judged by the chain's clock, not the machine's", function () {
    let connection: Connection;
    let deployed: Deployed;
    before(async function () {
      // A chain whose clock is far from the machine's: it starts in 2001 and then jumps to 2100.
      connection = await hre.network.create({ override: { initialDate: "2001-01-01T00:00:00Z" } });
      deployed = await deployForTest(connection, await loadTestManifest("test/mocha/ops/fixtures/one-signer.json"));
    });
    after(async function () {
      await connection.close();
    });

    it("accepts an expiry long past on the machine's clock while the chain is before it, refuses one still ahead once the chain is after it", async function () {
      const registry = await connection.ethers.getContractAt("InvestorRegistry", deployed.record.registry!);
      const past = await writeCsv(dir, "chain-2001.csv", [HEADER, `${A},${ID},586,institutional,2001-06-30`]);
      const imported = await importInvestors(deployed.ctx, past, { progress: false });
      expect(imported.register.map((row) => row.wallet)).to.deep.equal([A]);
      expect((await registry.investorOf(A)).expiresAt).to.equal(993_859_200n); // 2001-06-30T00:00:00Z

      await connection.networkHelpers.time.increaseTo(4_102_444_800n); // 2100-01-01T00:00:00Z
      const nonce = await connection.ethers.provider.getTransactionCount(deployed.record.deployer);
      const ahead = await writeCsv(dir, "chain-2100.csv", [HEADER, `${B},${ID},586,institutional,2099-12-31`]);
      expect(await problemsOf(importInvestors(deployed.ctx, ahead, { progress: false }))).to.deep.equal([
        `${ahead}:2: expiresAt: got "2099-12-31", expected a date in the future (chain time is 2100-01-01T00:00:00Z)`,
      ]);
      expect(await connection.ethers.provider.getTransactionCount(deployed.record.deployer)).to.equal(nonce);
      expect(await registry.isVerified(B)).to.equal(false);
    });
  });
});
