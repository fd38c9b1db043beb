import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { settleAllotments } from "../../src/ops/tbill.js";
import { operationOptions, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  ids: string | undefined;
}

export default function tbillSettle(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "tbill settle", async (ctx) => {
    const ids = args.ids === undefined || args.ids === "" ? undefined : args.ids.split(",").map((s) => s.trim());
    await settleAllotments(ctx, ids, operationOptions(args));
  });
}
