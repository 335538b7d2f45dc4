// Answers after attempts (data-course="gate", on the blocks hooks/exercises.py marks):
//
// - "Last hint: put the lines in order" (data-gate="parsons") opens once the reader has
//   opened every hint before it in its exercise, or checked their code on this page;
// - "Compare after you pass" (data-gate="compare") opens once the exercise of its section
//   has passed the checker (kept, web/memory.js); in a section with no checker, once every
//   block of help before it has been opened.
//
// Until then the block stays shut, and its summary says why and what opens it. Once a
// block has opened by the help before it, it stays open to the reader on later visits
// (memory "opened"). Without JavaScript, the blocks open as any folded block does.
import { element } from "./dom.js";
import * as memory from "./memory.js";
import { sitePath } from "./site.js";

const gates = new Set();

/** The heading of `block`'s section, the exercise it checks and the help before it. */
function section(block) {
  const help = [];
  let exercise = null;
  let node = block.previousElementSibling;
  for (; node && !/^H[1-3]$/.test(node.tagName); node = node.previousElementSibling) {
    if (node.matches("details.tip")) help.unshift(node);
    exercise ??= node.matches("[data-course=exercise]") ? node.dataset.exercise : null;
  }
  return { heading: node, exercise, help };
}

const plural = (n, one) => (n === 1 ? `the ${one} above` : `the ${n} ${one}s above`);

class Gate {
  constructor(block) {
    this.block = block;
    const { heading, exercise, help } = section(block);
    this.byPass = block.dataset.gate === "compare" && exercise !== null;
    this.exercise = exercise;
    this.id = `${sitePath()}#${heading?.id ?? ""}:${block.dataset.gate}`;
    this.help = help;
    this.seen = new Set(help.filter((hint) => hint.open));
    this.checked = false;
    for (const hint of help) hint.addEventListener("toggle", () => this.onToggle(hint));
    this.summary = block.querySelector(":scope > summary");
    this.why = element("span", "mg-gate-why");
    this.summary.append(this.why);
    this.summary.addEventListener("click", (event) => this.closed && event.preventDefault());
    block.addEventListener("toggle", () => this.closed && block.open && (block.open = false));
    this.update();
  }

  /** Why it is shut, or null when it may open. */
  reason() {
    if (this.byPass) {
      if (memory.lastCheck(this.exercise)?.passed) return null;
      return `Opens once your ${this.exercise}.py passes the checker.`;
    }
    const tried = this.checked || this.seen.size === this.help.length;
    if (memory.opened(this.id) || tried) return null;
    const hints = plural(this.help.length, "hint");
    return this.exercise
      ? `Opens once you have opened ${hints}, or checked your code here.`
      : `Opens once you have opened ${hints}.`;
  }

  /** Show whether it may open; `remember` it opened unless all of memory was just replaced
   * (an import, a Forget): that change is the newest. (While this tab follows another
   * tab's change, web/memory.js keeps no write.) */
  update(remember = true) {
    const why = this.reason();
    if (remember && !why && !this.byPass && !memory.opened(this.id)) {
      memory.open(this.id, memory.today());
    }
    this.closed = why !== null;
    if (this.closed) this.block.open = false;
    this.block.toggleAttribute("data-closed", this.closed);
    this.summary.setAttribute("aria-disabled", String(this.closed));
    this.why.textContent = why ?? "";
  }

  onToggle(hint) {
    if (!hint.open) return;
    this.seen.add(hint);
    this.update();
  }

  /** A check of its exercise was kept (here, or in another tab). */
  onCheck() {
    this.checked = true;
    this.update();
  }
}

function onMemoryChange({ detail: { key } }) {
  if (key !== null && !key.startsWith("check/") && key !== "opened") return;
  for (const gate of gates) {
    if (!gate.block.isConnected) gates.delete(gate);
    else if (gate.exercise && key === `check/${gate.exercise}` && memory.lastCheck(gate.exercise)) {
      gate.onCheck();
    } else gate.update(key !== null);
  }
}

export function mount(elements) {
  memory.changes.addEventListener("change", onMemoryChange); // once: the same listener
  for (const block of elements) gates.add(new Gate(block));
}
