import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setDocument } from "../../src/ops/documents.js";
import { required, withContext, type InstrumentArgs } from "../common.js";

interface Args extends InstrumentArgs {
  name: string | undefined;
  uri: string | undefined;
  hash: string | undefined;
}

export default function documentsSet(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "documents set", async (ctx) => {
    const document = {
      instrument: args.instrument,
      name: required("name", args.name),
      uri: required("uri", args.uri),
      hash: required("hash", args.hash),
    };
    await setDocument(ctx, document, { from: args.from, reason: args.reason });
  });
}
