import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { unfreeze } from "../../src/ops/token.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  wallet: string | undefined;
  amount: string | undefined;
}

export default function tokenUnfreeze(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token unfreeze", (ctx) =>
    unfreeze(ctx, required("wallet", args.wallet), args.amount, operationOptions(args)),
  );
}
