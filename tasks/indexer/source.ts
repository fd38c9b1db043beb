/**
 * The chain the indexer tasks read: `--rpc URL` (read-only: no key, whatever the network's
 * settings), else the network of `--network`.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { Chain, eip1193Rpc, httpRpc } from "../../src/indexer/chain.js";
import { isLoopbackUrl } from "../../src/ops/chain.js";
import { OpsError } from "../../src/ops/errors.js";
import { isLocalChain, networkInfo } from "../../src/ops/network.js";
import { openConnection } from "../common.js";

export interface ChainSource {
  chain: Chain;
  /** The network's name (`rpc` for --rpc), for the default database file. */
  name: string;
  local: boolean;
  close(): Promise<void>;
}

export async function chainSource(hre: HardhatRuntimeEnvironment, rpc: string | undefined): Promise<ChainSource> {
  if (rpc !== undefined) {
    if (!/^https?:\/\//.test(rpc)) throw new OpsError(`--rpc: got "${rpc}", expected an http:// or https:// URL`);
    const chain = new Chain(httpRpc(rpc));
    const local = isLoopbackUrl(rpc) || isLocalChain(await chain.chainId());
    return { chain, name: `chain-${await chain.chainId()}`, local, close: async () => {} };
  }
  const connection = await openConnection(hre);
  try {
    const network = await networkInfo(connection);
    return {
      chain: new Chain(eip1193Rpc(connection.provider)),
      name: network.name,
      local: network.local,
      close: () => connection.close(),
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
