/**
 * Moving a local chain's clock forward, to rehearse an issuance's calendar on a `hardhat node` or
 * an anvil (a record date, a maturity) with the tasks alone. Local chains only: a public chain's
 * clock is the world's.
 */
import { OpsError } from "./errors.js";
import { LOCAL_CHAIN_IDS, isLocalChain, networkInfo, type Connection } from "./network.js";
import { isoTime, parseIsoDate } from "./units.js";

/**
 * Mines a block at `to` (an ISO 8601 date, midnight UTC, or date and time with a zone) on the local
 * chain of `connection`. A chain already at or past `to` is left as it is (a chain's time only
 * moves forward), so a re-run does nothing. Returns whether the clock moved.
 */
export async function advanceClock(connection: Connection, to: string, out: (line: string) => void): Promise<boolean> {
  const target = parseIsoDate(to);
  if (target === undefined) {
    throw new OpsError(`--to: got "${to}", expected an ISO 8601 date (2027-06-03) or date and time with a zone`);
  }
  const network = await networkInfo(connection);
  if (!isLocalChain(network.chainId)) {
    throw new OpsError(
      `the clock moves on local chains only (chain ids ${LOCAL_CHAIN_IDS.join(", ")}); network ${network.name} is chain ${network.chainId}`,
    );
  }
  const provider = connection.ethers.provider;
  const now = BigInt((await provider.getBlock("latest"))!.timestamp);
  if (now >= target) {
    out(`the chain's clock is at ${isoTime(now)}, not before ${isoTime(target)}: nothing to do`);
    return false;
  }
  await provider.send("evm_setNextBlockTimestamp", [Number(target)]);
  await provider.send("evm_mine", []);
  const block = (await provider.getBlock("latest"))!;
  out(`the chain's clock moved from ${isoTime(now)} to ${isoTime(block.timestamp)} (block ${block.number})`);
  return true;
}
