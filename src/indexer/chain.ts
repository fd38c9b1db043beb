/**
 * What the indexer reads from a node, over plain JSON-RPC: a Hardhat connection's provider or an
 * HTTP URL. It holds no key and sends nothing.
 */
import { getAddress } from "ethers";
import { OpsError } from "../ops/errors.js";

export type Rpc = (method: string, params: unknown[]) => Promise<unknown>;

/** A log as `eth_getLogs` returns it, with numbers decoded. */
export interface RawLog {
  address: string;
  block: number;
  blockHash: string;
  logIndex: number;
  txHash: string;
  topics: string[];
  data: string;
}

export interface BlockHeader {
  block: number;
  hash: string;
  parentHash: string;
  time: number;
}

/** An EIP-1193 provider (a Hardhat connection's `provider`) as an {@link Rpc}. */
export function eip1193Rpc(provider: { request(args: { method: string; params?: unknown[] }): Promise<unknown> }): Rpc {
  return (method, params) => provider.request({ method, params });
}

/** The node at `url` as an {@link Rpc}. */
export function httpRpc(url: string): Rpc {
  let id = 0;
  return async (method, params) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
      });
    } catch (error) {
      throw new OpsError(`the node at ${new URL(url).origin} does not answer (${(error as Error).message})`, {
        cause: error,
      });
    }
    const body = (await response.json()) as { result?: unknown; error?: { message: string } };
    if (body.error !== undefined) throw new OpsError(`the node refused ${method}: ${body.error.message}`);
    return body.result;
  };
}

const hex = (n: number) => `0x${n.toString(16)}`;

export class Chain {
  constructor(private readonly rpc: Rpc) {}

  async chainId(): Promise<number> {
    return Number(await this.rpc("eth_chainId", []));
  }

  async head(): Promise<number> {
    return Number(await this.rpc("eth_blockNumber", []));
  }

  /** Block `block`'s hash and time, or null when the chain has no such block (any more). */
  async header(block: number): Promise<BlockHeader | null> {
    const found = (await this.rpc("eth_getBlockByNumber", [hex(block), false])) as {
      hash: string;
      parentHash: string;
      timestamp: string;
    } | null;
    return found === null
      ? null
      : { block, hash: found.hash, parentHash: found.parentHash, time: Number(found.timestamp) };
  }

  /** Block `block` with the sender of each of its transactions (by hash). */
  async blockWithSenders(block: number): Promise<BlockHeader & { senders: Map<string, string> }> {
    const found = (await this.rpc("eth_getBlockByNumber", [hex(block), true])) as {
      hash: string;
      parentHash: string;
      timestamp: string;
      transactions: { hash: string; from: string }[];
    } | null;
    if (found === null) throw new OpsError(`block ${block} is not known to the node`);
    const senders = new Map(found.transactions.map((tx) => [tx.hash, getAddress(tx.from)]));
    return { block, hash: found.hash, parentHash: found.parentHash, time: Number(found.timestamp), senders };
  }

  /** The logs of `addresses` from `fromBlock` to `toBlock`, in chain order. */
  async logs(addresses: readonly string[], fromBlock: number, toBlock: number): Promise<RawLog[]> {
    const logs = (await this.rpc("eth_getLogs", [
      { address: addresses, fromBlock: hex(fromBlock), toBlock: hex(toBlock) },
    ])) as {
      address: string;
      blockNumber: string;
      blockHash: string;
      logIndex: string;
      transactionHash: string;
      topics: string[];
      data: string;
      removed?: boolean;
    }[];
    return logs
      .filter((log) => log.removed !== true)
      .map((log) => ({
        address: getAddress(log.address),
        block: Number(log.blockNumber),
        blockHash: log.blockHash,
        logIndex: Number(log.logIndex),
        txHash: log.transactionHash,
        topics: log.topics,
        data: log.data,
      }))
      .sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  }

  /** `eth_call` of `data` on `to` at `block`. */
  async call(to: string, data: string, block: number): Promise<string> {
    return (await this.rpc("eth_call", [{ to, data }, hex(block)])) as string;
  }
}
