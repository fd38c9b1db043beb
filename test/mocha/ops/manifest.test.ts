import { expect } from "chai";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ZeroAddress } from "ethers";
import { OpsError } from "../../../src/ops/errors.js";
import { loadManifest, parseManifest, type Policy } from "../../../src/ops/manifest.js";
import { describePlan } from "../../../src/ops/deploy-text.js";
import { planIssuance, resolveParty } from "../../../src/ops/plan.js";
import {
  OPEN_POLICY,
  describePolicyCall,
  policyCalls,
  policySettingsOf,
  type PolicyCall,
} from "../../../src/ops/policy.js";
import { FIXTURES, ROOT, expectOpsError, manifestJson, tempDir } from "./helpers.js";

const FILE = "issuances/sample-note.json";
const ACCOUNTS = Array.from({ length: 6 }, (_, i) => `0x${String(i + 1).padStart(40, "0")}`);

type Where = (string | number)[];
const REMOVE = Symbol("remove");

/** Sets (or with {@link REMOVE}, deletes) the value at `where` in the JSON `json`. */
function setAt(json: unknown, where: Where, value: unknown): void {
  let parent = json as Record<string | number, unknown>;
  for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = where[where.length - 1];
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
}

/** The error lines of parsing the sample manifest after setting each `[where, value]` of `changes`. */
async function errorsAfter(...changes: [Where, unknown][]): Promise<string[]> {
  const json = await manifestJson(FILE);
  for (const [where, value] of changes) setAt(json, where, value);
  try {
    parseManifest(json, FILE);
  } catch (error) {
    expect(error).to.be.instanceOf(OpsError);
    return (error as Error).message.split("\n");
  }
  throw new Error("the manifest was accepted");
}

const I = ["instruments", 0];
const POLICY = [...I, "policy"];

