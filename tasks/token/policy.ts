import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { applyPolicy } from "../../src/ops/token.js";
import { withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  dryRun: boolean;
}

export default function tokenPolicy(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token policy", (ctx) =>
    applyPolicy(ctx, { instrument: args.instrument, from: args.from, reason: args.reason, dryRun: args.dryRun }),
  );
}
