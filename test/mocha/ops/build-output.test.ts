/**
 * The build says what it does (a line per batch the compiler starts and ends: Hardhat's spinner
 * prints nothing in a log) and prints the compiler's warnings on the project's sources only.
 */
import { expect } from "chai";
import type { SolidityHooks } from "hardhat/types/hooks";
import loadHandlers from "../../../plugins/build-output/hook-handlers/solidity.js";
import { captureOutput } from "../support/capture.js";

type Handlers = Required<Pick<SolidityHooks, "invokeSolc" | "getCompilationJobErrors">>;
type Args<K extends keyof Handlers> = Parameters<Handlers[K]>;

const warning = (file: string) => ({
  type: "Warning",
  component: "general",
  severity: "warning" as const,
  message: "Unreachable code.",
  formattedMessage: `Warning: Unreachable code.\n --> ${file}:1:1:`,
  sourceLocation: { file, start: 0, end: 1 },
});

describe("ops: build output", function () {
  let handlers: Handlers;
  before(async function () {
    handlers = (await loadHandlers()) as Handlers;
  });

  it("hides the warnings on npm packages' sources (and solc's note that it stopped listing) in one line; keeps the project's and every error", async function () {
    const thirdParty = warning("npm/@openzeppelin/contracts@5.7.0/utils/Strings.sol");
    const own = warning("project/contracts/token/RegulatedToken.sol");
    const error = { ...warning("npm/forge-std@1.9.0/src/Test.sol"), type: "TypeError", severity: "error" as const };
    const overflow = {
      type: "Warning",
      component: "general",
      severity: "warning" as const,
      message: "There are more than 256 warnings. Ignoring the rest.",
      formattedMessage: "Warning: There are more than 256 warnings. Ignoring the rest.",
    };
    const compilerOutput = { sources: {}, contracts: {}, errors: [thirdParty, own, error, overflow] };
    // What Hardhat's own handler returns: the same entries, their paths shortened, no source location.
    const remapped = compilerOutput.errors.map((e) => ({ ...e, sourceLocation: undefined }));
    const { result, stderr } = await captureOutput(() =>
      handlers.getCompilationJobErrors(
        {} as Args<"getCompilationJobErrors">[0],
        {} as Args<"getCompilationJobErrors">[1],
        compilerOutput as unknown as Args<"getCompilationJobErrors">[2],
        async () => remapped as Awaited<ReturnType<Handlers["getCompilationJobErrors"]>>,
      ),
    );
    expect(result).to.deep.equal([remapped[1], remapped[2]]);
    expect(stderr).to.deep.equal(["  1 compiler warning(s) in third-party sources (npm packages) not shown"]);
  });

  it("says when the compiler starts, what on, and when it is done", async function () {
    const solcInput = { language: "Solidity", sources: { a: {}, b: {} }, settings: { viaIR: true } };
    const run = () =>
      handlers.invokeSolc(
        {} as Args<"invokeSolc">[0],
        { version: "0.8.37" } as Args<"invokeSolc">[1],
        solcInput as unknown as Args<"invokeSolc">[2],
        {} as Args<"invokeSolc">[3],
        async () => ({ sources: {}, contracts: {} }),
      );
    const first = await captureOutput(run);
    expect(first.stderr[0]).to.match(
      /^Compiling the contracts with solc 0\.8\.37 \(solc-js\): about .* the first time/,
    );
    expect(first.stderr.slice(1)).to.deep.equal([
      "  compiling 2 source files, IR pipeline...",
      "  compiled 2 source files, IR pipeline in 0s",
    ]);
    // The heading once per build, not per batch.
    expect((await captureOutput(run)).stderr).to.have.length(2);
  });
});
