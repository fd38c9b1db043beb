import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setRolloverPrice } from "../../src/ops/tbill.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  matured: string | undefined;
  price: string | undefined;
  close: boolean;
}

export default function tbillRolloverPrice(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "tbill rollover-price", async (ctx) => {
    await setRolloverPrice(ctx, required("matured", args.matured), args.price, {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
      close: args.close,
    });
  });
}
