/** What every operations task shares: the manifest option, the state directory and clean errors. */
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { errorResult, successfulResult } from "hardhat/utils/result";
import { OpsError } from "../src/ops/errors.js";

/** The options every operations task has. */
export interface IssuanceArgs {
  manifest: string | undefined;
  stateDir: string;
}

/**
 * Runs a task's work: an {@link OpsError} (bad input, refused confirmation...) is printed without
 * a stack trace and makes the command exit with status 1.
 */
export async function runOps(work: () => Promise<void>) {
  try {
    await work();
    return successfulResult();
  } catch (error) {
    if (!(error instanceof OpsError)) throw error;
    console.error(`Error: ${error.message}`);
    return errorResult(error.message);
  }
}

export function stateDirOf(hre: HardhatRuntimeEnvironment, stateDir: string): string {
  return stateDir === "" ? hre.config.paths.root : path.resolve(stateDir);
}

export function required<T>(option: string, value: T | undefined): T {
  if (value === undefined || value === "") throw new OpsError(`--${option} is required`);
  return value;
}
