import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { COUPON_FLOW_COLUMNS, COUPON_SCHEDULE_COLUMNS, couponReport } from "../../src/ops/instrument-reports.js";
import { report, withContext, type IssuanceArgs } from "../common.js";

interface Args extends IssuanceArgs {
  instrument: string | undefined;
  holder: string | undefined;
  csv: string | undefined;
  json: string | undefined;
}

/** The schedule, then the holders' cash flows; `--csv file.csv` writes `file.csv` and `file-holders.csv`. */
export default function reportCoupons(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "report coupons", async (ctx) => {
    const coupons = await couponReport(ctx, { instrument: args.instrument, holder: args.holder });
    const name = coupons.payment === "rental" ? "Rental" : "Coupon";
    await report(
      `${name} schedule of ${coupons.instrument} (ISIN ${coupons.isin}) at ${coupons.time}` +
        (coupons.accruedPer100 === "" ? "" : `, accrued interest ${coupons.accruedPer100} per 100`),
      COUPON_SCHEDULE_COLUMNS,
      coupons.schedule,
      coupons,
      args,
      coupons.amounts,
    );
    await report(
      `${name} cash flows per holder${args.holder ? ` (${args.holder})` : ""}, record dates passed`,
      COUPON_FLOW_COLUMNS,
      coupons.flows,
      undefined,
      { csv: args.csv?.replace(/(\.csv)?$/i, "-holders.csv"), json: undefined },
      coupons.amounts,
    );
  });
}
