/** Reports as a table on screen and as CSV or JSON files. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { groupThousands } from "../sdk/readable.js";

export type Cell = string | number | bigint | boolean;
export type Row = Record<string, Cell>;

/**
 * The columns of a report that hold amounts, each with its unit (a token's symbol, a currency, a
 * commodity's unit), or `{ unitFrom }`, the column of each row that holds its unit (rows of several
 * tokens). Rows keep plain decimals (CSV and JSON are for machines); the table for people groups
 * their thousands, shows the unit in the header (or after each amount) and aligns them right.
 */
export type AmountColumns = Readonly<Record<string, string | { unitFrom: string }>>;

/** `rows` as aligned text columns, headed by `columns`; the `amounts` columns as amounts for people. */
export function formatTable(columns: readonly string[], rows: readonly Row[], amounts: AmountColumns = {}): string[] {
  const headers = columns.map((c) => (typeof amounts[c] === "string" ? `${c} (${amounts[c]})` : c));
  const cell = (row: Row, column: string) => {
    const text = String(row[column] ?? "");
    const unit = amounts[column];
    if (unit === undefined || !/^-?\d+(\.\d+)?$/.test(text)) return text;
    return typeof unit === "string"
      ? groupThousands(text)
      : `${groupThousands(text)} ${String(row[unit.unitFrom] ?? "")}`;
  };
  const text = rows.map((row) => columns.map((c) => cell(row, c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((cells) => cells[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (amounts[columns[i]] === undefined ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...text.map(line)];
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
