/**
 * The explorer's web server against the demo's lifecycle indexed into SQLite and PostgreSQL: each
 * page is fetched over HTTP and the figures it shows are checked against the contracts (reads at a
 * block), never against the index.
 */
import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { id as roleId } from "ethers";
import { Chain, eip1193Rpc } from "../../../src/indexer/chain.js";
import { indexToHead, prepareStore } from "../../../src/indexer/indexer.js";
import { contractsOfRecord, mergeFollowed, type Followed } from "../../../src/indexer/sources.js";
import { openStore, type Store } from "../../../src/indexer/store.js";
import { openIndex } from "../../../src/explorer/open.js";
import { startExplorer, type Explorer } from "../../../src/explorer/server.js";
import type { Connection } from "../../../src/ops/network.js";
import { referenceOf } from "../../../src/ops/references.js";
import { formatAmount, formatTokens, isoTime } from "../../../src/ops/units.js";
import { expectOpsError, freePort, startHardhat, tempDir } from "../ops/helpers.js";
import { BACKENDS, newStore, stopBackends } from "../indexer/backends.js";
import { playLifecycle, type Lifecycle } from "../indexer/lifecycle.js";

/** The text of each cell of each body row of the table captioned `caption` in `page`. */
function tableRows(page: string, caption: string): string[][] {
  const start = [...page.matchAll(/<caption>([\s\S]*?)<\/caption>/g)].find((c) => cellText(c[1]) === caption)?.index;
  if (start === undefined) return [];
  const body = page.slice(start, page.indexOf("</table>", start));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .filter((row) => row[1].includes("<td"))
    .map((row) => [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cellText(cell[1])));
}

