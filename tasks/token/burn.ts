import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { burn } from "../../src/ops/token.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  wallet: string | undefined;
  amount: string | undefined;
}

export default function tokenBurn(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token burn", (ctx) =>
    burn(ctx, required("wallet", args.wallet), required("amount", args.amount), operationOptions(args)),
  );
}
