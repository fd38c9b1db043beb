import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { makeError } from "ethers";
import hre from "hardhat";
import { TaskDefinitionType } from "hardhat/types/tasks";
import { writeRecord } from "../../../src/ops/deployments.js";
import type { Connection } from "../../../src/ops/network.js";
import { describeFailure } from "../../../tasks/failure.js";
import { opsTasks } from "../../../tasks/index.js";
import { captureOutput } from "../support/capture.js";
import { deployForTest, loadTestManifest, startHardhat, taskHreOn, tempDir } from "./helpers.js";

const TBILL = "issuances/tbill-2027-06.json";
const BONDS = "issuances/bonds-2026-12.json";
const GOLD = "issuances/gold-reserve.json";
/** Account #1 of the test mnemonic, with its EIP-55 checksum, and with that checksum broken. */
const ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BAD_CHECKSUM = "0x70997970c51812dc3A010C7d01b50e0d17dc79C8";
const MISSING_DIR = "/nonexistent-dir";
const VERBOSE = "run again with --verbose to see where it failed";
/** Hardhat's printer of a task's help (internal: the version is pinned in package.json). */
const HELP_PRINTER = "dist/src/internal/cli/help/get-help-string.js";
const require = createRequire(import.meta.url);

/** A bad input for a task: the issuance it runs on, its arguments, what its one error line must say. */
interface Case {
  on?: "tbill" | "bonds" | "gold" | "none";
  args: Record<string, unknown>;
  says: RegExp;
}

