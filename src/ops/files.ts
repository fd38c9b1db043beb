/** Reading the operator's input files, with one line saying which file cannot be read and why. */
import { readFile } from "node:fs/promises";
import { OpsError } from "./errors.js";

/** What Node's system calls say, for people: one wording for every message that names a file or a connection. */
const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "a file of that name is in the way",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  ENOSPC: "no space left on the device",
  EROFS: "read-only file system",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "timed out",
  ENOTFOUND: "host not found",
  EPIPE: "the other end closed the pipe",
};

/** The reason of a system error `code` for people ("no such file or folder"), or the code itself. */
export function systemReason(code: string): string {
  return SYSTEM_REASONS[code] ?? code;
}

/** Why a file could not be read, for people: "no such file or folder", "it is a folder, not a file"... */
export function unreadableBecause(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string")
    return code in SYSTEM_REASONS ? systemReason(code) : `${code}: ${(error as Error).message}`;
  return (error as Error)?.message ?? String(error);
}

/**
 * The text of `file` (UTF-8); when it cannot be read, an {@link OpsError}
 * `<shown>: cannot read the <what>: <why>`.
 */
export async function readTextFile(file: string, what = "file", shown = file): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new OpsError(`${shown}: cannot read the ${what}: ${unreadableBecause(error)}`, { cause: error });
  }
}
