/**
 * From the logs of a range of blocks to the rows the indexer stores: each log decoded with its
 * contract's ABI (the raw event, with its sender and the reference it carried), and the facts
 * derived from it: balance changes (per instrument and wallet, with the balance after; and as
 * holdings over ranges of blocks, holdings.ts), supply
 * changes and registry records. All of a range is written in one transaction by the indexer.
 */
import { ZeroAddress, type LogDescription, type Result } from "ethers";
import type { RawLog } from "./chain.js";
import { currentBalances, writeHoldings, type BalanceChange } from "./holdings.js";
import { interfaceOf, isInstrument, type Followed } from "./sources.js";
import { insertRows, type Param, type Store } from "./store.js";

export type EventArgs = Record<string, unknown>;

export interface DecodedLog extends RawLog {
  contract: Followed;
  /** The event's name, or `(unknown)` when the contract's ABI does not have it. */
  event: string;
  /** Its arguments by name: integers as decimal strings, addresses checksummed, bytes as hex. */
  args: EventArgs;
  txFrom: string;
  /** The `ActionReferenced` reference of the same contract before it in the transaction, or "". */
  reference: string;
}

function plain(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** `logs` decoded with the ABI of the contract each comes from; `senders` maps transactions to their sender. */
export function decodeLogs(
  logs: readonly RawLog[],
  contracts: ReadonlyMap<string, Followed>,
  senders: ReadonlyMap<string, string>,
): DecodedLog[] {
  // The reference applies to the events of the same contract that follow it in the transaction,
  // up to that contract's next `ActionReferenced` (exact for the tasks: one action per transaction).
  const openReference = new Map<string, string>();
  return logs.map((log) => {
    const contract = contracts.get(log.address)!;
    let parsed: LogDescription | null = null;
    try {
      parsed = interfaceOf(contract.kind).parseLog({ topics: log.topics, data: log.data });
    } catch {
      // kept raw, as `(unknown)`: its topics and data are stored
    }
    const args: EventArgs = {};
    parsed?.fragment.inputs.forEach((input, i) => (args[input.name] = plain((parsed.args as Result)[i])));
    const key = `${log.txHash}:${log.address}`;
    if (parsed?.name === "ActionReferenced") openReference.set(key, String(args.ref));
    return {
      ...log,
      contract,
      event: parsed?.name ?? "(unknown)",
      args,
      txFrom: senders.get(log.txHash) ?? "",
      reference: parsed?.name === "ActionReferenced" ? "" : (openReference.get(key) ?? ""),
    };
  });
}

/** The latest stored value of `column` in `table` for `keys` (column = value), or undefined. */
async function latest(store: Store, table: string, column: string, keys: Record<string, Param>) {
  const where = Object.keys(keys)
    .map((k) => `${k} = ?`)
    .join(" AND ");
  const [row] = await store.all<Record<string, string>>(
    `SELECT ${column} FROM ${table} WHERE ${where} ORDER BY block DESC, log_index DESC LIMIT 1`,
    Object.values(keys),
  );
  return row?.[column];
}

/**
 * Writes the events of `logs` and the facts derived from them. Runs inside the range's
 * transaction: balances carry on from what is stored.
 */
export async function writeEvents(store: Store, logs: readonly DecodedLog[]): Promise<void> {
  await insertRows(
    store,
    "events",
    ["block", "log_index", "tx_hash", "tx_from", "address", "event", "args", "reference", "topics", "data"],
    logs.map((l) => [
      l.block,
      l.logIndex,
      l.txHash,
      l.txFrom,
      l.address,
      l.event,
      JSON.stringify(l.args),
      l.reference,
      JSON.stringify(l.topics),
      l.data,
    ]),
  );
  const balances = new Map<string, bigint>();
  const supplies = new Map<string, bigint>();
  const balanceRows: Param[][] = [];
  const supplyRows: Param[][] = [];
  const investorRows: Param[][] = [];
  const changes: BalanceChange[] = [];
  // The balances the range starts from: the current holdings of the wallets it moves, read at once.
  const moved = new Map<string, Set<string>>();
  for (const l of logs) {
    if (l.event !== "Transfer" || !isInstrument(l.contract.kind)) continue;
    const wallets = moved.get(l.address) ?? new Set<string>();
    for (const wallet of [l.args.from, l.args.to] as string[]) if (wallet !== ZeroAddress) wallets.add(wallet);
    moved.set(l.address, wallets);
  }
  for (const [instrument, wallets] of moved) {
    for (const [wallet, balance] of await currentBalances(store, instrument, [...wallets])) {
      balances.set(`${instrument}:${wallet}`, balance);
    }
  }
  const move = (l: DecodedLog, wallet: string, delta: bigint) => {
    const key = `${l.address}:${wallet}`;
    const after = (balances.get(key) ?? 0n) + delta;
    balances.set(key, after);
    balanceRows.push([l.address, wallet, l.block, l.logIndex, delta.toString(), after.toString()]);
    changes.push({ instrument: l.address, wallet, block: l.block, balance: after });
  };
  for (const l of logs) {
    if (l.event === "Transfer" && isInstrument(l.contract.kind)) {
      const { from, to } = l.args as { from: string; to: string };
      const value = BigInt(l.args.value as string);
      if (from === to) continue; // a transfer to oneself moves nothing
      if (from !== ZeroAddress) move(l, from, -value);
      if (to !== ZeroAddress) move(l, to, value);
      if (from === ZeroAddress || to === ZeroAddress) {
        const before =
          supplies.get(l.address) ?? BigInt((await latest(store, "supply", "supply", { instrument: l.address })) ?? 0);
        const after = before + (from === ZeroAddress ? value : -value);
        supplies.set(l.address, after);
        supplyRows.push([l.address, l.block, l.logIndex, after.toString()]);
      }
    }
    if (l.contract.kind === "registry" && /^Investor(Registered|Updated|Revoked)$/.test(l.event)) {
      const a = l.args as Record<string, string>;
      investorRows.push([
        l.address,
        a.wallet,
        l.block,
        l.logIndex,
        a.investorId,
        l.event.slice("Investor".length).toLowerCase(),
        Number(a.country ?? 0),
        Number(a.category ?? 0),
        Number(a.expiresAt ?? 0),
      ]);
    }
  }
  await insertRows(store, "balances", ["instrument", "wallet", "block", "log_index", "delta", "balance"], balanceRows);
  await writeHoldings(store, changes);
  await insertRows(store, "supply", ["instrument", "block", "log_index", "supply"], supplyRows);
  await insertRows(
    store,
    "investors",
    ["registry", "wallet", "block", "log_index", "investor_id", "status", "country", "category", "expires_at"],
    investorRows,
  );
}
