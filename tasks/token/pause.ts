import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setPaused } from "../../src/ops/token.js";
import { operationOptions, withContext, type InstrumentArgs } from "../common.js";

type Args = InstrumentArgs;

export default function tokenPause(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token pause", (ctx) => setPaused(ctx, true, operationOptions(args)));
}
