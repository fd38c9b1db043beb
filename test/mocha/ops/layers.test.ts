/**
 * The lint rule that keeps imports pointing one way (eslint/layers.js): each case lints a file
 * that is not on disk with the project's ESLint configuration and expects the rule to fire or not.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { ESLint } from "eslint";

const RULE = "layers/import-direction";

async function directionErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe("ops: the lint rule on the direction of imports", function () {
  this.timeout(60_000);

  it("refuses src/sdk importing the operations library", async function () {
    const errors = await directionErrors("src/sdk/offending.ts", 'export { OpsError } from "../ops/errors.js";\n');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain("src/sdk is the published package");
  });

  it("lets src/sdk import itself and the TypeChain bindings", async function () {
    const source =
      'export { restrictionName } from "./restrictions.js";\n' +
      'export type { SovereignBond } from "../../typechain-types/contracts/instruments/bond/SovereignBond.js";\n';
    expect(await directionErrors("src/sdk/fine.ts", source)).to.deep.equal([]);
  });

  it("refuses src/ importing scripts/, tasks/ or hardhat.config.ts", async function () {
    for (const source of [
      "../../scripts/lib/local-test-dollar.js",
      "../../tasks/common.js",
      "../../hardhat.config.js",
    ]) {
      const errors = await directionErrors("src/ops/offending.ts", `import "${source}";\n`);
      expect(errors, source).to.have.length(1);
    }
  });

  it("lets src/indexer import src/ops and src/sdk, and refuses src/ops importing src/indexer", async function () {
    const fine = 'export { OpsError } from "../ops/errors.js";\nexport { decodeLog } from "../sdk/logs.js";\n';
    expect(await directionErrors("src/indexer/fine.ts", fine)).to.deep.equal([]);
    const refused = await directionErrors("src/ops/offending.ts", 'export { openStore } from "../indexer/store.js";\n');
    expect(refused).to.have.length(1);
    expect(refused[0]).to.contain("src/indexer builds on");
    for (const source of ["../../tasks/common.js", "../../scripts/demo.js"]) {
      expect(await directionErrors("src/indexer/offending.ts", `import "${source}";\n`), source).to.have.length(1);
    }
  });

  it("lets src/explorer import src/indexer, src/ops and src/sdk, and refuses any of them importing src/explorer", async function () {
    const fine =
      'export { capTableAt } from "../indexer/queries.js";\nexport { OpsError } from "../ops/errors.js";\nexport { roleName } from "../sdk/readable.js";\n';
    expect(await directionErrors("src/explorer/fine.ts", fine)).to.deep.equal([]);
    const back = 'export { startExplorer } from "../explorer/server.js";\n';
    for (const importer of ["src/ops/offending.ts", "src/indexer/offending.ts", "src/sdk/offending.ts"]) {
      expect(await directionErrors(importer, back), importer).to.have.length(1);
    }
    expect((await directionErrors("src/indexer/offending.ts", back))[0]).to.contain("src/explorer shows");
    for (const source of ["../../tasks/common.js", "../../scripts/demo.js", "../../hardhat.config.js"]) {
      expect(await directionErrors("src/explorer/offending.ts", `import "${source}";\n`), source).to.have.length(1);
    }
  });

  it("refuses an Ignition module importing anything of src/, even the plan's types", async function () {
    const refused = await directionErrors(
      "ignition/modules/Offending.ts",
      'import type { IssuancePlan } from "../../src/ops/plan.js";\nexport type Plan = IssuancePlan;\n',
    );
    expect(refused).to.have.length(1);
    const allowed = await directionErrors(
      "ignition/modules/Fine.ts",
      'import type { InstrumentPlanBase } from "./plan-types.js";\nexport type Plan = InstrumentPlanBase;\n',
    );
    expect(allowed).to.deep.equal([]);
  });
});

/** The TypeScript files under `dir`, relative to the repository root. */
async function typeScriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Each file's relative imports (`import`/`export … from`, types included), as repository paths. */
async function importGraph(files: string[]): Promise<Map<string, string[]>> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = await readFile(file, "utf8");
    const targets = [...source.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)]
      .map((m) => path.join(path.dirname(file), m[1].replace(/\.js$/, ".ts")))
      .filter((target) => known.has(target));
    graph.set(file, targets);
  }
  return graph;
}

/** A loop of imports in `graph` (the files in order, the first repeated at the end), or undefined. */
function findLoop(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === "done") return undefined;
    if (state.get(file) === "open") return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, "open");
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      const loop = visit(target);
      if (loop) return loop;
    }
    stack.pop();
    state.set(file, "done");
    return undefined;
  };
  for (const file of graph.keys()) {
    const loop = visit(file);
    if (loop) return loop;
  }
  return undefined;
}

describe("ops: no import loops", function () {
  it("no file of src/, tasks/, scripts/ or ignition/ imports itself through others", async function () {
    const files = (await Promise.all(["src", "tasks", "scripts", "ignition"].map(typeScriptFiles))).flat();
    expect(files.length).to.be.greaterThan(50);
    expect(findLoop(await importGraph(files))).to.equal(undefined);
  });

  it("finds a loop when there is one (the check itself)", function () {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(findLoop(graph)).to.deep.equal(["a.ts", "b.ts", "c.ts", "a.ts"]);
    expect(
      findLoop(
        new Map([
          ["a.ts", ["b.ts"]],
          ["b.ts", []],
        ]),
      ),
    ).to.equal(undefined);
  });
});
