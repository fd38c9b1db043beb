/**
 * Ignition writes a transaction's nonce to its journal before sending it, and the hash after.
 * When a run dies in between (process killed, RPC failing), Ignition refuses to resume until told
 * what became of that transaction: it cannot know whether it reached the chain. This finds out
 * before resuming, so that the same command finishes the deployment with nothing sent twice:
 *
 * - the account's nonce was used by the very transaction: it is recorded in the journal
 *   (Ignition's `trackTransaction`), and Ignition carries on from its receipt;
 * - the nonce is unused and nothing is pending: the transaction never reached the chain, and the
 *   step is reset (Ignition's `wipe`) to be sent again;
 * - a transaction with that nonce is pending: the operator waits for it and runs the command again.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { trackTransaction, wipe, type ArtifactResolver, type EIP1193Provider } from "@nomicfoundation/ignition-core";
import type { Provider } from "ethers";
import { findTransactionByNonce } from "./chain.js";
import { OpsError } from "./errors.js";

interface JournalMessage {
  type: string;
  futureId?: string;
  networkInteractionId?: number;
  nonce?: number;
  from?: string;
}

/** Transactions Ignition prepared (nonce recorded) but has no hash for: `futureId`, sender, nonce. */
async function unrecordedTransactions(deploymentDir: string) {
  let text: string;
  try {
    text = await readFile(path.join(deploymentDir, "journal.jsonl"), "utf8");
  } catch {
    return [];
  }
  const senders = new Map<string, string>();
  const open = new Map<string, { futureId: string; nonce: number }>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const message = JSON.parse(line) as JournalMessage;
    const key = `${message.futureId}/${message.networkInteractionId}`;
    if (message.futureId !== undefined && typeof message.from === "string") senders.set(message.futureId, message.from);
    if (message.type === "WIPE_APPLY") {
      for (const [openKey, entry] of open) if (entry.futureId === message.futureId) open.delete(openKey);
    } else if (
      message.type === "TRANSACTION_PREPARE_SEND" &&
      message.futureId !== undefined &&
      message.nonce !== undefined
    ) {
      open.set(key, { futureId: message.futureId, nonce: message.nonce });
    } else if (message.networkInteractionId !== undefined) {
      open.delete(key); // sent (hash recorded), dropped, replaced or timed out: Ignition knows what happened
    }
  }
  return [...open.values()].flatMap(({ futureId, nonce }) => {
    const from = senders.get(futureId);
    return from === undefined ? [] : [{ futureId, from, nonce }];
  });
}

/** Settles every transaction Ignition prepared but has no hash for; returns the lines to print. */
export async function recoverUnrecordedTransactions(
  deploymentDir: string,
  artifactResolver: ArtifactResolver,
  eip1193: EIP1193Provider,
  provider: Provider,
  confirmations: number,
): Promise<string[]> {
  const lines: string[] = [];
  for (const { futureId, from, nonce } of await unrecordedTransactions(deploymentDir)) {
    const tx = await findTransactionByNonce(provider, from, nonce);
    if (tx !== undefined) {
      const message = await trackTransaction(deploymentDir, tx.hash, eip1193, confirmations);
      lines.push(
        `recovered ${tx.hash} (${futureId}, nonce ${nonce}), sent before the interruption${message ? `: ${message}` : ""}`,
      );
    } else if ((await provider.getTransactionCount(from, "pending")) > nonce) {
      throw new OpsError(
        `the transaction of ${futureId} (nonce ${nonce} of ${from}) is pending: wait until it is mined, then run the same command again`,
      );
    } else {
      await wipe(deploymentDir, artifactResolver, futureId);
      lines.push(`${futureId} (nonce ${nonce}) never reached the chain: it is sent again`);
    }
  }
  return lines;
}
