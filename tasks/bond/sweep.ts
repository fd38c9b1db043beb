import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { sweepUnclaimed } from "../../src/ops/bond.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  period: string | undefined;
}

export default function bondSweep(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "bond sweep", async (ctx) => {
    await sweepUnclaimed(ctx, required("period", args.period), operationOptions(args));
  });
}
