import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { applyPolicy } from "../../src/ops/token-settings.js";
import { operationOptions, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  dryRun: boolean;
}

export default function tokenPolicy(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token policy", (ctx) =>
    applyPolicy(ctx, { ...operationOptions(args), dryRun: args.dryRun }),
  );
}
