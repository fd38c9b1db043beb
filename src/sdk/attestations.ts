/**
 * Reserve attestations of a commodity reserve token. The contract keeps each attestation without
 * its report's URI (`attestation(index)`: the reserves, `asOf`, the auditor, the time and block it
 * was recorded, the report hash); the URI is in the attestation's `ReservesAttested` event, found by
 * its `index` topic in the logs of that one block. The SDK client and the operations reports both
 * read attestations from here.
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

type AttestationReader = Pick<CommodityReserveToken, "attestation" | "queryFilter" | "filters">;

/**
 * Attestation `index` of `token` (from 0, oldest first), with its report's URI read from its
 * `ReservesAttested` event. Fails with a {@link ToolkitError} when the provider does not return that
 * event (a node that pruned the block's logs).
 */
export async function reserveAttestation(token: AttestationReader, index: bigint): Promise<ReserveAttestation> {
  const stored = await token.attestation(index);
  const block = Number(stored.blockNumber);
  const events = await token.queryFilter(token.filters.ReservesAttested(index), block, block);
  if (events.length !== 1) {
    throw new ToolkitError(
      `attestation ${index}: ${events.length} ReservesAttested events in block ${block}, expected one ` +
        "(the report URI is read from that event: does the provider keep the block's logs?)",
    );
  }
  return {
    index,
    reserves: stored.reserves,
    asOf: stored.asOf,
    auditor: stored.auditor,
    recordedAt: stored.recordedAt,
    blockNumber: stored.blockNumber,
    reportHash: stored.reportHash,
    uri: events[0].args.uri,
  };
}
