import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setPaused } from "../../src/ops/token.js";
import { withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
}

export default function tokenUnpause(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token unpause", (ctx) =>
    setPaused(ctx, false, { instrument: args.instrument, from: args.from, reason: args.reason }),
  );
}
