/** `tbill fund-treasury` and `bond fund-treasury`: the test dollar of a local rehearsal, minted to the treasury wallet. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fundTreasury } from "../../scripts/lib/local-test-dollar.js";
import type { DebtKind } from "../../src/ops/debt.js";
import { required, withContext, type IssuanceArgs } from "../common.js";

/** The action of `<group> fund-treasury`, on instruments of `kind`. */
export function fundTreasuryAction(task: string, kind: DebtKind) {
  return (
    args: IssuanceArgs & { instrument: string | undefined; amount: string | undefined },
    hre: HardhatRuntimeEnvironment,
  ) =>
    withContext(hre, args, task, async (ctx) => {
      await fundTreasury(ctx, required("amount", args.amount), { instrument: args.instrument, kind });
    });
}
