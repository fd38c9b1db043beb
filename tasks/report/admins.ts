import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { ADMINS_COLUMNS, adminsReport } from "../../src/ops/governance.js";
import { report, withContext, type IssuanceArgs } from "../common.js";

interface Args extends IssuanceArgs {
  contract: string | undefined;
  csv: string | undefined;
  json: string | undefined;
}

export default function reportAdmins(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "report admins", async (ctx) => {
    const table = await adminsReport(ctx, { contract: args.contract });
    await report(
      `Admins of "${ctx.record.name}" at block ${table.block} (${table.time}); delays in seconds`,
      ADMINS_COLUMNS,
      table.rows,
      table,
      args,
    );
  });
}
