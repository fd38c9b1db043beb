/**
 * Chain helpers shared by the benchmark: the connection type, gas from receipts, and fixed
 * wallet addresses so that every run sends the same transactions and reads the same figures.
 */
import type { network } from "hardhat";
import { dataSlice, getAddress, keccak256, toUtf8Bytes, type ContractTransactionResponse } from "ethers";

/** What `network.create()` returns on the in-process EDR chain. */
export type Connection = Awaited<ReturnType<typeof network.create>>;
export type Ethers = Connection["ethers"];
export type Signer = Awaited<ReturnType<Ethers["getSigner"]>>;

/** Gas used by a transaction, read from its receipt; throws when it reverted or was not mined. */
export async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction was not mined");
  return receipt.gasUsed;
}

/** Gas of `tx` and its hash, to trace it. */
export async function gasAndHash(tx: Promise<ContractTransactionResponse>): Promise<{ gas: bigint; hash: string }> {
  const response = await tx;
  return { gas: await gasOf(Promise.resolve(response)), hash: response.hash };
}

/** Gas of several transactions, summed. */
export async function gasOfAll(txs: readonly (() => Promise<ContractTransactionResponse>)[]): Promise<bigint> {
  let total = 0n;
  for (const send of txs) total += await gasOf(send());
  return total;
}

/**
 * A fixed wallet address for wallet `i` of group `label`: the last 20 bytes of
 * keccak256("<label>/<i>"). Realistic (no zero bytes to make calldata cheaper), the same on every run.
 */
export function walletAt(label: string, i: number): string {
  return getAddress(dataSlice(keccak256(toUtf8Bytes(`${label}/${i}`)), 12));
}

/** `count` fixed wallets of group `label`, from index `from`. */
export function walletsAt(label: string, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => walletAt(label, from + i));
}

/**
 * A signer for a fixed wallet: impersonated on the in-process chain and given ether, so that it
 * can send its own transactions (ERC-3643 investors add their claims themselves).
 */
export async function signerAt(connection: Connection, address: string): Promise<Signer> {
  await connection.networkHelpers.impersonateAccount(address);
  await connection.networkHelpers.setBalance(address, 10n ** 21n);
  return connection.ethers.getSigner(address);
}

/** Integer mean, rounded to the nearest unit. */
export function mean(values: readonly bigint[]): bigint {
  if (values.length === 0) throw new Error("mean of nothing");
  const sum = values.reduce((a, b) => a + b, 0n);
  const n = BigInt(values.length);
  return (sum + n / 2n) / n;
}

/** EIP-170: the largest runtime code a contract may have on Ethereum, in bytes. */
export const EIP170_LIMIT = 24_576;

/** Runtime code size of the contract at `address`, in bytes. */
export async function codeSizeOf(connection: Connection, address: string): Promise<number> {
  return (await connection.ethers.provider.getCode(address)).length / 2 - 1;
}
