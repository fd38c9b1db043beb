/**
 * Reconciliation: the indexed register against an off-chain register (a CSV of wallet, amount),
 * and the index against the chain at a block (each balance, Σ balances = totalSupply, the coupon
 * books). Each lists every difference; an empty list means they agree.
 */
import { getAddress, isAddress } from "ethers";
import { checkRows, readCsvFile } from "../ops/csv.js";
import { OpsError } from "../ops/errors.js";
import { formatTokens, parseAmount } from "../ops/units.js";
import { couponBook } from "./coupons.js";
import type { Chain } from "./chain.js";
import { capTableAt, contractOf, indexedBlock } from "./queries.js";
import { interfaceOf } from "./sources.js";
import type { Store } from "./store.js";

export interface RegisterDifference {
  wallet: string;
  /** Base units; 0 when the wallet is missing on that side. */
  indexed: bigint;
  register: bigint;
  /** "amounts differ", "not in the register", "not held on chain". */
  what: string;
  /** The same, for people: tokens with the instrument's symbol. */
  text: string;
}

/** The instrument `nameOrAddress` of `store`, or an error naming it. */
export async function instrumentIn(store: Store, nameOrAddress: string) {
  const contract = await contractOf(store, nameOrAddress);
  if (contract === undefined || contract.kind === "registry" || contract.kind === "timelock") {
    throw new OpsError(`--instrument: got "${nameOrAddress}", expected an instrument the database follows`);
  }
  return contract;
}

/** The rows of an off-chain register: CSV with columns wallet and amount (tokens, as 1000.25). */
export async function readRegister(file: string, decimals: number): Promise<Map<string, bigint>> {
  const rows = await readCsvFile(file, ["wallet", "amount"]);
  const seen = new Set<string>();
  const checked = checkRows(file, rows, 2, (row, problem) => {
    const { wallet, amount } = row.cells;
    let address = "";
    if (!isAddress(wallet)) problem("wallet", "an address (0x and 40 hex digits, checksummed if mixed case)");
    else if (seen.has((address = getAddress(wallet)))) problem("wallet", "each wallet once");
    seen.add(address);
    const units = parseAmount(amount, decimals);
    if (typeof units === "string") problem("amount", units);
    return { wallet: address, amount: typeof units === "bigint" ? units : 0n };
  });
  return new Map(checked.map((r) => [r.wallet, r.amount]));
}

/**
 * Every difference between the holders of `instrument` at the end of `block` (the last indexed
 * by default) and `register` (wallet -> base units): wallets in one and not the other (a zero
 * amount counts as absent), and amounts that differ. Sorted by wallet.
 */
export async function compareRegister(
  store: Store,
  instrument: string,
  register: ReadonlyMap<string, bigint>,
  block?: number,
): Promise<RegisterDifference[]> {
  const contract = await instrumentIn(store, instrument);
  const { rows } = await capTableAt(store, contract.address, { block });
  const indexed = new Map(rows.map((r) => [r.wallet, r.balance]));
  const show = (units: bigint) => formatTokens(units, contract);
  const differences: RegisterDifference[] = [];
  for (const wallet of new Set([...indexed.keys(), ...register.keys()])) {
    const onChain = indexed.get(wallet) ?? 0n;
    const inRegister = register.get(wallet) ?? 0n;
    if (onChain === inRegister) continue;
    const what = inRegister === 0n ? "not in the register" : onChain === 0n ? "not held on chain" : "amounts differ";
    differences.push({
      wallet,
      indexed: onChain,
      register: inRegister,
      what,
      text: `${wallet}: ${what}: indexed ${show(onChain)}, register ${show(inRegister)}`,
    });
  }
  return differences.sort((a, b) => a.wallet.localeCompare(b.wallet));
}

/**
 * Every difference between the index and the chain at the end of `block` (the last indexed by
 * default) for `instrument`: each wallet's balance (every wallet that ever held), Σ balances
 * against the indexed supply and the contract's totalSupply, and a bond's coupon books (funded
 * and paid per period). Reads the chain at that block (a node that keeps old state for old blocks).
 */
export async function checkAgainstChain(
  store: Store,
  chain: Chain,
  instrument: string,
  block?: number,
): Promise<string[]> {
  const contract = await instrumentIn(store, instrument);
  const at = block ?? (await indexedBlock(store));
  const iface = interfaceOf(contract.kind);
  const read = async (fn: string, args: unknown[]) =>
    iface.decodeFunctionResult(fn, await chain.call(contract.address, iface.encodeFunctionData(fn, args), at));
  const differences: string[] = [];
  const table = await capTableAt(store, contract.address, { block: at });
  const sum = table.rows.reduce((total, r) => total + r.balance, 0n);
  const totalSupply = (await read("totalSupply", []))[0] as bigint;
  const where = `${contract.name} at block ${at}`;
  if (sum !== totalSupply) differences.push(`${where}: Σ indexed balances ${sum} ≠ totalSupply ${totalSupply}`);
  if (table.supply !== totalSupply)
    differences.push(`${where}: indexed supply ${table.supply} ≠ totalSupply ${totalSupply}`);
  const held = new Map(table.rows.map((r) => [r.wallet, r.balance]));
  const everyWallet = await store.all<{ wallet: string }>(
    "SELECT DISTINCT wallet FROM balances WHERE instrument = ? AND block <= ? ORDER BY wallet",
    [contract.address, at],
  );
  for (const { wallet } of everyWallet) {
    const onChain = (await read("balanceOf", [wallet]))[0] as bigint;
    const indexed = held.get(wallet) ?? 0n;
    if (onChain !== indexed) differences.push(`${where}: ${wallet} holds ${onChain}, indexed ${indexed}`);
  }
  if (contract.kind === "sovereignBond") {
    for (const book of await couponBook(store, contract.address, at)) {
      const coupon = (await read("coupon", [book.period]))[0] as { funded: bigint; paid: bigint };
      if (coupon.funded !== book.funded)
        differences.push(`${where}: coupon ${book.period} funded ${coupon.funded}, indexed ${book.funded}`);
      if (coupon.paid !== book.paid)
        differences.push(`${where}: coupon ${book.period} paid ${coupon.paid}, indexed ${book.paid}`);
    }
  }
  return differences;
}
