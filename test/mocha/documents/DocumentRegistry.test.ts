import { expect } from "chai";
import { encodeBytes32String, id, keccak256, toUtf8Bytes, ZeroAddress, ZeroHash } from "ethers";
import { ethers, networkHelpers, now } from "../fixtures.js";

const DOCUMENT_MANAGER_ROLE = id("DOCUMENT_MANAGER_ROLE");
const CIRCULAR = encodeBytes32String("offering-circular");
const TERMS = encodeBytes32String("final-terms");
const CAC = encodeBytes32String("cac-terms");
const HASH_1 = keccak256(toUtf8Bytes("version 1"));
const HASH_2 = keccak256(toUtf8Bytes("version 2"));
const URI_1 = "https://mof.example/docs/circular-v1.pdf";
const URI_2 = "https://mof.example/docs/circular-v2.pdf";
const EMPTY = ["", ZeroHash, 0n];

async function deployDocuments() {
  const [admin, manager, stranger, instrument, other] = await ethers.getSigners();
  const registry = await ethers.deployContract("DocumentRegistry", [admin.address, 3 * 24 * 60 * 60]);
  await registry.connect(admin).grantRole(DOCUMENT_MANAGER_ROLE, manager.address);
  return { registry, admin, manager, stranger, bond: instrument.address, bill: other.address };
}

const setup = () => networkHelpers.loadFixture(deployDocuments);
type Fixture = Awaited<ReturnType<typeof deployDocuments>>;

