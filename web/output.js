// What a run shows, in a cell's <output>: printed text, the value of a last expression,
// the error, and figures (SVG or HTML markup, as the code displayed or printed them,
// sanitised by web/sanitize.js before they reach the page).
//
// The sanitiser loads with a page's first run (`await prepare()` before show()): a lesson
// nobody runs does not load it.
let sanitize = null;
let sanitizer = null; // Promise of it

export function prepare() {
  sanitizer ??= import("./sanitize.js").then((module) => (sanitize = module.sanitize));
  return sanitizer;
}

const PREVIEW = 1_000_000; // characters of printed markup drawn while the code runs
const printed = new WeakMap(); // output -> the markup printed so far by the running code

function samp(kind, text) {
  const element = document.createElement("samp");
  element.className = `mg-${kind}`;
  element.textContent = text;
  return element;
}

/** Give a drawn SVG a text alternative made of its own labels, if it has none. */
function describe(figure) {
  for (const svg of figure.querySelectorAll("svg")) {
    if (svg.closest("[aria-label], [role=img]") || svg.querySelector("title")) continue;
    const words = [...svg.querySelectorAll("text")].map((t) => t.textContent.trim());
    const label = words.filter(Boolean).join(" ").slice(0, 400);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label ? `Figure: ${label}` : "Figure drawn by the code");
  }
}

/** A figure of `markup`, sanitised; and a note of what was left out, if anything was. */
export function figure(markup) {
  const element = document.createElement("span");
  element.className = "mg-drawn";
  const { fragment, removed } = sanitize(markup);
  element.append(fragment);
  describe(element);
  if (!removed.length) return [element];
  const left = [...new Set(removed)].join(", ");
  return [element, samp("note", `Left out of this figure, which the page does not run: ${left}.`)];
}

/** Show `result` ({stdout, stderr, error, figures, repr}) in `output`. */
export function show(output, result) {
  printed.delete(output);
  const parts = [];
  if (result.stdout) parts.push(samp("stdout", result.stdout));
  if (result.stderr) parts.push(samp("stderr", result.stderr));
  if (result.repr) parts.push(samp("repr", result.repr));
  if (result.error) parts.push(samp("error", result.error));
  parts.push(...result.figures.flatMap(figure));
  if (!parts.length) parts.push(samp("note", "Done: the code printed nothing."));
  output.replaceChildren(...parts);
}

/** Show a message (a note, or an error when `error` is true) in `output`. */
export function say(output, text, { error = false } = {}) {
  printed.delete(output);
  output.replaceChildren(samp(error ? "error" : "note", text));
}

/** Draw the markup printed so far (an html cell), in place of what was drawn before. */
export function preview(output, text) {
  const markup = (printed.get(output) ?? "") + text;
  printed.set(output, markup);
  if (markup.length > PREVIEW || !sanitize) return; // drawn with the next piece, or at the end
  let box = output.querySelector(":scope > .mg-preview");
  if (!box) {
    output.querySelector(":scope > .mg-note")?.remove(); // "Running…"
    box = output.appendChild(document.createElement("span"));
    box.className = "mg-preview";
  }
  box.replaceChildren(...figure(markup));
}

/** Append printed text to `output` while the code runs. */
export function stream(output, name, text) {
  let last = output.lastElementChild;
  if (!last || last.className !== `mg-${name}`) {
    if (last?.className === "mg-note") last.remove();
    last = output.appendChild(samp(name, ""));
  }
  last.textContent += text;
}
