import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setRegistry } from "../../src/ops/token-settings.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  registry: string | undefined;
  salt: string | undefined;
}

export default function tokenSetRegistry(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token set-registry", (ctx) =>
    setRegistry(ctx, required("registry", args.registry), { ...operationOptions(args), salt: args.salt }),
  );
}
