import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { importInvestors } from "../../src/ops/investors.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  file: string | undefined;
  dryRun: boolean;
  chunk: number;
}

export default function investorsImport(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "investors import", async (ctx) => {
    const result = await importInvestors(ctx, required("file", args.file), {
      dryRun: args.dryRun,
      chunk: args.chunk,
      from: args.from,
      reason: args.reason,
    });
    if (!args.dryRun) ctx.out(`${result.transactions} transaction(s) sent`);
  });
}
