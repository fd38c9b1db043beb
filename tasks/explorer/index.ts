/** The explorer's task: `explorer serve` shows an index (SQLite file or PostgreSQL) as web pages on 127.0.0.1. */
import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import { mandatory } from "../options.js";

export const explorerTasks = [
  emptyTask("explorer", "Web pages of an index: issuances, terms, holders as of any block, audit trail").build(),
  task(["explorer", "serve"], "Serve the explorer of an index on 127.0.0.1 (read-only) until stopped (Ctrl-C)")
    .addOption(mandatory("db", "The index: a SQLite file or a postgres:// URL, as `indexer run` wrote it"))
    .addOption({
      name: "port",
      description: "Port on 127.0.0.1 (0: a free one)",
      type: ArgumentType.INT,
      defaultValue: 0,
    })
    .setAction(() => import("./serve.js"))
    .build(),
];
