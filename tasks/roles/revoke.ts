import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { changeRole } from "../../src/ops/roles.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  contract: string | undefined;
  role: string | undefined;
  account: string | undefined;
  salt: string | undefined;
}

export default function rolesRevoke(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "roles revoke", (ctx) =>
    changeRole(
      ctx,
      required("contract", args.contract),
      required("role", args.role),
      required("account", args.account),
      false,
      { from: args.from, salt: args.salt, reason: args.reason },
    ),
  );
}
