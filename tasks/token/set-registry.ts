import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setRegistry } from "../../src/ops/token.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  instrument: string | undefined;
  registry: string | undefined;
  salt: string | undefined;
}

export default function tokenSetRegistry(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "token set-registry", (ctx) =>
    setRegistry(ctx, required("registry", args.registry), {
      instrument: args.instrument,
      from: args.from,
      reason: args.reason,
      salt: args.salt,
    }),
  );
}
