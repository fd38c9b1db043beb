/**
 * The document registry (contracts/documents/DocumentRegistry.sol): a document registered with
 * ERC-1643's `setDocument`, an instrument's document registered, and a new version of it (a
 * changed URI and hash). URIs of a realistic length (an https address of 70 characters), hashes
 * of fixed texts, so that every run sends the same calldata.
 */
import { encodeBytes32String, id, sha256, toUtf8Bytes } from "ethers";
import { codeSizeOf, gasOf, walletAt } from "./chain.js";
import type { InstrumentContext } from "./toolkit.js";

const URI = "https://debt.finance.example/bonds-2026-12/offering-circular-2026-12.pdf";

export interface DocumentsGas {
  /** `setDocument`: a new document of the issuance. */
  setDocument: bigint;
  /** `setInstrumentDocument`: an instrument's document, then its second version. */
  setInstrumentDocument: bigint;
  newVersion: bigint;
  /** Runtime code size, in bytes. */
  codeSize: number;
}

export async function measureDocuments({ connection, admin }: InstrumentContext): Promise<DocumentsGas> {
  const adminAddress = await admin.getAddress();
  const registry = await connection.ethers.deployContract("DocumentRegistry", [adminAddress, 0], admin);
  await gasOf(registry.connect(admin).grantRole(id("DOCUMENT_MANAGER_ROLE"), adminAddress));
  const asManager = registry.connect(admin);
  const hash = (text: string) => sha256(toUtf8Bytes(text));
  const bond = walletAt("document-instrument", 0);
  const terms = encodeBytes32String("final-terms");
  return {
    setDocument: await gasOf(asManager.setDocument(encodeBytes32String("offering-circular"), URI, hash("circular"))),
    setInstrumentDocument: await gasOf(asManager.setInstrumentDocument(bond, terms, URI, hash("terms v1"))),
    newVersion: await gasOf(asManager.setInstrumentDocument(bond, terms, URI, hash("terms v2"))),
    codeSize: await codeSizeOf(connection, await registry.getAddress()),
  };
}