/** One case per task the toolkit registers: a task without one fails the test. */
const CASES: Record<string, Case> = {
  deploy: { on: "none", args: { manifest: `${MISSING_DIR}/issuance.json` }, says: /nonexistent-dir\/issuance\.json/ },
  "investors import": { args: { file: `${MISSING_DIR}/investors.csv` }, says: /nonexistent-dir\/investors\.csv/ },
  "investors update": { args: { wallet: BAD_CHECKSUM, country: "FR" }, says: new RegExp(BAD_CHECKSUM) },
  "investors revoke": { args: { wallet: "0x1234" }, says: /wallet.*0x1234/ },
  "token mint": { args: { to: ACCOUNT, amount: "1.2.3" }, says: /amount.*1\.2\.3/ },
  "token burn": { args: { wallet: BAD_CHECKSUM, amount: "1" }, says: new RegExp(BAD_CHECKSUM) },
  "token freeze": { args: { instrument: "nope", wallet: ACCOUNT }, says: /instrument.*nope/ },
  "token unfreeze": { args: { wallet: ACCOUNT, amount: "-5" }, says: /amount.*-5/ },
  "token forced-transfer": {
    args: { wallet: ACCOUNT, to: BAD_CHECKSUM, amount: "1", reason: "court order 12" },
    says: new RegExp(BAD_CHECKSUM),
  },
  "token recover": { args: { lost: "0xnothex", replacement: ACCOUNT }, says: /lost.*0xnothex/ },
  "token pause": { args: { instrument: "nope" }, says: /instrument.*nope/ },
  "token unpause": { on: "none", args: { manifest: TBILL }, says: /deployment/ },
  "token policy": { on: "none", args: { manifest: "broken.json" }, says: /broken\.json/ },
  "token set-registry": { args: { registry: "0xdead", salt: undefined }, says: /registry.*0xdead/ },
  "tbill auction": {
    args: { bids: `${MISSING_DIR}/bids.csv`, offer: "1000000" },
    says: /nonexistent-dir\/bids\.csv/,
  },
  "tbill settle": { args: { ids: "1,x" }, says: /ids.*x/ },
  "tbill cancel": {
    args: { allotment: "abc" },
    says: /^Error: --allotment: got "abc", but tbill-2027-06 has no allotment yet$/,
  },
  "tbill fund-bidders": { args: { bids: `${MISSING_DIR}/bids.csv` }, says: /nonexistent-dir\/bids\.csv/ },
  "tbill fund-treasury": { args: { amount: "lots" }, says: /amount.*lots/ },
  "tbill rollover-price": { args: { matured: "nope", price: "98.5" }, says: /matured.*nope|nope/ },
  "tbill set-treasury": { args: { treasury: BAD_CHECKSUM }, says: new RegExp(BAD_CHECKSUM) },
  "tbill fund-redemption": { on: "bonds", args: {}, says: /bond|bill/ },
  "tbill redeem-for": { args: { wallet: "0x12,0x34" }, says: /0x12/ },
  "tbill sweep-redemption": { args: { from: "0x000000000000000000000000000000000000dEaD" }, says: /from.*dEaD/i },
  "bond fix-rate": { on: "bonds", args: { instrument: "frn-10y-2036", period: "x", rate: "5" }, says: /period.*x/ },
  "bond fund-coupon": { on: "bonds", args: { instrument: "bond-3y-2029", period: "99" }, says: /period.*99|99/ },
  "bond pay-coupon": {
    on: "bonds",
    args: { instrument: "bond-3y-2029", period: "0", file: `${MISSING_DIR}/holders.csv` },
    says: /nonexistent-dir\/holders\.csv/,
  },
  "bond sweep": { on: "bonds", args: { instrument: "bond-3y-2029", period: "-1" }, says: /period.*-1/ },
  "bond fund-redemption": { on: "bonds", args: { instrument: "nope" }, says: /instrument.*nope/ },
  "bond redeem-for": {
    on: "bonds",
    args: { instrument: "bond-3y-2029", wallet: BAD_CHECKSUM },
    says: new RegExp(BAD_CHECKSUM),
  },
  "bond sweep-redemption": {
    on: "bonds",
    args: { instrument: "bond-3y-2029", from: "treasurer" },
    says: /from.*treasurer/,
  },
  "bond fund-treasury": { on: "bonds", args: { instrument: "bond-3y-2029", amount: "-1" }, says: /amount.*-1/ },
  "bond set-treasury": { on: "bonds", args: { instrument: "bond-3y-2029" }, says: /--treasury/ },
  "commodity attest": {
    on: "gold",
    args: { reserves: "lots", asOf: "2026-01-01", reportHash: `0x${"ab".repeat(32)}`, uri: "https://audit.example" },
    says: /reserves.*lots/,
  },
  "commodity fulfil": { on: "gold", args: { id: "x" }, says: /id.*x/ },
  "commodity reject": { on: "gold", args: { id: "1" }, says: /--reason/ },
  "commodity set-feed": { on: "gold", args: { feed: "0xbad" }, says: /feed.*0xbad/ },
  "documents set": {
    on: "bonds",
    args: { instrument: "bond-3y-2029", name: "final-terms", uri: "https://debt.example/terms.md", hash: "0x12" },
    says: /--hash: got "0x12"/,
  },
  "documents remove": { on: "bonds", args: { name: "x".repeat(32) }, says: /--name: got "x{32}"/ },
  "documents list": { on: "bonds", args: { instrument: "nope" }, says: /--instrument: got "nope"/ },
  "roles grant": { args: { contract: "nope", role: "ISSUER_ROLE", account: ACCOUNT }, says: /contract.*nope|nope/ },
  "roles revoke": { args: { contract: "registry", role: "NOPE_ROLE", account: ACCOUNT }, says: /NOPE_ROLE/ },
  "governance begin-admin-transfer": { args: { to: BAD_CHECKSUM }, says: new RegExp(BAD_CHECKSUM) },
  "governance accept-admin": { args: { contract: "nope" }, says: /contract.*nope|nope/ },
  "governance cancel-admin-transfer": { args: { manifest: undefined }, says: /--manifest/ },
  "governance change-admin-delay": { args: { delay: "soon" }, says: /delay.*soon/ },
  "governance rollback-admin-delay": { args: { contract: "nope" }, says: /nope/ },
  "clock advance": { args: { to: undefined }, says: /--to/ },
  "report admins": { args: { contract: "nope" }, says: /nope/ },
  "report cap-table": { args: { block: 10_000_000 }, says: /block.*10000000|10000000/ },
  "report auction-results": { on: "bonds", args: { instrument: "bond-3y-2029" }, says: /bond-3y-2029.*treasuryBill/ },
  "report reserve-coverage": { args: {}, says: /commodity|reserve/ },
  "report coupons": {
    on: "bonds",
    args: { instrument: "bond-3y-2029", holder: BAD_CHECKSUM },
    says: new RegExp(BAD_CHECKSUM),
  },
  "indexer run": { args: { deployment: `${MISSING_DIR}/deployment.json` }, says: /nonexistent-dir\/deployment\.json/ },
  "indexer reconcile": {
    args: { instrument: "tbill-2027-06", db: `${MISSING_DIR}/index.sqlite` },
    says: /--db: \/nonexistent-dir\/index\.sqlite does not exist/,
  },
  "explorer serve": {
    args: { db: `${MISSING_DIR}/index.sqlite` },
    says: /--db: \/nonexistent-dir\/index\.sqlite does not exist/,
  },
  // A folder that is a file: the report cannot be written.
  "report audit-trail": {
    args: { json: "broken.json/trail.json" },
    says: /broken\.json: cannot create the folder \(a file of that name is in the way\)/,
  },
};

