/**
 * Holdings: each wallet's balance of an instrument at the end of each block where it changed,
 * valid from that block up to the block of its next change (`to_block`, {@link CURRENT} while
 * current). The cap table as of any block is then one indexed range read, without going through
 * every balance change; a rewind deletes the holdings that start past the block and reopens those
 * it closed.
 */
import { insertRows, type Param, type Store } from "./store.js";

/** The `to_block` of a holding that is still current (the largest integer both databases and JavaScript hold exactly). */
export const CURRENT = Number.MAX_SAFE_INTEGER;

export interface BalanceChange {
  instrument: string;
  wallet: string;
  block: number;
  /** The balance after the change. */
  balance: bigint;
}

const CHUNK = 500;

/** Records `changes` (in chain order) as holdings: the last change of a wallet in a block is its balance for that block. */
export async function writeHoldings(store: Store, changes: readonly BalanceChange[]): Promise<void> {
  const versions = new Map<string, { instrument: string; wallet: string; from: number; balance: bigint }[]>();
  for (const change of changes) {
    const key = `${change.instrument}:${change.wallet}`;
    const list = versions.get(key) ?? [];
    const last = list.at(-1);
    if (last?.from === change.block) last.balance = change.balance;
    else
      list.push({ instrument: change.instrument, wallet: change.wallet, from: change.block, balance: change.balance });
    versions.set(key, list);
  }
  // Close the current holdings of the wallets that changed, grouped by the block that closes them.
  const closing = new Map<string, string[]>();
  for (const [, list] of versions) {
    const group = `${list[0].instrument}:${list[0].from}`;
    closing.set(group, [...(closing.get(group) ?? []), list[0].wallet]);
  }
  for (const [group, wallets] of closing) {
    const [instrument, from] = group.split(":");
    for (let start = 0; start < wallets.length; start += CHUNK) {
      const chunk = wallets.slice(start, start + CHUNK);
      await store.run(
        `UPDATE holdings SET to_block = ? WHERE instrument = ? AND to_block = ? AND wallet IN (${chunk.map(() => "?").join(", ")})`,
        [Number(from), instrument, CURRENT, ...chunk],
      );
    }
  }
  const rows: Param[][] = [];
  for (const [, list] of versions) {
    list.forEach((v, i) =>
      rows.push([v.instrument, v.wallet, v.from, list[i + 1]?.from ?? CURRENT, v.balance.toString()]),
    );
  }
  await insertRows(store, "holdings", ["instrument", "wallet", "from_block", "to_block", "balance"], rows);
}

/** Undoes the holdings past `block`: those that start after it go, those closed after it are current again. */
export async function rewindHoldings(store: Store, block: number): Promise<void> {
  await store.run("DELETE FROM holdings WHERE from_block > ?", [block]);
  await store.run("UPDATE holdings SET to_block = ? WHERE to_block > ? AND to_block < ?", [CURRENT, block, CURRENT]);
}

/** The current balance of each of `wallets` of `instrument` (those without a holding are left out: they hold 0). */
export async function currentBalances(store: Store, instrument: string, wallets: readonly string[]) {
  const found = new Map<string, bigint>();
  for (let start = 0; start < wallets.length; start += CHUNK) {
    const chunk = wallets.slice(start, start + CHUNK);
    const rows = await store.all<{ wallet: string; balance: string }>(
      `SELECT wallet, balance FROM holdings WHERE instrument = ? AND to_block = ? AND wallet IN (${chunk.map(() => "?").join(", ")})`,
      [instrument, CURRENT, ...chunk],
    );
    for (const row of rows) found.set(row.wallet, BigInt(row.balance));
  }
  return found;
}
