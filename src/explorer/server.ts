/**
 * The explorer's web server: server-rendered pages of the indexer's database on 127.0.0.1, read
 * only (it runs SELECTs and nothing else). Query strings are checked: a bad value is answered
 * with 400 and one line naming the field and the value.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { contractOf, indexedBlock } from "../indexer/queries.js";
import { isInstrument } from "../indexer/sources.js";
import type { Store } from "../indexer/store.js";
import { getAddress } from "ethers";
import { escapeHtml } from "./html.js";
import {
  auditPage,
  holdersCsv,
  holdersPage,
  instrumentPage,
  overviewPage,
  QueryError,
  walletPage,
  type View,
} from "./pages.js";

export interface Explorer {
  /** Its address: http://127.0.0.1:PORT/ */
  url: string;
  close(): Promise<void>;
}

export interface ExplorerOptions {
  store: Store;
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Rows per page of a list (default 50). */
  pageSize?: number;
}

/** Starts the explorer of `store` on 127.0.0.1; `close()` stops it (the store stays open: its owner closes it). */
export async function startExplorer({ store, port = 0, pageSize = 50 }: ExplorerOptions): Promise<Explorer> {
  const server = createServer((request, response) => {
    answer(store, pageSize, request, response).catch((error: unknown) => {
      const status = error instanceof QueryError ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      send(
        response,
        status,
        "text/html",
        `<!doctype html><html lang="en"><title>Error</title><p>${escapeHtml(message)}</p></html>`,
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": `${type}; charset=utf-8`, ...headers });
  response.end(body);
}

/** A whole number in [min, max] from query field `field`, or `fallback` when it is absent. */
function wholeNumber(query: URLSearchParams, field: string, fallback: number, min: number, max: number): number {
  const text = query.get(field);
  if (text === null || text === "") return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw new QueryError(`${field}: got "${text}", expected a whole number from ${min} to ${max}`);
  return value;
}

async function answer(store: Store, pageSize: number, request: IncomingMessage, response: ServerResponse) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    send(response, 405, "text/plain", "The explorer only reads: GET\n", { allow: "GET, HEAD" });
    return;
  }
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/") {
    send(response, 200, "text/html", await overviewPage(store));
    return;
  }
  const match =
    /^\/instruments\/(0x[0-9a-fA-F]{40})(\/holders|\/holders\.csv|\/audit|\/wallets\/0x[0-9a-fA-F]{40})?$/.exec(
      url.pathname,
    );
  const c = match === null ? undefined : await contractOf(store, match[1]);
  if (match === null || c === undefined || !isInstrument(c.kind)) {
    send(response, 404, "text/plain", `No page at ${url.pathname}\n`);
    return;
  }
  const head = await indexedBlock(store);
  const search = url.searchParams.get("search")?.trim() ?? "";
  if (!/^(0x)?[0-9a-fA-F]{0,40}$/.test(search))
    throw new QueryError(`search: got "${search}", expected part of an address (hex digits)`);
  const view: View = {
    block: wholeNumber(url.searchParams, "block", head, 0, Math.max(head, 0)),
    page: wholeNumber(url.searchParams, "page", 1, 1, Number.MAX_SAFE_INTEGER),
    search,
    pageSize,
  };
  switch (match[2]) {
    case "/holders":
      send(response, 200, "text/html", await holdersPage(store, c, view));
      return;
    case "/holders.csv":
      send(response, 200, "text/csv", await holdersCsv(store, c, view), {
        "content-disposition": `attachment; filename="${c.name.replace(/[^\w.-]/g, "_")}-holders-block-${view.block}.csv"`,
      });
      return;
    case "/audit":
      send(response, 200, "text/html", await auditPage(store, c, view));
      return;
    case undefined:
      send(response, 200, "text/html", await instrumentPage(store, c, view));
      return;
    default:
      send(
        response,
        200,
        "text/html",
        await walletPage(store, c, getAddress(match[2].slice("/wallets/".length).toLowerCase()), view),
      );
  }
}
