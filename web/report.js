// The checker's report in the page: the command line's text, line for line, with each
// concept linked to the lesson that teaches it (on this site) and the command line's advice
// for the next hint turned into the page's (the Hint button).
//
//   render(element, result, localize)   result: {report, problems}; localize(url) -> href

import { link } from "./dom.js";

const CROSS = /^(\s*✗ )\[([^\]]+)\](.*)$/;
const LESSON = /^(\s*Lesson:\s+)(https?:\/\/\S+)$/;
const NEXT_HINT = /^For the next hint: --hint \d+ on the command line.*$/;

function line(text, lessons, localize) {
  const parts = [];
  let match;
  if ((match = text.match(CROSS))) {
    const [, start, concept, rest] = match;
    const lesson = lessons.get(concept);
    parts.push(start, lesson ? link(`[${concept}]`, localize(lesson)) : `[${concept}]`, rest);
  } else if ((match = text.match(LESSON))) {
    parts.push(match[1], link(match[2], localize(match[2])));
  } else if (NEXT_HINT.test(text)) {
    parts.push("For the next hint: press Hint, under the editor.");
  } else {
    parts.push(text);
  }
  const span = document.createElement("span");
  span.className = text.trimStart().startsWith("✗") ? "mg-cross" : "";
  span.append(...parts, "\n");
  return span;
}

/** Show `result.report` in `element` (a <pre>), its concepts linked. */
export function render(element, result, localize) {
  const lessons = new Map(result.problems.map((p) => [p.concept, p.lesson]));
  const lines = result.report.split("\n").map((text) => line(text, lessons, localize));
  element.replaceChildren(...lines);
}

/** The report's last paragraph (what a screen reader announces): its verdict. */
export function verdict(result) {
  const paragraphs = result.report.trim().split(/\n\s*\n/);
  return paragraphs[paragraphs.length - 1].replace(/\s+/g, " ");
}
