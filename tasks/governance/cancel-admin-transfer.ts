import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { cancelAdminTransfer } from "../../src/ops/governance.js";
import { withContext } from "../common.js";
import { governanceOptions, type GovernanceArgs } from "./options.js";

export default function governanceCancelAdminTransfer(args: GovernanceArgs, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "governance cancel-admin-transfer", (ctx) =>
    cancelAdminTransfer(ctx, governanceOptions(args)),
  );
}