const MANIFESTS = { tbill: TBILL, bonds: BONDS, gold: GOLD } as const;

const taskIds = opsTasks.filter((task) => task.type === TaskDefinitionType.NEW_TASK).map((task) => task.id.join(" "));

describe("ops: one error path for every task", function () {
  let connection: Connection;
  const stateDirs: Record<string, string> = {};
  let emptyDir: string;

  before(async function () {
    this.timeout(180_000); // three deployments, on a busy machine
    connection = await hre.network.create();
    for (const [kind, file] of Object.entries(MANIFESTS)) {
      const deployed = await deployForTest(connection, await loadTestManifest(file));
      await writeRecord(deployed.stateDir, deployed.record);
      stateDirs[kind] = deployed.stateDir;
    }
    emptyDir = await tempDir();
    await writeFile(path.join(emptyDir, "broken.json"), "{ not json");
  });
  after(async function () {
    await connection.close();
  });

  /** Runs task `id` as the CLI would: its options' defaults, then `args`, on the shared chain. */
  async function runTask(id: string, args: Record<string, unknown>, globalOptions: Record<string, unknown> = {}) {
    const task = hre.tasks.getTask(id.split(" "));
    const defaults = Object.fromEntries([...task.options].map(([name, option]) => [name, option.defaultValue]));
    const load = task.actions[0].action;
    if (load === undefined) throw new Error(`task ${id} has no action`);
    const { default: action } = (await load()) as {
      default: (a: unknown, h: typeof hre) => Promise<{ success: boolean } | undefined>;
    };
    return action({ ...defaults, ...args }, taskHreOn(connection, globalOptions));
  }

  /** `file` in the scratch folder unless it names a sample or an absolute path. */
  const inEmptyDir = (file: string) =>
    file.startsWith("/") || file.startsWith("issuances/") ? file : path.join(emptyDir, file);

  function argsOf(c: Case): Record<string, unknown> {
    const on = c.on ?? "tbill";
    if (on === "none") {
      const manifest = c.args.manifest as string;
      return { stateDir: emptyDir, ...c.args, manifest: inEmptyDir(manifest) };
    }
    const json = c.args.json as string | undefined;
    return { manifest: MANIFESTS[on], stateDir: stateDirs[on], ...c.args, json: json && inEmptyDir(json) };
  }

  it("has a bad input for every task", function () {
    expect(taskIds.filter((id) => CASES[id] === undefined)).to.deep.equal([]);
  });

  /** Checks that `lines` are one `Error:` line saying `says`, at most one `Hint:` line, no stack trace. */
  function expectOneLine(lines: readonly string[], says: RegExp) {
    expect(lines.length, lines.join("\n")).to.be.within(1, 2);
    expect(lines[0]).to.match(/^Error: /);
    expect(lines[0]).to.match(says);
    if (lines.length === 2) expect(lines[1]).to.match(/^Hint: /);
  }

  for (const id of taskIds) {
    it(`${id}: one line naming the field and the value, no stack trace`, async function () {
      const c = CASES[id];
      if (c === undefined) this.skip();
      const { result, lines } = await captureOutput(() => runTask(id, argsOf(c)));
      expect(result?.success).to.equal(false);
      expectOneLine(lines, c.says);
    });
  }

  it("with --verbose, the same line is followed by the stack trace", async function () {
    const c = CASES["token mint"];
    const { result, lines } = await captureOutput(() => runTask("token mint", argsOf(c), { verbose: true }));
    expect(result?.success).to.equal(false);
    expect(lines[0]).to.match(c.says);
    expect(lines.some((line) => /^\s+at /.test(line))).to.equal(true);
  });

  it("through the CLI: exit status 1, the line on stderr, no stack trace; --verbose adds it", async function () {
    this.timeout(60_000);
    const args = ["token", "pause", "--manifest", "issuances/missing.json"];
    const [plain, verbose] = await Promise.all([startHardhat(args).done, startHardhat(["--verbose", ...args]).done]);
    const line = "Error: issuances/missing.json: cannot read the manifest file: no such file or folder";
    expect(plain.code).to.equal(1);
    expect(plain.stderr.trimEnd().split("\n")).to.deep.equal([line]);
    expect(plain.stdout).to.equal("");
    expect(verbose.code).to.equal(1);
    expect(verbose.stderr.split("\n")[0]).to.equal(line);
    expect(verbose.stderr).to.match(/\n\s+at /);
    for (const run of [plain, verbose]) expect(run.stderr).not.to.include("bug in Hardhat");
  });

  describe("task help", function () {
    /** Hardhat's help of one task, as `npx hardhat <task> --help` prints it (its internal printer). */
    async function helpOf(id: string): Promise<string> {
      const printer = path.join(path.dirname(require.resolve("hardhat/package.json")), HELP_PRINTER);
      const { getHelpString } = (await import(pathToFileURL(printer).href)) as {
        getHelpString: (task: unknown, globalOptions: Map<string, unknown>) => Promise<string>;
      };
      return getHelpString(hre.tasks.getTask(id.split(" ")), new Map());
    }

    /** The options the action of `id` demands, in turn, when run with nothing but the issuance. */
    async function demandedOptions(id: string): Promise<string[]> {
      const group = id.split(" ")[0];
      const on = group === "bond" ? "bonds" : group === "commodity" ? "gold" : "tbill";
      const args: Record<string, unknown> = { manifest: MANIFESTS[on], stateDir: stateDirs[on] };
      if (on === "bonds") args.instrument = "bond-3y-2029";
      const demanded: string[] = [];
      for (;;) {
        const { lines } = await captureOutput(() => runTask(id, args));
        const option = /^Error: --([a-z-]+) is required$/.exec(lines[0] ?? "")?.[1];
        if (option === undefined || demanded.includes(option)) return demanded;
        demanded.push(option);
        // A value that is there, so that the next one missing is named (it may be refused later).
        args[option.replace(/-(.)/g, (_, c: string) => c.toUpperCase())] = "1";
      }
    }

    for (const id of taskIds) {
      it(`${id}: no placeholder type, the options it cannot run without marked required`, async function () {
        const help = await helpOf(id);
        expect(help).not.to.include("WITHOUT_DEFAULT");
        const task = hre.tasks.getTask(id.split(" "));
        if (task.options.has("manifest")) expect(help).to.match(/\n {2}--manifest +The issuance manifest .*, required/);
        for (const option of await demandedOptions(id)) {
          if (task.description.includes(`--${option}`)) continue; // the task's line says it
          expect(help).to.match(new RegExp(`\\n {2}--${option} +.*\\brequired\\b`), `--${option} of ${id}`);
        }
      });
    }
  });
});

