/** Reports as a table on screen and as CSV or JSON files. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export type Cell = string | number | bigint | boolean;
export type Row = Record<string, Cell>;

/** `rows` as aligned text columns, headed by `columns`. */
export function formatTable(columns: readonly string[], rows: readonly Row[]): string[] {
  const text = rows.map((row) => columns.map((c) => String(row[c] ?? "")));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((cells) => cells[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(columns), line(widths.map((w) => "-".repeat(w))), ...text.map(line)];
}

/** RFC 4180 CSV. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const escape = (value: Cell | undefined) => {
    const text = String(value ?? "");
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.join(","), ...rows.map((row) => columns.map((c) => escape(row[c])).join(","))].join("\n") + "\n";
}

/** JSON with big integers as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n";
}

export async function writeOutput(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, content);
}
