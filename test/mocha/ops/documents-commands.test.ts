/**
 * The `documents` commands a re-run of the deployment prints for a document that differs from the
 * manifest: pasted into a shell, each gives the task exactly the manifest's name and URI, whatever
 * characters the manifest allows in them (a name with a space, a URI with a query string).
 */
import { execFileSync } from "node:child_process";
import { expect } from "chai";
import { applyDocument } from "../../../src/ops/documents-deploy.js";

const HASH = "0x" + "ab".repeat(32);

/** The arguments a POSIX shell passes for `line` (the words after the program's name). */
function wordsOf(line: string): string[] {
  const out = execFileSync("/bin/sh", ["-c", `printf '%s\\n' ${line}`], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return out.split("\n").slice(0, -1);
}

describe("documents: the commands printed for a difference", function () {
  const command = (task: string) => task;

  it("give the task the manifest's URI whole when it has a query string (& and ? in it)", function () {
    const uri = "https://debt.example/doc?id=7&lang=en";
    const line = applyDocument("documents.deployment.final-terms", `${uri} (SHA-256 ${HASH})`, command)!;
    expect(wordsOf(line)).to.deep.equal(["documents", "set", "--name", "final-terms", "--uri", uri, "--hash", HASH]);
  });

  it("give the task a name with spaces or quotes as one argument, to set or to remove it", function () {
    const name = "Final Terms (Investor's copy)";
    const set = applyDocument(`instruments.bond-3y.documents.${name}`, `ipfs://terms (SHA-256 ${HASH})`, command)!;
    expect(wordsOf(set)).to.deep.equal([
      "documents",
      "set",
      "--instrument",
      "bond-3y",
      "--name",
      name,
      "--uri",
      "ipfs://terms",
      "--hash",
      HASH,
    ]);
    const remove = applyDocument(`documents.deployment.${name}`, "none", command)!;
    expect(wordsOf(remove)).to.deep.equal(["documents", "remove", "--name", name]);
  });

  it("leave plain names and URIs unquoted, as the other commands print them", function () {
    const line = applyDocument("documents.deployment.offering-circular", `ipfs://bafy-oc (SHA-256 ${HASH})`, command);
    expect(line).to.equal(`documents set --name offering-circular --uri ipfs://bafy-oc --hash ${HASH}`);
  });
});
