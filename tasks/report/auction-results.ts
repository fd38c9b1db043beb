import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { AUCTION_RESULT_COLUMNS, auctionResults } from "../../src/ops/instrument-reports.js";
import { groupThousands } from "../../src/ops/units.js";
import { report, withContext, type IssuanceArgs } from "../common.js";

interface Args extends IssuanceArgs {
  instrument: string | undefined;
  csv: string | undefined;
  json: string | undefined;
}

export default function reportAuctionResults(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "report auction-results", async (ctx) => {
    const results = await auctionResults(ctx, { instrument: args.instrument });
    const bills = (amount: string) => `${groupThousands(amount)} ${results.symbol}`;
    const money = (amount: string) => `${groupThousands(amount)} ${results.currency}`;
    const summary = results.auctions
      .map(
        (a) =>
          `${a.auction}: ${bills(a.allotted)} allotted, ${bills(a.settled)} settled, ${bills(a.pending)} pending, ` +
          `proceeds ${money(a.proceeds)}`,
      )
      .join("; ");
    await report(
      `Auction results of ${results.instrument} (ISIN ${results.isin}, face value ${money(results.faceValue)}): ${summary || "no auction"}`,
      AUCTION_RESULT_COLUMNS,
      results.rows,
      results,
      args,
      results.amounts,
    );
  });
}
