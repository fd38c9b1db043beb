import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fundCoupon } from "../../src/ops/bond.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  period: string | undefined;
}

export default function bondFundCoupon(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "bond fund-coupon", async (ctx) => {
    await fundCoupon(ctx, required("period", args.period), operationOptions(args));
  });
}
