import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { openIndex } from "../../src/explorer/open.js";
import { startExplorer } from "../../src/explorer/server.js";
import { OpsError } from "../../src/ops/errors.js";
import { required, runOps } from "../common.js";

interface Args {
  db: string | undefined;
  port: number;
}

/** Serves until SIGINT or SIGTERM, then stops the server and closes the index. */
export default function explorerServe(args: Args, hre: HardhatRuntimeEnvironment) {
  return runOps(hre, async () => {
    const target = required("db", args.db);
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65_535)
      throw new OpsError(`--port: got ${args.port}, expected 0 to 65535`);
    const store = await openIndex(target);
    try {
      const explorer = await startExplorer({ store, port: args.port });
      console.log(`Explorer of ${store.where} at ${explorer.url} (read-only; Ctrl-C stops it)`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await explorer.close();
    } finally {
      await store.close();
    }
  });
}
