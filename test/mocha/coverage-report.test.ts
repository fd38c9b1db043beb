import { expect } from "chai";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { addElseArms, armTagsOf, type TaggedStatement } from "../../plugins/branch-coverage/arms.js";
import { writeArmsFile } from "../../plugins/branch-coverage/arms-file.js";
import { collect, shortfall, writeReport } from "../../scripts/coverage/measure.js";

/** The statement that covers exactly `text` (its first occurrence at or after `from`) in `source`. */
function statement(source: string, text: string, tag: string, from = 0): TaggedStatement {
  const start = source.indexOf(text, from);
  if (start < 0) throw new Error(`no ${text} in the source`);
  return { tag, startUtf16: start, endUtf16: start + text.length };
}

describe("Coverage report: branch arms, thresholds and the failure line", function () {
  describe("arms of an if", function () {
    it("an if without else: T is its block, F the added empty else", function () {
      const armed = addElseArms("contract A {\n  function f(uint a) external {\n    if (a > 1) a = 2;\n  }\n}\n");
      expect(armed).to.contain("if (a > 1) {a = 2;} else {}");
      const statements = [
        statement(armed, "if (a > 1) {a = 2;} else {}", "if"),
        statement(armed, "{a = 2;}", "then"),
        statement(armed, "a = 2;", "assignment"),
        statement(armed, "{}", "else"),
      ];
      expect(armTagsOf(armed, statements)).to.deep.equal([
        { line: 3, arm: "T", tag: "then" },
        { line: 3, arm: "F", tag: "else" },
      ]);
    });

    it("else if: the F arm of the first if is the second if", function () {
      const armed = addElseArms(
        "contract A {\n  function f(uint a) external {\n    if (a > 1) { a = 2; } else if (a > 0) { a = 3; }\n  }\n}\n",
      );
      const inner = "if (a > 0) {{ a = 3; }} else {}";
      expect(armed).to.contain(inner);
      const statements = [
        statement(armed, `if (a > 1) { a = 2; } else ${inner}`, "outer"),
        statement(armed, "{ a = 2; }", "outer-then"),
        statement(armed, inner, "inner"),
        statement(armed, "{{ a = 3; }}", "inner-then"),
        statement(armed, "{}", "inner-else"),
      ];
      expect(armTagsOf(armed, statements)).to.deep.equal([
        { line: 3, arm: "T", tag: "outer-then" },
        { line: 3, arm: "F", tag: "inner" },
        { line: 3, arm: "T", tag: "inner-then" },
        { line: 3, arm: "F", tag: "inner-else" },
      ]);
    });
  });

  describe("report of a coverage run (fixture project)", function () {
    let root: string;
    const source =
      "contract Sample {\n  uint x;\n  function f(uint a) external {\n    if (a > 1) x = a;\n    x++;\n  }\n}\n";
    const file = "contracts/Sample.sol";

    beforeEach(async function () {
      root = await mkdtemp(path.join(os.tmpdir(), "coverage-report-"));
      await mkdir(path.join(root, "contracts", "mocks"), { recursive: true });
      await mkdir(path.join(root, "coverage", "data", "mocha"), { recursive: true });
      await writeFile(path.join(root, file), source);
      await writeFile(path.join(root, "contracts", "mocks", "Mock.sol"), "contract Mock {}\n");
      // Lines 3 and 4 ran, 5 did not; the mock has its own record, which the report leaves out.
      const lcov = [
        "TN:",
        `SF:${file}`,
        "DA:3,1",
        "DA:4,1",
        "DA:5,0",
        "LH:2",
        "LF:3",
        "end_of_record",
        "SF:contracts/mocks/Mock.sol",
        "DA:1,0",
        "LH:0",
        "LF:1",
        "end_of_record",
      ];
      await writeFile(path.join(root, "coverage", "lcov.info"), lcov.join("\n") + "\n");
      const arms = [
        { line: 4, arm: "T" as const, tag: "aa" },
        { line: 4, arm: "F" as const, tag: "bb" },
      ];
      await writeArmsFile(root, file, source, arms);
      // Only the T arm ran (tag "bb" was recorded with no hit).
      await writeFile(
        path.join(root, "coverage", "data", "mocha", "run.json"),
        JSON.stringify({ aa: 3, bb: 0, cc: 1 }),
      );
    });

    afterEach(async function () {
      await rm(root, { recursive: true, force: true });
    });

    it("counts lines from lcov and branches from the recorded arms, mocks excluded", async function () {
      const report = await collect(root);
      expect(report.files).to.deep.equal([
        {
          file,
          lines: { hit: 2, found: 3, notRun: [5] },
          branches: { hit: 1, found: 2, notRun: ["4:F"] },
        },
      ]);
      expect(report.total).to.deep.equal({ lines: { hit: 2, found: 3 }, branches: { hit: 1, found: 2 } });
    });

    it("fails with one line naming each metric below its threshold and the files below it", async function () {
      const report = await collect(root);
      expect(shortfall(report, { lines: 95, branches: 90 })).to.equal(
        "Coverage of contracts/ (all files together) below the threshold: lines 66.67% < 95% " +
          "(files below: contracts/Sample.sol 66.67%); branches 50.00% < 90% (files below: contracts/Sample.sol 50.00%)",
      );
      expect(shortfall(report, { lines: 60, branches: 90 })).to.match(/threshold: branches 50\.00% < 90%/);
      expect(shortfall(report, { lines: 60, branches: 50 })).to.equal(undefined);
    });

    it("prints the table and writes coverage/contracts.json", async function () {
      const printed: string[] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => void printed.push(args.join(" "));
      let failure: string | undefined;
      try {
        failure = await writeReport(root, { lines: 95, branches: 40 });
      } finally {
        console.log = log;
      }
      expect(failure).to.match(/^Coverage of contracts\/ .* lines 66\.67% < 95%/);
      expect(printed.join("\n")).to.match(/contracts\/Sample\.sol\s+66\.67% \(2\/3\)\s+50\.00% \(1\/2\)\s+5\s+4:F/);
      const json = JSON.parse(await readFile(path.join(root, "coverage", "contracts.json"), "utf8"));
      expect(json.passed).to.equal(false);
      expect(json.thresholds).to.deep.equal({ lines: 95, branches: 40 });
      expect(json.total.branches).to.deep.equal({ hit: 1, found: 2 });
    });

    it("refuses branch data of a source that changed since the run", async function () {
      await writeFile(path.join(root, file), source.replace("x++", "x--"));
      await expectRejection(collect(root), `${file} changed since the coverage run`);
    });

    it("refuses a run without branch data or without lcov", async function () {
      await rm(path.join(root, "coverage", "branches"), { recursive: true });
      await expectRejection(collect(root), `no branch data for ${file}`);
      await rm(path.join(root, "coverage", "lcov.info"));
      await expectRejection(collect(root), "no coverage/lcov.info");
    });
  });
});

async function expectRejection(promise: Promise<unknown>, message: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect((error as Error).message).to.contain(message);
    return;
  }
  expect.fail(`expected a rejection with "${message}"`);
}
