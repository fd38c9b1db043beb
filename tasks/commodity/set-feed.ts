import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setReserveFeed } from "../../src/ops/commodity.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  feed: string | undefined;
  salt: string | undefined;
}

export default function commoditySetFeed(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "commodity set-feed", (ctx) =>
    setReserveFeed(ctx, required("feed", args.feed), {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
      salt: args.salt,
    }),
  );
}
