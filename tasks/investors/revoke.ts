import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { revokeInvestors } from "../../src/ops/investors.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  wallet: string | undefined;
}

export default function investorsRevoke(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "investors revoke", async (ctx) => {
    const wallets = required("wallet", args.wallet)
      .split(",")
      .map((w) => w.trim());
    await revokeInvestors(ctx, wallets, { from: args.from, reason: args.reason });
  });
}
