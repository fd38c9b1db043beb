/**
 * CSV input: a header row naming the columns, then one record per line. Every problem of every
 * row is collected and reported at once, as `<file>:<line>: <column>: got <value>, expected <what>`.
 */
import { parse } from "csv-parse/sync";
import { OpsError, describeValue } from "./errors.js";
import { readTextFile } from "./files.js";

export interface CsvRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  cells: Record<string, string>;
}

export interface CsvProblem {
  line: number;
  column?: string;
  value?: string;
  expected: string;
}

/** Input rejected as a whole: nothing is sent. `problems` lists every bad cell of every row. */
export class CsvError extends OpsError {
  constructor(
    readonly file: string,
    readonly problems: readonly CsvProblem[],
  ) {
    const lines = problems.map(
      (p) =>
        `${file}:${p.line}: ${p.column === undefined ? "" : `${p.column}: `}` +
        `${p.column === undefined ? "" : `got ${describeValue(p.value === "" ? undefined : p.value)}, `}expected ${p.expected}`,
    );
    const rows = new Set(problems.map((p) => p.line)).size;
    super(`${file}: ${rows} bad row(s), nothing was sent:\n${lines.join("\n")}`);
  }
}

export async function readCsvFile(file: string, required: readonly string[], optional: readonly string[] = []) {
  return parseCsv(await readTextFile(file), file, required, optional);
}

/** The rows of `text`; a header that lacks a required column or has an unknown one is refused at once. */
export function parseCsv(text: string, file: string, required: readonly string[], optional: readonly string[] = []) {
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new OpsError(`${file}: not valid CSV (${(error as Error).message})`);
  }
  if (records.length === 0) throw new OpsError(`${file}: empty, expected a header row: ${required.join(",")}`);
  const [header, ...body] = records;
  const columns = header.record;
  const problems: CsvProblem[] = [];
  for (const column of required) {
    if (!columns.includes(column)) problems.push({ line: 1, expected: `a column named "${column}" in the header` });
  }
  columns.forEach((column, i) => {
    if (![...required, ...optional].includes(column)) {
      problems.push({
        line: 1,
        expected: `known columns only (${[...required, ...optional].join(", ")}), not "${column}"`,
      });
    } else if (columns.indexOf(column) !== i) {
      problems.push({ line: 1, expected: `column "${column}" once` });
    }
  });
  if (problems.length > 0) throw new CsvError(file, problems);
  return body.map(({ info, record }): CsvRow & { fieldCount: number } => ({
    line: info.lines,
    fieldCount: record.length,
    cells: Object.fromEntries(columns.map((column, i) => [column, record[i] ?? ""])),
  }));
}

/**
 * Runs `check` on every row, collecting problems; throws a {@link CsvError} with all of them, or
 * returns the checked values. A row with another number of fields than the header is a problem too.
 */
export function checkRows<T>(
  file: string,
  rows: readonly (CsvRow & { fieldCount: number })[],
  columnCount: number,
  check: (row: CsvRow, problem: (column: string, expected: string) => void) => T,
): (T & { line: number })[] {
  const problems: CsvProblem[] = [];
  const values = rows.map((row) => {
    if (row.fieldCount !== columnCount) {
      problems.push({ line: row.line, expected: `${columnCount} fields as in the header, found ${row.fieldCount}` });
    }
    const value = check(row, (column, expected) =>
      problems.push({ line: row.line, column, value: row.cells[column], expected }),
    );
    return { ...value, line: row.line };
  });
  if (problems.length > 0) throw new CsvError(file, problems);
  return values;
}
