// The checker's report in the page, drawn from its data (micrograd.check.report's
// Report.data, as the checker returns it): the command line's report, each concept and
// lesson linked to its page on this site, and the advice for the next hint turned into the
// page's (the Hint button). Nothing of the report's wording is parsed, and a link reaches
// the page only when it is a relative path of this site.
//
//   render(element, result, root)  result: the checker's; root: the site's root, relative
//                                  to this page ("../../")
//   verdict(result)                its last paragraph, the summary (a status line's text)
//   siteHref(path, root)           root + path, or null unless path is a relative path of
//                                  this site ("02-value/backpropagation/#why")
import { element, link } from "./dom.js";

const LABEL = 11; // the width of a row's label, as on the command line
const INDENT = "      ";
const MARKS = { pass: "✓", note: "-" };
const COMPARE = 'Compare with the course\'s own version, under "Compare after you pass":';

// Segments of letters, digits, "_", "-" and ".", none starting with "." (so no ".."),
// then an anchor: no scheme, no "//", nothing above the site's root.
const SITE_PATH = /^(?:[\w-][\w.-]*\/)*(?:[\w-][\w.-]*)?(?:#[\w.-]*)?$/;

export function siteHref(path, root) {
  return typeof path === "string" && path && SITE_PATH.test(path) ? root + path : null;
}

const text = (value) => (typeof value === "string" ? value : "");

/** One line of the report: a block, so that a long line wraps under itself. */
function line(className, ...parts) {
  const span = element("span", `mg-line ${className}`.trim());
  span.append(...(parts.length ? parts : [" "]));
  return span;
}

/** `label` and its text; the text's later lines (and its wrapped ones) align under it. */
function row(label, ...parts) {
  const span = line("mg-row", `${INDENT}${label.padEnd(LABEL)}`);
  span.append(...parts);
  return span;
}

/** `[concept]`, linked to its lesson when the item has a valid one. */
function conceptLink(item, root) {
  const name = `[${text(item.concept)}]`;
  const href = siteHref(item.lesson, root);
  return href ? link(name, href) : name;
}

function itemLines(item, root) {
  const title = text(item.title);
  if (MARKS[item.kind]) return [line("", `  ${MARKS[item.kind]} ${title}`), ...rows(item)];
  if (!["fail", "todo", "cannot-load"].includes(item.kind)) return [];
  const [first, ...rest] = title.split("\n");
  const lines = [line("mg-cross", "  ✗ ", conceptLink(item, root), ` ${first}`)];
  lines.push(...rest.map((more) => line("", INDENT + more)), ...rows(item));
  const { hint } = item;
  if (hint && Number.isInteger(hint.level) && Number.isInteger(hint.levels)) {
    lines.push(row(`Hint ${hint.level}/${hint.levels}:`, text(hint.text)));
  }
  const href = siteHref(item.lesson, root);
  if (href) lines.push(row("Lesson:", link(item.lesson, href)));
  return lines;
}

function rows(item) {
  const given = Array.isArray(item.rows) ? item.rows : [];
  return given.map((r) => row(text(r?.label), text(r?.text)));
}

/** Show the checker's `result` in `element` (a <pre>), its concepts and lessons linked. */
export function render(element, result, root) {
  if (!Array.isArray(result.items)) {
    element.replaceChildren(text(result.report)); // kept by an older version: text only
    return;
  }
  const lines = [line("", `Checking ${text(result.file)} (exercise: ${text(result.exercise)})`)];
  lines.push(line(""));
  if (typeof result.printed === "string") {
    lines.push(line("", "  Printed while loading:"));
    lines.push(...result.printed.split("\n").map((printed) => line("", INDENT + printed)));
  }
  for (const item of result.items) if (item) lines.push(...itemLines(item, root));
  if (result.next_hint) {
    lines.push(line(""), line("", "For the next hint: press Hint, under the editor."));
  }
  const compare = (Array.isArray(result.compare) ? result.compare : [])
    .map((path) => [path, siteHref(path, root)])
    .filter(([, href]) => href);
  if (compare.length) {
    lines.push(line(""), line("", COMPARE));
    lines.push(...compare.map(([path, href]) => line("", "  ", link(path, href))));
  }
  lines.push(line(""), line("mg-summary", verdict(result)));
  element.replaceChildren(...lines);
}

/** The report's last paragraph (what a screen reader announces): its verdict. */
export function verdict(result) {
  return text(result.summary);
}
