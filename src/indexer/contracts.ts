/**
 * The contracts a database follows, recorded once with what the indexer reads of them at the
 * start: an instrument's symbol and decimals, a bond's coupon calendar (record and payment dates,
 * fixed at deployment).
 */
import { Interface } from "ethers";
import { OpsError } from "../ops/errors.js";
import type { Chain } from "./chain.js";
import { interfaceOf, isInstrument, type ContractKind, type Followed } from "./sources.js";
import { insertRows, type Param, type Store } from "./store.js";

const TOKEN = new Interface(["function symbol() view returns (string)", "function decimals() view returns (uint8)"]);

async function read(chain: Chain, iface: Interface, address: string, fn: string, args: unknown[], block: number) {
  const data = await chain.call(address, iface.encodeFunctionData(fn, args), block);
  return iface.decodeFunctionResult(fn, data)[0] as unknown;
}

/** The contracts `store` follows, in the order they were recorded. */
export async function storedContracts(store: Store): Promise<Followed[]> {
  const rows = await store.all<{
    address: string;
    name: string;
    kind: ContractKind;
    deployment: string;
    symbol: string;
    decimals: number;
    start_block: number;
  }>(
    "SELECT address, name, kind, deployment, symbol, decimals, start_block FROM contracts ORDER BY start_block, address",
  );
  return rows.map((r) => ({
    address: r.address,
    name: r.name,
    kind: r.kind,
    deployment: r.deployment,
    symbol: r.symbol,
    decimals: Number(r.decimals),
    startBlock: Number(r.start_block),
  }));
}

/**
 * Records `followed` in a new database; checks that a database already in use follows the same
 * contracts (none given: it goes on with those it has).
 */
export async function registerContracts(store: Store, chain: Chain, followed: readonly Followed[]): Promise<void> {
  const stored = await storedContracts(store);
  if (stored.length > 0) {
    const known = new Set(stored.map((c) => c.address));
    const extra = followed.filter((c) => !known.has(c.address));
    if (extra.length > 0) {
      throw new OpsError(
        `${store.where} follows ${stored.length} other contract(s), not ${extra.map((c) => `${c.name} ${c.address}`).join(", ")}: ` +
          "use another database for another set of contracts",
      );
    }
    return;
  }
  if (followed.length === 0) throw new OpsError("nothing to follow: give --deployment or --contracts");
  const head = await chain.head();
  const rows: Param[][] = [];
  const schedule: Param[][] = [];
  for (const c of followed) {
    let { symbol, decimals } = c;
    if (isInstrument(c.kind) && symbol === "") {
      symbol = String(await read(chain, TOKEN, c.address, "symbol", [], head));
      decimals = Number(await read(chain, TOKEN, c.address, "decimals", [], head));
    }
    rows.push([c.address, c.name, c.kind, c.deployment, symbol, decimals, c.startBlock]);
    if (c.kind === "sovereignBond") {
      const bond = interfaceOf("sovereignBond");
      const count = Number(await read(chain, bond, c.address, "couponCount", [], head));
      for (let period = 0; period < count; period++) {
        const recordDate = Number(await read(chain, bond, c.address, "recordDate", [period], head));
        const paymentDate = Number(await read(chain, bond, c.address, "couponDate", [period], head));
        schedule.push([c.address, period, recordDate, paymentDate]);
      }
    }
  }
  await store.transaction(async () => {
    await insertRows(
      store,
      "contracts",
      ["address", "name", "kind", "deployment", "symbol", "decimals", "start_block"],
      rows,
    );
    await insertRows(store, "coupon_schedule", ["instrument", "period", "record_date", "payment_date"], schedule);
  });
}
