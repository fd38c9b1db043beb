/** Chain reads shared by the deployment and the tasks. */
import type { Provider, TransactionResponse } from "ethers";
import { OpsError } from "./errors.js";

/**
 * The mined transaction of `from` with `nonce`, or undefined when that nonce is not used yet.
 * Binary search on the account's nonce at past blocks (a node that keeps their state is needed
 * for old ones), then a look into the one block that raised it past `nonce`.
 */
export async function findTransactionByNonce(
  provider: Provider,
  from: string,
  nonce: number,
): Promise<TransactionResponse | undefined> {
  let high = await provider.getBlockNumber();
  if ((await provider.getTransactionCount(from, high)) <= nonce) return undefined;
  let low = 0;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await provider.getTransactionCount(from, middle)) > nonce) high = middle;
    else low = middle + 1;
  }
  const block = await provider.getBlock(low, true);
  const found = block?.prefetchedTransactions.find(
    (tx) => tx.from.toLowerCase() === from.toLowerCase() && tx.nonce === nonce,
  );
  if (found === undefined)
    throw new OpsError(`cannot find the transaction of ${from} with nonce ${nonce} in block ${low}`);
  return found;
}

/**
 * Waits until no transaction of `from` is pending (its pending and mined nonces agree), so that a
 * re-run reads the chain as the previous run left it. Fails after `timeoutMs`.
 */
export async function waitUntilSettled(provider: Provider, from: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [pending, latest] = await Promise.all([
      provider.getTransactionCount(from, "pending"),
      provider.getTransactionCount(from, "latest"),
    ]);
    if (pending === latest) return;
    if (Date.now() > deadline) {
      throw new OpsError(`${from} still has ${pending - latest} pending transaction(s); wait for them, then re-run`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** The time of block `block` (the latest by default), in unix seconds. */
export async function blockTime(provider: Provider, block: number | "latest" = "latest"): Promise<bigint> {
  const found = await provider.getBlock(block);
  if (found === null) throw new OpsError(`block ${block} is not known to the node`);
  return BigInt(found.timestamp);
}

/** Whether `url` points at this machine (127.0.0.0/8, ::1 or localhost). */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
