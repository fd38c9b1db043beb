import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setPaused } from "../../src/ops/token.js";
import { withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
}

export default function tokenPause(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token pause", (ctx) =>
    setPaused(ctx, true, { instrument: args.instrument, from: args.from, reason: args.reason }),
  );
}
