/**
 * The explorer's pages, each rendered from the indexer's query layer as of a block: the issuances
 * overview, an instrument's terms and supply, its holders (paged, searchable, as of any indexed
 * block, and as CSV) and its audit trail. Amounts are tokens with the instrument's symbol, times
 * ISO dates, roles by name.
 */
import { couponBook } from "../indexer/coupons.js";
import { isPaused, rolesOf } from "../indexer/books.js";
import { auditTrail, capTableAt, holderHistory, indexStatus, type AuditEntry } from "../indexer/queries.js";
import { interfaceOf, isInstrument, type Followed } from "../indexer/sources.js";
import type { Store } from "../indexer/store.js";
import { percentShares } from "../ops/percent.js";
import { formatAmount, formatTokens, isoTime } from "../ops/units.js";
import { readableArgument, roleName } from "../sdk/readable.js";
import { html, link, page, table, type Html } from "./html.js";

/** A query string value the explorer refuses: answered with 400 and this one line. */
export class QueryError extends Error {}

export interface View {
  /** The block the page shows the state at. */
  block: number;
  /** 1-based page of a list. */
  page: number;
  /** Part of an address the holders are filtered by, or "". */
  search: string;
  pageSize: number;
}

const tokens = (c: Followed, units: bigint) => formatTokens(units, c.symbol === "" ? undefined : c);
const instrumentPath = (c: Followed) => `/instruments/${c.address}`;
const walletPath = (c: Followed, wallet: string) => `${instrumentPath(c)}/wallets/${wallet}`;
const blockTime = async (store: Store, block: number) => {
  const [row] = await store.all<{ time: number }>(
    "SELECT time FROM blocks WHERE block <= ? ORDER BY block DESC LIMIT 1",
    [block],
  );
  return row === undefined ? "before the first indexed block" : isoTime(Number(row.time));
};

function navigation(c?: Followed): Html {
  const items = [html`<li>${link("/", "Issuances")}</li>`];
  if (c !== undefined) {
    items.push(html`<li>${link(instrumentPath(c), `${c.name}: terms and supply`)}</li>`);
    items.push(html`<li>${link(`${instrumentPath(c)}/holders`, "Holders")}</li>`);
    items.push(html`<li>${link(`${instrumentPath(c)}/audit`, "Audit trail")}</li>`);
  }
  return html`<ul>
    ${items}
  </ul>`;
}

/** Every contract followed, the instruments with their supply and holders at the last indexed block. */
export async function overviewPage(store: Store): Promise<string> {
  const status = await indexStatus(store);
  const instruments = status.contracts.filter((c) => isInstrument(c.kind));
  const rows = [];
  for (const c of instruments) rows.push({ c, table: await capTableAt(store, c.address, { limit: 0 }) });
  const others = status.contracts.filter((c) => !isInstrument(c.kind));
  const body = html`<p>
      Indexed up to block ${status.block} (${await blockTime(store, status.block)}), chain id
      ${status.chainId ?? "unknown"}, ${status.events} events.
    </p>
    ${table(
      "Instruments",
      [
        { head: "Instrument", cell: (r) => link(instrumentPath(r.c), r.c.name) },
        { head: "Kind", cell: (r) => r.c.kind },
        { head: "Issuance", cell: (r) => r.c.deployment },
        { head: "Supply", cell: (r) => tokens(r.c, r.table.supply), numeric: true },
        { head: "Holders", cell: (r) => r.table.holders, numeric: true },
        { head: "Address", cell: (r) => html`<code>${r.c.address}</code>` },
      ],
      rows,
    )}
    ${table(
      "Other contracts followed",
      [
        { head: "Contract", cell: (c) => c.name },
        { head: "Issuance", cell: (c) => c.deployment },
        { head: "Address", cell: (c) => html`<code>${c.address}</code>` },
      ],
      others,
    )}`;
  return page("Issuances", navigation(), body);
}

