/**
 * The documents of an issuance through the operations tooling: the manifest's `documents` section
 * validated field by field, the registry deployed and the documents registered once (a re-run
 * sends nothing, an interrupted one registers only what is missing), a changed document listed as
 * a difference with the task that applies it, and the documents tasks. Against anvil, as a network
 * whose deployment records are kept.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { ZeroAddress } from "ethers";
import { selectContracts } from "../../../src/ops/admin-call.js";
import { openContext } from "../../../src/ops/context.js";
import { deployIssuance } from "../../../src/ops/deploy.js";
import { readRecord, writeRecord } from "../../../src/ops/deployments.js";
import { documentsReport, removeDocument, setDocument } from "../../../src/ops/documents.js";
import { OpsError } from "../../../src/ops/errors.js";
import { issuanceModule } from "../../../src/ops/issuance-module.js";
import { parseManifest, type Manifest } from "../../../src/ops/manifest.js";
import { planIssuance } from "../../../src/ops/plan.js";
import { auditTrail } from "../../../src/ops/reports.js";
import type { Connection } from "../../../src/ops/network.js";
import { changeRole } from "../../../src/ops/roles.js";
import { documentKey } from "../../../src/sdk/documents.js";
import { DocumentRegistry__factory } from "../../../typechain-types/index.js";
import {
  DEPLOYER_KEY,
  FailingProxy,
  connectTo,
  transactionsOf,
  ROOT,
  expectRefusedWithoutSending,
  manifestJson,
  startNode,
  taskActionRunner,
  tempDir,
  type TestNode,
} from "./helpers.js";

const MANIFEST = "test/mocha/ops/fixtures/one-signer.json";
const DEALER = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const CIRCULAR_FILE = "issuances/bonds-2026-12.offering-circular.md";
const sha256 = (text: string) => `0x${createHash("sha256").update(text).digest("hex")}`;
const TERMS_HASH = sha256("final terms v1");

/** The one-signer test issuance with an offering circular for the deployment and final terms for its note. */
async function withDocuments(): Promise<Record<string, unknown>> {
  const json = await manifestJson(MANIFEST);
  json.documents = {
    roles: { DOCUMENT_MANAGER_ROLE: ["deployer"] },
    deployment: [
      {
        name: "offering-circular",
        uri: "https://debt.example/oc.md",
        hash: sha256(await readFile(path.join(ROOT, CIRCULAR_FILE), "utf8")),
      },
    ],
    instruments: { "test-note": [{ name: "final-terms", uri: "ipfs://terms-v1", hash: TERMS_HASH }] },
  };
  return json;
}

type Documents = { deployment: Record<string, string>[]; instruments: Record<string, Record<string, string>[]> };
const documentsOf = (json: Record<string, unknown>) => json.documents as Documents;

