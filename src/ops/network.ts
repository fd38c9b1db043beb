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
  let chainId: number;
  try {
    chainId = Number(await connection.provider.request({ method: "eth_chainId" }));
  } catch (error) {
    if (networkConfig.type !== "http") throw error;
    const origin = urlOrigin(await networkConfig.url.getUrl());
    throw new OpsError(
      `network ${connection.networkName}: the node at ${origin} does not answer (${firstLine(error)}): check that it runs and the RPC_URL setting`,
    );
  }
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

/** The parts of a network's resolved settings checked before connecting (Hardhat's `NetworkConfig`). */
interface NetworkSettings {
  type: string;
  url?: { getUrl(): Promise<string> };
  accounts?: unknown;
}

/** A setting that is read only when used (a config variable), with the name Hardhat gives it. */
interface LazySetting {
  get(): Promise<string>;
  name?: string;
}

/**
 * Checks the settings of network `name` before anything connects or signs: the RPC URL must be
 * set and be a URL, and each configured private key must be 32 bytes of hex. A problem is one
 * line naming the setting; a key's value is never printed, only its length.
 */
export async function checkNetworkSettings(name: string, settings: NetworkSettings): Promise<void> {
  if (settings.type !== "http") return;
  try {
    await settings.url!.getUrl();
  } catch (error) {
    throw new OpsError(`network ${name}: url: ${firstLine(error)}`);
  }
  if (!Array.isArray(settings.accounts)) return;
  for (const [index, account] of (settings.accounts as LazySetting[]).entries()) {
    const label = account.name ?? `account #${index}`;
    let key: string;
    try {
      key = (await account.get()).trim();
    } catch (error) {
      throw new OpsError(`network ${name}: ${label}: ${firstLine(error)}`);
    }
    if (!/^(0x)?[0-9a-fA-F]{64}$/.test(key)) {
      const got = key === "" ? "an empty value" : `a value of ${key.length} characters`;
      throw new OpsError(
        `network ${name}: ${label}: got ${got}, expected a private key of 32 bytes (64 hex digits); ` +
          `set it with \`npx hardhat keystore set ${label}\` or in .env`,
      );
    }
  }
}

/** Where `url` points, without its path or query (which may carry an API key). */
export function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(not a URL)";
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
