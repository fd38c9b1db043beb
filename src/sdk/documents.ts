/**
 * The documents of an issuance (ERC-1643): read them from the deployment's DocumentRegistry and
 * check a file against its registered hash.
 *
 * A registered hash is the SHA-256 of the file's bytes. ERC-1643 leaves the hash function open;
 * SHA-256 is what investors and regulators reproduce without any blockchain tool (`sha256sum`,
 * `shasum -a 256`, `certutil -hashfile <file> SHA256`, `Get-FileHash`), and what issuers already
 * publish beside a prospectus.
 */
import { decodeBytes32String, encodeBytes32String, hexlify, sha256, toUtf8Bytes, ZeroAddress } from "ethers";
import type { ContractRunner } from "ethers";
import { DocumentRegistry__factory, type DocumentRegistry } from "./contracts.js";
import { ToolkitError } from "./errors.js";

/** One document as the registry holds it. */
export interface RegisteredDocument {
  /** The name as text (`final-terms`), or its 32 bytes in hex when they are not text. */
  name: string;
  /** The name as the contract keys it (bytes32). */
  key: string;
  uri: string;
  /** SHA-256 of the file's bytes, 0x-prefixed hex. */
  hash: string;
  /** 1 when first registered, one more at each change of its URI or hash. */
  version: bigint;
  /** Unix seconds of the last change. */
  lastModified: bigint;
}

/** The contract key (bytes32) of a document name: its UTF-8 bytes, at most 31. */
export function documentKey(name: string): string {
  if (name === "") throw new ToolkitError('document name: got "", expected 1 to 31 bytes of text');
  // The key pads the name with NUL bytes: "terms" and "terms\0" would be one document.
  if (name.includes("\0")) {
    throw new ToolkitError(`document name: got ${JSON.stringify(name)}, expected text without NUL characters`);
  }
  if (toUtf8Bytes(name).length > 31) {
    throw new ToolkitError(
      `document name: got "${name}", expected at most 31 bytes of text (it has ${toUtf8Bytes(name).length})`,
    );
  }
  return encodeBytes32String(name);
}

/** The text of a document key, or the key in hex when it is not a name written by {@link documentKey}. */
export function documentName(key: string): string {
  try {
    const text = decodeBytes32String(key);
    return text !== "" && documentKey(text) === key.toLowerCase() ? text : key;
  } catch {
    return key;
  }
}

/** The hash the registry keeps for a file: SHA-256 of its bytes (a string is taken as UTF-8). */
export function documentHash(contents: Uint8Array | string): string {
  return sha256(typeof contents === "string" ? toUtf8Bytes(contents) : contents);
}

/** The deployment's DocumentRegistry at `address`, read (or sent to) through `runner`. */
export function documentRegistryAt(address: string, runner: ContractRunner): DocumentRegistry {
  return DocumentRegistry__factory.connect(address, runner);
}

/**
 * Document `name` of `instrument` (its address; omitted: the deployment's own documents, those of
 * the ERC-1643 functions), or undefined when it has none.
 */
export async function readDocument(
  registry: DocumentRegistry,
  name: string,
  instrument: string = ZeroAddress,
): Promise<RegisteredDocument | undefined> {
  return documentAt(registry, instrument, documentKey(name));
}

/** Every document of `instrument` (omitted: of the deployment), in the registry's order. */
export async function readDocuments(
  registry: DocumentRegistry,
  instrument: string = ZeroAddress,
): Promise<RegisteredDocument[]> {
  const keys =
    instrument === ZeroAddress
      ? await registry.getAllDocuments()
      : await registry.getAllInstrumentDocuments(instrument);
  const documents = await Promise.all(keys.map((key) => documentAt(registry, instrument, key)));
  return documents.filter((d): d is RegisteredDocument => d !== undefined);
}

async function documentAt(
  registry: DocumentRegistry,
  instrument: string,
  key: string,
): Promise<RegisteredDocument | undefined> {
  const [[uri, hash, lastModified], version] = await Promise.all([
    registry.getInstrumentDocument(instrument, key),
    registry.documentVersion(instrument, key),
  ]);
  if (version === 0n) return undefined;
  return { name: documentName(key), key: hexlify(key), uri, hash, version, lastModified };
}

/** What {@link verifyDocument} found. */
export interface DocumentCheck {
  /** True when the file's SHA-256 is the registered hash. */
  matches: boolean;
  /** The SHA-256 of the file checked. */
  actual: string;
  document: RegisteredDocument;
}

/**
 * Checks `contents` (a file's bytes) against the hash registered for document `name` of
 * `instrument` (omitted: of the deployment); refused when no such document is registered.
 */
export async function verifyDocument(
  registry: DocumentRegistry,
  name: string,
  contents: Uint8Array | string,
  instrument: string = ZeroAddress,
): Promise<DocumentCheck> {
  const document = await readDocument(registry, name, instrument);
  if (document === undefined) {
    const owner = instrument === ZeroAddress ? "the deployment" : instrument;
    throw new ToolkitError(`document "${name}": not registered for ${owner} in ${await registry.getAddress()}`);
  }
  const actual = documentHash(contents);
  return { matches: actual === document.hash, actual, document };
}
