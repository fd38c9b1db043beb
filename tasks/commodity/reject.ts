import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { rejectRedemption } from "../../src/ops/commodity.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  id: string | undefined;
}

export default function commodityReject(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "commodity reject", async (ctx) => {
    await rejectRedemption(ctx, required("id", args.id), {
      instrument: args.instrument,
      from: args.from,
      reason: required("reason", args.reason),
    });
  });
}
