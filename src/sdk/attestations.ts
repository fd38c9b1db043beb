/**
 * Reserve attestations of a commodity reserve token. The contract keeps each attestation without
 * its report's URI (`attestation(index)`: the reserves, `asOf`, the auditor, the time and block it
 * was recorded, the report hash); the URI is in the attestation's `ReservesAttested` event, in the
 * logs of the block it was recorded in. The SDK client and the operations reports both read
 * attestations from here.
 */
import type { CommodityReserveToken } from "./contracts.js";
import { ToolkitError } from "./errors.js";

/** One reserve attestation of a commodity reserve token, with its report's URI. */
export interface ReserveAttestation {
  /** Its number, from 0 (oldest). */
  index: bigint;
  /** Quantity held, in reserve units (the token's `metadata().unit`). */
  reserves: bigint;
  /** The time the count refers to (unix seconds). */
  asOf: bigint;
  auditor: string;
  /** The block time it was recorded (unix seconds). */
  recordedAt: bigint;
  /** The block it was recorded in: its `ReservesAttested` event is there. */
  blockNumber: bigint;
  reportHash: string;
  /** Where the audit report can be read, from the event. */
  uri: string;
}

/** What the token stores of an attestation: all but the URI. */
export type StoredAttestation = Omit<ReserveAttestation, "uri">;

type AttestationReader = Pick<CommodityReserveToken, "attestation" | "attestationCount" | "queryFilter" | "filters">;

/**
 * The widest block range of one log query: many providers refuse wider ones (10,000 is a common
 * limit), so a long history is read in several queries, one after the other.
 */
export const MAX_LOG_BLOCK_RANGE = 10_000;

/** Attestation `index` of `token` as the token stores it, without the URI. */
export async function storedAttestation(token: AttestationReader, index: bigint): Promise<StoredAttestation> {
  const { reserves, asOf, auditor, recordedAt, blockNumber, reportHash } = await token.attestation(index);
  return { index, reserves, asOf, auditor, recordedAt, blockNumber, reportHash };
}

/**
 * The report URIs of `attestations` (each with its index and block), from their `ReservesAttested`
 * events, keyed by index. Reads the logs with as few queries as it can: one per run of attestations
 * whose blocks fit in {@link MAX_LOG_BLOCK_RANGE}, filtered by the token and the event, sent one
 * after the other. An attestation whose event the provider does not return (a node that pruned
 * old logs) has no entry.
 */
export async function attestationUris(
  token: AttestationReader,
  attestations: readonly Pick<StoredAttestation, "index" | "blockNumber">[],
): Promise<Map<bigint, string>> {
  const blockOf = new Map(attestations.map((a) => [a.index, a.blockNumber]));
  const blocks = [...new Set(attestations.map((a) => a.blockNumber))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const uris = new Map<bigint, string>();
  for (let i = 0; i < blocks.length;) {
    const from = blocks[i];
    while (i < blocks.length && blocks[i] - from < BigInt(MAX_LOG_BLOCK_RANGE)) i++;
    const events = await token.queryFilter(token.filters.ReservesAttested(), Number(from), Number(blocks[i - 1]));
    for (const event of events) {
      // Only the event of the block the token recorded: another one with the same number cannot be its.
      if (blockOf.get(event.args.index) === BigInt(event.blockNumber)) uris.set(event.args.index, event.args.uri);
    }
  }
  return uris;
}

/** `stored` with the URIs of `uris`; fails with a {@link ToolkitError} naming the first one missing. */
function withUris(stored: readonly StoredAttestation[], uris: Map<bigint, string>): ReserveAttestation[] {
  return stored.map((a) => {
    const uri = uris.get(a.index);
    if (uri === undefined) {
      throw new ToolkitError(
        `attestation ${a.index}: no ReservesAttested event in block ${a.blockNumber} ` +
          "(the report URI is read from that event: does the provider keep the block's logs?)",
      );
    }
    return { ...a, uri };
  });
}

/**
 * Attestation `index` of `token` (from 0, oldest first), with its report's URI read from its
 * `ReservesAttested` event. Fails with a {@link ToolkitError} when the provider does not return that
 * event (a node that pruned the block's logs): read {@link storedAttestation} and
 * {@link attestationUris} to do without the URI.
 */
export async function reserveAttestation(token: AttestationReader, index: bigint): Promise<ReserveAttestation> {
  const stored = await storedAttestation(token, index);
  return withUris([stored], await attestationUris(token, [stored]))[0];
}

/**
 * Every attestation of `token`, oldest first, with their URIs read in as few log queries as
 * {@link attestationUris} can. Fails like {@link reserveAttestation} when an event is missing.
 */
export async function reserveHistory(token: AttestationReader): Promise<ReserveAttestation[]> {
  const count = await token.attestationCount();
  const stored = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) => storedAttestation(token, BigInt(i))),
  );
  return withUris(stored, await attestationUris(token, stored));
}
