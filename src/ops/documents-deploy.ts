/**
 * The documents in a deployment: the plan's lines, the fields the deployment record keeps (so that
 * a re-run compares the manifest with the registry and lists a changed document as a difference,
 * with the `documents` task that applies it), and the registration after the contracts are
 * deployed, which sends only what the registry does not hold yet.
 */
import { ZeroAddress } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { DocumentsPlan } from "./documents-manifest.js";
import { documentKey } from "../sdk/documents.js";
import type { DeployedFields, DeploymentRecord } from "./deployments.js";
import { OpsError } from "./errors.js";
import type { Connection } from "./network.js";
import { waitUntilSettled } from "./chain.js";
import { signerWithRole, type OpsContext } from "./context.js";
import { DEPLOYMENT_SCOPE, DOCUMENT_COLUMNS, documentRegistryOf, documentsReport, setDocument } from "./documents.js";
import { formatTable } from "./output.js";
import { recordInterruptedTransactions } from "./ops-log-recovery.js";

const NONE = "none";

/** The record's field of a document: `documents.deployment.<name>` or `instruments.<id>.documents.<name>`. */
function fieldOf(instrument: string | undefined, name: string): string {
  return instrument === undefined
    ? `documents.${DEPLOYMENT_SCOPE}.${name}`
    : `instruments.${instrument}.documents.${name}`;
}

/** The document a record field names, or undefined for another field. */
function documentOfField(field: string): { instrument?: string; name: string } | undefined {
  const deployment = new RegExp(`^documents\\.${DEPLOYMENT_SCOPE}\\.(.+)$`).exec(field);
  if (deployment !== null) return { name: deployment[1] };
  const instrument = /^instruments\.([^.]+)\.documents\.(.+)$/.exec(field);
  return instrument === null ? undefined : { instrument: instrument[1], name: instrument[2] };
}

const describe = (uri: string, hash: string) => `${uri} (SHA-256 ${hash})`;

/** The fields of the documents section of a plan, as the deployment sets them. */
export function documentFields(plan: DocumentsPlan | undefined, holders: (a: string[]) => string): DeployedFields {
  if (plan === undefined) return {};
  const fields: DeployedFields = {
    "documents.registry": "deployed with the issuance",
    "documents.roles.DOCUMENT_MANAGER_ROLE": holders(plan.managers),
  };
  for (const d of plan.documents) fields[fieldOf(d.instrument, d.name)] = describe(d.uri, d.hash);
  return fields;
}

/**
 * The documents among `fields` as the registry holds them now (`none` for a name without one): a
 * change made with `documents set` or `documents remove` counts as deployed.
 */
export async function documentFieldsOnChain(
  connection: Connection,
  record: DeploymentRecord,
  fields: Iterable<string>,
): Promise<DeployedFields> {
  if (record.documentRegistry === undefined) return {};
  const registry = await connection.ethers.getContractAt("DocumentRegistry", record.documentRegistry);
  const onChain: DeployedFields = {};
  for (const field of new Set(fields)) {
    const document = documentOfField(field);
    if (document === undefined) continue;
    const address = document.instrument === undefined ? ZeroAddress : record.instruments[document.instrument]?.address;
    if (address === undefined) continue;
    const [uri, hash] = await registry.getInstrumentDocument(address, documentKey(document.name));
    onChain[field] = uri === "" ? NONE : describe(uri, hash);
  }
  return onChain;
}

/**
 * `text` as one shell word: as it is when plain, else single-quoted, so that a pasted command gives the
 * task a name with spaces, or a URI with `&` or `?` in it, whole.
 */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** The `documents` command that applies the manifest's value of a document field; undefined for another field. */
export function applyDocument(field: string, wanted: string, command: (task: string) => string): string | undefined {
  const document = documentOfField(field);
  if (document === undefined) return undefined;
  const on = document.instrument === undefined ? "" : ` --instrument ${document.instrument}`;
  const name = shellWord(document.name);
  if (wanted === NONE) return command(`documents remove${on} --name ${name}`);
  const [, uri, hash] = /^(\S+) \(SHA-256 (0x[0-9a-f]{64})\)$/.exec(wanted) ?? [];
  return command(`documents set${on} --name ${name} --uri ${shellWord(uri)} --hash ${hash}`);
}

/** The plan's lines for the document registry and its documents. */
export function describeDocumentsPlan(plan: DocumentsPlan | undefined): string[] {
  if (plan === undefined) return [];
  const pad = " ".repeat(20);
  return [
    `  DocumentRegistry  deploy`,
    ...plan.managers.map((a) => `${pad}grant DOCUMENT_MANAGER_ROLE to ${a}`),
    ...plan.documents.map(
      (d) => `${pad}register ${d.instrument ?? DEPLOYMENT_SCOPE} document "${d.name}": ${d.uri}, SHA-256 ${d.hash}`,
    ),
  ];
}

/**
 * Refuses, before anything is sent, documents that no configured account could register: the
 * deployment registers them from a holder of DOCUMENT_MANAGER_ROLE, so one of the manifest's
 * managers must be an account configured for the network.
 */
export function checkDocumentManagers(
  plan: DocumentsPlan | undefined,
  signers: readonly HardhatEthersSigner[],
  manifestFile: string,
  network: string,
): void {
  if (plan === undefined || plan.documents.length === 0) return;
  if (plan.managers.some((m) => signers.some((s) => s.address === m))) return;
  throw new OpsError(
    `${manifestFile}: documents.roles.DOCUMENT_MANAGER_ROLE: got ${plan.managers.join(", ")}, expected at least one ` +
      `account configured for network ${network}: the deployment registers the documents from it`,
  );
}

/**
 * Registers the planned documents the registry does not hold with the same URI and hash (every
 * one on a first deployment, those of added instruments later): a re-run sends nothing for what
 * is registered already.
 */
export async function registerDocuments(ctx: OpsContext, plan: DocumentsPlan): Promise<void> {
  if (plan.documents.length === 0) return;
  const manager = await signerWithRole(ctx, await documentRegistryOf(ctx), "DOCUMENT_MANAGER_ROLE");
  // What an interrupted run sent is settled and logged first, so that the registry is read as it will stay.
  const provider = ctx.connection.ethers.provider;
  await waitUntilSettled(provider, manager.address);
  for (const line of await recordInterruptedTransactions(ctx.log, provider)) ctx.out(line);
  for (const d of plan.documents) {
    const document = { instrument: d.instrument, name: d.name, uri: d.uri, hash: d.hash };
    await setDocument(ctx, document, { from: manager.address });
  }
  ctx.out("documents, as `documents list` prints them:");
  for (const line of formatTable(DOCUMENT_COLUMNS, await documentsReport(ctx))) ctx.out(`  ${line}`);
}
