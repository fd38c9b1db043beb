/** The redemption tasks of the debt instruments (`tbill …`, `bond …`): one implementation, src/ops/debt.ts. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fundRedemption, redeemFor, sweepRedemptionSurplus, type DebtKind } from "../../src/ops/debt.js";
import { operationOptions, withContext, type InstrumentArgs } from "../common.js";

type Args = InstrumentArgs;

/** The action of `<group> fund-redemption`, on instruments of `kind`. */
export function fundRedemptionAction(task: string, kind: DebtKind) {
  return (args: Args, hre: HardhatRuntimeEnvironment) =>
    withContext(hre, args, task, async (ctx) => {
      await fundRedemption(ctx, { ...operationOptions(args), kind });
    });
}

/** The action of `<group> sweep-redemption`, on instruments of `kind`. */
export function sweepRedemptionAction(task: string, kind: DebtKind) {
  return (args: Args, hre: HardhatRuntimeEnvironment) =>
    withContext(hre, args, task, async (ctx) => {
      await sweepRedemptionSurplus(ctx, { ...operationOptions(args), kind });
    });
}

/** The action of `<group> redeem-for`, on instruments of `kind`. */
export function redeemForAction(task: string, kind: DebtKind) {
  return (args: Args & { wallet: string | undefined }, hre: HardhatRuntimeEnvironment) =>
    withContext(hre, args, task, async (ctx) => {
      const holders =
        args.wallet === undefined || args.wallet === "" ? undefined : args.wallet.split(",").map((s) => s.trim());
      await redeemFor(ctx, holders, { ...operationOptions(args), kind });
    });
}
