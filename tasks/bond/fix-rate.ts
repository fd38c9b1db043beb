import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fixCouponRate } from "../../src/ops/bond.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  period: string | undefined;
  rate: string | undefined;
}

export default function bondFixRate(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "bond fix-rate", async (ctx) => {
    await fixCouponRate(ctx, required("period", args.period), required("rate", args.rate), {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
    });
  });
}
