/**
 * The version the `documents set` task prints: a document removed then registered again numbers on
 * from its last version (the registry keeps the count, and shows 0 while the name has no document),
 * so the task prints the version the registry gave it, never one that names an older URI and hash.
 * Against anvil.
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { ZeroAddress } from "ethers";
import { openContext } from "../../../src/ops/context.js";
import { deployIssuance } from "../../../src/ops/deploy.js";
import { removeDocument, setDocument } from "../../../src/ops/documents.js";
import { parseManifest } from "../../../src/ops/manifest.js";
import type { Connection } from "../../../src/ops/network.js";
import { documentKey } from "../../../src/sdk/documents.js";
import { DocumentRegistry__factory } from "../../../typechain-types/index.js";
import { connectTo, manifestJson, startNode, tempDir, type TestNode } from "./helpers.js";

const sha256 = (text: string) => "0x" + createHash("sha256").update(text).digest("hex");

describe("ops: documents set prints the version the registry gives (anvil)", function () {
  this.timeout(180_000);
  let node: TestNode;
  let connection: Connection;
  before(async function () {
    node = await startNode("anvil");
    connection = await connectTo(node.url);
  });
  after(async function () {
    await connection?.close();
    await node?.stop();
  });

  it("a document removed then registered again: the version it gets (3), not 1", async function () {
    const stateDir = await tempDir();
    const json = await manifestJson("test/mocha/ops/fixtures/one-signer.json");
    json.documents = {
      roles: { DOCUMENT_MANAGER_ROLE: ["deployer"] },
      deployment: [{ name: "offering-circular", uri: "https://debt.example/oc-v1.md", hash: sha256("v1") }],
    };
    const file = path.join(stateDir, "one-signer.json");
    await writeFile(file, JSON.stringify(json));
    const manifest = parseManifest(json, file);
    const record = (await deployIssuance(connection, hre.artifacts, manifest, {
      manifestFile: file,
      stateDir,
      out: () => {},
    }))!;
    const registry = DocumentRegistry__factory.connect(record.documentRegistry!, connection.ethers.provider);
    const lines: string[] = [];
    const ctx = await openContext(connection, manifest, { stateDir, task: "documents set", out: (l) => lines.push(l) });
    const circular = (version: string) => ({
      name: "offering-circular",
      uri: `https://debt.example/oc-${version}.md`,
      hash: sha256(version),
    });

    await setDocument(ctx, circular("v2"));
    await removeDocument(ctx, { name: "offering-circular" });
    await setDocument(ctx, circular("v3"));

    expect(await registry.documentVersion(ZeroAddress, documentKey("offering-circular"))).to.equal(3n);
    expect(lines.filter((l) => !l.startsWith("ops log:"))).to.deep.equal([
      `deployment: change document "offering-circular" (version 2): https://debt.example/oc-v2.md, SHA-256 ${sha256("v2")}`,
      'deployment: remove document "offering-circular" (https://debt.example/oc-v2.md)',
      `deployment: register document "offering-circular": https://debt.example/oc-v3.md, SHA-256 ${sha256("v3")}`,
      'deployment: document "offering-circular" is registered as version 3',
    ]);
  });
});
