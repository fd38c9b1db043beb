import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fulfilRedemption } from "../../src/ops/commodity.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  id: string | undefined;
}

export default function commodityFulfil(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "commodity fulfil", async (ctx) => {
    await fulfilRedemption(ctx, required("id", args.id), operationOptions(args));
  });
}
