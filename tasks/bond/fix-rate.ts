import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fixCouponRate } from "../../src/ops/bond.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  period: string | undefined;
  rate: string | undefined;
}

export default function bondFixRate(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "bond fix-rate", async (ctx) => {
    await fixCouponRate(ctx, required("period", args.period), required("rate", args.rate), operationOptions(args));
  });
}
