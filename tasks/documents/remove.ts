import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { removeDocument } from "../../src/ops/documents.js";
import { required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  name: string | undefined;
}

export default function documentsRemove(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "documents remove", async (ctx) => {
    const document = { instrument: args.instrument, name: required("name", args.name) };
    await removeDocument(ctx, document, { from: args.from, reason: args.reason });
  });
}
