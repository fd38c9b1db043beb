import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { redeemFor } from "../../src/ops/tbill.js";
import { withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  wallet: string | undefined;
}

export default function tbillRedeemFor(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "tbill redeem-for", async (ctx) => {
    const holders =
      args.wallet === undefined || args.wallet === "" ? undefined : args.wallet.split(",").map((s) => s.trim());
    await redeemFor(ctx, holders, { instrument: args.instrument, from: args.from, reason: args.reason });
  });
}
