/**
 * The `documents` section of a manifest: the document registry (ERC-1643) the deployment deploys,
 * who manages it, and the documents it registers: the deployment's own (a programme's offering
 * circular) and each instrument's (its final terms), with their URI and the SHA-256 of the file.
 */
import { toUtf8Bytes } from "ethers";
import { z } from "zod";
import { documentKey } from "../sdk/documents.js";
import { asList, asObject, party, slug, type Problem } from "./manifest-fields.js";

/** A document's name: what the registry keys it by, 1 to 31 bytes of text. */
const documentName = z
  .string()
  .refine((v) => v.length > 0 && toUtf8Bytes(v).length <= 31, "a name of 1 to 31 bytes, as final-terms")
  // The registry's key pads the name with NUL bytes: "terms" and "terms\0" would be one document.
  .refine((v) => !v.includes("\0"), "a name without NUL characters, as final-terms");

const document = z
  .object({
    name: documentName,
    /** Where the document is published. */
    uri: z.string().regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/, "a URI with its scheme, as https://… or ipfs://…"),
    /** SHA-256 of the file's bytes, as `sha256sum` prints it, with 0x. */
    hash: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "the file's SHA-256: 0x and 64 hex digits")
      .refine((v) => BigInt(v) !== 0n, "the file's SHA-256, not zero"),
  })
  .strict();

export const documentsSchema = z
  .object({
    /** Holders of DOCUMENT_MANAGER_ROLE: the deployment registers the documents from one of them. */
    roles: z.object({ DOCUMENT_MANAGER_ROLE: z.array(party).min(1) }).strict(),
    /** The deployment's own documents (the ERC-1643 functions of the registry). */
    deployment: z.array(document).default([]),
    /** Each instrument's documents, by instrument id. */
    instruments: z.record(slug, z.array(document)).default({}),
  })
  .strict();

export type DocumentsSection = z.output<typeof documentsSchema>;

/** One document to register: `instrument` is an instrument id, or undefined for the deployment's own. */
export interface PlannedDocument {
  instrument?: string;
  name: string;
  /** The name as the registry keys it (bytes32). */
  key: string;
  uri: string;
  hash: string;
}

export interface DocumentsPlan {
  managers: string[];
  documents: PlannedDocument[];
}

/** The documents of `section`, the deployment's first, then each instrument's, in manifest order. */
export function planDocuments(section: DocumentsSection, resolveAll: (parties: string[]) => string[]): DocumentsPlan {
  const entry = (instrument: string | undefined, d: DocumentsSection["deployment"][number]): PlannedDocument => ({
    ...(instrument === undefined ? {} : { instrument }),
    name: d.name,
    key: documentKey(d.name),
    uri: d.uri,
    hash: d.hash.toLowerCase(),
  });
  return {
    managers: resolveAll(section.roles.DOCUMENT_MANAGER_ROLE),
    documents: [
      ...section.deployment.map((d) => entry(undefined, d)),
      ...Object.entries(section.instruments).flatMap(([id, list]) => list.map((d) => entry(id, d))),
    ],
  };
}

/** The rules spanning fields: instrument ids of the manifest, each name once per instrument (or for the deployment). */
export function checkDocuments(root: Record<string, unknown>): Problem[] {
  const section = asObject(root.documents);
  const ids = new Set(asList(root.instruments).map((i) => asObject(i).id));
  const problems: Problem[] = [];
  const uniqueNames = (list: unknown, where: (string | number)[]) => {
    const seen = new Map<unknown, number>();
    asList(list).forEach((d, i) => {
      const { name } = asObject(d);
      const previous = seen.get(name);
      if (typeof name === "string" && previous !== undefined) {
        const at = `${where.join(".")}[${previous}]`;
        problems.push({ path: [...where, i, "name"], message: `a name not already used (${at} has it)` });
      }
      if (previous === undefined) seen.set(name, i);
    });
  };
  uniqueNames(section.deployment, ["documents", "deployment"]);
  for (const [id, list] of Object.entries(asObject(section.instruments))) {
    if (!ids.has(id)) {
      problems.push({ path: ["documents", "instruments", id], message: "the id of an instrument of the manifest" });
    }
    uniqueNames(list, ["documents", "instruments", id]);
  }
  return problems;
}
