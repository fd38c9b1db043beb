import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { changeAdminDelay } from "../../src/ops/governance.js";
import { required, withContext } from "../common.js";
import { governanceOptions, type GovernanceArgs } from "./options.js";

export default function governanceChangeAdminDelay(
  args: GovernanceArgs & { delay: string | undefined },
  hre: HardhatRuntimeEnvironment,
) {
  return withContext(hre, args, "governance change-admin-delay", (ctx) =>
    changeAdminDelay(ctx, required("delay", args.delay), governanceOptions(args)),
  );
}
