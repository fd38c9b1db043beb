/**
 * The indexer's refusals: each bad input or mismatched database is one line naming what and
 * why, before anything is written; and the schema's migrations run once.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { Chain, eip1193Rpc, type Rpc } from "../../../src/indexer/chain.js";
import { indexStep, indexToHead, prepareStore, readCursor } from "../../../src/indexer/indexer.js";
import { auditTrail } from "../../../src/indexer/queries.js";
import { followedOf } from "../../../src/indexer/run.js";
import { MIGRATIONS, migrate } from "../../../src/indexer/schema.js";
import { parseContracts } from "../../../src/indexer/sources.js";
import { openStore } from "../../../src/indexer/store.js";
import type { Connection } from "../../../src/ops/network.js";
import { expectOpsError, freePort, tempDir } from "../ops/helpers.js";
import { BACKENDS, newStore, stopBackends } from "./backends.js";

const ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("indexer: bad input and mismatched databases", function () {
  this.timeout(120_000);
  let connection: Connection;
  let chain: Chain;

  before(async function () {
    connection = await hre.network.create();
    chain = new Chain(eip1193Rpc(connection.provider));
  });

  after(async function () {
    await stopBackends();
    await connection?.close();
  });

  it("refuses a deployment file it cannot read or that lacks what it follows, naming the field", async function () {
    const dir = await tempDir();
    await expectOpsError(
      followedOf({ deployment: path.join(dir, "missing.json") }),
      `--deployment ${path.join(dir, "missing.json")}: cannot read it (no such file)`,
    );
    const file = path.join(dir, "record.json");
    await writeFile(
      file,
      JSON.stringify({ name: "x", startBlock: 3, instruments: { bill: { kind: "bill", address: ADDRESS } } }),
    );
    await expectOpsError(
      followedOf({ deployment: file }),
      `--deployment ${file}: instruments.bill.kind: got "bill", expected a kind`,
    );
    await writeFile(file, JSON.stringify({ name: "x", startBlock: -1, instruments: {} }));
    await expectOpsError(
      followedOf({ deployment: file }),
      `--deployment ${file}: startBlock: got -1, expected a block number`,
    );
  });

  it("refuses a contract given without a known kind or a valid address", function () {
    expect(() => parseContracts(`bill:${ADDRESS}`, 0)).to.throw(
      /--contracts: got "bill:0x7099.*", expected kind:address/,
    );
    expect(() => parseContracts("registry:0x1234", 0)).to.throw(/--contracts: got "registry:0x1234"/);
    expect(parseContracts(`treasuryBill:${ADDRESS.toLowerCase()}:bill`, 7)[0]).to.include({
      address: ADDRESS,
      name: "bill",
      kind: "treasuryBill",
      startBlock: 7,
    });
  });

  it("says which PostgreSQL server does not answer, without its password", async function () {
    const url = `postgres://indexer:secret@127.0.0.1:${await freePort()}/index`;
    const error = await expectOpsError(
      openStore(url),
      /^--db: cannot connect to PostgreSQL at postgres:\/\/indexer:\*\*\*@127\.0\.0\.1:\d+\/index /,
    );
    expect(error.message).not.to.include("secret");
  });

  for (const backend of BACKENDS) {
    describe(backend.name, function () {
      it("applies each migration once, and refuses a database newer than the indexer", async function () {
        const store = await newStore(backend);
        try {
          expect(await migrate(store)).to.deep.equal(MIGRATIONS.map((m) => m.version));
          expect(await migrate(store)).to.deep.equal([]);
          await store.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
            99,
            "future",
            "x",
          ]);
          await expectOpsError(
            migrate(store),
            /the database has schema version 99, this indexer knows up to \d+: update the toolkit$/,
          );
        } finally {
          await store.close();
        }
      });

      it("reads a range again when the chain changes while it reads it, writing nothing of it", async function () {
        const store = await newStore(backend);
        try {
          const token = await connection.ethers.deployContract("ERC20PlainMock");
          const [owner] = await connection.ethers.getSigners();
          await (await token.mint(owner.address, 5n)).wait();
          const head = await connection.ethers.provider.getBlockNumber();
          const honest = eip1193Rpc(connection.provider);
          let readsOfHead = 0;
          // The head's hash changes between the two reads of it that frame the range's logs.
          const changing: Rpc = async (method, params) => {
            const result = await honest(method, params);
            const ofHead = method === "eth_getBlockByNumber" && params[1] === false && Number(params[0]) === head;
            if (ofHead && ++readsOfHead === 2) return { ...(result as object), hash: `0x${"ab".repeat(32)}` };
            return result;
          };
          const start = head - 1;
          await prepareStore(store, chain, parseContracts(`regulatedToken:${await token.getAddress()}:plain`, start));
          const step = await indexStep(store, new Chain(changing), { rangeSize: 10 });
          expect(step).to.deep.equal({ kind: "retry", why: "a reorg while reading" });
          expect(await store.all("SELECT * FROM events")).to.deep.equal([]);
          expect((await readCursor(store))!.block).to.equal(start - 1);
          await indexToHead(store, chain);
          expect((await auditTrail(store)).map((e) => e.event)).to.deep.equal(["Transfer"]);
        } finally {
          await store.close();
        }
      });

      it("refuses another set of contracts, or another chain, than the database follows", async function () {
        const store = await newStore(backend);
        try {
          const token = await connection.ethers.deployContract("ERC20PlainMock");
          const address = await token.getAddress();
          await prepareStore(store, chain, parseContracts(`regulatedToken:${address}:cash`, 0));
          const other = parseContracts(`registry:${ADDRESS}`, 0);
          await expectOpsError(
            prepareStore(store, chain, other),
            /follows 1 other contract\(s\), not registry 0x7099.*: use another database/,
          );
          await store.run("UPDATE chain SET chain_id = 1");
          await expectOpsError(
            prepareStore(store, chain, []),
            /indexes chain 1, the node is on chain 31337: use another database$/,
          );
        } finally {
          await store.close();
        }
      });
    });
  }
});
