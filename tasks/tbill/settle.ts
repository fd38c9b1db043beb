import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { settleAllotments } from "../../src/ops/tbill.js";
import { withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  ids: string | undefined;
}

export default function tbillSettle(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "tbill settle", async (ctx) => {
    const ids = args.ids === undefined || args.ids === "" ? undefined : args.ids.split(",").map((s) => s.trim());
    await settleAllotments(ctx, ids, { instrument: args.instrument, from: args.from, reason: args.reason });
  });
}
