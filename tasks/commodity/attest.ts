import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { attestReserves } from "../../src/ops/commodity.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  reserves: string | undefined;
  asOf: string | undefined;
  reportHash: string | undefined;
  uri: string | undefined;
}

export default function commodityAttest(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "commodity attest", async (ctx) => {
    await attestReserves(
      ctx,
      {
        reserves: required("reserves", args.reserves),
        asOf: required("as-of", args.asOf),
        reportHash: required("report-hash", args.reportHash),
        uri: required("uri", args.uri),
      },
      operationOptions(args),
    );
  });
}
