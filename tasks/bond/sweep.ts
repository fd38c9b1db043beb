import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { sweepUnclaimed } from "../../src/ops/bond.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  period: string | undefined;
}

export default function bondSweep(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "bond sweep", async (ctx) => {
    await sweepUnclaimed(ctx, required("period", args.period), {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
    });
  });
}
