import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { CAP_TABLE_COLUMNS, capTable } from "../../src/ops/reports.js";
import { groupThousands } from "../../src/ops/units.js";
import { report, withContext, type IssuanceArgs } from "../common.js";

interface Args extends IssuanceArgs {
  instrument: string | undefined;
  block: number;
  csv: string | undefined;
  json: string | undefined;
}

export default function reportCapTable(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "report cap-table", async (ctx) => {
    const table = await capTable(ctx, { instrument: args.instrument, block: args.block });
    await report(
      `Cap table of ${table.instrument} (${table.symbol}) at block ${table.block} (${table.time}): ` +
        `supply ${groupThousands(table.totalSupply)} ${table.symbol}, ${table.holders} holder(s)`,
      CAP_TABLE_COLUMNS,
      table.rows,
      table,
      args,
      table.amounts,
    );
  });
}
