/** Reading the operator's input files, with one line saying which file cannot be read and why. */
import { readFile } from "node:fs/promises";
import { OpsError } from "./errors.js";

const REASONS: Record<string, string> = {
  ENOENT: "file not found",
  EACCES: "permission denied (the file cannot be read by this user)",
  EPERM: "permission denied",
  EISDIR: "it is a directory, not a file",
  ENOTDIR: "a part of the path is not a directory",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
};

/** Why a file could not be read, for people: "file not found", "it is a directory, not a file"... */
export function unreadableBecause(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return REASONS[code] ?? `${code}: ${(error as Error).message}`;
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
