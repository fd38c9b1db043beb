/**
 * Sending a transaction from a task: decoded errors, a wait for confirmations, and lines in the
 * ops log. Chunks of a file-driven batch are sent exactly once across runs (see {@link sendOnce}).
 * An operation with a reason goes to a contract that supports references as
 * `withReference(keccak256(reason), call)` (src/ops/references.ts): the reference is on chain, the
 * text in the ops log next to it.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransaction, Interface, TransactionReceipt } from "ethers";
import { findTransactionByNonce } from "./chain.js";
import type { OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import { referencedCall, unwrapReference } from "./references.js";
import { refusalOf } from "./readable.js";

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
  /** Why: written to the ops log, and on chain as a reference when the contract supports it. */
  reason?: string;
  /**
   * The reference `tx` already carries inside its call (a call scheduled through the timelock):
   * logged as is, and `tx` is sent unchanged.
   */
  reference?: string;
}

/** `op` with its reason on chain: `tx` wrapped in `withReference` when the target supports it. */
async function withItsReference(ctx: OpsContext, op: Operation): Promise<Operation> {
  if (op.reference !== undefined) return op;
  const { data, ref } = await referencedCall(ctx.connection.ethers.provider, op.tx.to, op.tx.data, op.reason);
  return ref === undefined ? op : { ...op, tx: { ...op.tx, data }, reference: ref };
}

/** Whether `error` is the chain refusing the call (a revert), rather than the RPC failing. */
function isRevert(error: unknown): boolean {
  const e = error as { revert?: unknown; data?: unknown; code?: unknown };
  return (
    (e.revert ?? null) !== null || (typeof e.data === "string" && e.data.length > 2) || e.code === "CALL_EXCEPTION"
  );
}

/** Sends `op`, waits for it and logs it; a refused call becomes an {@link OpsError} naming the contract's error. */
export async function send(ctx: OpsContext, operation: Operation, key?: string): Promise<TransactionReceipt> {
  const op = await withItsReference(ctx, operation);
  const from = op.signer.address;
  const base = {
    task: ctx.task,
    action: op.action,
    contract: op.contract,
    target: op.tx.to,
    from,
    args: op.args,
    reason: op.reason,
    reference: op.reference,
    key,
    nonce: await op.signer.getNonce("pending"),
  };
  let hash: string;
  try {
    // Gas estimated first, so that a call the contract refuses is never logged as about to be sent.
    const gasLimit = await op.signer.estimateGas({ ...op.tx, nonce: base.nonce });
    // Logged before sending: a run killed before logging the outcome leaves it to be found on chain.
    await ctx.log.append({ ...base, status: "intent", data: op.tx.data });
    hash = (await op.signer.sendTransaction({ ...op.tx, nonce: base.nonce, gasLimit })).hash;
  } catch (error) {
    const failure = await refusalOf(ctx, op.contract, error, op.iface);
    if (isRevert(error)) {
      throw new OpsError(`${op.contract}.${op.action} refused: ${failure.shortMessage}`, { cause: failure });
    }
    throw new OpsError(
      `${op.contract}.${op.action} failed to send (${failure.shortMessage}): ` +
        "check the network, then run the same command again",
      { cause: failure },
    );
  }
  await ctx.log.append({ ...base, status: "sent", txHash: hash });
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
 * that nonce is this very call and succeeded (with any reference or none: a re-run with another
 * reason does not send the call twice). Returns false when it was already done. Call
 * {@link waitUntilSettled} for the signer first, so that nothing of an earlier run is pending.
 */
export async function sendOnce(ctx: OpsContext, key: string, op: Operation): Promise<boolean> {
  const earlier = (await ctx.log.entries()).filter((e) => e.key === key);
  const call = unwrapReference(op.tx.data).call;
  if (earlier.some((e) => e.status === "confirmed")) return false;
  for (const { status, from, nonce, reason } of earlier) {
    if (status !== "intent" || from === undefined || nonce === undefined) continue;
    const tx = await findTransactionByNonce(ctx.connection.ethers.provider, from, nonce);
    if (tx === undefined || tx.to?.toLowerCase() !== op.tx.to.toLowerCase()) continue;
    const sent = unwrapReference(tx.data);
    if (sent.call !== call) continue;
    const receipt = await ctx.connection.ethers.provider.getTransactionReceipt(tx.hash);
    if (receipt?.status === 1) {
      await ctx.log.append({
        task: ctx.task,
        action: op.action,
        contract: op.contract,
        target: op.tx.to,
        from: tx.from,
        key,
        nonce: tx.nonce,
        status: "confirmed",
        txHash: tx.hash,
        block: receipt.blockNumber,
        reason,
        reference: sent.ref,
        note: "found on chain after an interrupted run",
      });
      return false;
    }
  }
  await send(ctx, op, key);
  return true;
}