describe("DocumentRegistry (ERC-1643)", function () {
  it("starts with the admin, a 3-day admin delay and one document manager", async function () {
    const { registry, admin, manager, stranger } = await setup();
    expect(await registry.DOCUMENT_MANAGER_ROLE()).to.equal(DOCUMENT_MANAGER_ROLE);
    expect(await registry.defaultAdmin()).to.equal(admin.address);
    expect(await registry.defaultAdminDelay()).to.equal(3n * 24n * 60n * 60n);
    expect(await registry.hasRole(DOCUMENT_MANAGER_ROLE, manager.address)).to.equal(true);
    expect(await registry.hasRole(DOCUMENT_MANAGER_ROLE, admin.address)).to.equal(false);
    expect(await registry.hasRole(DOCUMENT_MANAGER_ROLE, stranger.address)).to.equal(false);
    expect(await registry.getAllDocuments()).to.deep.equal([]);
  });

  it("answers supportsInterface for ERC-1643, IDocumentRegistry and AccessControl, not for others", async function () {
    const { registry } = await setup();
    const erc1643 = ethers.Interface.from([
      "function setDocument(bytes32,string,bytes32)",
      "function removeDocument(bytes32)",
      "function getDocument(bytes32) view returns (string,bytes32,uint256)",
      "function getAllDocuments() view returns (bytes32[])",
    ]);
    const interfaceId = (iface: typeof erc1643) => {
      let value = 0n;
      iface.forEachFunction((f) => (value ^= BigInt(f.selector)));
      return `0x${value.toString(16).padStart(8, "0")}`;
    };
    const registryOnly = ethers.Interface.from([
      "function setInstrumentDocument(address,bytes32,string,bytes32)",
      "function removeInstrumentDocument(address,bytes32)",
      "function getInstrumentDocument(address,bytes32) view returns (string,bytes32,uint256)",
      "function getAllInstrumentDocuments(address) view returns (bytes32[])",
      "function documentVersion(address,bytes32) view returns (uint256)",
    ]);
    expect(await registry.supportsInterface(interfaceId(erc1643))).to.equal(true);
    expect(await registry.supportsInterface(interfaceId(registryOnly))).to.equal(true);
    expect(await registry.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
    expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
  });

  describe("the deployment's documents (the ERC-1643 functions)", function () {
    it("setDocument attaches a document, emits DocumentUpdated and lists it at version 1", async function () {
      const { registry, manager } = await setup();
      await expect(registry.connect(manager).setDocument(CIRCULAR, URI_1, HASH_1))
        .to.emit(registry, "DocumentUpdated")
        .withArgs(CIRCULAR, URI_1, HASH_1);
      const at = await now();
      expect(await registry.getDocument(CIRCULAR)).to.deep.equal([URI_1, HASH_1, at]);
      expect(await registry.getAllDocuments()).to.deep.equal([CIRCULAR]);
      expect(await registry.documentVersion(ZeroAddress, CIRCULAR)).to.equal(1n);
      expect(await registry.getInstrumentDocument(ZeroAddress, CIRCULAR)).to.deep.equal([URI_1, HASH_1, at]);
    });

    it("a change of URI or of hash is a new version with a new time; the list keeps one entry", async function () {
      const { registry, manager } = await setup();
      await registry.connect(manager).setDocument(CIRCULAR, URI_1, HASH_1);
      await networkHelpers.time.increase(3600);
      await expect(registry.connect(manager).setDocument(CIRCULAR, URI_2, HASH_1))
        .to.emit(registry, "DocumentUpdated")
        .withArgs(CIRCULAR, URI_2, HASH_1);
      expect(await registry.getDocument(CIRCULAR)).to.deep.equal([URI_2, HASH_1, await now()]);
      expect(await registry.documentVersion(ZeroAddress, CIRCULAR)).to.equal(2n);
      await registry.connect(manager).setDocument(CIRCULAR, URI_2, HASH_2);
      expect(await registry.documentVersion(ZeroAddress, CIRCULAR)).to.equal(3n);
      expect(await registry.getAllDocuments()).to.deep.equal([CIRCULAR]);
    });

    it("refuses a set that changes nothing (same URI and hash): the version stays", async function () {
      const { registry, manager } = await setup();
      await registry.connect(manager).setDocument(CIRCULAR, URI_1, HASH_1);
      await expect(registry.connect(manager).setDocument(CIRCULAR, URI_1, HASH_1))
        .to.be.revertedWithCustomError(registry, "DocumentRegistryUnchanged")
        .withArgs(ZeroAddress, CIRCULAR);
      expect(await registry.documentVersion(ZeroAddress, CIRCULAR)).to.equal(1n);
    });

    it("refuses an empty name, an empty URI and a zero hash", async function () {
      const { registry, manager } = await setup();
      const asManager = registry.connect(manager);
      await expect(asManager.setDocument(ZeroHash, URI_1, HASH_1)).to.be.revertedWithCustomError(
        registry,
        "DocumentRegistryEmptyName",
      );
      await expect(asManager.setDocument(CIRCULAR, "", HASH_1))
        .to.be.revertedWithCustomError(registry, "DocumentRegistryEmptyUri")
        .withArgs(CIRCULAR);
      await expect(asManager.setDocument(CIRCULAR, URI_1, ZeroHash))
        .to.be.revertedWithCustomError(registry, "DocumentRegistryZeroHash")
        .withArgs(CIRCULAR);
      expect(await registry.getAllDocuments()).to.deep.equal([]);
    });

    it("removeDocument removes it with DocumentRemoved (the URI and hash it had); an unknown name is refused", async function () {
      const { registry, manager } = await setup();
      await registry.connect(manager).setDocument(CIRCULAR, URI_1, HASH_1);
      await expect(registry.connect(manager).removeDocument(CIRCULAR))
        .to.emit(registry, "DocumentRemoved")
        .withArgs(CIRCULAR, URI_1, HASH_1);
      expect(await registry.getDocument(CIRCULAR)).to.deep.equal(EMPTY);
      expect(await registry.getAllDocuments()).to.deep.equal([]);
      expect(await registry.documentVersion(ZeroAddress, CIRCULAR)).to.equal(0n);
      await expect(registry.connect(manager).removeDocument(CIRCULAR))
        .to.be.revertedWithCustomError(registry, "DocumentRegistryNotFound")
        .withArgs(ZeroAddress, CIRCULAR);
    });

    it("a name set again after its removal numbers on from its last version", async function () {
      const { registry, manager } = await setup();
      await registry.connect(manager).setDocument(CIRCULAR, URI_1, HASH_1);
      await registry.connect(manager).setDocument(CIRCULAR, URI_2, HASH_2);
      await registry.connect(manager).removeDocument(CIRCULAR);
      await registry.connect(manager).setDocument(CIRCULAR, URI_1, HASH_1);
      expect(await registry.documentVersion(ZeroAddress, CIRCULAR)).to.equal(3n);
    });

    it("removal moves the last name into the freed place (no walk of the list)", async function () {
      const { registry, manager } = await setup();
      for (const name of [CIRCULAR, TERMS, CAC]) await registry.connect(manager).setDocument(name, URI_1, HASH_1);
      await registry.connect(manager).removeDocument(CIRCULAR);
      expect(await registry.getAllDocuments()).to.deep.equal([CAC, TERMS]);
      // The moved name's place was updated: removing it now leaves the other one.
      await registry.connect(manager).removeDocument(CAC);
      expect(await registry.getAllDocuments()).to.deep.equal([TERMS]);
      await registry.connect(manager).removeDocument(TERMS);
      expect(await registry.getAllDocuments()).to.deep.equal([]);
    });
  });

  describe("an instrument's documents", function () {
    it("are kept apart from the deployment's and from another instrument's, under the same name", async function () {
      const { registry, manager, bond, bill } = await setup();
      await registry.connect(manager).setDocument(TERMS, URI_1, HASH_1);
      await expect(registry.connect(manager).setInstrumentDocument(bond, TERMS, URI_2, HASH_2))
        .to.emit(registry, "InstrumentDocumentUpdated")
        .withArgs(bond, TERMS, URI_2, HASH_2)
        .and.not.to.emit(registry, "DocumentUpdated");
      const at = await now();
      expect(await registry.getInstrumentDocument(bond, TERMS)).to.deep.equal([URI_2, HASH_2, at]);
      expect(await registry.getAllInstrumentDocuments(bond)).to.deep.equal([TERMS]);
      expect(await registry.getInstrumentDocument(bill, TERMS)).to.deep.equal(EMPTY);
      expect(await registry.getAllInstrumentDocuments(bill)).to.deep.equal([]);
      expect((await registry.getDocument(TERMS))[0]).to.equal(URI_1);
      expect(await registry.documentVersion(bond, TERMS)).to.equal(1n);

      await registry.connect(manager).setInstrumentDocument(bond, TERMS, URI_1, HASH_2);
      expect(await registry.documentVersion(bond, TERMS)).to.equal(2n);
      expect(await registry.documentVersion(ZeroAddress, TERMS)).to.equal(1n);

      await expect(registry.connect(manager).removeInstrumentDocument(bond, TERMS))
        .to.emit(registry, "InstrumentDocumentRemoved")
        .withArgs(bond, TERMS, URI_1, HASH_2);
      expect(await registry.getAllInstrumentDocuments(bond)).to.deep.equal([]);
      expect(await registry.getAllDocuments()).to.deep.equal([TERMS]);
    });

    it("follow the same rules: empty name, empty URI, zero hash, unchanged, unknown name", async function () {
      const { registry, manager, bond } = await setup();
      const asManager = registry.connect(manager);
      await expect(asManager.setInstrumentDocument(bond, ZeroHash, URI_1, HASH_1)).to.be.revertedWithCustomError(
        registry,
        "DocumentRegistryEmptyName",
      );
      await expect(asManager.setInstrumentDocument(bond, TERMS, "", HASH_1))
        .to.be.revertedWithCustomError(registry, "DocumentRegistryEmptyUri")
        .withArgs(TERMS);
      await expect(asManager.setInstrumentDocument(bond, TERMS, URI_1, ZeroHash))
        .to.be.revertedWithCustomError(registry, "DocumentRegistryZeroHash")
        .withArgs(TERMS);
      await asManager.setInstrumentDocument(bond, TERMS, URI_1, HASH_1);
      await expect(asManager.setInstrumentDocument(bond, TERMS, URI_1, HASH_1))
        .to.be.revertedWithCustomError(registry, "DocumentRegistryUnchanged")
        .withArgs(bond, TERMS);
      await expect(asManager.removeInstrumentDocument(bond, CAC))
        .to.be.revertedWithCustomError(registry, "DocumentRegistryNotFound")
        .withArgs(bond, CAC);
    });

    it("refuse the zero address as instrument (the deployment's documents change through ERC-1643)", async function () {
      const { registry, manager } = await setup();
      await expect(
        registry.connect(manager).setInstrumentDocument(ZeroAddress, TERMS, URI_1, HASH_1),
      ).to.be.revertedWithCustomError(registry, "DocumentRegistryZeroInstrument");
      await registry.connect(manager).setDocument(TERMS, URI_1, HASH_1);
      await expect(
        registry.connect(manager).removeInstrumentDocument(ZeroAddress, TERMS),
      ).to.be.revertedWithCustomError(registry, "DocumentRegistryZeroInstrument");
      expect(await registry.getAllDocuments()).to.deep.equal([TERMS]);
    });
  });

  describe("DOCUMENT_MANAGER_ROLE guards every change", function () {
    const calls: [string, (f: Fixture, caller: Fixture["stranger"]) => Promise<unknown>][] = [
      ["setDocument", (f, c) => f.registry.connect(c).setDocument(CAC, URI_2, HASH_2)],
      ["removeDocument", (f, c) => f.registry.connect(c).removeDocument(CIRCULAR)],
      ["setInstrumentDocument", (f, c) => f.registry.connect(c).setInstrumentDocument(f.bond, CAC, URI_2, HASH_2)],
      ["removeInstrumentDocument", (f, c) => f.registry.connect(c).removeInstrumentDocument(f.bond, TERMS)],
    ];
    for (const who of ["stranger", "admin"] as const) {
      for (const [name, call] of calls) {
        it(`${name} by the ${who} reverts and changes nothing`, async function () {
          const f = await setup();
          await f.registry.connect(f.manager).setDocument(CIRCULAR, URI_1, HASH_1);
          await f.registry.connect(f.manager).setInstrumentDocument(f.bond, TERMS, URI_1, HASH_1);
          await expect(call(f, f[who]))
            .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
            .withArgs(f[who].address, DOCUMENT_MANAGER_ROLE);
          expect(await f.registry.getAllDocuments()).to.deep.equal([CIRCULAR]);
          expect(await f.registry.getAllInstrumentDocuments(f.bond)).to.deep.equal([TERMS]);
          expect(await f.registry.documentVersion(ZeroAddress, CIRCULAR)).to.equal(1n);
        });
      }
    }
  });
});
