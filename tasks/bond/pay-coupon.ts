import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { payCoupon, readHolderFile } from "../../src/ops/bond.js";
import { OpsError } from "../../src/ops/errors.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  period: string | undefined;
  holders: string | undefined;
  file: string | undefined;
  page: number;
}

export default function bondPayCoupon(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "bond pay-coupon", async (ctx) => {
    const period = required("period", args.period);
    if (args.holders && args.file) throw new OpsError("--holders and --file: give one of them, not both");
    const holders = args.file
      ? await readHolderFile(args.file)
      : args.holders
        ? args.holders.split(",").map((s) => s.trim())
        : undefined;
    await payCoupon(ctx, period, holders, { ...operationOptions(args), page: args.page });
  });
}
