import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { indexedBlock } from "../../src/indexer/queries.js";
import { checkAgainstChain, compareRegister, instrumentIn, readRegister } from "../../src/indexer/reconcile.js";
import { databaseTarget } from "../../src/indexer/run.js";
import { openStore, storeExists } from "../../src/indexer/store.js";
import { migrate } from "../../src/indexer/schema.js";
import { OpsError } from "../../src/ops/errors.js";
import { required, runOps } from "../common.js";
import { chainSource } from "./source.js";

interface Args {
  rpc: string | undefined;
  db: string | undefined;
  instrument: string | undefined;
  register: string | undefined;
  block: number;
}

export default function indexerReconcile(args: Args, hre: HardhatRuntimeEnvironment) {
  return runOps(hre, async () => {
    const name = required("instrument", args.instrument);
    const source = await chainSource(hre, args.rpc);
    try {
      const target = databaseTarget(args.db, hre.config.paths.root, source.name);
      if (!storeExists(target)) throw new OpsError(`--db: ${target} does not exist: run \`indexer run\` first`);
      const store = await openStore(target);
      try {
        await migrate(store);
        const instrument = await instrumentIn(store, name);
        const last = await indexedBlock(store);
        if (args.block > last)
          throw new OpsError(`--block: got ${args.block}, the database is indexed up to block ${last}`);
        const block = args.block >= 0 ? args.block : last;
        const register =
          args.register === undefined ? undefined : await readRegister(args.register, instrument.decimals);
        const differences = [
          ...(await checkAgainstChain(store, source.chain, instrument.address, block)),
          ...(register === undefined
            ? []
            : (await compareRegister(store, instrument.address, register, block)).map((d) => d.text)),
        ];
        const against = register === undefined ? "the chain" : `the chain and ${args.register}`;
        console.log(
          `Reconciliation of ${instrument.name} (${instrument.symbol}) at block ${block} against ${against}:`,
        );
        for (const line of differences) console.log(`  ${line}`);
        if (differences.length > 0) {
          throw new OpsError(
            `${differences.length} difference(s) between the index of ${instrument.name} and ${against}`,
          );
        }
        console.log(
          `  no difference: each balance, Σ balances = totalSupply and the coupon books agree with ${against}`,
        );
      } finally {
        await store.close();
      }
    } finally {
      await source.close();
    }
  });
}
