import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { OpsError } from "../../src/ops/errors.js";
import { mint, mintFromFile } from "../../src/ops/token.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  to: string | undefined;
  amount: string | undefined;
  file: string | undefined;
  chunk: number;
  dryRun: boolean;
}

export default function tokenMint(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token mint", async (ctx) => {
    const options = { instrument: args.instrument, from: args.from, reason: args.reason };
    if (args.file !== undefined) {
      if (args.to !== undefined || args.amount !== undefined)
        throw new OpsError("give either --file or --to and --amount");
      await mintFromFile(ctx, args.file, { ...options, chunk: args.chunk, dryRun: args.dryRun });
    } else {
      await mint(ctx, required("to", args.to), required("amount", args.amount), options);
    }
  });
}
