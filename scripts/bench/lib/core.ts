/**
 * The operations every token of the comparison shares (mint, transfer, freeze, forced transfer,
 * pause), run in the same order on the same fixed wallets, so that each figure compares like
 * with like: the same storage slots go from zero to non-zero, or not, in every column.
 */
import type { ContractTransactionResponse } from "ethers";
import { gasAndHash, gasOf, type Signer } from "./chain.js";

type Tx = Promise<ContractTransactionResponse>;

/** One token of the comparison, seen through the operations the benchmark measures. */
export interface CoreToken {
  mint(to: string, amount: bigint): Tx;
  transfer(from: Signer, to: string, amount: bigint): Tx;
  /** Absent for the plain ERC-20, which has no such power. */
  enforcement?: {
    freeze(wallet: string): Tx;
    unfreeze(wallet: string): Tx;
    forcedTransfer(from: string, to: string, amount: bigint): Tx;
    pause(): Tx;
    unpause(): Tx;
  };
}

/**
 * Verified wallets: `seed` and `b` are given tokens first, `a` becomes a holder by the measured
 * mint, `c` receives its first tokens by the measured transfer.
 */
export interface CoreWallets {
  seed: string;
  a: Signer;
  b: string;
  c: string;
}

export interface CoreGas {
  mintNew: bigint;
  mintExisting: bigint;
  transferNew: bigint;
  transferExisting: bigint;
  freeze: bigint | null;
  forcedTransfer: bigint | null;
  pause: bigint | null;
  /** Hashes of the measured transfers, to trace them. */
  transferExistingHash: string;
  transferNewHash: string;
  mintExistingHash: string;
}

export const UNIT = 10n ** 18n;

/**
 * Runs the shared scenario. A first, unmeasured mint makes the total supply non-zero, so that
 * "mint to a new holder" measures a new holder, not the first mint of the token.
 */
export async function measureCore(token: CoreToken, w: CoreWallets): Promise<CoreGas> {
  const a = await w.a.getAddress();
  await gasOf(token.mint(w.seed, 1_000n * UNIT));
  await gasOf(token.mint(w.b, 1_000n * UNIT));
  const mintNew = await gasOf(token.mint(a, 1_000n * UNIT));
  const { gas: mintExisting, hash: mintExistingHash } = await gasAndHash(token.mint(a, 1_000n * UNIT));
  const { gas: transferNew, hash: transferNewHash } = await gasAndHash(token.transfer(w.a, w.c, 10n * UNIT));
  const { gas: transferExisting, hash: transferExistingHash } = await gasAndHash(token.transfer(w.a, w.b, 10n * UNIT));
  const hashes = { transferExistingHash, transferNewHash, mintExistingHash };
  const e = token.enforcement;
  if (e === undefined) {
    return {
      mintNew,
      mintExisting,
      transferNew,
      transferExisting,
      freeze: null,
      forcedTransfer: null,
      pause: null,
      ...hashes,
    };
  }
  const freeze = await gasOf(e.freeze(w.c));
  await gasOf(e.unfreeze(w.c));
  const forcedTransfer = await gasOf(e.forcedTransfer(a, w.b, 10n * UNIT));
  const pause = await gasOf(e.pause());
  await gasOf(e.unpause());
  return { mintNew, mintExisting, transferNew, transferExisting, freeze, forcedTransfer, pause, ...hashes };
}
