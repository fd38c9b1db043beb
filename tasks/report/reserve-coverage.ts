import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { RESERVE_COVERAGE_COLUMNS, reserveCoverage } from "../../src/ops/instrument-reports.js";
import { report, withContext, type IssuanceArgs } from "../common.js";

interface Args extends IssuanceArgs {
  instrument: string | undefined;
  csv: string | undefined;
  json: string | undefined;
}

export default function reportReserveCoverage(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "report reserve-coverage", async (ctx) => {
    const coverage = await reserveCoverage(ctx, { instrument: args.instrument });
    await report(
      `Reserve coverage at ${coverage.time}`,
      RESERVE_COVERAGE_COLUMNS,
      coverage.rows,
      coverage,
      args,
      coverage.amounts,
    );
  });
}
