import type { SolidityHooks } from "hardhat/types/hooks";

/**
 * Measured from a clean clone (`rm -rf artifacts cache typechain-types && time npm run demo`): 107
 * to 115 s of CPU, the batches one after another (README, first lines).
 */
const FIRST_BUILD = "about 2 minutes on an idle machine";

/** Input source names of third-party sources (npm packages: OpenZeppelin, forge-std...). */
const isThirdParty = (sourceName: string | undefined) => sourceName?.startsWith("npm/") === true;

const TOO_MANY_WARNINGS = "There are more than 256 warnings";

const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)}s`;

export default async (): Promise<Partial<SolidityHooks>> => {
  /** Whether this build has said that it compiles. */
  let started = false;
  return {
    invokeSolc: async (context, compiler, solcInput, solcConfig, next) => {
      if (!started) {
        started = true;
        console.error(
          `Compiling the contracts with solc ${compiler.version} (solc-js): ${FIRST_BUILD} the first time, ` +
            "later runs recompile only what changed",
        );
      }
      const files = Object.keys(solcInput.sources).length;
      const ir = solcInput.settings.viaIR === true ? ", IR pipeline" : "";
      const since = Date.now();
      console.error(`  compiling ${files} source files${ir}...`);
      const output = await next(context, compiler, solcInput, solcConfig);
      console.error(`  compiled ${files} source files${ir} in ${seconds(since)}`);
      return output;
    },

    getCompilationJobErrors: async (context, compilationJob, compilerOutput, next) => {
      const errors = await next(context, compilationJob, compilerOutput);
      // Hardhat's list follows the compiler's, whose entries name their source file.
      const raw = compilerOutput.errors ?? [];
      if (raw.length !== errors.length) return errors;
      const hidden = errors.filter(
        (e, i) =>
          e.severity === "warning" &&
          isThirdParty((raw[i] as { sourceLocation?: { file?: string } }).sourceLocation?.file),
      );
      if (hidden.length === 0) return errors;
      console.error(`  ${hidden.length} compiler warning(s) in third-party sources (npm packages) not shown`);
      // The compiler stops listing at 256 warnings and says so, in a warning of no source file.
      return errors.filter((e) => !hidden.includes(e) && !e.message.startsWith(TOO_MANY_WARNINGS));
    },
  };
};
