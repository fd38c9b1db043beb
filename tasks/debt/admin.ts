/** Issuer and admin tasks of the debt instruments (`tbill …`, `bond …`): one implementation, src/ops/debt.ts. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { cancelAllotment, setTreasury, type DebtKind } from "../../src/ops/debt.js";
import { operationOptions, required, withContext, type InstrumentArgs } from "../common.js";

type Args = InstrumentArgs;

/** The action of `<group> cancel`, on instruments of `kind`. */
export function cancelAction(task: string, kind: DebtKind) {
  return (args: Args & { allotment: string | undefined }, hre: HardhatRuntimeEnvironment) =>
    withContext(hre, args, task, async (ctx) => {
      await cancelAllotment(ctx, required("allotment", args.allotment), { ...operationOptions(args), kind });
    });
}

/** The action of `<group> set-treasury`, on instruments of `kind`. */
export function setTreasuryAction(task: string, kind: DebtKind) {
  return (args: Args & { treasury: string | undefined; salt: string | undefined }, hre: HardhatRuntimeEnvironment) =>
    withContext(hre, args, task, async (ctx) => {
      await setTreasury(ctx, required("treasury", args.treasury), { ...operationOptions(args), salt: args.salt, kind });
    });
}
