import path from "node:path";
import type { SolidityHooks } from "hardhat/types/hooks";
import { addElseArms, isMeasured, originalOffset } from "../arms.js";

/** The part of Hardhat's coverage manager (internal, pinned Hardhat version) this hook adjusts. */
interface StatementMetadata {
  relativePath: string;
  startUtf16: number;
  endUtf16: number;
}
interface CoverageManagerLike {
  filesMetadata: Map<string, Map<string, StatementMetadata>>;
}

const remapped = new WeakSet<StatementMetadata>();

export default async (): Promise<Partial<SolidityHooks>> => ({
  preprocessProjectFileBeforeBuilding: async (context, sourceName, fsPath, fileContent, solcVersion, next) => {
    if (!context.globalOptions.coverage || !isMeasured(sourceName)) {
      return next(context, sourceName, fsPath, fileContent, solcVersion);
    }
    const result = await next(context, sourceName, fsPath, addElseArms(fileContent), solcVersion);
    // Hardhat's own report reads the file from disk: give it offsets of the file, not of the
    // version with the added arms.
    const manager = (context as unknown as { _coverage?: CoverageManagerLike })._coverage;
    const statements = manager?.filesMetadata.get(path.relative(context.config.paths.root, fsPath));
    const toOriginal = originalOffset(fileContent);
    for (const statement of statements?.values() ?? []) {
      if (remapped.has(statement)) continue;
      statement.startUtf16 = toOriginal(statement.startUtf16);
      statement.endUtf16 = toOriginal(statement.endUtf16);
      remapped.add(statement);
    }
    return result;
  },
});
