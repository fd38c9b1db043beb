/**
 * The one error path of the tasks: whatever stops a task is printed as one line, `Error: …`,
 * naming what failed, and at most one `Hint: …` line; the stack trace only with `--verbose`.
 */
import { inspect } from "node:util";
import { isError } from "ethers";
import { systemReason } from "../src/ops/files.js";
import { revertError, ToolkitError } from "../src/sdk/errors.js";

export interface Failure {
  message: string;
  hint?: string;
}

const VERBOSE_HINT = "run again with --verbose to see where it failed";

/** What a failed system call was doing, for people. */
const SYSCALLS: Record<string, string> = {
  open: "open the file",
  read: "read the file",
  write: "write the file",
  stat: "read the file",
  lstat: "read the file",
  mkdir: "create the folder",
  rename: "rename the file",
  unlink: "remove the file",
  scandir: "list the folder",
};

const RPC_CODES = new Set(["NETWORK_ERROR", "SERVER_ERROR", "TIMEOUT", "BAD_DATA", "UNKNOWN_ERROR"]);

function firstLine(text: string): string {
  return text.split("\n")[0].trim();
}

/** `error` as one line and a hint: errors the toolkit raises, then those of Node, ethers and Hardhat. */
export function describeFailure(error: unknown): Failure {
  // The toolkit's own message, whole: one line, or a list it means to give (every bad row of a file).
  if (error instanceof ToolkitError) return { message: error.message };
  if (!(error instanceof Error)) return { message: String(error), hint: VERBOSE_HINT };
  const system = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (typeof system.code === "string" && typeof system.syscall === "string") {
    const what = system.path ?? (system.address ? `${system.address}:${system.port ?? ""}` : system.syscall);
    const action = system.path !== undefined ? `cannot ${SYSCALLS[system.syscall] ?? system.syscall}` : "failed";
    return {
      message: `${what}: ${action} (${systemReason(system.code)})`,
      hint: system.path !== undefined ? "check the path and its permissions" : undefined,
    };
  }
  // A revert: from ethers (a node over HTTP) or from the embedded chain.
  if (isError(error, "CALL_EXCEPTION") || error.name === "SolidityError") {
    return { message: `the contract refused the call: ${revertError(error).details}`, hint: VERBOSE_HINT };
  }
  if (isError(error, "INVALID_ARGUMENT")) {
    return { message: `${error.argument}: got ${JSON.stringify(error.value)}, ${error.shortMessage}` };
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && RPC_CODES.has(code)) {
    return {
      message: `the node failed: ${firstLine((error as { shortMessage?: string }).shortMessage ?? error.message)}`,
      hint: "check that the node of --network runs and answers, then run the command again (it resumes)",
    };
  }
  // Hardhat's own errors (a configuration variable not set, a network not defined) carry their code.
  if (typeof (error as { errorCode?: unknown }).errorCode === "string") {
    return { message: firstLine(error.message), hint: VERBOSE_HINT };
  }
  return {
    message: `unexpected ${error.name}: ${firstLine(error.message)}`,
    hint: `a defect of the toolkit: ${VERBOSE_HINT}, and report what it prints`,
  };
}

/** Prints `error` on stderr: one line and a hint, then its stack and causes when `verbose`. */
export function printFailure(error: unknown, verbose: boolean): string {
  const { message, hint } = describeFailure(error);
  console.error(`Error: ${message}`);
  if (hint !== undefined && !(verbose && hint === VERBOSE_HINT)) console.error(`Hint: ${hint}`);
  if (verbose) console.error(inspect(error, { depth: 4 }));
  return message;
}