describe("ops: issuance manifests", function () {
  it("accepts every manifest shipped under issuances/ and the test fixtures", async function () {
    const files = [
      ...(await readdir(path.join(ROOT, "issuances"))).filter((f) => f.endsWith(".json")).map((f) => `issuances/${f}`),
      ...(await readdir(FIXTURES)).filter((f) => f.endsWith(".json")).map((f) => path.join(FIXTURES, f)),
    ];
    expect(files.length).to.be.at.least(3);
    for (const file of files) await loadManifest(file);
  });

  it("normalises countries (alpha-2 to numeric) and keeps the rest as written", async function () {
    const manifest = await loadManifest(FILE);
    expect(manifest.instruments[0].policy).to.deep.equal({
      countries: [586, 784, 826],
      categories: ["accredited", "institutional", "primaryDealer", "exchangeOmnibus"],
      maxBalance: "50000000",
      maxHolders: 5000,
      lockUpEnd: "2027-03-31",
    });
  });

  describe("names the file, the field, the value and what was expected", function () {
    const cases: [string, Where, unknown, string][] = [
      ["a missing field", [...I, "name"], REMOVE, "instruments[0].name: got nothing, expected a string"],
      [
        "an unknown field",
        [...POLICY, "maxBalence"],
        "1",
        'instruments[0].policy.maxBalence: got "1", expected no such field',
      ],
      [
        "a name that cannot name files",
        ["name"],
        "Sample Note",
        'name: got "Sample Note", expected lower-case letters, digits and dashes, as gold-2030',
      ],
      [
        "an address without its checksum",
        ["registry", "roles", "KYC_AGENT_ROLE"],
        ["0x8ba1f109551bd432803012645ac136ddd64dba72"],
        'registry.roles.KYC_AGENT_ROLE[0]: got "0x8ba1f109551bd432803012645ac136ddd64dba72", expected a checksummed address or the name of a signer',
      ],
      [
        "an undeclared signer",
        [...I, "roles", "ISSUER_ROLE"],
        ["treasurer"],
        'instruments[0].roles.ISSUER_ROLE[0]: got "treasurer", expected "deployer" or a signer declared under "signers"',
      ],
      [
        "a negative admin delay",
        ["governance", "adminDelay"],
        -1,
        "governance.adminDelay: got -1, expected at least 0",
      ],
      [
        "a fractional admin delay",
        ["governance", "adminDelay"],
        1.5,
        "governance.adminDelay: got 1.5, expected an integer",
      ],
      [
        "a timelock without proposers",
        ["governance", "admin"],
        { timelock: { minDelay: 3600, proposers: [], executors: ["operations"] } },
        "governance.admin.timelock.proposers: got [], expected at least 1 item",
      ],
      [
        "a multisig that is not an address",
        ["governance", "admin"],
        { multisig: "ministry" },
        'governance.admin.multisig: got "ministry", expected a checksummed address (EIP-55)',
      ],
      [
        "an unknown instrument kind",
        [...I, "kind"],
        "perpetualBond",
        'instruments[0].kind: got "perpetualBond", expected one of "regulatedToken", "treasuryBill", "sovereignBond", "commodityReserve"',
      ],
      [
        "a role the instrument does not have",
        [...I, "roles", "MINTER_ROLE"],
        ["treasury"],
        'instruments[0].roles.MINTER_ROLE: got ["treasury"], expected no such field',
      ],
      ["too many decimals", [...I, "decimals"], 19, "instruments[0].decimals: got 19, expected at most 18"],
      [
        "a lower-case symbol",
        [...I, "symbol"],
        "ssn",
        'instruments[0].symbol: got "ssn", expected 1 to 11 upper-case letters or digits',
      ],
      [
        "an unassigned country code",
        [...POLICY, "countries"],
        [586, 999],
        'instruments[0].policy.countries[1]: got 999, expected an ISO 3166-1 country: numeric code (586) or alpha-2 code ("PK")',
      ],
      [
        "an unknown alpha-2 country",
        [...POLICY, "countries"],
        ["XX"],
        'instruments[0].policy.countries[0]: got "XX", expected an ISO 3166-1 country: numeric code (586) or alpha-2 code ("PK")',
      ],
      [
        "an unknown investor category",
        [...POLICY, "categories"],
        ["whale"],
        'instruments[0].policy.categories[0]: got "whale", expected an investor category: retail, accredited, institutional, primaryDealer, government, exchangeOmnibus',
      ],
      [
        "a maximum balance with more decimals than the token",
        [...POLICY, "maxBalance"],
        "1.1234567",
        'instruments[0].policy.maxBalance: got "1.1234567", expected at most 6 decimals (the token has 6)',
      ],
      [
        "a maximum balance that is not a number",
        [...POLICY, "maxBalance"],
        "1e6",
        'instruments[0].policy.maxBalance: got "1e6", expected a decimal number of tokens such as 1000 or 1000.25',
      ],
      [
        "a maximum number of holders beyond uint32",
        [...POLICY, "maxHolders"],
        2 ** 32,
        "instruments[0].policy.maxHolders: got 4294967296, expected at most 4294967295",
      ],
      [
        "a date that does not exist",
        [...POLICY, "lockUpEnd"],
        "2027-02-30",
        'instruments[0].policy.lockUpEnd: got "2027-02-30", expected an ISO 8601 date such as "2027-06-30" or "2027-06-30T12:00:00Z"',
      ],
      [
        "a compliance module address without its checksum",
        [...POLICY, "complianceModule"],
        "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        'instruments[0].policy.complianceModule: got "0x5fbdb2315678afecb367f032d93f642f64180aa3", expected the checksummed address (EIP-55) of a deployed compliance module, or "none"',
      ],
      [
        "a compliance module that is not an address",
        [...POLICY, "complianceModule"],
        "off",
        'instruments[0].policy.complianceModule: got "off", expected the checksummed address (EIP-55) of a deployed compliance module, or "none"',
      ],
      [
        "the zero address as compliance module",
        [...POLICY, "complianceModule"],
        "0x0000000000000000000000000000000000000000",
        'instruments[0].policy.complianceModule: got "0x0000000000000000000000000000000000000000", expected the checksummed address (EIP-55) of a deployed compliance module, or "none"',
      ],
      [
        "a compliance module given as a number",
        [...POLICY, "complianceModule"],
        0,
        "instruments[0].policy.complianceModule: got 0, expected a string",
      ],
      [
        "a registry that is neither deployed nor existing",
        ["registry"],
        { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
        "registry.deploy: got nothing, expected one of true, false",
      ],
      ["a negative signer index", ["signers", "kycDesk"], -1, "signers.kycDesk: got -1, expected at least 0"],
      ["an empty chain id list", ["network", "chainIds"], [], "network.chainIds: got [], expected at least 1 item"],
    ];
    for (const [what, where, value, expected] of cases) {
      it(`reports ${what}`, async function () {
        expect(await errorsAfter([where, value])).to.deep.equal([`${FILE}: ${expected}`]);
      });
    }

    it("reports a second instrument with the same id and symbol", async function () {
      const json = await manifestJson(FILE);
      const lines = await errorsAfter([["instruments", 1], (json.instruments as unknown[])[0]]);
      expect(lines).to.deep.equal([
        `${FILE}: instruments[1].id: got "sample-note", expected an id not already used (instruments[0] has it)`,
        `${FILE}: instruments[1].symbol: got "SSN", expected a symbol not already used (instruments[0] has it)`,
      ]);
    });

    it("reports every problem at once, the cross-field ones included", async function () {
      const lines = await errorsAfter(
        [["name"], "Bad Name"],
        [[...I, "decimals"], 2],
        [[...POLICY, "maxBalance"], "10.001"],
        [[...POLICY, "countries"], [0]],
        [[...I, "roles", "PAUSER_ROLE"], ["nobody"]],
        [[...I, "symbol"], REMOVE],
      );
      expect(lines).to.have.length(5);
      expect(lines).to.include(`${FILE}: instruments[0].symbol: got nothing, expected a string`);
      expect(lines).to.include(
        `${FILE}: instruments[0].policy.maxBalance: got "10.001", expected at most 2 decimals (the token has 2)`,
      );
      expect(lines).to.include(
        `${FILE}: instruments[0].roles.PAUSER_ROLE[0]: got "nobody", expected "deployer" or a signer declared under "signers"`,
      );
    });
  });

  it("names the file when it is missing or not JSON", async function () {
    const dir = await tempDir();
    const file = path.join(dir, "broken.json");
    await writeFile(file, "{ not json");
    const shown = path.relative(process.cwd(), file);
    await expectOpsError(loadManifest(file), new RegExp(`^${escape(shown)}: not valid JSON`));
    await expectOpsError(
      loadManifest(path.join(dir, "missing.json")),
      /missing\.json: cannot read the manifest file: no such file or folder$/,
    );
    await expectOpsError(
      loadManifest(dir),
      new RegExp(
        `${escape(path.relative(process.cwd(), dir))}: cannot read the manifest file: it is a folder, not a file$`,
      ),
    );
  });

  describe("resolution against the network's accounts", function () {
    it("replaces signer names by the accounts they index and keeps addresses", async function () {
      const manifest = await loadManifest(FILE);
      const plan = planIssuance(manifest, ACCOUNTS, "localhost");
      expect(plan.deployer).to.equal(ACCOUNTS[0]);
      expect(plan.registry).to.deep.equal({ deploy: true, kycAgents: [ACCOUNTS[1]] });
      expect(plan.instruments[0].roles).to.deep.equal({
        ISSUER_ROLE: [ACCOUNTS[2]],
        ENFORCEMENT_ROLE: [ACCOUNTS[3]],
        COMPLIANCE_ROLE: [ACCOUNTS[4]],
        PAUSER_ROLE: [ACCOUNTS[5]],
      });
      expect(resolveParty(manifest, "0x5FbDB2315678afecb367f032d93F642f64180aa3", [], "x")).to.equal(
        "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      );
    });

    it("prints every sample's plan with names, never enum numbers (day counts)", async function () {
      const network = { name: "localhost", chainId: 31337, local: true, persistent: true };
      const printed: string[] = [];
      for (const file of ["bonds-2026-12.json", "tbill-2027-06.json"]) {
        const manifest = await loadManifest(path.join(ROOT, "issuances", file));
        const accounts = Array.from({ length: 20 }, (_, i) => `0x${String(i + 1).padStart(40, "0")}`);
        printed.push(...describePlan(planIssuance(manifest, accounts, "localhost"), network, "test"));
      }
      const dayCounts = printed.flatMap((line) => [...line.matchAll(/day count (\S+?)(?:,|$)/g)].map((m) => m[1]));
      expect(dayCounts).to.deep.equal(["ACT/ACT-ICMA", "ACT/365F", "ACT/365F"]);
    });

    it("refuses a signer whose account is not configured for the network", async function () {
      const manifest = await loadManifest(FILE);
      expect(() => planIssuance(manifest, ACCOUNTS.slice(0, 1), "remote")).to.throw(
        OpsError,
        'signer "kycDesk" is account #1, but network "remote" has 1 account(s) configured',
      );
    });

    it("turns the policy into contract values and the calls from an open policy", async function () {
      const manifest = await loadManifest(FILE);
      const settings = policySettingsOf(manifest.instruments[0].policy, 6);
      expect(settings).to.deep.equal({
        countryRestricted: true,
        allowedCountries: [586, 784, 826],
        allowedCategories: (1 << 2) | (1 << 3) | (1 << 4) | (1 << 6),
        maxBalance: 50_000_000_000_000n,
        maxHolders: 5000,
        lockUpEndsAt: 1_806_451_200n, // 2027-03-31T00:00:00Z
        complianceModule: ZeroAddress,
      });
      expect(policyCalls(OPEN_POLICY, settings)).to.deep.equal([
        { fn: "setCountriesAllowed", args: [[586, 784, 826], true] },
        { fn: "setCountryRestriction", args: [true] },
        { fn: "setAllowedCategories", args: [92] },
        { fn: "setMaxBalance", args: [50_000_000_000_000n] },
        { fn: "setMaxHolders", args: [5000] },
        { fn: "setLockUpEnd", args: [1_806_451_200n] },
      ]);
      expect(policyCalls(settings, settings)).to.deep.equal([]);
    });

    it("changes a policy in a safe order: new countries first, removed ones after", function () {
      const current = { ...OPEN_POLICY, countryRestricted: true, allowedCountries: [586, 784] };
      expect(policyCalls(current, { ...current, allowedCountries: [586, 826] })).to.deep.equal([
        { fn: "setCountriesAllowed", args: [[826], true] },
        { fn: "setCountriesAllowed", args: [[784], false] },
      ]);
      expect(policyCalls(current, OPEN_POLICY)).to.deep.equal([{ fn: "setCountryRestriction", args: [false] }]);
    });

    it("sets, changes and removes the compliance module", function () {
      const module = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
      const policy: Policy = { complianceModule: module };
      const withModule = policySettingsOf(policy, 6);
      expect(withModule.complianceModule).to.equal(module);
      expect(policyCalls(OPEN_POLICY, { ...OPEN_POLICY, complianceModule: module })).to.deep.equal([
        { fn: "setComplianceModule", args: [module] },
      ]);
      expect(policySettingsOf({ ...policy, complianceModule: "none" }, 6).complianceModule).to.equal(ZeroAddress);
      expect(policyCalls(withModule, policySettingsOf({ ...policy, complianceModule: "none" }, 6))).to.deep.equal([
        { fn: "setComplianceModule", args: [ZeroAddress] },
      ]);
      const call = (address: string): PolicyCall => ({ fn: "setComplianceModule", args: [address] });
      expect(describePolicyCall(call(ZeroAddress), String)).to.equal("setComplianceModule(none)");
      expect(describePolicyCall(call(module), String)).to.equal(`setComplianceModule(${module})`);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
