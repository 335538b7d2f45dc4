// Python source as the page reads it without Python: in statements, as Python's tokenizer
// sees them. Comments and blank lines are not statements; a string, a bracket or a
// backslash carries a statement over lines; a colon outside brackets ends a def's header.
// Used where the page must find what Python will find in a reader's file before Python is
// loaded: the function a rebuild review empties (web/rebuild.js), the CAUSE line of a
// diagnosis challenge (web/cause.js). tests/test_reviews.py and tests/test_challenges.py
// hold both to CPython's ast.
//
//   statements(source) -> [{first, last, lead, code, colon, tail}]
//   width(lead)        -> how far the whitespace `lead` indents, as Python counts it

const QUOTES = ['"""', "'''", '"', "'"];
const OPENING = "([{";
const CLOSING = ")]}";

/** The statements of `source`, in order, each as {first, last, lead, code, colon, tail}:
 * its first and last line (0-based), the whitespace before it, its code with strings' text
 * and comments left out, where its first colon outside brackets is ({line, column}, or
 * null), and its code after that colon. */
export function statements(source) {
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
      statement = { first: number, last: number, lead, code: "", colon: null, tail: "" };
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
export function width(lead) {
  let column = 0;
  for (const c of lead) column = c === "\t" ? column - (column % 8) + 8 : column + 1;
  return column;
}
