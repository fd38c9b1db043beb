import { createHash } from "node:crypto";
import { expect } from "chai";
import { ZeroAddress, encodeBytes32String, id } from "ethers";
import {
  decodeError,
  documentHash,
  documentKey,
  documentName,
  documentRegistryAt,
  readDocument,
  readDocuments,
  ToolkitError,
  verifyDocument,
} from "../../../src/sdk/index.js";
import { ethers, networkHelpers, now } from "../fixtures.js";

const CIRCULAR = "An offering circular: the programme's terms.";
const TERMS = "Final terms of the 2030 bond.";
/** What `sha256sum` prints for a file holding `text`, with 0x. */
const sha256sum = (text: string) => `0x${createHash("sha256").update(text).digest("hex")}`;

async function registryWithDocuments() {
  const [admin, manager, bond] = await ethers.getSigners();
  const deployed = await ethers.deployContract("DocumentRegistry", [admin.address, 0]);
  await deployed.grantRole(id("DOCUMENT_MANAGER_ROLE"), manager.address);
  const registry = documentRegistryAt(await deployed.getAddress(), manager);
  await registry.setDocument(documentKey("offering-circular"), "https://mof.example/oc.pdf", sha256sum(CIRCULAR));
  await registry.setInstrumentDocument(bond.address, documentKey("final-terms"), "ipfs://old", sha256sum("draft"));
  await registry.setInstrumentDocument(bond.address, documentKey("final-terms"), "ipfs://terms", sha256sum(TERMS));
  return { registry, bond: bond.address, at: await now() };
}

describe("SDK: documents (ERC-1643)", function () {
  it("documentHash is the SHA-256 of the file's bytes, as sha256sum computes it", function () {
    expect(documentHash(CIRCULAR)).to.equal(sha256sum(CIRCULAR));
    expect(documentHash(new TextEncoder().encode(TERMS))).to.equal(sha256sum(TERMS));
    expect(documentHash("")).to.equal("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("documentKey keys a name of 1 to 31 bytes; documentName reads it back, or shows a key that is not text in hex", function () {
    expect(documentKey("final-terms")).to.equal(encodeBytes32String("final-terms"));
    expect(documentName(documentKey("final-terms"))).to.equal("final-terms");
    expect(() => documentKey("")).to.throw(ToolkitError, 'document name: got "", expected 1 to 31 bytes of text');
    expect(() => documentKey("x".repeat(32))).to.throw(ToolkitError, "at most 31 bytes of text (it has 32)");
    const binary = `0x${"ff".repeat(32)}`;
    expect(documentName(binary)).to.equal(binary);
  });

  it("readDocuments lists the deployment's and an instrument's documents with version and time", async function () {
    const { registry, bond, at } = await networkHelpers.loadFixture(registryWithDocuments);
    const [circular] = await readDocuments(registry);
    expect(circular).to.deep.include({
      name: "offering-circular",
      uri: "https://mof.example/oc.pdf",
      hash: sha256sum(CIRCULAR),
      version: 1n,
    });
    expect(await readDocuments(registry, bond)).to.deep.equal([
      {
        name: "final-terms",
        key: documentKey("final-terms"),
        uri: "ipfs://terms",
        hash: sha256sum(TERMS),
        version: 2n,
        lastModified: at,
      },
    ]);
    expect(await readDocument(registry, "final-terms")).to.equal(undefined);
    expect(await readDocuments(registry, ZeroAddress)).to.have.length(1);
  });

  it("verifyDocument matches the registered file and tells a changed one", async function () {
    const { registry, bond } = await networkHelpers.loadFixture(registryWithDocuments);
    const good = await verifyDocument(registry, "final-terms", new TextEncoder().encode(TERMS), bond);
    expect([good.matches, good.actual, good.document.version]).to.deep.equal([true, sha256sum(TERMS), 2n]);
    const altered = await verifyDocument(registry, "final-terms", `${TERMS} `, bond);
    expect([altered.matches, altered.actual]).to.deep.equal([false, sha256sum(`${TERMS} `)]);
    expect((await verifyDocument(registry, "offering-circular", CIRCULAR)).matches).to.equal(true);
    const refused = await verifyDocument(registry, "final-terms", TERMS).catch((e: Error) => e);
    expect(refused).to.be.instanceOf(ToolkitError);
    expect((refused as Error).message).to.equal(
      `document "final-terms": not registered for the deployment in ${await registry.getAddress()}`,
    );
  });

  it("decodeError explains the registry's refusals", async function () {
    const { registry, bond } = await networkHelpers.loadFixture(registryWithDocuments);
    const refused = await registry
      .setInstrumentDocument(bond, documentKey("final-terms"), "ipfs://terms", sha256sum(TERMS))
      .catch((e: unknown) => e);
    expect(decodeError(refused)?.message).to.equal(
      `Document ${documentKey("final-terms")} of ${bond} already has this URI and hash.`,
    );
  });
});
