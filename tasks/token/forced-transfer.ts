import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { forcedTransfer } from "../../src/ops/token.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  wallet: string | undefined;
  to: string | undefined;
  amount: string | undefined;
}

export default function tokenForcedTransfer(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token forced-transfer", (ctx) =>
    forcedTransfer(ctx, required("wallet", args.wallet), required("to", args.to), required("amount", args.amount), {
      ...operationOptions(args),
      reason: required("reason", args.reason),
    }),
  );
}
