import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { AUDIT_COLUMNS, auditRow, auditTrail } from "../../src/ops/reports.js";
import { report, withContext, type IssuanceArgs } from "../common.js";

interface Args extends IssuanceArgs {
  fromBlock: number;
  toBlock: number;
  csv: string | undefined;
  json: string | undefined;
}

export default function reportAuditTrail(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "report audit-trail", async (ctx) => {
    const events = await auditTrail(ctx, { fromBlock: args.fromBlock, toBlock: args.toBlock });
    await report(
      `Audit trail of "${ctx.record.name}": ${events.length} event(s)`,
      AUDIT_COLUMNS,
      events.map(auditRow),
      events,
      args,
    );
  });
}