/** An instrument's terms, supply, holders count, pause state and role members at the block of `view`. */
export async function instrumentPage(store: Store, c: Followed, view: View): Promise<string> {
  const cap = await capTableAt(store, c.address, { block: view.block, limit: 0 });
  const roles = await rolesOf(store, c.address, view.block);
  const terms: [string, unknown][] = [
    ["Instrument", c.name],
    ["Kind", c.kind],
    ["Issuance", c.deployment],
    ["Address", html`<code>${c.address}</code>`],
    ["Symbol", c.symbol],
    ["Decimals", c.decimals],
    ["Deployed after block", c.startBlock],
    [`Supply at block ${view.block}`, tokens(c, cap.supply)],
    [`Holders at block ${view.block}`, cap.holders],
    ["Paused", (await isPaused(store, c.address, view.block)) ? "yes" : "no"],
  ];
  const coupons = c.kind === "sovereignBond" ? await couponBook(store, c.address, view.block) : [];
  const body = html`<p>As of block ${view.block} (${await blockTime(store, view.block)}).</p>
    ${table(
      "Terms and supply",
      [
        { head: "Term", cell: (t) => t[0] },
        { head: "Value", cell: (t) => t[1] },
      ],
      terms,
    )}
    ${
      c.kind === "sovereignBond"
        ? table(
            "Coupon schedule",
            [
              { head: "Period", cell: (b) => b.period, numeric: true },
              { head: "Record date", cell: (b) => isoTime(b.recordDate) },
              { head: "Payment date", cell: (b) => isoTime(b.paymentDate) },
              {
                head: "Rate",
                cell: (b) => (b.rateBps === undefined ? "not fixed yet" : `${formatAmount(BigInt(b.rateBps), 2)}%`),
                numeric: true,
              },
            ],
            coupons,
          )
        : ""
    }
    ${table(
      "Role members",
      [
        { head: "Role", cell: (r) => roleName(r[0]) },
        { head: "Accounts", cell: (r) => r[1].map((a) => html`<code>${a}</code><br />`) },
      ],
      [...roles.members],
    )}`;
  return page(`${c.name}: terms and supply`, navigation(c), body);
}

/** The holders of `c` at the block of `view`: a form for the block and the search, a page of the table, links to the others. */
export async function holdersPage(store: Store, c: Followed, view: View): Promise<string> {
  const cap = await capTableAt(store, c.address, {
    block: view.block,
    search: view.search,
    limit: view.pageSize,
    offset: (view.page - 1) * view.pageSize,
  });
  // Rank and share come from the whole table, so that a search keeps each holder's place and the
  // shares of all holders add up to 100.00%.
  const whole = (await capTableAt(store, c.address, { block: view.block })).rows;
  const shares = percentShares(
    whole.map((r) => r.balance),
    cap.supply,
  );
  const place = new Map(whole.map((r, i) => [r.wallet, { rank: i + 1, share: shares[i] }]));
  const pages = Math.max(1, Math.ceil(cap.holders / view.pageSize));
  const query = (p: number, csv = false) =>
    `${instrumentPath(c)}/holders${csv ? ".csv" : ""}?${new URLSearchParams({
      block: String(view.block),
      ...(view.search === "" ? {} : { search: view.search }),
      ...(csv ? {} : { page: String(p) }),
    })}`;
  const body = html`<form method="get" action="${instrumentPath(c)}/holders">
      <label for="search"
        >Address contains<input id="search" name="search" value="${view.search}" autocomplete="off"
      /></label>
      <label for="block"
        >Cap table as of block<input id="block" name="block" inputmode="numeric" value="${view.block}"
      /></label>
      <button type="submit">Show</button>
    </form>
    <p>
      ${cap.holders} holders${view.search === "" ? "" : ` matching "${view.search}"`} at block ${view.block}
      (${await blockTime(store, view.block)}); supply ${tokens(c, cap.supply)}. Page ${view.page} of ${pages}.
    </p>
    ${table(
      `Holders of ${c.name} at block ${view.block}`,
      [
        { head: "Rank", cell: (r) => place.get(r.wallet)!.rank, numeric: true },
        {
          head: "Wallet",
          cell: (r) => link(`${walletPath(c, r.wallet)}?block=${view.block}`, html`<code>${r.wallet}</code>`),
        },
        { head: "Balance", cell: (r) => tokens(c, r.balance), numeric: true },
        { head: "Share of supply", cell: (r) => place.get(r.wallet)!.share, numeric: true },
      ],
      cap.rows,
    )}
    <nav aria-label="Pages">
      <ul>
        ${view.page > 1 ? html`<li>${link(query(view.page - 1), "Previous page")}</li>` : ""}
        ${view.page < pages ? html`<li>${link(query(view.page + 1), "Next page")}</li>` : ""}
        <li>${link(query(view.page, true), "Download as CSV (wallet, amount in tokens)")}</li>
      </ul>
    </nav>`;
  return page(`${c.name}: holders`, navigation(c), body);
}

