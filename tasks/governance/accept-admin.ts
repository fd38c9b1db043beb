import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { acceptAdmin } from "../../src/ops/governance.js";
import { withContext } from "../common.js";
import { governanceOptions, type GovernanceArgs } from "./options.js";

export default function governanceAcceptAdmin(args: GovernanceArgs, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "governance accept-admin", (ctx) => acceptAdmin(ctx, governanceOptions(args)));
}
