// A rebuild review's task: the reader's own code with one function's body emptied, to write
// again from memory (web/review-task.js asks it; the exercise's checker checks the file).
//
//   emptied(source, name) -> the source with the first `def name(` emptied, or null
//
// Python is not loaded to list or show a review, so the source is read here: as Python's
// tokenizer sees it, in statements. Comments and blank lines are not statements, a string or
// a bracket can span lines, and a body can sit on its def's line (`def f(x): return x`).
// tests/test_reviews.py holds the result to CPython's ast on many sources.

export const HOLE = "# Rebuild this from memory.";

const QUOTES = ['"""', "'''", '"', "'"];
const OPENING = "([{";
const CLOSING = ")]}";

/** The statements of `source`, in order, each as {last, lead, code, colon, tail}: its last
 * line (0-based), the whitespace before it, its code with strings' text and comments left
 * out, where its first colon outside brackets is ({line, column}, or null), and its code
 * after that colon. */
function statements(source) {
  const lines = source.split("\n");
  const found = [];
  let depth = 0;
  let quote = null; // the string being read, across lines for a triple quote
  let joined = false; // the last line ended in a backslash, outside or inside a string
  let statement = null;
  lines.forEach((text, number) => {
    const inside = depth > 0 || quote !== null || joined;
    joined = false;
    let i = 0;
    if (!inside) {
      const lead = text.match(/^[ \t\f]*/)[0];
      if (text.length === lead.length || text[lead.length] === "#") return; // nothing here
      statement = { last: number, lead, code: "", colon: null, tail: "" };
      found.push(statement);
      i = lead.length;
    }
    statement.last = number;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        if (c === "\\") joined = ++i === text.length;
        else if (text.startsWith(quote, i)) {
          i += quote.length - 1;
          quote = null;
        }
      } else if (c === "#") break;
      else if (c === "\\" && i === text.length - 1) joined = true;
      else if (c === '"' || c === "'") {
        quote = QUOTES.find((q) => text.startsWith(q, i));
        i += quote.length - 1;
        statement.code += '""';
        if (statement.colon) statement.tail += '""';
      } else {
        if (OPENING.includes(c)) depth++;
        else if (CLOSING.includes(c)) depth = Math.max(0, depth - 1);
        else if (c === ":" && depth === 0 && !statement.colon) {
          statement.colon = { line: number, column: i };
          continue;
        }
        statement.code += c;
        if (statement.colon) statement.tail += c;
      }
    }
    if (quote?.length === 1 && !joined) quote = null; // an unclosed string ends with its line
    statement.code += " ";
  });
  return found;
}

/** How far `lead` indents, as Python counts it: a tab to the next multiple of 8. */
function width(lead) {
  let column = 0;
  for (const c of lead) column = c === "\t" ? column - (column % 8) + 8 : column + 1;
  return column;
}

/** The text of `source` with `name`'s body replaced by the hole, or null when it has no
 * `def name(`. The first such def, at any depth, as the reader's file orders them. */
export function emptied(source, name) {
  if (typeof source !== "string") return null;
  const all = statements(source);
  const start = all.findIndex(({ code }) =>
    new RegExp(`^(async\\s+)?def\\s+${name}\\s*\\(`).test(code),
  );
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
