import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { DOCUMENT_COLUMNS, documentsReport } from "../../src/ops/documents.js";
import { report, withContext, type IssuanceArgs } from "../common.js";

interface Args extends IssuanceArgs {
  instrument: string | undefined;
  csv: string | undefined;
  json: string | undefined;
}

export default function documentsList(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "report documents", async (ctx) => {
    const rows = await documentsReport(ctx, args.instrument);
    const title = `Documents of "${ctx.record.name}" (DocumentRegistry ${ctx.record.documentRegistry}); hashes are SHA-256`;
    await report(title, DOCUMENT_COLUMNS, rows, rows, args);
  });
}
