import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { AUCTION_RESULT_COLUMNS, auctionResults } from "../../src/ops/instrument-reports.js";
import { report, withContext, type IssuanceArgs } from "../common.js";

interface Args extends IssuanceArgs {
  instrument: string | undefined;
  csv: string | undefined;
  json: string | undefined;
}

export default function reportAuctionResults(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "report auction-results", async (ctx) => {
    const results = await auctionResults(ctx, { instrument: args.instrument });
    const summary = results.auctions
      .map(
        (a) =>
          `${a.auction}: ${a.allotted} allotted, ${a.settled} settled, ${a.pending} pending, proceeds ${a.proceeds}`,
      )
      .join("; ");
    await report(
      `Auction results of ${results.instrument} (ISIN ${results.isin}, face value ${results.faceValue}): ${summary || "no auction"}`,
      AUCTION_RESULT_COLUMNS,
      results.rows,
      results,
      args,
    );
  });
}