describe("ops: documents (ERC-1643) in the manifest, the deployment and the tasks (anvil)", function () {
  this.timeout(180_000);
  let node: TestNode;
  let connection: Connection;
  before(async function () {
    node = await startNode("anvil");
    connection = await hre.network.create({ network: "remote", override: { url: node.url, accounts: [DEPLOYER_KEY] } });
  });
  after(async function () {
    await connection?.close();
    await node?.stop();
  });

  /** `json` written to a manifest file of `stateDir` and parsed. */
  async function manifestIn(stateDir: string, json: Record<string, unknown>): Promise<[string, Manifest]> {
    const file = path.join(stateDir, "one-signer.json");
    await writeFile(file, JSON.stringify(json));
    return [file, parseManifest(json, file)];
  }

  async function deploy(stateDir: string, json: Record<string, unknown>, lines: string[] = []) {
    const [file, manifest] = await manifestIn(stateDir, json);
    return deployIssuance(connection, hre.artifacts, manifest, {
      manifestFile: file,
      stateDir,
      out: (l) => lines.push(l),
    });
  }

  async function deployed(lines: string[] = []) {
    const stateDir = await tempDir();
    const json = await withDocuments();
    const record = (await deploy(stateDir, json, lines))!;
    const registry = DocumentRegistry__factory.connect(record.documentRegistry!, connection.ethers.provider);
    const note = record.instruments["test-note"].address;
    return { stateDir, json, record, registry, note };
  }

  const blockNumber = () => connection.ethers.provider.getBlockNumber();

  it("deploys the registry, registers the manifest's documents at version 1 and lists them; a re-run sends nothing", async function () {
    const deployLines: string[] = [];
    const { stateDir, json, record, registry, note } = await deployed(deployLines);
    expect(await registry.getAllDocuments()).to.deep.equal([documentKey("offering-circular")]);
    expect(await registry.getAllInstrumentDocuments(note)).to.deep.equal([documentKey("final-terms")]);
    expect(await registry.documentVersion(note, documentKey("final-terms"))).to.equal(1n);
    expect(record.deployed!["instruments.test-note.documents.final-terms"]).to.equal(
      `ipfs://terms-v1 (SHA-256 ${TERMS_HASH})`,
    );
    expect(await registry.hasRole(await registry.DOCUMENT_MANAGER_ROLE(), record.deployer)).to.equal(true);

    const [file, manifest] = await manifestIn(stateDir, json);
    const ctx = await openContext(connection, manifest, { stateDir, task: "report documents", out: () => {} });
    const [, , lastModified] = await registry.getInstrumentDocument(note, documentKey("final-terms"));
    const rows = await documentsReport(ctx);
    expect(rows.map((r) => [r.instrument, r.name, r.version])).to.deep.equal([
      ["deployment", "offering-circular", 1n],
      ["test-note", "final-terms", 1n],
    ]);
    expect(rows[1]).to.deep.include({
      uri: "ipfs://terms-v1",
      sha256: TERMS_HASH,
      lastModified: new Date(Number(lastModified) * 1000).toISOString().replace(".000Z", "Z"),
    });

    const events = (await auditTrail(ctx)).filter((e) => e.contract === "DocumentRegistry");
    expect(events.filter((e) => /Document/.test(e.event)).map((e) => [e.event, e.args.uri])).to.deep.equal([
      ["DocumentUpdated", "https://debt.example/oc.md"],
      ["InstrumentDocumentUpdated", "ipfs://terms-v1"],
    ]);

    // The deployment's own report of them, as `documents list` prints them.
    const table = deployLines.slice(deployLines.indexOf("documents, as `documents list` prints them:") + 1);
    expect(table[0].trim().split(/\s+/)).to.deep.equal([
      "instrument",
      "name",
      "version",
      "uri",
      "sha256",
      "lastModified",
    ]);
    expect(table[3].trim().split(/\s+/)).to.deep.equal([
      "test-note",
      "final-terms",
      "1",
      "ipfs://terms-v1",
      TERMS_HASH,
      String(rows[1].lastModified),
    ]);

    const run = taskActionRunner(connection, { manifest: file, stateDir });
    const listed = await run("documents/list", { instrument: "test-note" });
    expect(listed.success, run.output.join("\n")).to.equal(true);
    expect(run.output[0]).to.equal(
      `Documents of "one-signer" (DocumentRegistry ${record.documentRegistry}); hashes are SHA-256`,
    );
    expect(run.output.slice(1).join("\n")).to.match(/test-note\s+final-terms\s+1\s+ipfs:\/\/terms-v1\s+0x[0-9a-f]{64}/);

    const block = await blockNumber();
    const lines: string[] = [];
    await deploy(stateDir, json, lines);
    expect(lines).to.include('nothing to do: "one-signer" is deployed as the manifest asks');
    expect(await blockNumber()).to.equal(block);
  });

  it("a changed, an added and a removed document are differences, each with the documents task that applies it; once applied, the re-run sends nothing", async function () {
    const { stateDir, json, registry, note } = await deployed();
    const newTerms = sha256("final terms v2");
    documentsOf(json).instruments["test-note"][0].hash = newTerms;
    documentsOf(json).deployment = [{ name: "cac-terms", uri: "https://debt.example/cac.md", hash: sha256("cac") }];
    const [file, manifest] = await manifestIn(stateDir, json);
    const command = (task: string) => `    npx hardhat --network remote ${task} --manifest ${file}`;
    const error = await expectRefusedWithoutSending(
      connection,
      deploy(stateDir, json),
      /the manifest differs from what is deployed/,
    );
    expect(error.message.split("\n").slice(1)).to.deep.equal([
      `  documents.deployment.offering-circular: https://debt.example/oc.md (SHA-256 ${(await registry.getDocument(documentKey("offering-circular")))[1]}) -> none`,
      command("documents remove --name offering-circular"),
      `  instruments.test-note.documents.final-terms: ipfs://terms-v1 (SHA-256 ${TERMS_HASH}) -> ipfs://terms-v1 (SHA-256 ${newTerms})`,
      command(`documents set --instrument test-note --name final-terms --uri ipfs://terms-v1 --hash ${newTerms}`),
      `  documents.deployment.cac-terms: none -> https://debt.example/cac.md (SHA-256 ${sha256("cac")})`,
      command(`documents set --name cac-terms --uri https://debt.example/cac.md --hash ${sha256("cac")}`),
    ]);

    const ctx = await openContext(connection, manifest, { stateDir, task: "documents set", out: () => {} });
    await setDocument(ctx, { instrument: "test-note", name: "final-terms", uri: "ipfs://terms-v1", hash: newTerms });
    await setDocument(ctx, { name: "cac-terms", uri: "https://debt.example/cac.md", hash: sha256("cac") });
    await removeDocument(ctx, { name: "offering-circular" });
    expect(await registry.documentVersion(note, documentKey("final-terms"))).to.equal(2n);
    expect(await registry.getAllDocuments()).to.deep.equal([documentKey("cac-terms")]);

    // The same set again: nothing is sent, the version stays.
    const block = await blockNumber();
    const lines: string[] = [];
    const again = await openContext(connection, manifest, {
      stateDir,
      task: "documents set",
      out: (l) => lines.push(l),
    });
    await setDocument(again, { instrument: "test-note", name: "final-terms", uri: "ipfs://terms-v1", hash: newTerms });
    await removeDocument(again, { name: "offering-circular" });
    expect(lines).to.deep.equal([
      'test-note: document "final-terms" is registered with this URI and hash; nothing to send',
      'deployment: no document "offering-circular" is registered; nothing to send',
    ]);
    const rerun: string[] = [];
    await deploy(stateDir, json, rerun);
    expect(rerun).to.include('nothing to do: "one-signer" is deployed as the manifest asks');
    expect(await blockNumber()).to.equal(block);
  });

  it("a deployment interrupted before its documents were all registered: the re-run registers only the missing one", async function () {
    const { stateDir, json, record, registry } = await deployed();
    const [, manifest] = await manifestIn(stateDir, json);
    const ctx = await openContext(connection, manifest, { stateDir, task: "documents remove", out: () => {} });
    await removeDocument(ctx, { name: "offering-circular" });
    await writeRecord(stateDir, { ...record, complete: false });
    const deployer = record.deployer;
    const nonce = await connection.ethers.provider.getTransactionCount(deployer);
    const finished = (await deploy(stateDir, json))!;
    expect(finished.complete).to.equal(true);
    expect(await connection.ethers.provider.getTransactionCount(deployer)).to.equal(nonce + 1);
    expect(await registry.getAllDocuments()).to.deep.equal([documentKey("offering-circular")]);
    expect(await registry.documentVersion(ZeroAddress, documentKey("offering-circular"))).to.equal(2n);
    expect((await readRecord(stateDir, "remote", "one-signer"))!.complete).to.equal(true);
  });

  it("an instrument added to the manifest is deployed with its documents; the others are not sent again", async function () {
    const { stateDir, json, registry, note } = await deployed();
    const instruments = json.instruments as Record<string, unknown>[];
    instruments.push({ ...instruments[0], id: "second-note", symbol: "TNOTE2" });
    documentsOf(json).instruments["second-note"] = [{ name: "final-terms", uri: "ipfs://second", hash: sha256("2") }];
    const record = (await deploy(stateDir, json))!;
    const second = record.instruments["second-note"].address;
    expect((await registry.getInstrumentDocument(second, documentKey("final-terms")))[0]).to.equal("ipfs://second");
    expect(await registry.documentVersion(second, documentKey("final-terms"))).to.equal(1n);
    expect(await registry.documentVersion(note, documentKey("final-terms"))).to.equal(1n);
    expect(await registry.documentVersion(ZeroAddress, documentKey("offering-circular"))).to.equal(1n);
  });

  it("the RPC loses the answer of the first document's registration: the same command finishes, each document sent once", async function () {
    const stateDir = await tempDir();
    const [file, manifest] = await manifestIn(stateDir, await withDocuments());
    const deployer = (await connection.ethers.getSigners())[0].address;
    const contracts = transactionsOf(issuanceModule(planIssuance(manifest, [deployer], "localhost")));
    const proxy = await new FailingProxy(node.url, contracts, "drop").start();
    const through = await connectTo(proxy.url);
    const options = { manifestFile: file, stateDir, out: () => {} };
    try {
      const nonce = await connection.ethers.provider.getTransactionCount(deployer);
      const failed = await deployIssuance(through, hre.artifacts, manifest, options).catch((e: unknown) => e);
      expect(failed).to.be.instanceOf(OpsError);
      expect(proxy.failures).to.equal(1);
      expect((await readRecord(stateDir, "localhost", "one-signer"))?.complete).to.equal(false);

      proxy.heal();
      const lines: string[] = [];
      const record = await deployIssuance(through, hre.artifacts, manifest, { ...options, out: (l) => lines.push(l) });
      expect(record?.complete).to.equal(true);
      expect(
        lines.filter((l) => /^ops log: DocumentRegistry\.setDocument .* is confirmed in 0x/.test(l)),
      ).to.have.length(1);
      expect(lines).to.include(
        'deployment: document "offering-circular" is registered with this URI and hash; nothing to send',
      );
      // Every contract, grant and document once: the two documents are the two sends after Ignition's.
      expect(await connection.ethers.provider.getTransactionCount(deployer)).to.equal(nonce + contracts + 2);
      const registry = DocumentRegistry__factory.connect(record!.documentRegistry!, connection.ethers.provider);
      expect(await registry.documentVersion(ZeroAddress, documentKey("offering-circular"))).to.equal(1n);
    } finally {
      await through.close();
      await proxy.stop();
    }
  });

  it("refuses, before sending anything, documents that no configured account can register", async function () {
    const stateDir = await tempDir();
    const json = await withDocuments();
    (json.documents as { roles: Record<string, string[]> }).roles.DOCUMENT_MANAGER_ROLE = [DEALER];
    const [file] = await manifestIn(stateDir, json);
    await expectRefusedWithoutSending(
      connection,
      deploy(stateDir, json),
      `${file}: documents.roles.DOCUMENT_MANAGER_ROLE: got ${DEALER}, expected at least one account configured ` +
        "for network remote: the deployment registers the documents from it",
    );
  });

  it("the registry is administered with the other contracts: roles --contract documents, governance on every contract", async function () {
    const { stateDir, json, registry } = await deployed();
    const [, manifest] = await manifestIn(stateDir, json);
    const ctx = await openContext(connection, manifest, { stateDir, task: "roles grant", out: () => {} });
    expect((await selectContracts(ctx)).map((c) => c.label)).to.deep.equal([
      "InvestorRegistry",
      "DocumentRegistry",
      "test-note",
    ]);
    await changeRole(ctx, "documents", "DOCUMENT_MANAGER_ROLE", DEALER, true);
    expect(await registry.hasRole(await registry.DOCUMENT_MANAGER_ROLE(), DEALER)).to.equal(true);
    // As for every role, a holder added with the roles task is not a difference: the manifest says whom the deployment granted.
    const lines: string[] = [];
    await deploy(stateDir, json, lines);
    expect(lines).to.include('nothing to do: "one-signer" is deployed as the manifest asks');
  });
});

