/**
 * The indexer on both backends, against the demo's lifecycle on the embedded chain: every figure
 * it derives is checked against the contracts (reads at a block), never against the index itself.
 */
import { expect } from "chai";
import hre from "hardhat";
import { couponBook, couponEntitlements } from "../../../src/indexer/coupons.js";
import {
  allotments,
  attestations,
  enforcementActions,
  isPaused,
  policyChanges,
  redemptionBook,
  redemptionRequests,
  rolesOf,
} from "../../../src/indexer/books.js";
import { Chain, eip1193Rpc } from "../../../src/indexer/chain.js";
import { follow, indexToHead, prepareStore, readCursor } from "../../../src/indexer/indexer.js";
import { auditTrail, capTableAt, holderHistory, investorsAt, positionsOf } from "../../../src/indexer/queries.js";
import { checkAgainstChain, compareRegister, readRegister } from "../../../src/indexer/reconcile.js";
import { migrate } from "../../../src/indexer/schema.js";
import { contractsOfRecord, mergeFollowed } from "../../../src/indexer/sources.js";
import type { Store } from "../../../src/indexer/store.js";
import type { SovereignToken } from "../../../src/sdk/contracts.js";
import type { Connection } from "../../../src/ops/network.js";
import { referenceOf } from "../../../src/ops/references.js";
import { formatAmount, formatTokens } from "../../../src/ops/units.js";
import { expectOpsError, tempDir, writeCsv } from "../ops/helpers.js";
import { BACKENDS, newStore, stopBackends } from "./backends.js";
import { playLifecycle, type Lifecycle } from "./lifecycle.js";

