import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { OpsError } from "../../src/ops/errors.js";
import { mint, mintFromFile } from "../../src/ops/token.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  to: string | undefined;
  amount: string | undefined;
  file: string | undefined;
  chunk: number;
  dryRun: boolean;
}

export default function tokenMint(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token mint", async (ctx) => {
    const options = operationOptions(args);
    if (args.file !== undefined) {
      if (args.to !== undefined || args.amount !== undefined)
        throw new OpsError("give either --file or --to and --amount");
      await mintFromFile(ctx, args.file, { ...options, chunk: args.chunk, dryRun: args.dryRun });
    } else {
      await mint(ctx, required("to", args.to), required("amount", args.amount), options);
    }
  });
}
