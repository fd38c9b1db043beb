import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setPaused } from "../../src/ops/token.js";
import { operationOptions, withContext, type InstrumentArgs } from "../common.js";

type Args = InstrumentArgs;

export default function tokenUnpause(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token unpause", (ctx) => setPaused(ctx, false, operationOptions(args)));
}
