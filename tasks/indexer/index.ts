/**
 * The indexer's tasks: `indexer run` follows deployments into a database (SQLite file or
 * PostgreSQL), `indexer reconcile` compares what it indexed with the chain and an off-chain register.
 */
import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import { mandatory, optional } from "../options.js";

const rpc = () => optional("rpc", "Read the chain at this JSON-RPC URL (read-only, no key) instead of --network");
const db = () =>
  optional(
    "db",
    "The database: a SQLite file, or a postgres:// URL (default: DATABASE_URL, else indexer/<network>.sqlite)",
  );

export const indexerTasks = [
  emptyTask("indexer", "Index deployments into a database (SQLite or PostgreSQL) and reconcile it").build(),
  task(["indexer", "run"], "Index the events and state of deployments, resuming where the database stopped")
    .addOption(rpc())
    .addOption(optional("deployment", "Deployment record file(s) (deployments/<network>/<name>.json), comma-separated"))
    .addOption(optional("contracts", "Contracts by address, as kind:address[:name], comma-separated"))
    .addOption({
      name: "fromBlock",
      description: "First block for --contracts",
      type: ArgumentType.INT,
      defaultValue: 0,
    })
    .addOption(db())
    .addOption({
      name: "confirmations",
      description:
        "Blocks the head must be ahead of a block before it is indexed (-1: 0 on a local chain, 12 elsewhere)",
      type: ArgumentType.INT,
      defaultValue: -1,
    })
    .addOption({
      name: "range",
      description: "Blocks per request and transaction",
      type: ArgumentType.INT,
      defaultValue: 2000,
    })
    .addFlag({ name: "follow", description: "Keep following the chain's head until stopped (Ctrl-C)" })
    .addOption({
      name: "poll",
      description: "Seconds between polls with --follow",
      type: ArgumentType.INT,
      defaultValue: 5,
    })
    .setAction(() => import("./run.js"))
    .build(),
  task(["indexer", "reconcile"], "Compare the index with the chain at a block, and with an off-chain register CSV")
    .addOption(rpc())
    .addOption(db())
    .addOption(mandatory("instrument", "The instrument: its id in the manifest, or its address"))
    .addOption(optional("register", "Off-chain register: CSV with columns wallet,amount (tokens)"))
    .addOption({
      name: "block",
      description: "Block (default: the last indexed)",
      type: ArgumentType.INT,
      defaultValue: -1,
    })
    .setAction(() => import("./reconcile.js"))
    .build(),
];
