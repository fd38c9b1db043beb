/**
 * Document names the registry would take for another one: its key pads a name with NUL bytes, so
 * that "final-terms" and "final-terms" followed by a NUL are one key. The manifest refuses such a
 * name in one line before anything is sent (a NUL-only name would otherwise reach the registry as
 * the zero key after the contracts are deployed), and so do the tasks.
 */
import { expect } from "chai";
import { encodeBytes32String } from "ethers";
import { parseManifest } from "../../../src/ops/manifest.js";
import { documentKey } from "../../../src/sdk/documents.js";
import { ToolkitError } from "../../../src/sdk/errors.js";
import { manifestJson } from "./helpers.js";

const MANIFEST = "test/mocha/ops/fixtures/one-signer.json";
const HASH = "0x" + "ab".repeat(32);

/** The lines of the error parsing the one-signer manifest with the deployment's documents `names`. */
async function errorsWith(names: string[]): Promise<string[]> {
  const json = await manifestJson(MANIFEST);
  json.documents = {
    roles: { DOCUMENT_MANAGER_ROLE: ["deployer"] },
    deployment: names.map((name, i) => ({ name, uri: `ipfs://doc-${i}`, hash: HASH })),
  };
  try {
    parseManifest(json, MANIFEST);
  } catch (error) {
    return (error as Error).message.split("\n");
  }
  throw new Error("the manifest was accepted");
}

describe("documents: names the registry's key would merge", function () {
  it("the manifest refuses a name with a NUL character, which would be another name's key", async function () {
    // What the registry would key them by: the same 32 bytes.
    expect(encodeBytes32String("final-terms\u0000")).to.equal(encodeBytes32String("final-terms"));
    const lines = await errorsWith(["final-terms", "final-terms\u0000"]);
    expect(lines).to.deep.equal([
      `${MANIFEST}: documents.deployment[1].name: got "final-terms\\u0000", expected a name without NUL characters, as final-terms`,
    ]);
  });

  it("the manifest refuses a name of NUL characters only (the registry's zero key)", async function () {
    const lines = await errorsWith(["\u0000\u0000"]);
    expect(lines).to.deep.equal([
      `${MANIFEST}: documents.deployment[0].name: got "\\u0000\\u0000", expected a name without NUL characters, as final-terms`,
    ]);
  });

  it("the tasks' key refuses it with the name", function () {
    expect(() => documentKey("terms\u0000"))
      .to.throw(ToolkitError)
      .with.property("message", 'document name: got "terms\\u0000", expected text without NUL characters');
    expect(documentKey("terms")).to.equal("0x" + Buffer.from("terms").toString("hex").padEnd(64, "0"));
  });
});
