/**
 * Ignition writes a transaction's nonce to its journal before sending it and the hash after. When
 * a run dies in between (killed, or the RPC answered with an error after accepting it), the next
 * run finds the nonce used by a transaction it does not know, takes it for one the user sent
 * instead, and would send its own again: a contract deployed twice. This finds such transactions
 * on chain and records them in the journal (Ignition's `trackTransaction`) before resuming.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { trackTransaction, type EIP1193Provider } from "@nomicfoundation/ignition-core";
import type { Provider } from "ethers";
import { findTransactionByNonce } from "./chain.js";

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
    if (message.type === "TRANSACTION_PREPARE_SEND" && message.nonce !== undefined) {
      open.set(key, { futureId: message.futureId!, nonce: message.nonce });
    } else if (message.networkInteractionId !== undefined) {
      open.delete(key); // sent (hash recorded), dropped, replaced or timed out: Ignition knows what happened
    }
  }
  return [...open.values()].flatMap(({ futureId, nonce }) => {
    const from = senders.get(futureId);
    return from === undefined ? [] : [{ futureId, from, nonce }];
  });
}

/** Records in the journal every transaction that was sent but not recorded; returns the lines to print. */
export async function recoverUnrecordedTransactions(
  deploymentDir: string,
  eip1193: EIP1193Provider,
  provider: Provider,
  confirmations: number,
): Promise<string[]> {
  const lines: string[] = [];
  for (const { futureId, from, nonce } of await unrecordedTransactions(deploymentDir)) {
    const tx = await findTransactionByNonce(provider, from, nonce);
    if (tx === undefined) continue; // never mined: Ignition sends it again with the same nonce
    const message = await trackTransaction(deploymentDir, tx.hash, eip1193, confirmations);
    lines.push(
      `recovered ${tx.hash} (${futureId}, nonce ${nonce}), sent before the interruption${message ? `: ${message}` : ""}`,
    );
  }
  return lines;
}
