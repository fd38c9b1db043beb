import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { burn } from "../../src/ops/token.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  wallet: string | undefined;
  amount: string | undefined;
}

export default function tokenBurn(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token burn", (ctx) =>
    burn(ctx, required("wallet", args.wallet), required("amount", args.amount), {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
    }),
  );
}
