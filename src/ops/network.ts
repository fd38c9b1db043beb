/** The network a task runs on: its connection, name, chain and whether it is local. */
import type { NetworkConnection } from "hardhat/types/network";
import { isLoopbackUrl } from "./chain.js";
import { OpsError } from "./errors.js";

export type Connection = NetworkConnection<string>;

export interface NetworkInfo {
  name: string;
  chainId: number;
  /** The embedded chain, or a node on this machine. */
  local: boolean;
  /** Whether the chain outlives the command (every network but the embedded chain). */
  persistent: boolean;
}

/**
 * The chain ids of local chains: 31337 (Hardhat's embedded chain, `hardhat node`, anvil) and 1337
 * (Ganache, geth --dev). Test contracts (contracts/mocks/) are deployed only on these. Decided by
 * the chain id, not by where the node runs: a node on this machine that forks a public chain keeps
 * that chain's id, and what is rehearsed there must be what will run there.
 */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];

export function isLocalChain(chainId: number): boolean {
  return LOCAL_CHAIN_IDS.includes(chainId);
}

export async function networkInfo(connection: Connection): Promise<NetworkInfo> {
  const { networkConfig } = connection;
  const chainId = Number(await connection.provider.request({ method: "eth_chainId" }));
  const persistent = networkConfig.type !== "edr-simulated";
  const local = networkConfig.type === "http" ? isLoopbackUrl(await networkConfig.url.getUrl()) : true;
  return { name: connection.networkName, chainId, local, persistent };
}

/**
 * Sending to a network that is not local needs `--yes`, given after reading the plan that was
 * just printed.
 */
export function requireConfirmation(network: NetworkInfo, yes: boolean): void {
  if (network.local || yes) return;
  throw new OpsError(
    `network ${network.name} (chain ${network.chainId}) is not local: check the plan above, then run the same command with --yes`,
  );
}
