import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { acceptAdmin } from "../../src/ops/governance.js";
import { withContext, type SendingArgs } from "../common.js";

export default function governanceAcceptAdmin(args: SendingArgs, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "governance accept-admin", (ctx) =>
    acceptAdmin(ctx, { from: args.from, reason: args.reason }),
  );
}
