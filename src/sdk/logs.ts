/**
 * Reading a token's history from its logs: the wallets that ever received it, and logs decoded
 * with a contract's ABI. The SDK client and the operations reports both read holders from here.
 */
import { ZeroAddress, type Interface, type Log, type LogDescription } from "ethers";
import type { RegulatedToken } from "./contracts.js";

/** Blocks per `eth_getLogs` request when a scan is paged (public RPCs limit ranges). */
export const LOG_RANGE = 5_000;

/** The results of `query` over the blocks `fromBlock` to `toBlock`, in ranges of {@link LOG_RANGE} blocks. */
export async function queryInRanges<T>(
  query: (fromBlock: number, toBlock: number) => Promise<T[]>,
  fromBlock: number,
  toBlock: number,
): Promise<T[]> {
  const results: T[] = [];
  for (let start = fromBlock; start <= toBlock; start += LOG_RANGE) {
    results.push(...(await query(start, Math.min(toBlock, start + LOG_RANGE - 1))));
  }
  return results;
}

/**
 * Every wallet that received `token` (a `Transfer` to it, minted or sent) from `fromBlock` to
 * `toBlock`, in the order first seen: in one `eth_getLogs` request, or in ranges of
 * {@link LOG_RANGE} blocks when `paged` (then `toBlock` must be a number).
 */
export async function recipientsOf(
  token: Pick<RegulatedToken, "queryFilter" | "filters">,
  fromBlock: number,
  toBlock: number | "latest",
  paged = false,
): Promise<string[]> {
  const query = (from: number, to: number | "latest") => token.queryFilter(token.filters.Transfer(), from, to);
  const events =
    paged && typeof toBlock === "number"
      ? await queryInRanges(query, fromBlock, toBlock)
      : await query(fromBlock, toBlock);
  const wallets = new Set(events.map((event) => event.args.to));
  wallets.delete(ZeroAddress);
  return [...wallets];
}

/** `log` decoded with `iface`, or null when it is not one of its events (or does not decode). */
export function decodeLog(iface: Interface, log: Log): LogDescription | null {
  try {
    return iface.parseLog(log);
  } catch {
    return null;
  }
}
