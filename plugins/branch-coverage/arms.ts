import { parse, visit } from "@solidity-parser/parser";

/** The two arms of one `if` statement, as character ranges of the source (end exclusive). */
export interface IfArms {
  line: number;
  whenTrue: { start: number; end: number };
  whenFalse: { start: number; end: number };
}

interface Ranged {
  range?: [number, number];
  loc?: { start: { line: number } };
}

/**
 * Gives every `if` without an `else` an empty `else {}` (and braces around its body), so that the
 * statement coverage of Hardhat/EDR, which instruments every block, also records when the
 * condition was false. Only characters are added, never line breaks: line numbers stay valid.
 */
export function addElseArms(source: string): string {
  let out = source;
  for (const { at, text } of elseArmInsertions(source).reverse()) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

/**
 * Maps an offset of the source returned by {@link addElseArms} back to `source` (an offset inside
 * added text maps to where it was added).
 */
export function originalOffset(source: string): (offset: number) => number {
  const insertions = elseArmInsertions(source);
  return (offset) => {
    let shift = 0;
    for (const { at, text } of insertions) {
      if (offset < at + shift) break;
      if (offset < at + shift + text.length) return at;
      shift += text.length;
    }
    return offset - shift;
  };
}

/** What {@link addElseArms} inserts, by ascending offset of `source`. */
function elseArmInsertions(source: string): { at: number; text: string }[] {
  const insertions: { at: number; text: string }[] = [];
  visit(parse(source, { range: true }), {
    IfStatement: (node) => {
      if (node.falseBody !== null) return;
      const [start, end] = (node.trueBody as Ranged).range!;
      insertions.push({ at: start, text: "{" }, { at: end + 1, text: "} else {}" });
    },
  });
  // At one offset the order does not matter: nested bodies that end together insert the same text.
  return insertions.sort((a, b) => a.at - b.at);
}

/** The arms of every `if` of a source that has been through {@link addElseArms}. */
export function ifArmsOf(source: string): IfArms[] {
  const arms: IfArms[] = [];
  visit(parse(source, { range: true, loc: true }), {
    IfStatement: (node) => {
      const whenTrue = (node.trueBody as Ranged).range!;
      const whenFalse = (node.falseBody as Ranged).range!;
      arms.push({
        line: (node as Ranged).loc!.start.line,
        whenTrue: { start: whenTrue[0], end: whenTrue[1] + 1 },
        whenFalse: { start: whenFalse[0], end: whenFalse[1] + 1 },
      });
    },
  });
  return arms;
}

/** Whether branch coverage applies to `sourceName` ("project/contracts/...", mocks excluded). */
export function isMeasured(sourceName: string): boolean {
  return sourceName.startsWith("project/contracts/") && !sourceName.startsWith("project/contracts/mocks/");
}

/** A statement that Hardhat/EDR instrumented: its coverage tag and its character range (end exclusive). */
export interface TaggedStatement {
  tag: string;
  startUtf16: number;
  endUtf16: number;
}

/** One arm of an `if` and the tag whose hit means the arm ran ("T": condition true, "F": false). */
export interface ArmTag {
  line: number;
  arm: "T" | "F";
  tag: string;
}

/**
 * The coverage tag of each arm of each `if` of `armedSource` (a source that has been through
 * {@link addElseArms}), from the statements EDR instrumented in it (same offsets): an arm ran when
 * the smallest statement that encloses it ran (its block, or the `if` of an `else if`).
 */
export function armTagsOf(armedSource: string, statements: Iterable<TaggedStatement>): ArmTag[] {
  const all = [...statements];
  const tagOf = (range: { start: number; end: number }, line: number): string => {
    let best: TaggedStatement | undefined;
    for (const s of all) {
      if (s.startUtf16 > range.start || s.endUtf16 < range.end) continue;
      if (best === undefined || s.endUtf16 - s.startUtf16 < best.endUtf16 - best.startUtf16) best = s;
    }
    if (best === undefined)
      throw new Error(`branch coverage: no instrumented statement encloses the arm of line ${line}`);
    return best.tag;
  };
  return ifArmsOf(armedSource).flatMap(({ line, whenTrue, whenFalse }) => [
    { line, arm: "T" as const, tag: tagOf(whenTrue, line) },
    { line, arm: "F" as const, tag: tagOf(whenFalse, line) },
  ]);
}
