import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { recoverWallet } from "../../src/ops/token.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  lost: string | undefined;
  replacement: string | undefined;
}

export default function tokenRecover(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token recover", (ctx) =>
    recoverWallet(ctx, required("lost", args.lost), required("replacement", args.replacement), operationOptions(args)),
  );
}