function cellText(cellHtml: string): string {
  return cellHtml
    .replace(/<br>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

/** The href of the link reading `text` in `page`, unescaped. */
function linkTo(page: string, text: string): string | undefined {
  const found = new RegExp(`<a href="([^"]*)">${text}</a>`).exec(page);
  return found === null ? undefined : found[1].replace(/&amp;/g, "&");
}

describe("explorer: the web pages of an indexed issuance, on SQLite and PostgreSQL", function () {
  this.timeout(600_000);
  const PAGE_SIZE = 3;
  let connection: Connection;
  let life: Lifecycle;
  let followed: Followed[];
  let chain: Chain;

  before(async function () {
    connection = await hre.network.create();
    life = await playLifecycle(connection);
    followed = mergeFollowed(life.records.flatMap(contractsOfRecord));
    chain = new Chain(eip1193Rpc(connection.provider));
  });

  after(async function () {
    await stopBackends();
    await connection?.close();
  });

  /** `store` with the lifecycle indexed into it up to the head. */
  const indexed = async (store: Store) => {
    await prepareStore(store, chain, followed);
    await indexToHead(store, chain, { rangeSize: 100 });
    return store;
  };
  const contract = (name: string) => followed.find((c) => c.name === name)!;

  for (const backend of BACKENDS) {
    describe(backend.name, function () {
      let store: Store;
      let explorer: Explorer;

      before(async function () {
        store = await indexed(await newStore(backend));
        explorer = await startExplorer({ store, port: 0, pageSize: PAGE_SIZE });
      });

      after(async function () {
        await explorer?.close();
        await store?.close();
      });

      const get = async (pathAndQuery: string) => {
        const response = await fetch(new URL(pathAndQuery, explorer.url));
        return {
          status: response.status,
          type: response.headers.get("content-type") ?? "",
          text: await response.text(),
        };
      };
      const page = async (pathAndQuery: string) => {
        const { status, type, text } = await get(pathAndQuery);
        expect(status, `${pathAndQuery}: ${text}`).to.equal(200);
        expect(type).to.contain("text/html");
        return text;
      };
      /** Every holder row of the holders pages from `first` on, following the Next links. */
      const allHolderRows = async (first: string) => {
        const rows: string[][] = [];
        let next: string | undefined = first;
        while (next !== undefined) {
          const text = await page(next);
          const caption = /<caption>\s*(Holders of [^<]*?)\s*<\/caption>/.exec(text);
          if (caption !== null) rows.push(...tableRows(text, caption[1]));
          expect(rows.length).to.be.at.most(1000);
          next = linkTo(text, "Next page");
        }
        return rows;
      };

      it("listens on 127.0.0.1 and lists every instrument with the supply the contract holds", async function () {
        expect(new URL(explorer.url).hostname).to.equal("127.0.0.1");
        const text = await page("/");
        const rows = tableRows(text, "Instruments");
        const instruments = followed.filter((c) => c.kind !== "registry" && c.kind !== "timelock");
        expect(rows.map((r) => r[0]).sort()).to.deep.equal(instruments.map((c) => c.name).sort());
        for (const c of instruments) {
          const token = await connection.ethers.getContractAt("SovereignToken", c.address);
          const row = rows.find((r) => r[0] === c.name)!;
          expect(row[3], c.name).to.equal(formatTokens(await token.totalSupply({ blockTag: life.lastBlock }), c));
          expect(row[5]).to.equal(c.address);
          expect(text).to.contain(`href="/instruments/${c.address}"`);
        }
        expect(cellText(text)).to.match(new RegExp(`Indexed up to block ${life.lastBlock}`));
      });

      it("shows a bond's terms, supply, coupon dates and role members as the contract holds them", async function () {
        const c = contract("bond-3y-2029");
        const bond = await connection.ethers.getContractAt("SovereignBond", c.address);
        const text = await page(`/instruments/${c.address}`);
        const terms = new Map(tableRows(text, "Terms and supply").map((r) => [r[0], r[1]]));
        expect(terms.get(`Supply at block ${life.lastBlock}`)).to.equal(formatTokens(await bond.totalSupply(), c));
        expect(terms.get("Symbol")).to.equal(await bond.symbol());
        expect(terms.get("Paused")).to.equal((await bond.paused()) ? "yes" : "no");
        const coupon = tableRows(text, "Coupon schedule")[0];
        expect(coupon[1]).to.equal(isoTime(await bond.recordDate(0)));
        expect(coupon[2]).to.equal(isoTime(await bond.couponDate(0)));
        const roles = tableRows(text, "Role members");
        const issuers = roles.find((r) => r[0] === "ISSUER_ROLE")!;
        expect(issuers, "ISSUER_ROLE row").to.not.equal(undefined);
        for (const account of issuers[1].split(/\s+/))
          expect(await bond.hasRole(roleId("ISSUER_ROLE"), account), account).to.equal(true);
      });

      it("pages the holders of a past block as balanceOf at that block, and the head's table differs as it should", async function () {
        const c = contract("tbill-2027-06");
        const bill = await connection.ethers.getContractAt("TreasuryBill", c.address);
        const settled = (await bill.queryFilter(bill.filters.AllotmentSettled())).at(-1)!.blockNumber;
        const rows = await allHolderRows(`/instruments/${c.address}/holders?block=${settled}`);
        expect(rows.length).to.be.greaterThan(PAGE_SIZE);
        expect(rows.map((r) => Number(r[0]))).to.deep.equal(rows.map((_, i) => i + 1));
        let sum = 0n;
        for (const [, wallet, balance] of rows) {
          const onChain = await bill.balanceOf(wallet, { blockTag: settled });
          expect(balance, wallet).to.equal(formatTokens(onChain, c));
          sum += onChain;
        }
        expect(sum).to.equal(await bill.totalSupply({ blockTag: settled }));
        const hundredths = rows.map((r) => BigInt(r[3].replace(/[.%]/g, "")));
        expect(
          hundredths.reduce((a, b) => a + b, 0n),
          "shares add up to 100.00%",
        ).to.equal(10_000n);
        // After the redemption every bill is burnt: the head's table is empty.
        const head = await page(`/instruments/${c.address}/holders`);
        expect(cellText(head)).to.match(new RegExp(`0 holders\\s+at block ${life.lastBlock}`));
        expect(tableRows(head, `Holders of ${c.name} at block ${life.lastBlock}`)).to.deep.equal([]);
      });

      it("finds a holder by part of the address, and shows a holder only from the block it received", async function () {
        const c = contract("bond-3y-2029");
        const bond = await connection.ethers.getContractAt("SovereignBond", c.address);
        const exchange = (await connection.ethers.getSigners())[8].address;
        const received = (await bond.queryFilter(bond.filters.Transfer(undefined, exchange))).at(0)!.blockNumber;
        const part = exchange.slice(5, 15).toLowerCase();
        const found = tableRows(
          await page(`/instruments/${c.address}/holders?search=${part}`),
          `Holders of ${c.name} at block ${life.lastBlock}`,
        );
        expect(found).to.have.length(1);
        expect(found[0][1]).to.equal(exchange);
        const whole = await allHolderRows(`/instruments/${c.address}/holders`);
        expect(found[0]).to.deep.equal(whole.find((r) => r[1] === exchange));
        expect(found[0][2]).to.equal(formatTokens(await bond.balanceOf(exchange), c));
        const before = await page(`/instruments/${c.address}/holders?search=${part}&block=${received - 1}`);
        expect(await bond.balanceOf(exchange, { blockTag: received - 1 })).to.equal(0n);
        expect(cellText(before)).to.match(new RegExp(`0 holders matching "${part}"\\s+at block ${received - 1}`));
      });

      it("shows a holder's balance changes of a block range as the Transfer events and balanceOf say", async function () {
        const c = contract("bond-3y-2029");
        const bond = await connection.ethers.getContractAt("SovereignBond", c.address);
        const dealer = (await connection.ethers.getSigners())[6].address;
        const holders = await page(`/instruments/${c.address}/holders?search=${dealer.slice(2, 12)}`);
        const walletLink = linkTo(holders, `<code>${dealer}</code>`)!;
        expect(walletLink).to.equal(`/instruments/${c.address}/wallets/${dealer}?block=${life.lastBlock}`);
        const transfers = [
          ...(await bond.queryFilter(bond.filters.Transfer(dealer))),
          ...(await bond.queryFilter(bond.filters.Transfer(undefined, dealer))),
        ].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
        const caption = (block: number) => `Balance changes of ${dealer} in ${c.name} up to block ${block}`;
        const rows = tableRows(await page(walletLink), caption(life.lastBlock));
        expect(rows.map((r) => Number(r[0]))).to.deep.equal(transfers.map((t) => t.blockNumber));
        for (const [i, t] of transfers.entries()) {
          const delta = t.args.to === dealer ? t.args.value : -t.args.value;
          expect(rows[i][4]).to.equal(`${delta > 0n ? "+" : ""}${formatTokens(delta, c)}`);
          expect(rows[i][5]).to.equal(formatTokens(await bond.balanceOf(dealer, { blockTag: t.blockNumber }), c));
        }
        const firstBlock = transfers[0].blockNumber;
        const past = await page(`/instruments/${c.address}/wallets/${dealer.toLowerCase()}?block=${firstBlock}`);
        expect(tableRows(past, caption(firstBlock))).to.have.length(1);
        expect(cellText(past)).to.contain(
          `at block ${firstBlock}: ${formatTokens(await bond.balanceOf(dealer, { blockTag: firstBlock }), c)}.`,
        );
      });

      it("exports the cap table of a block as CSV, equal to the chain's balances at that block", async function () {
        const c = contract("bond-3y-2029");
        const bond = await connection.ethers.getContractAt("SovereignBond", c.address);
        const holdersPage = await page(`/instruments/${c.address}/holders?block=${life.lastBlock - 5}`);
        const csvLink = linkTo(holdersPage, "Download as CSV \\(wallet, amount in tokens\\)")!;
        const { status, type, text } = await get(csvLink);
        expect(status).to.equal(200);
        expect(type).to.contain("text/csv");
        const [header, ...lines] = text.trimEnd().split("\n");
        expect(header).to.equal("wallet,amount");
        const pages = await allHolderRows(`/instruments/${c.address}/holders?block=${life.lastBlock - 5}`);
        expect(lines.map((l) => l.split(",")[0])).to.deep.equal(pages.map((r) => r[1]));
        let sum = 0n;
        for (const line of lines) {
          const [wallet, amount] = line.split(",");
          const onChain = await bond.balanceOf(wallet, { blockTag: life.lastBlock - 5 });
          expect(amount, wallet).to.equal(formatAmount(onChain, c.decimals));
          sum += onChain;
        }
        expect(sum).to.equal(await bond.totalSupply({ blockTag: life.lastBlock - 5 }));
      });

      it("lists every event of an instrument in its audit trail, with the references the operators gave", async function () {
        const c = contract("tbill-2027-06");
        const logs = await connection.ethers.provider.getLogs({
          address: c.address,
          fromBlock: 0,
          toBlock: life.lastBlock,
        });
        const rows: string[][] = [];
        let next: string | undefined = `/instruments/${c.address}/audit`;
        while (next !== undefined) {
          const text = await page(next);
          rows.push(...tableRows(text, `Audit trail of ${c.name}`));
          next = linkTo(text, "Next page");
        }
        expect(rows.map((r) => Number(r[0]))).to.deep.equal(logs.map((l) => l.blockNumber));
        const references = rows.map((r) => r[4]);
        const frozen = rows.filter((r) => r[2] === "Frozen").map((r) => r[4]);
        expect(frozen).to.deep.equal([referenceOf("court order 2026/117"), referenceOf("court order lifted")]);
        expect(references).to.include(referenceOf("incident 42"));
        const pause = rows.find((r) => r[2] === "Paused")!;
        const block = (await connection.ethers.provider.getBlock(Number(pause[0])))!;
        expect(pause[1]).to.equal(isoTime(block.timestamp));
      });

      it("answers a bad query value with 400 naming the field and the value, escaped, and an unknown page with 404", async function () {
        const c = contract("bond-3y-2029");
        const future = await get(`/instruments/${c.address}/holders?block=${life.lastBlock + 1}`);
        expect(future.status).to.equal(400);
        expect(future.text).to.contain(`block: got &quot;${life.lastBlock + 1}&quot;`);
        const script = await get(
          `/instruments/${c.address}/holders?search=${encodeURIComponent("<script>x</script>")}`,
        );
        expect(script.status).to.equal(400);
        expect(script.text).to.contain("search: got &quot;&lt;script&gt;x&lt;/script&gt;&quot;");
        expect(script.text).to.not.contain("<script>");
        expect((await get(`/instruments/${c.address}/holders?page=0`)).status).to.equal(400);
        expect((await get("/instruments/0x0000000000000000000000000000000000000001")).status).to.equal(404);
        expect((await get("/nothing")).status).to.equal(404);
        const post = await fetch(new URL("/", explorer.url), { method: "POST" });
        expect(post.status).to.equal(405);
        await post.text();
      });
    });
  }

  it("explorer serve: serves the index at the URL it prints, on 127.0.0.1, until stopped", async function () {
    const dbFile = path.join(await tempDir(), "index.sqlite");
    await (await indexed(await openStore(dbFile))).close();
    const port = await freePort();
    const run = startHardhat(["explorer", "serve", "--db", dbFile, "--port", String(port)]);
    try {
      let text: string | undefined;
      for (let attempt = 0; attempt < 120 && text === undefined; attempt++) {
        text = await fetch(`http://127.0.0.1:${port}/`)
          .then((r) => r.text())
          .catch(async () => {
            await new Promise((resolve) => setTimeout(resolve, 500));
            return undefined;
          });
      }
      expect(cellText(text ?? "")).to.match(new RegExp(`Indexed up to block ${life.lastBlock}`));
    } finally {
      process.kill(run.pid, "SIGTERM");
    }
    const { code, stdout, stderr } = await run.done;
    expect(stderr).to.equal("");
    expect(code).to.equal(0);
    expect(stdout).to.contain(`at http://127.0.0.1:${port}/ (read-only`);
  });

  it("opens only an index the indexer wrote, and creates neither a database nor its tables", async function () {
    const dir = await tempDir();
    await expectOpsError(openIndex(path.join(dir, "missing.sqlite")), /missing\.sqlite does not exist/);
    expect(await stat(path.join(dir, "missing.sqlite")).catch(() => undefined)).to.equal(undefined);
    const empty = path.join(dir, "empty.sqlite");
    await writeFile(empty, "");
    await expectOpsError(openIndex(empty), /empty\.sqlite is not an index: run `indexer run`/);
    // It created no table there: refused again for the same reason.
    await expectOpsError(openIndex(empty), /empty\.sqlite is not an index/);
    await expectOpsError(openIndex(" "), /--db: got ""/);
  });
});
