import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ArmTag } from "./arms.js";

/**
 * What the plugin records of one source under `--coverage`: the tag of each `if` arm, and the
 * hash of the source they belong to (a report on an edited source would name the wrong lines).
 */
export interface ArmsFile {
  file: string;
  sha256: string;
  arms: ArmTag[];
}

/** Where the arms of `file` (relative to the project root) are kept: beside Hardhat's coverage data. */
export function armsFilePath(root: string, file: string): string {
  return path.join(root, "coverage", "branches", `${file}.json`);
}

export function sha256Of(source: string): string {
  return createHash("sha256").update(source).digest("hex");
}

export async function writeArmsFile(root: string, file: string, source: string, arms: ArmTag[]): Promise<void> {
  const target = armsFilePath(root, file);
  await mkdir(path.dirname(target), { recursive: true });
  const content: ArmsFile = { file, sha256: sha256Of(source), arms };
  await writeFile(target, JSON.stringify(content) + "\n");
}

/** The arms recorded for `file`, or undefined when no coverage build has recorded them. */
export async function readArmsFile(root: string, file: string): Promise<ArmsFile | undefined> {
  try {
    return JSON.parse(await readFile(armsFilePath(root, file), "utf8")) as ArmsFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
