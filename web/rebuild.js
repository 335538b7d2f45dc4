// A rebuild review's task: the reader's own code with one function's body emptied, to write
// again from memory (web/review-task.js asks it; the exercise's checker checks the file).
//
//   emptied(source, name) -> the source with the first `def name(` emptied, or null
//
// Python is not loaded to list or show a review: the file is read in statements
// (web/python-source.js), and a body can sit on its def's line (`def f(x): return x`).
// tests/test_reviews.py holds the result to CPython's ast on many sources.
import { statements, width } from "./python-source.js";

export const HOLE = "# Rebuild this from memory.";

/** The text of `source` with `name`'s body replaced by the hole, or null when it has no
 * `def name(`. The first such def, at any depth, as the reader's file orders them. */
export function emptied(source, name) {
  if (typeof source !== "string") return null;
  const all = statements(source);
  const def = new RegExp(`^(async\\s+)?def\\s+${name}\\s*\\(`);
  const start = all.findIndex(({ code }) => def.test(code));
  if (start < 0 || !all[start].colon) return null;
  const { lead, colon, tail } = all[start];
  const lines = source.split("\n");
  const oneLine = tail.trim() !== "";
  const body = [];
  for (const s of oneLine ? [] : all.slice(start + 1)) {
    if (width(s.lead) <= width(lead)) break;
    body.push(s);
  }
  const step = lead.includes("\t") ? "\t" : "    ";
  const indent = body[0]?.lead ?? lead + step;
  const header = oneLine
    ? [...lines.slice(0, colon.line), lines[colon.line].slice(0, colon.column + 1)]
    : lines.slice(0, colon.line + 1);
  const rest = lines.slice((body.at(-1) ?? all[start]).last + 1);
  return [...header, `${indent}${HOLE}`, `${indent}raise NotImplementedError`, ...rest].join("\n");
}
