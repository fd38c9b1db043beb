import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { unfreeze } from "../../src/ops/token.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  wallet: string | undefined;
  amount: string | undefined;
}

export default function tokenUnfreeze(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token unfreeze", (ctx) =>
    unfreeze(ctx, required("wallet", args.wallet), args.amount, {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
    }),
  );
}
