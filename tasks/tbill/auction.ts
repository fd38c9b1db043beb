import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { formatTable } from "../../src/ops/output.js";
import { ALLOTMENT_COLUMNS, runAuction, type AuctionOptions } from "../../src/ops/tbill.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  bids: string | undefined;
  offer: string | undefined;
  method: string;
  maxYield: string | undefined;
  auctionId: string | undefined;
  dryRun: boolean;
}

export default function tbillAuction(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "tbill auction", async (ctx) => {
    const outcome = await runAuction(ctx, required("bids", args.bids), required("offer", args.offer), {
      ...operationOptions(args),
      method: args.method as NonNullable<AuctionOptions["method"]>,
      maxYield: args.maxYield,
      auctionId: args.auctionId,
      dryRun: args.dryRun,
    });
    for (const line of formatTable(ALLOTMENT_COLUMNS, outcome.rows, outcome.amounts)) console.log(line);
  });
}
