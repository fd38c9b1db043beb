import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fundRedemption } from "../../src/ops/tbill.js";
import { withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
}

export default function tbillFundRedemption(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "tbill fund-redemption", async (ctx) => {
    await fundRedemption(ctx, { instrument: args.instrument, from: args.from, reason: args.reason });
  });
}
