/**
 * A task writes a transaction's `intent` (sender, nonce, call) to the ops log before sending it,
 * and its outcome after. A run killed or cut off from the RPC in between leaves the intent alone,
 * though the transaction may be on chain. Before a task works on an issuance, each such intent is
 * looked up by its sender and nonce, so that the log keeps every transaction once:
 *
 * - the nonce holds this very call: its outcome is logged (`confirmed` or `reverted`), with a note;
 * - the nonce holds another transaction: the call never reached the chain (`dropped`);
 * - the nonce is unused: it stays open (still pending, or never sent: a later run settles it).
 */
import type { Provider } from "ethers";
import { findTransactionByNonce } from "./chain.js";
import type { OpsLog, OpsLogEntry } from "./ops-log.js";
import { unwrapReference } from "./references.js";

const FINAL: readonly OpsLogEntry["status"][] = ["confirmed", "reverted", "dropped"];

/** Logs the outcome of every transaction an interrupted run sent without logging it; returns the lines to print. */
export async function recordInterruptedTransactions(log: OpsLog, provider: Provider): Promise<string[]> {
  const entries = await log.entries();
  const at = (e: OpsLogEntry) => `${e.from?.toLowerCase()}/${e.nonce}`;
  const settled = new Set(entries.filter((e) => FINAL.includes(e.status) && e.nonce !== undefined).map(at));
  const logged = new Set(entries.filter((e) => FINAL.includes(e.status)).map((e) => e.txHash?.toLowerCase()));
  const lines: string[] = [];
  for (const intent of entries) {
    if (intent.status !== "intent" || intent.from === undefined || intent.nonce === undefined) continue;
    if (settled.has(at(intent))) continue;
    const tx = await findTransactionByNonce(provider, intent.from, intent.nonce);
    if (tx === undefined || logged.has(tx.hash.toLowerCase())) continue;
    const { time, network, chainId, data, ...entry } = intent;
    void [time, network, chainId];
    const same =
      tx.to?.toLowerCase() === intent.target?.toLowerCase() &&
      data !== undefined &&
      unwrapReference(tx.data).call === unwrapReference(data).call;
    const what = `${intent.contract}.${intent.action} (nonce ${intent.nonce} of ${intent.from})`;
    if (same) {
      const receipt = await provider.getTransactionReceipt(tx.hash);
      if (receipt === null) continue; // mined, not yet confirmed: a later run logs it
      const status = receipt.status === 1 ? "confirmed" : "reverted";
      const note = "found on chain after an interrupted run";
      await log.append({ ...entry, status, txHash: tx.hash, block: receipt.blockNumber, note });
      lines.push(`ops log: ${what}, sent by an interrupted run, is ${status} in ${tx.hash}: logged`);
    } else {
      await log.append({
        ...entry,
        status: "dropped",
        note: "never reached the chain: its nonce went to another transaction",
      });
      lines.push(`ops log: ${what}, prepared by an interrupted run, never reached the chain: logged as dropped`);
    }
    settled.add(at(intent));
  }
  return lines;
}
