/**
 * Sending a transaction from a task: decoded errors, a wait for confirmations, and lines in the
 * ops log. Chunks of a file-driven batch are sent exactly once across runs (see {@link sendOnce}).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransaction, Interface, TransactionReceipt } from "ethers";
import { describeRevert } from "../../scripts/lib/errors.js";
import { findTransactionByNonce } from "./chain.js";
import type { OpsContext } from "./context.js";
import { OpsError } from "./errors.js";

export interface Operation {
  /** The contract function, as `forcedTransfer`. */
  action: string;
  /** What the contract is, for people: `InvestorRegistry`, or an instrument id. */
  contract: string;
  signer: HardhatEthersSigner;
  /** The call, as `contract.fn.populateTransaction(...)` returns it. */
  tx: ContractTransaction;
  /** Decodes the contract's errors. */
  iface: Interface;
  /** Arguments to write to the log, readable (amounts in tokens, names). */
  args?: Record<string, unknown>;
  reason?: string;
}

/** Whether `error` is the chain refusing the call (a revert), rather than the RPC failing. */
function isRevert(error: unknown): boolean {
  const e = error as { revert?: unknown; data?: unknown; code?: unknown };
  return (
    (e.revert ?? null) !== null || (typeof e.data === "string" && e.data.length > 2) || e.code === "CALL_EXCEPTION"
  );
}

/** Sends `op`, waits for it and logs it; a refused call becomes an {@link OpsError} naming the contract's error. */
export async function send(ctx: OpsContext, op: Operation, key?: string): Promise<TransactionReceipt> {
  const from = op.signer.address;
  const base = {
    task: ctx.task,
    action: op.action,
    contract: op.contract,
    target: op.tx.to,
    from,
    args: op.args,
    reason: op.reason,
    key,
  };
  const nonce = await op.signer.getNonce("pending");
  if (key !== undefined) await ctx.log.append({ ...base, status: "intent", nonce, data: op.tx.data });
  let hash: string;
  try {
    hash = (await op.signer.sendTransaction({ ...op.tx, nonce })).hash;
  } catch (error) {
    if (isRevert(error)) throw new OpsError(`${op.contract}.${op.action} refused: ${describeRevert(error, op.iface)}`);
    throw new OpsError(
      `${op.contract}.${op.action} failed to send (${describeRevert(error, op.iface)}): ` +
        "check the network, then run the same command again",
      { cause: error },
    );
  }
  await ctx.log.append({ ...base, status: "sent", nonce, txHash: hash });
  const receipt = await ctx.connection.ethers.provider.waitForTransaction(hash, ctx.confirmations);
  if (receipt === null || receipt.status !== 1) {
    await ctx.log.append({ ...base, status: "reverted", txHash: hash, block: receipt?.blockNumber });
    throw new OpsError(`${op.contract}.${op.action} reverted on chain: transaction ${hash}`);
  }
  await ctx.log.append({ ...base, status: "confirmed", txHash: hash, block: receipt.blockNumber });
  return receipt;
}

/**
 * Sends the chunk `key` of a batch unless an earlier run already did: the ops log holds the nonce
 * it was sent with (written before sending), and the chain tells whether the transaction with
 * that nonce is this very call and succeeded. Returns false when it was already done. Call
 * {@link waitUntilSettled} for the signer first, so that nothing of an earlier run is pending.
 */
export async function sendOnce(ctx: OpsContext, key: string, op: Operation): Promise<boolean> {
  const earlier = (await ctx.log.entries()).filter((e) => e.key === key);
  if (earlier.some((e) => e.status === "confirmed")) return false;
  for (const { status, from, nonce } of earlier) {
    if (status !== "intent" || from === undefined || nonce === undefined) continue;
    const tx = await findTransactionByNonce(ctx.connection.ethers.provider, from, nonce);
    if (tx === undefined || tx.to?.toLowerCase() !== op.tx.to.toLowerCase() || tx.data !== op.tx.data) continue;
    const receipt = await ctx.connection.ethers.provider.getTransactionReceipt(tx.hash);
    if (receipt?.status === 1) {
      await ctx.log.append({
        task: ctx.task,
        action: op.action,
        contract: op.contract,
        target: op.tx.to,
        from: tx.from,
        key,
        status: "confirmed",
        txHash: tx.hash,
        block: receipt.blockNumber,
        reason: "found on chain after an interrupted run",
      });
      return false;
    }
  }
  await send(ctx, op, key);
  return true;
}
