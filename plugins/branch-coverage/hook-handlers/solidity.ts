import path from "node:path";
import type { SolidityHooks } from "hardhat/types/hooks";
import { addElseArms, armTagsOf, isMeasured, originalOffset } from "../arms.js";
import { writeArmsFile } from "../arms-file.js";

/** The part of Hardhat's coverage manager (internal, pinned Hardhat version) this hook adjusts. */
interface StatementMetadata {
  relativePath: string;
  tag: string;
  startUtf16: number;
  endUtf16: number;
}
interface CoverageManagerLike {
  filesMetadata: Map<string, Map<string, StatementMetadata>>;
}

const remapped = new WeakSet<StatementMetadata>();
/** Sources whose arms this process has written (every compilation job that includes a file preprocesses it). */
const recorded = new Set<string>();

export default async (): Promise<Partial<SolidityHooks>> => ({
  preprocessProjectFileBeforeBuilding: async (context, sourceName, fsPath, fileContent, solcVersion, next) => {
    if (!context.globalOptions.coverage || !isMeasured(sourceName)) {
      return next(context, sourceName, fsPath, fileContent, solcVersion);
    }
    const armed = addElseArms(fileContent);
    const result = await next(context, sourceName, fsPath, armed, solcVersion);
    const manager = (context as unknown as { _coverage?: CoverageManagerLike })._coverage;
    const file = path.relative(context.config.paths.root, fsPath);
    const statements = manager?.filesMetadata.get(file);
    if (statements === undefined) return result;
    // The arms, from the statements' offsets in the instrumented (armed) source, before they are
    // remapped below: scripts/coverage/report.ts reads which of their tags the tests hit.
    if (!recorded.has(file)) {
      recorded.add(file);
      let arms;
      try {
        arms = armTagsOf(armed, statements.values());
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
      }
      await writeArmsFile(context.config.paths.root, file, fileContent, arms);
    }
    // Hardhat's own report reads the file from disk: give it offsets of the file, not of the
    // version with the added arms.
    const toOriginal = originalOffset(fileContent);
    for (const statement of statements.values()) {
      if (remapped.has(statement)) continue;
      statement.startUtf16 = toOriginal(statement.startUtf16);
      statement.endUtf16 = toOriginal(statement.endUtf16);
      remapped.add(statement);
    }
    return result;
  },
});