describe("indexer: the issuance's events and state, on SQLite and PostgreSQL", function () {
  this.timeout(600_000);
  let connection: Connection;
  let life: Lifecycle;
  let chain: Chain;

  before(async function () {
    connection = await hre.network.create();
    life = await playLifecycle(connection);
    chain = new Chain(eip1193Rpc(connection.provider));
  });

  after(async function () {
    await stopBackends();
    await connection?.close();
  });

  const followed = () => mergeFollowed(life.records.flatMap(contractsOfRecord));
  const instrument = (name: string) => followed().find((c) => c.name === name)!.address;

  for (const backend of BACKENDS) {
    describe(backend.name, function () {
      let store: Store;

      before(async function () {
        store = await newStore(backend);
        await prepareStore(store, chain, followed());
        await indexToHead(store, chain, { rangeSize: 40 });
      });

      after(async function () {
        await store?.close();
      });

      it("stores every log of the followed contracts once, decoded, up to the head", async function () {
        const addresses = followed().map((c) => c.address);
        const start = Math.min(...followed().map((c) => c.startBlock));
        const logs = await connection.ethers.provider.getLogs({
          address: addresses,
          fromBlock: start,
          toBlock: life.lastBlock,
        });
        const trail = await auditTrail(store);
        expect(trail.map((e) => `${e.block}:${e.logIndex}`)).to.deep.equal(
          logs.map((l) => `${l.blockNumber}:${l.index}`),
        );
        expect(trail.filter((e) => e.event === "(unknown)")).to.deep.equal([]);
        expect((await readCursor(store))!.block).to.equal(life.lastBlock);
      });

      it("holds each instrument's balances and supply as the contracts do, at the head and at past blocks", async function () {
        const blocks = [
          life.lastBlock,
          Math.floor((life.lastBlock + life.records[0].startBlock) / 2),
          life.lastBlock - 12,
        ];
        for (const c of followed().filter((f) => f.kind !== "registry" && f.kind !== "timelock")) {
          for (const block of blocks)
            expect(await checkAgainstChain(store, chain, c.address, block), `${c.name}@${block}`).to.deep.equal([]);
        }
      });

      it("gives the cap table of a past block, paged and largest first, as balanceOf at that block", async function () {
        const bill = await connection.ethers.getContractAt("TreasuryBill", instrument("tbill-2027-06"));
        const settled = (await bill.queryFilter(bill.filters.AllotmentSettled())).at(-1)!.blockNumber;
        const table = await capTableAt(store, await bill.getAddress(), { block: settled });
        expect(table.holders).to.be.greaterThan(3);
        expect(table.supply).to.equal(await bill.totalSupply({ blockTag: settled }));
        for (const row of table.rows)
          expect(row.balance).to.equal(await bill.balanceOf(row.wallet, { blockTag: settled }));
        const balances = table.rows.map((r) => r.balance);
        expect(balances).to.deep.equal([...balances].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
        const page = await capTableAt(store, await bill.getAddress(), { block: settled, limit: 2, offset: 1 });
        expect(page.rows).to.deep.equal(table.rows.slice(1, 3));
        expect(page.holders).to.equal(table.holders);
        // After the redemption every bill is burnt.
        expect((await capTableAt(store, await bill.getAddress())).rows).to.deep.equal([]);
      });

      it("gives a holder's history and an investor's positions by hashed id, as the contracts hold them", async function () {
        const bond = await connection.ethers.getContractAt("SovereignBond", instrument("bond-3y-2029"));
        const dealer = (await connection.ethers.getSigners())[6].address;
        const history = await holderHistory(store, dealer, { instrument: await bond.getAddress() });
        expect(history.map((m) => m.delta)).to.deep.equal([200_000_000_000n, -50_000_000_000n, -10_000_000_000n]);
        expect(history.at(-1)!.balance).to.equal(await bond.balanceOf(dealer));
        const registry = await connection.ethers.getContractAt("InvestorRegistry", life.bills.record.registry!);
        const investorId = (await registry.investorOf(dealer)).investorId;
        expect((await investorsAt(store)).find((r) => r.wallet === dealer)!.investorId).to.equal(investorId);
        const positions = await positionsOf(store, investorId);
        expect(positions.length).to.be.greaterThan(0);
        for (const p of positions) {
          const token = await connection.ethers.getContractAt("SovereignToken", p.instrument);
          expect(p.balance, p.instrument).to.equal(await token.balanceOf(p.wallet));
        }
      });

      it("keeps the coupon book, the allotments, the redemption, attestations and requests as the contracts do", async function () {
        for (const name of ["bond-3y-2029", "frn-10y-2036"]) {
          const bond = await connection.ethers.getContractAt("SovereignBond", instrument(name));
          const [book] = await couponBook(store, await bond.getAddress());
          const coupon = await bond.coupon(0);
          expect([book.funded, book.paid, book.perToken]).to.deep.equal([coupon.funded, coupon.paid, coupon.perToken]);
          expect([book.recordDate, book.paymentDate]).to.deep.equal([
            Number(await bond.recordDate(0)),
            Number(await bond.couponDate(0)),
          ]);
          expect(book.supplyAtRecord).to.equal(await bond.supplyAtRecord(0));
          const dealer = (await connection.ethers.getSigners())[6].address;
          expect(book.payments.filter((p) => p.claimed).map((p) => p.holder)).to.deep.equal([dealer]);
          expect(book.claimed + book.payments.filter((p) => !p.claimed).reduce((t, p) => t + p.amount, 0n)).to.equal(
            coupon.paid,
          );
        }
        const frn = await connection.ethers.getContractAt("SovereignBond", instrument("frn-10y-2036"));
        expect((await couponBook(store, await frn.getAddress()))[0].rateBps).to.equal(
          Number((await frn.coupon(0)).rateBps),
        );
        const bill = await connection.ethers.getContractAt("TreasuryBill", instrument("tbill-2027-06"));
        const indexed = await allotments(store, await bill.getAddress());
        expect(indexed.length).to.equal(Number(await bill.allotmentCount()));
        for (const a of indexed) {
          const onChain = await bill.allotment(a.id);
          expect([a.bidder, a.amount, a.price]).to.deep.equal([onChain.bidder, onChain.amount, onChain.price]);
          expect(a.status).to.equal(["unknown", "pending", "settled", "cancelled"][Number(onChain.status)]);
        }
        expect(indexed.filter((a) => a.status === "pending" && a.failure !== "")).to.have.length(1);
        const redemption = await redemptionBook(store, await bill.getAddress());
        expect([redemption.funded, redemption.paid]).to.deep.equal([
          await bill.redemptionFunded(),
          await bill.redemptionPaid(),
        ]);
        const gold = await connection.ethers.getContractAt("CommodityReserveToken", instrument("gold-reserve"));
        const [attestation] = await attestations(store, await gold.getAddress());
        const latest = await gold.latestAttestation();
        expect([attestation.reserves, BigInt(attestation.asOf), attestation.reportHash]).to.deep.equal([
          latest.reserves,
          latest.asOf,
          latest.reportHash,
        ]);
        const [request] = await redemptionRequests(store, await gold.getAddress());
        const onChain = await gold.redemption(1);
        expect([request.holder, request.amount, request.state]).to.deep.equal([
          onChain.holder,
          onChain.amount,
          "fulfilled",
        ]);
      });

      it("gives each holder's coupon entitlement at the record date, as the bond records it", async function () {
        const dealer = (await connection.ethers.getSigners())[6].address;
        for (const name of ["bond-3y-2029", "frn-10y-2036"]) {
          const bond = await connection.ethers.getContractAt("SovereignBond", instrument(name));
          const entitlements = await couponEntitlements(store, await bond.getAddress(), 0);
          expect(entitlements.length).to.be.greaterThan(1);
          for (const e of entitlements) {
            expect(e.balanceAtRecord, `${name} ${e.holder}`).to.equal(await bond.balanceAtRecord(e.holder, 0));
          }
          const total = entitlements.reduce((sum, e) => sum + e.balanceAtRecord, 0n);
          expect(total).to.equal(await bond.supplyAtRecord(0));
          // The dealer sold 10,000 of the fixed-rate bond after the record date: its entitlement stays at its balance then.
          const ofDealer = entitlements.find((e) => e.holder === dealer)!;
          const sold = name === "bond-3y-2029" ? 10_000_000_000n : 0n;
          expect(ofDealer.balanceAtRecord).to.equal((await bond.balanceOf(dealer)) + sold);
          const [book] = await couponBook(store, await bond.getAddress());
          for (const payment of book.payments) {
            expect(payment.amount).to.equal(entitlements.find((e) => e.holder === payment.holder)!.due);
          }
        }
      });

      it("keeps each policy setting's latest value as the instruments hold it", async function () {
        const getters: Record<string, (t: SovereignToken) => Promise<unknown>> = {
          AllowedCategoriesSet: (t) => t.allowedCategories(),
          CountryRestrictionSet: (t) => t.countryRestricted(),
          MaxBalanceSet: (t) => t.maxBalance(),
          MaxHoldersSet: (t) => t.maxHolders(),
          LockUpEndSet: (t) => t.lockUpEndsAt(),
        };
        let checked = 0;
        for (const c of followed().filter((f) => f.kind !== "registry" && f.kind !== "timelock")) {
          const token = await connection.ethers.getContractAt("SovereignToken", c.address);
          const latest = new Map((await policyChanges(store, c.address)).map((e) => [e.event, e.args]));
          for (const [event, args] of latest) {
            if (getters[event] === undefined) continue;
            expect(String(Object.values(args)[0]), `${c.name} ${event}`).to.equal(String(await getters[event](token)));
            checked++;
          }
          for (const country of [586, 784, 826]) {
            const allowed = (await policyChanges(store, c.address)).filter(
              (e) => e.event === "CountryAllowedSet" && Number(e.args.country) === country,
            );
            expect(allowed.at(-1)?.args.allowed ?? false, `${c.name} ${country}`).to.equal(
              await token.isCountryAllowed(country),
            );
          }
        }
        expect(checked).to.be.greaterThan(4);
      });

      it("lists enforcement with its references, pauses and role members as the contracts hold them", async function () {
        const bill = await connection.ethers.getContractAt("TreasuryBill", instrument("tbill-2027-06"));
        const actions = await enforcementActions(store, await bill.getAddress());
        expect(actions.map((a) => [a.event, a.reference])).to.deep.equal([
          ["Frozen", referenceOf("court order 2026/117")],
          ["Frozen", referenceOf("court order lifted")],
          ["Paused", referenceOf("incident 42")],
          ["Unpaused", referenceOf("incident 42 closed")],
        ]);
        const paused = actions[2].block;
        expect(await isPaused(store, await bill.getAddress(), paused)).to.equal(
          await bill.paused({ blockTag: paused }),
        );
        expect(await isPaused(store, await bill.getAddress())).to.equal(await bill.paused());
        const { members } = await rolesOf(store, await bill.getAddress());
        expect(members.size).to.be.greaterThan(2);
        for (const [role, accounts] of members) {
          for (const account of accounts)
            expect(await bill.hasRole(role, account), `${role} ${account}`).to.equal(true);
        }
      });

      it("lists every difference between the indexed register and an off-chain register CSV", async function () {
        const bond = await connection.ethers.getContractAt("SovereignBond", instrument("bond-3y-2029"));
        const [dealer, pensionFund, exchange, , , , retailSaver] = (await connection.ethers.getSigners()).slice(6, 13);
        const tokens = async (wallet: string) => formatAmount(await bond.balanceOf(wallet), 6);
        const file = await writeCsv(await tempDir(), "register.csv", [
          "wallet,amount",
          `${dealer.address},${await tokens(dealer.address)}`,
          `${pensionFund.address.toLowerCase()},100000`,
          `${retailSaver.address},10.5`,
        ]);
        const register = await readRegister(file, 6);
        const differences = await compareRegister(store, "bond-3y-2029", register);
        const pension = await bond.balanceOf(pensionFund.address);
        expect(differences.map((d) => [d.wallet, d.what, d.indexed, d.register])).to.deep.equal(
          [
            [pensionFund.address, "amounts differ", pension, 100_000_000_000n],
            [retailSaver.address, "not held on chain", 0n, 10_500_000n],
            [exchange.address, "not in the register", await bond.balanceOf(exchange.address), 0n],
          ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        );
        expect(differences.find((d) => d.wallet === pensionFund.address)!.text).to.equal(
          `${pensionFund.address}: amounts differ: indexed ${formatTokens(pension, { symbol: "GB291215", decimals: 6 })}, register 100,000 GB291215`,
        );
        const bad = await writeCsv(await tempDir(), "bad.csv", [
          "wallet,amount",
          "0x123,1",
          `${dealer.address},1.0000001`,
        ]);
        await expectOpsError(
          readRegister(bad, 6),
          `${bad}: 2 bad row(s), nothing was sent:\n` +
            `${bad}:2: wallet: got "0x123", expected an address (0x and 40 hex digits, checksummed if mixed case)\n` +
            `${bad}:3: amount: got "1.0000001", expected at most 6 decimals (the token has 6)`,
        );
      });

      it("migration 2 builds the holdings of a database indexed before it from its balance changes", async function () {
        const holdings = async () =>
          (await store.all<Record<string, unknown>>("SELECT * FROM holdings")).map((r) => JSON.stringify(r)).sort();
        const written = await holdings();
        expect(written.length).to.be.greaterThan(20);
        await store.exec("DROP TABLE holdings");
        await store.run("DELETE FROM schema_migrations WHERE version = ?", [2]);
        expect(await migrate(store)).to.deep.equal([2]);
        expect(await holdings()).to.deep.equal(written);
      });

      it("indexes nothing twice when run again, and stops short of the head by the confirmations asked", async function () {
        const before = (await auditTrail(store)).length;
        await indexToHead(store, chain, { rangeSize: 40 });
        expect((await auditTrail(store)).length).to.equal(before);
        const fresh = await newStore(backend);
        await prepareStore(fresh, chain, followed());
        await indexToHead(fresh, chain, { confirmations: 5 });
        expect((await readCursor(fresh))!.block).to.equal((await chain.head()) - 5);
        await fresh.close();
      });

      it("follows the head until stopped: a transfer mined meanwhile is indexed, then it stops", async function () {
        const bond = await connection.ethers.getContractAt("SovereignBond", instrument("bond-3y-2029"));
        const [dealer, , exchange] = (await connection.ethers.getSigners()).slice(6, 9);
        const request = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
        const snapshot = await request("evm_snapshot");
        try {
          const stop = new AbortController();
          const lines: string[] = [];
          const following = follow(store, chain, { pollMs: 20, signal: stop.signal, out: (line) => lines.push(line) });
          const receipt = (await (await bond.connect(dealer).transfer(exchange.address, 3_000_000n)).wait())!;
          const indexed = new RegExp(`to ${receipt.blockNumber}: 1 event`);
          while (!lines.some((line) => indexed.test(line))) await new Promise((resolve) => setTimeout(resolve, 20));
          stop.abort();
          expect(await following).to.equal(receipt.blockNumber);
          const [transfer] = await auditTrail(store, { events: ["Transfer"], fromBlock: receipt.blockNumber });
          expect([transfer.txHash, transfer.args.value]).to.deep.equal([receipt.hash, "3000000"]);
          expect(await checkAgainstChain(store, chain, await bond.getAddress())).to.deep.equal([]);
        } finally {
          await request("evm_revert", [snapshot]);
        }
      });

      it("rewinds when a reorg replaces blocks it indexed (evm_snapshot / evm_revert), and follows the new chain", async function () {
        const bond = await connection.ethers.getContractAt("SovereignBond", instrument("bond-3y-2029"));
        const [dealer, pensionFund, exchange] = (await connection.ethers.getSigners()).slice(6, 9);
        const request = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
        const before = await request("evm_snapshot");
        await (await bond.connect(dealer).transfer(exchange.address, 1_000_000n)).wait();
        await request("hardhat_mine", ["0x3"]);
        await indexToHead(store, chain, { rangeSize: 2 });
        const replaced = (await auditTrail(store, { events: ["Transfer"] })).at(-1)!;
        expect([replaced.args.to, replaced.args.value]).to.deep.equal([exchange.address, "1000000"]);
        await request("evm_revert", [before]);
        const restore = await request("evm_snapshot");
        try {
          await (await bond.connect(dealer).transfer(pensionFund.address, 2_000_000n)).wait();
          await request("hardhat_mine", ["0x1"]);
          const lines: string[] = [];
          await indexToHead(store, chain, { rangeSize: 2, out: (line) => lines.push(line) });
          expect(lines[0]).to.match(/^reorg: block \d+ is no longer on the chain, rewound to \d+$/);
          const transfers = await auditTrail(store, { events: ["Transfer"], fromBlock: replaced.block });
          expect(transfers.map((t) => [t.txHash === replaced.txHash, t.args.to])).to.deep.equal([
            [false, pensionFund.address],
          ]);
          expect((await readCursor(store))!.hash).to.equal((await chain.header(await chain.head()))!.hash);
          expect(await checkAgainstChain(store, chain, await bond.getAddress())).to.deep.equal([]);
          const history = await holderHistory(store, exchange.address, { instrument: await bond.getAddress() });
          expect(history.at(-1)!.balance).to.equal(await bond.balanceOf(exchange.address));
        } finally {
          await request("evm_revert", [restore]);
        }
      });
    });
  }
});
