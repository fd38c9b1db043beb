import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fulfilRedemption } from "../../src/ops/commodity.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  id: string | undefined;
}

export default function commodityFulfil(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "commodity fulfil", async (ctx) => {
    await fulfilRedemption(ctx, required("id", args.id), {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
    });
  });
}
