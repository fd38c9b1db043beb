/**
 * The test dollar that sample issuances settle in on a local chain (contracts/mocks/LocalTestDollar.sol,
 * a manifest's `deploySettlementToken`), with its open mint: for the demo and the tests only. The
 * operations code (src/ops) knows settlement tokens only as ERC-20s.
 */
import type { LocalTestDollar } from "../../typechain-types/index.js";
import { OpsError } from "../../src/ops/errors.js";
import { LOCAL_CHAIN_IDS, isLocalChain, type Connection } from "../../src/ops/network.js";

/** The LocalTestDollar at `address`, on a local chain (refused on any other). */
export async function localTestDollar(connection: Connection, address: string): Promise<LocalTestDollar> {
  const chainId = Number(await connection.provider.request({ method: "eth_chainId" }));
  if (!isLocalChain(chainId)) {
    throw new OpsError(
      `the test dollar exists only on local chains (chain ids ${LOCAL_CHAIN_IDS.join(", ")}), not on chain ${chainId}`,
    );
  }
  return connection.ethers.getContractAt("LocalTestDollar", address);
}
