import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { rejectRedemption } from "../../src/ops/commodity.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  id: string | undefined;
}

export default function commodityReject(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "commodity reject", async (ctx) => {
    await rejectRedemption(ctx, required("id", args.id), {
      ...operationOptions(args),
      reason: required("reason", args.reason),
    });
  });
}
