import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { rollbackAdminDelay } from "../../src/ops/governance.js";
import { withContext } from "../common.js";
import { governanceOptions, type GovernanceArgs } from "./options.js";

export default function governanceRollbackAdminDelay(args: GovernanceArgs, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "governance rollback-admin-delay", (ctx) =>
    rollbackAdminDelay(ctx, governanceOptions(args)),
  );
}
