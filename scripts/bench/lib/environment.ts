/** What produced a benchmark, recorded with its figures: the compiler, the hardfork, the package versions. */
import { createRequire } from "node:module";
import hre from "hardhat";

const require = createRequire(import.meta.url);

/** The installed version of package `pkg`. */
export const versionOf = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;

/** The compiler of the default build profile, and the files compiled with other settings. */
export function compilerOf() {
  const profile = hre.config.solidity.profiles.default;
  const [main] = profile.compilers;
  return {
    solc: main.version,
    settings: main.settings as unknown,
    overrides: Object.fromEntries(Object.entries(profile.overrides).map(([file, c]) => [file, c.settings as unknown])),
  };
}

export function hardforkOf(config: unknown): string {
  const hardfork = (config as { hardfork?: unknown }).hardfork;
  return typeof hardfork === "string" ? hardfork : "default";
}
