/**
 * Refreshes one generated section of a Markdown file, between `<!-- <name>:start -->` and
 * `<!-- <name>:end -->`, then formats the file with the project's prettier settings so that
 * `npm run lint` (prettier --check) stays green.
 */
import { readFile, writeFile } from "node:fs/promises";
import { format, resolveConfig } from "prettier";

/** Returns false (and writes nothing) when the file or one of its markers is missing. */
export async function refreshSection(path: string, name: string, markdown: string): Promise<boolean> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const doc = await readFile(path, "utf8").catch(() => null);
  if (doc === null || !doc.includes(start) || !doc.includes(end)) return false;
  const updated = `${doc.slice(0, doc.indexOf(start) + start.length)}\n\n${markdown}\n\n${doc.slice(doc.indexOf(end))}`;
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(updated, { ...options, filepath: path }));
  return true;
}
