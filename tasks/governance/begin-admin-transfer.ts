import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { beginAdminTransfer } from "../../src/ops/governance.js";
import { required, withContext } from "../common.js";
import { governanceOptions, type GovernanceArgs } from "./options.js";

export default function governanceBeginAdminTransfer(
  args: GovernanceArgs & { to: string | undefined },
  hre: HardhatRuntimeEnvironment,
) {
  return withContext(hre, args, "governance begin-admin-transfer", (ctx) =>
    beginAdminTransfer(ctx, required("to", args.to), governanceOptions(args)),
  );
}
