import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setReserveFeed } from "../../src/ops/commodity.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  feed: string | undefined;
  salt: string | undefined;
}

export default function commoditySetFeed(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "commodity set-feed", (ctx) =>
    setReserveFeed(ctx, required("feed", args.feed), { ...operationOptions(args), salt: args.salt }),
  );
}
