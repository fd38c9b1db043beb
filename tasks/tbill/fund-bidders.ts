import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fundBidders } from "../../scripts/lib/local-test-dollar.js";
import { required, withContext, type IssuanceArgs } from "../common.js";

export default function tbillFundBidders(
  args: IssuanceArgs & { instrument: string | undefined; bids: string | undefined },
  hre: HardhatRuntimeEnvironment,
) {
  return withContext(hre, args, "tbill fund-bidders", async (ctx) => {
    await fundBidders(ctx, required("bids", args.bids), { instrument: args.instrument });
  });
}