describe("ops: the manifest's documents section, field by field", function () {
  /** The lines of the error parsing the one-signer manifest with documents after `change`. */
  async function errorsAfter(change: (documents: Documents & { roles: Record<string, unknown> }) => void) {
    const json = await withDocuments();
    change(json.documents as Documents & { roles: Record<string, unknown> });
    try {
      parseManifest(json, MANIFEST);
    } catch (error) {
      return (error as Error).message.split("\n");
    }
    throw new Error("the manifest was accepted");
  }

  it("accepts the documents of the bond sample, with the deployment's and each instrument's", async function () {
    const manifest = parseManifest(await manifestJson("issuances/bonds-2026-12.json"), "bonds.json");
    expect(manifest.documents?.deployment.map((d) => d.name)).to.deep.equal(["offering-circular"]);
    expect(Object.keys(manifest.documents?.instruments ?? {})).to.deep.equal(["bond-3y-2029", "frn-10y-2036"]);
    for (const [file, hash] of [
      [CIRCULAR_FILE, manifest.documents!.deployment[0].hash],
      ["issuances/bonds-2026-12.bond-3y-2029-final-terms.md", manifest.documents!.instruments["bond-3y-2029"][0].hash],
      ["issuances/bonds-2026-12.frn-10y-2036-final-terms.md", manifest.documents!.instruments["frn-10y-2036"][0].hash],
    ]) {
      expect(sha256(await readFile(path.join(ROOT, file), "utf8")), file).to.equal(hash);
    }
  });

  const cases: [string, (d: Documents & { roles: Record<string, unknown> }) => void, string][] = [
    [
      "a hash that is not a SHA-256",
      (d) => (d.deployment[0].hash = "0x1234"),
      `${MANIFEST}: documents.deployment[0].hash: got "0x1234", expected the file's SHA-256: 0x and 64 hex digits`,
    ],
    [
      "a zero hash",
      (d) => (d.deployment[0].hash = `0x${"0".repeat(64)}`),
      `${MANIFEST}: documents.deployment[0].hash: got "0x${"0".repeat(64)}", expected the file's SHA-256, not zero`,
    ],
    [
      "a URI without its scheme",
      (d) => (d.instruments["test-note"][0].uri = "terms.pdf"),
      `${MANIFEST}: documents.instruments.test-note[0].uri: got "terms.pdf", expected a URI with its scheme, as https://… or ipfs://…`,
    ],
    [
      "a name longer than 31 bytes",
      (d) => (d.deployment[0].name = "n".repeat(32)),
      `${MANIFEST}: documents.deployment[0].name: got "${"n".repeat(32)}", expected a name of 1 to 31 bytes, as final-terms`,
    ],
    [
      "an instrument the manifest does not have",
      (d) => (d.instruments["old-note"] = [{ name: "x", uri: "ipfs://x", hash: TERMS_HASH }]),
      `${MANIFEST}: documents.instruments.old-note: got [{"name":"x","uri":"ipfs://x","hash":"${TERMS_HASH}"}], expected the id of an instrument of the manifest`.replace(
        /got (.{77}).*, expected/,
        "got $1..., expected",
      ),
    ],
    [
      "a name twice for one instrument",
      (d) => d.instruments["test-note"].push({ name: "final-terms", uri: "ipfs://again", hash: TERMS_HASH }),
      `${MANIFEST}: documents.instruments.test-note[1].name: got "final-terms", expected a name not already used (documents.instruments.test-note[0] has it)`,
    ],
    [
      "a manager who is not a declared signer",
      (d) => (d.roles.DOCUMENT_MANAGER_ROLE = ["docsDesk"]),
      `${MANIFEST}: documents.roles.DOCUMENT_MANAGER_ROLE[0]: got "docsDesk", expected "deployer" or a signer declared under "signers"`,
    ],
    [
      "no manager",
      (d) => (d.roles.DOCUMENT_MANAGER_ROLE = []),
      `${MANIFEST}: documents.roles.DOCUMENT_MANAGER_ROLE: got [], expected at least 1 item`,
    ],
  ];
  for (const [what, change, line] of cases) {
    it(`reports ${what} in one line naming the field and the value`, async function () {
      expect(await errorsAfter(change)).to.deep.equal([line]);
    });
  }
});