/** The whole cap table of `c` at the block of `view` (searched, not paged) as CSV `wallet,amount`, amounts in tokens. */
export async function holdersCsv(store: Store, c: Followed, view: View): Promise<string> {
  const cap = await capTableAt(store, c.address, { block: view.block, search: view.search });
  return (
    ["wallet,amount", ...cap.rows.map((r) => `${r.wallet},${formatAmount(r.balance, c.decimals)}`)].join("\n") + "\n"
  );
}

/** The event's arguments for people (amounts in the instrument's tokens, times as dates, roles by name). */
function readableArgs(c: Followed, entry: AuditEntry): Html[] {
  const fragment = interfaceOf(c.kind).getEvent(entry.event);
  if (fragment === null) return [html`${JSON.stringify(entry.args)}`];
  return fragment.inputs.map((input) => {
    const raw = entry.args[input.name];
    const value = /^u?int\d*$/.test(input.type) && typeof raw === "string" ? BigInt(raw) : raw;
    const units = c.symbol === "" ? {} : { token: c };
    return html`${input.name}: ${readableArgument(entry.event, input.name, input.type, value, units)}<br />`;
  });
}

/** The events of `c` up to the block of `view`, oldest first, a page of them. */
export async function auditPage(store: Store, c: Followed, view: View): Promise<string> {
  const entries = await auditTrail(store, {
    contract: c.address,
    toBlock: view.block,
    limit: view.pageSize + 1,
    offset: (view.page - 1) * view.pageSize,
  });
  const more = entries.length > view.pageSize;
  const path = (p: number) =>
    `${instrumentPath(c)}/audit?${new URLSearchParams({ block: String(view.block), page: String(p) })}`;
  const body = html`<p>Events of ${c.name} up to block ${view.block}, oldest first; page ${view.page}.</p>
    ${table(
      `Audit trail of ${c.name}`,
      [
        { head: "Block", cell: (e) => e.block, numeric: true },
        { head: "Time", cell: (e) => isoTime(e.time) },
        { head: "Event", cell: (e) => e.event },
        { head: "Details", cell: (e) => readableArgs(c, e) },
        { head: "Reference", cell: (e) => e.reference },
        { head: "Sender", cell: (e) => html`<code>${e.sender}</code>` },
        { head: "Transaction", cell: (e) => html`<code>${e.txHash}</code>` },
      ],
      entries.slice(0, view.pageSize),
    )}
    <nav aria-label="Pages">
      <ul>
        ${view.page > 1 ? html`<li>${link(path(view.page - 1), "Previous page")}</li>` : ""}
        ${more ? html`<li>${link(path(view.page + 1), "Next page")}</li>` : ""}
      </ul>
    </nav>`;
  return page(`${c.name}: audit trail`, navigation(c), body);
}

/** Every change of `wallet`'s balance of `c` up to the block of `view`, oldest first, and its balance then. */
export async function walletPage(store: Store, c: Followed, wallet: string, view: View): Promise<string> {
  const movements = (await holderHistory(store, wallet, { instrument: c.address })).filter(
    (m) => m.block <= view.block,
  );
  const balance = movements.at(-1)?.balance ?? 0n;
  const body = html`<p>Balance of <code>${wallet}</code> at block ${view.block}: ${tokens(c, balance)}.</p>
    ${table(
      `Balance changes of ${wallet} in ${c.name} up to block ${view.block}`,
      [
        { head: "Block", cell: (m) => m.block, numeric: true },
        { head: "Time", cell: (m) => isoTime(m.time) },
        { head: "Event", cell: (m) => m.event },
        { head: "Counterparty", cell: (m) => html`<code>${m.counterparty}</code>` },
        { head: "Change", cell: (m) => `${m.delta > 0n ? "+" : ""}${tokens(c, m.delta)}`, numeric: true },
        { head: "Balance after", cell: (m) => tokens(c, m.balance), numeric: true },
        { head: "Transaction", cell: (m) => html`<code>${m.txHash}</code>` },
      ],
      movements,
    )}`;
  return page(`${c.name}: wallet ${wallet}`, navigation(c), body);
}
