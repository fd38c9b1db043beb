import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { recoverWallet } from "../../src/ops/token.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  lost: string | undefined;
  replacement: string | undefined;
}

export default function tokenRecover(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token recover", (ctx) =>
    recoverWallet(ctx, required("lost", args.lost), required("replacement", args.replacement), {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
    }),
  );
}
