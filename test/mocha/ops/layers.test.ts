/**
 * The lint rule that keeps imports pointing one way (eslint/layers.js): each case lints a file
 * that is not on disk with the project's ESLint configuration and expects the rule to fire or not.
 */
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
