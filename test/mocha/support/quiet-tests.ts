/**
 * Root hooks of every mocha run (hardhat.config.ts): a test that passes and wrote to stderr (an
 * error line it provoked and did not capture) fails the run at its end, named with what it wrote.
 * Tests capture what they provoke (captureOutput, test/mocha/support/capture.ts).
 */
import type { Context, RootHookObject } from "mocha";

type Write = typeof process.stderr.write;

const noisy: string[] = [];
let written: string[] = [];
let original: Write | undefined;

export const quietTestsHooks: RootHookObject = {
  beforeEach() {
    written = [];
    original = process.stderr.write;
    const write = original;
    process.stderr.write = function (this: unknown, chunk: string | Uint8Array, ...rest: unknown[]) {
      written.push(chunk.toString());
      return (write as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
    } as Write;
  },
  afterEach(this: Context) {
    if (original !== undefined) process.stderr.write = original;
    original = undefined;
    const text = written.join("").trim();
    if (this.currentTest?.state === "passed" && text !== "") {
      const lines = text.split("\n").filter((line) => line.trim() !== "");
      noisy.push(`${this.currentTest.fullTitle()}:\n    ${lines.slice(0, 3).join("\n    ")}`);
    }
  },
  afterAll() {
    if (noisy.length > 0) {
      const list = noisy.splice(0).join("\n  ");
      throw new Error(`passing tests wrote to stderr (capture what a test provokes):\n  ${list}`);
    }
  },
};
