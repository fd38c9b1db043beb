import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setRolloverPrice } from "../../src/ops/tbill-rollover.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  matured: string | undefined;
  price: string | undefined;
  close: boolean;
}

export default function tbillRolloverPrice(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "tbill rollover-price", async (ctx) => {
    await setRolloverPrice(ctx, required("matured", args.matured), args.price, {
      ...operationOptions(args),
      close: args.close,
    });
  });
}
