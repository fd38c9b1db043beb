import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { freeze } from "../../src/ops/token.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  wallet: string | undefined;
  amount: string | undefined;
}

export default function tokenFreeze(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token freeze", (ctx) =>
    freeze(ctx, required("wallet", args.wallet), args.amount, operationOptions(args)),
  );
}
