/**
 * Captures what code under test prints (console and process.stdout/stderr writes), so that a
 * passing test prints nothing but the reporter's lines.
 */
import { format } from "node:util";

export interface Captured<T> {
  result: T;
  /** Every line printed, stdout and stderr interleaved in order. */
  lines: string[];
  stdout: string[];
  stderr: string[];
}

type Write = typeof process.stdout.write;

/** Runs `work` with its output captured; when it throws, the error carries the output as `captured`. */
export async function captureOutput<T>(work: () => Promise<T>): Promise<Captured<T>> {
  const lines: string[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const push = (into: string[]) => (text: string) => {
    for (const line of text.replace(/\n$/, "").split("\n")) {
      into.push(line);
      lines.push(line);
    }
  };
  const toOut = push(stdout);
  const toErr = push(stderr);
  const saved = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    out: process.stdout.write,
    err: process.stderr.write,
  };
  console.log = console.info = (...args: unknown[]) => toOut(format(...args));
  console.warn = console.error = (...args: unknown[]) => toErr(format(...args));
  process.stdout.write = ((chunk: string | Uint8Array) => (toOut(chunk.toString()), true)) as Write;
  process.stderr.write = ((chunk: string | Uint8Array) => (toErr(chunk.toString()), true)) as Write;
  try {
    return { result: await work(), lines, stdout, stderr };
  } catch (error) {
    if (error instanceof Error) Object.assign(error, { captured: lines });
    throw error;
  } finally {
    console.log = saved.log;
    console.info = saved.info;
    console.warn = saved.warn;
    console.error = saved.error;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}