describe("ops: each class of failure reads as one line", function () {
  it("a file, the chain refusing, a bad argument, the node failing, Hardhat's own, a defect", async function () {
    const fileError = await readFile(`${MISSING_DIR}/x.csv`).catch((error: unknown) => error);
    const cases: [unknown, string, string | undefined][] = [
      [
        fileError,
        `${MISSING_DIR}/x.csv: cannot open the file (no such file or folder)`,
        "check the path and its permissions",
      ],
      [
        makeError("execution reverted", "CALL_EXCEPTION", {
          action: "call",
          data: "0xd93c0665",
          reason: null,
          transaction: { to: null, data: "0x" },
          invocation: null,
          revert: null,
        }),
        "the contract refused the call: The token is paused.",
        VERBOSE,
      ],
      [
        makeError("bad address checksum", "INVALID_ARGUMENT", { argument: "address", value: BAD_CHECKSUM }),
        `address: got "${BAD_CHECKSUM}", bad address checksum`,
        undefined,
      ],
      [
        makeError("could not detect network", "NETWORK_ERROR", { event: "noNetwork" }),
        "the node failed: could not detect network",
        "check that the node of --network runs and answers, then run the command again (it resumes)",
      ],
      [
        Object.assign(new Error('Configuration Variable "RPC_URL" not found.'), { errorCode: "HHE7" }),
        'Configuration Variable "RPC_URL" not found.',
        VERBOSE,
      ],
      [
        new TypeError("x is undefined\n  at somewhere"),
        "unexpected TypeError: x is undefined",
        `a defect of the toolkit: ${VERBOSE}, and report what it prints`,
      ],
    ];
    for (const [error, message, hint] of cases) {
      const failure = describeFailure(error);
      expect([failure.message, failure.hint]).to.deep.equal([message, hint]);
    }
  });
});
