import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { databaseTarget, followedOf, runIndexer } from "../../src/indexer/run.js";
import { OpsError } from "../../src/ops/errors.js";
import { runOps } from "../common.js";
import { chainSource } from "./source.js";

interface Args {
  rpc: string | undefined;
  deployment: string | undefined;
  contracts: string | undefined;
  fromBlock: number;
  db: string | undefined;
  confirmations: number;
  range: number;
  follow: boolean;
  poll: number;
}

export default function indexerRun(args: Args, hre: HardhatRuntimeEnvironment) {
  return runOps(hre, async () => {
    if (!Number.isSafeInteger(args.range) || args.range < 1) {
      throw new OpsError(`--range: got ${args.range}, expected a number of blocks, at least 1`);
    }
    if (args.follow && args.poll < 1) throw new OpsError(`--poll: got ${args.poll}, expected seconds, at least 1`);
    const followed = await followedOf(args);
    const source = await chainSource(hre, args.rpc);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    try {
      const confirmations = args.confirmations >= 0 ? args.confirmations : source.local ? 0 : 12;
      const target = databaseTarget(args.db, hre.config.paths.root, source.name);
      if (args.follow) {
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
      }
      await runIndexer(target, source.chain, followed, {
        confirmations,
        rangeSize: args.range,
        follow: args.follow ? { pollMs: args.poll * 1000, signal: stop.signal } : undefined,
        out: console.log,
      });
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await source.close();
    }
  });
}
