/**
 * The documents of an issuance (ERC-1643), on the deployment's DocumentRegistry: register or
 * change one (`documents set`), remove one (`documents remove`), list them (`documents list`).
 * A document belongs to an instrument (`--instrument`) or to the deployment itself.
 */
import { ZeroAddress, isHexString, type Interface } from "ethers";
import type { DocumentRegistry } from "../../typechain-types/index.js";
import { documentKey, readDocuments, type RegisteredDocument } from "../sdk/documents.js";
import { confirmSending, signerWithRole, type OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import type { Row } from "./output.js";
import { send } from "./send.js";
import { isoTime } from "./units.js";

/** Where a document belongs: an instrument of the deployment, or the deployment (`instrument` undefined). */
export interface DocumentScope {
  /** What the lines and the report call it: the instrument id, or "deployment". */
  label: string;
  /** The instrument's address; the zero address for the deployment's own documents. */
  address: string;
}

export const DEPLOYMENT_SCOPE = "deployment";

/** The deployment's document registry, or an error saying that the manifest has none. */
export async function documentRegistryOf(ctx: OpsContext): Promise<DocumentRegistry> {
  if (ctx.record.documentRegistry === undefined) {
    throw new OpsError(
      `the deployment of "${ctx.record.name}" has no document registry: add a "documents" section to the manifest before its first deployment`,
    );
  }
  return ctx.connection.ethers.getContractAt("DocumentRegistry", ctx.record.documentRegistry);
}

/** The scope of `--instrument`: an instrument id of the deployment, or the deployment when not given. */
export function scopeOf(ctx: OpsContext, instrument: string | undefined): DocumentScope {
  if (instrument === undefined) return { label: DEPLOYMENT_SCOPE, address: ZeroAddress };
  const entry = ctx.record.instruments[instrument];
  if (entry === undefined) {
    const ids = Object.keys(ctx.record.instruments);
    throw new OpsError(
      `--instrument: got "${instrument}", expected an instrument of the issuance (${ids.join(", ") || "none"})`,
    );
  }
  return { label: instrument, address: entry.address };
}

/** `--name` as the registry's key, refused with the option's name. */
function keyOf(name: string): string {
  try {
    return documentKey(name);
  } catch (error) {
    throw new OpsError(`--name: ${(error as Error).message.replace(/^document name: /, "")}`);
  }
}

export interface DocumentInput {
  instrument?: string;
  name: string;
  uri: string;
  hash: string;
}

/** What `--uri` and `--hash` must be: the same rules as the manifest's and the contract's. */
function checkDocument(uri: string, hash: string): void {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(uri))
    throw new OpsError(`--uri: got "${uri}", expected a URI with its scheme, as https://… or ipfs://…`);
  if (!isHexString(hash, 32) || BigInt(hash) === 0n)
    throw new OpsError(`--hash: got "${hash}", expected the file's SHA-256: 0x and 64 hex digits, not zero`);
}

/**
 * Registers document `input` or changes its URI and hash (DOCUMENT_MANAGER_ROLE). Sends nothing
 * when the registry already holds this URI and hash: a re-run does not make a new version.
 */
export async function setDocument(
  ctx: OpsContext,
  input: DocumentInput,
  options: { from?: string; reason?: string } = {},
) {
  const key = keyOf(input.name);
  checkDocument(input.uri, input.hash);
  const hash = input.hash.toLowerCase();
  const registry = await documentRegistryOf(ctx);
  const scope = scopeOf(ctx, input.instrument);
  const [uri, registered] = await registry.getInstrumentDocument(scope.address, key);
  if (uri === input.uri && registered === hash) {
    ctx.out(`${scope.label}: document "${input.name}" is registered with this URI and hash; nothing to send`);
    return undefined;
  }
  // A registered document's next version is known; a name without one numbers on from a removed
  // document's count, which the registry does not show: its version is read once it is registered.
  const next = uri === "" ? "" : ` (version ${(await registry.documentVersion(scope.address, key)) + 1n})`;
  ctx.out(
    `${scope.label}: ${uri === "" ? "register" : "change"} document "${input.name}"${next}: ${input.uri}, SHA-256 ${hash}`,
  );
  const call: ManagerCall =
    scope.address === ZeroAddress
      ? ["setDocument", [key, input.uri, hash]]
      : ["setInstrumentDocument", [scope.address, key, input.uri, hash]];
  const receipt = await sendAsManager(
    ctx,
    registry,
    call,
    { instrument: scope.label, name: input.name, uri: input.uri, hash },
    options,
  );
  if (uri === "") {
    const version = await registry.documentVersion(scope.address, key);
    ctx.out(`${scope.label}: document "${input.name}" is registered as version ${version}`);
  }
  return receipt;
}

/** Removes document `name` of `instrument` (or of the deployment); sends nothing when it has none. */
export async function removeDocument(
  ctx: OpsContext,
  input: { instrument?: string; name: string },
  options: { from?: string; reason?: string } = {},
) {
  const key = keyOf(input.name);
  const registry = await documentRegistryOf(ctx);
  const scope = scopeOf(ctx, input.instrument);
  const [uri] = await registry.getInstrumentDocument(scope.address, key);
  if (uri === "") {
    ctx.out(`${scope.label}: no document "${input.name}" is registered; nothing to send`);
    return undefined;
  }
  ctx.out(`${scope.label}: remove document "${input.name}" (${uri})`);
  const call: ManagerCall =
    scope.address === ZeroAddress ? ["removeDocument", [key]] : ["removeInstrumentDocument", [scope.address, key]];
  return sendAsManager(ctx, registry, call, { instrument: scope.label, name: input.name }, options);
}

/** A call of the registry's changes: the function and its arguments. */
type ManagerCall = [action: string, args: unknown[]];

/** Sends `call` to the registry from a configured holder of DOCUMENT_MANAGER_ROLE (`--from` when given). */
async function sendAsManager(
  ctx: OpsContext,
  registry: DocumentRegistry,
  [action, args]: ManagerCall,
  logged: Record<string, unknown>,
  options: { from?: string; reason?: string },
) {
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, registry, "DOCUMENT_MANAGER_ROLE", options.from);
  const tx = {
    to: await registry.getAddress(),
    data: (registry.interface as Interface).encodeFunctionData(action, args),
  };
  const contract = "DocumentRegistry";
  return send(ctx, { action, contract, signer, tx, iface: registry.interface, args: logged, reason: options.reason });
}

export const DOCUMENT_COLUMNS = ["instrument", "name", "version", "uri", "sha256", "lastModified"] as const;

/** One document as a report row. */
export function documentRow(scope: string, d: RegisteredDocument): Row {
  return {
    instrument: scope,
    name: d.name,
    version: d.version,
    uri: d.uri,
    sha256: d.hash,
    lastModified: isoTime(d.lastModified),
  };
}

/** The documents of the deployment, then of each instrument (or of `instrument` alone), as report rows. */
export async function documentsReport(ctx: OpsContext, instrument?: string): Promise<Row[]> {
  const registry = await documentRegistryOf(ctx);
  const scopes =
    instrument === undefined
      ? [scopeOf(ctx, undefined), ...Object.keys(ctx.record.instruments).map((id) => scopeOf(ctx, id))]
      : [scopeOf(ctx, instrument)];
  const rows: Row[] = [];
  for (const scope of scopes) {
    for (const d of await readDocuments(registry, scope.address)) rows.push(documentRow(scope.label, d));
  }
  return rows;
}
