// Runnable cells: a code block marked data-course="cell" gets Run, Edit, Reset and Stop, and
// an <output> under it. The cells of a page share one namespace in the page's session.
//
// Markup (written by hooks/runtime.py): the first <pre> inside the element is the code; the
// element's other children are what the build printed, hidden once the cell runs here.
// data-html: the build showed the printed text as HTML, so the page does too (figures).
// After each run the cell's element gets a "cell:ran" event, detail: the run's result.
import { button } from "./dom.js";
import { watchLoading } from "./loading.js";
import { editorInPlaceOf } from "./open-editor.js";
import { prepare, preview, say, show, stream } from "./output.js";

const ran = new Set(); // cells run since Python last started
const watched = new WeakSet(); // sessions whose restarts clear `ran`

class Cell {
  constructor(element, number, course) {
    this.element = element;
    this.number = number;
    this.course = course;
    this.code = element.querySelector("pre");
    this.codeBox = this.code.closest(".highlight, .highlight-ipynb") ?? this.code;
    this.original = this.code.textContent.replace(/\n$/, "");
    this.built = [...element.children].filter((child) => !child.contains(this.code));
    this.editor = null;
    this.build();
  }

  build() {
    const n = this.number;
    this.runButton = button("Run", `Run cell ${n}`, () => this.run());
    this.editButton = button("Edit", `Edit cell ${n}`, () => this.edit());
    this.resetButton = button("Reset", `Reset cell ${n} to the page's code`, () => this.reset());
    this.stopButton = button("Stop", `Stop cell ${n}: restarts Python`, () =>
      this.course.session.stop(),
    );
    this.stopButton.hidden = true;
    this.status = document.createElement("span");
    this.status.className = "mg-status";
    this.status.setAttribute("role", "status");
    const bar = document.createElement("div");
    bar.className = "mg-toolbar";
    bar.append(this.runButton, this.editButton, this.resetButton, this.stopButton);
    bar.append(this.status);
    this.output = document.createElement("output");
    this.output.className = "mg-output";
    this.output.setAttribute("aria-live", "polite");
    this.output.setAttribute("aria-label", `Output of cell ${n}`);
    this.output.hidden = true;
    this.codeBoxHost().after(bar);
    this.element.append(this.output);
  }

  /** The child of the cell that holds the code (the toolbar goes right after it). */
  codeBoxHost() {
    return [...this.element.children].find((child) => child.contains(this.code));
  }

  source() {
    return this.editor ? this.editor.value : this.original;
  }

  async run() {
    if (this.running) return;
    this.setRunning(true);
    this.output.hidden = false;
    for (const child of this.built) child.hidden = true; // what this run shows replaces it
    say(this.output, "Running…");
    const stopWatching = this.watchLoading();
    let result;
    try {
      const html = "html" in this.element.dataset;
      const options = { name: `cell ${this.number}`, html };
      options.onText = (name, text) =>
        html && name === "stdout" ? preview(this.output, text) : stream(this.output, name, text);
      [result] = await Promise.all([this.course.run(this.source(), options), prepare()]);
    } catch (error) {
      say(this.output, this.failure(error), { error: !this.stoppedByReader(error) });
      return;
    } finally {
      stopWatching();
      this.setRunning(false);
    }
    show(this.output, result);
    this.markErrorLine(result.error);
    ran.add(this);
    if (result.error?.includes("NameError")) this.hintEarlierCells(); // cells build on earlier ones
    this.element.dispatchEvent(new CustomEvent("cell:ran", { detail: result, bubbles: true }));
  }

  stoppedByReader(error) {
    const { StoppedError, CrashedError } = this.course;
    return error instanceof StoppedError && !(error instanceof CrashedError);
  }

  /** What the output says when the run did not end with a result. */
  failure(error) {
    if (!(error instanceof this.course.StoppedError)) return String(error.message ?? error);
    if (this.course.session.state === "off") {
      return `${error.message} before it started: press Run to start it again.`;
    }
    const restarted = error instanceof this.course.CrashedError ? "" : ". Python was restarted";
    return `${error.message}${restarted}: run the earlier cells again first.`;
  }

  /** While Python loads, say how far it got. */
  watchLoading() {
    const session = this.course.session;
    if (!watched.has(session)) {
      watched.add(session);
      session.addEventListener("restart", () => ran.clear());
    }
    const stop = watchLoading(session, (text) => (this.status.textContent = text));
    return () => {
      stop();
      this.status.textContent = "";
    };
  }

  /** In the editor, highlight the line of this cell that the error points to. */
  markErrorLine(error) {
    const lines = [...(error ?? "").matchAll(/File "<cell (\d+)>", line (\d+)/g)];
    const mine = lines.filter((match) => Number(match[1]) === this.number).pop();
    const line = mine ? Number(mine[2]) : 0;
    this.editor?.markLine(line >= 1 && line <= this.source().split("\n").length ? line : null);
  }

  hintEarlierCells() {
    const cells = [...document.querySelectorAll('[data-course="cell"]')];
    const earlier = cells.slice(0, cells.indexOf(this.element));
    if (earlier.some((element) => ![...ran].some((cell) => cell.element === element))) {
      stream(this.output, "note", "\nRun the cells above first: this one uses what they define.");
    }
  }

  setRunning(running) {
    this.running = running;
    this.runButton.disabled = running;
    this.resetButton.disabled = running;
    this.stopButton.hidden = !running;
    this.element.classList.toggle("mg-running", running);
    if (!running && document.activeElement === document.body) this.runButton.focus();
  }

  async edit() {
    if (this.editor) return this.editor.focus();
    if (this.opening) return;
    this.opening = true;
    this.course.ready().catch(() => {}); // Python loads while the reader edits
    this.status.textContent = "Loading the editor…";
    const options = {
      doc: this.source(),
      label: `Code of cell ${this.number}`,
      onRun: () => this.run(),
    };
    this.editor = await editorInPlaceOf(this.codeBox, this.status, options, "mg-editor");
    this.opening = false;
    if (!this.editor) return;
    this.status.textContent = "";
    this.editButton.hidden = true;
    this.editor.focus();
  }

  reset() {
    if (this.editor) {
      this.editor.destroy();
      this.editor = null;
      this.codeBox.hidden = false;
      this.editButton.hidden = false;
    }
    for (const child of this.built) child.hidden = false;
    this.output.replaceChildren();
    this.output.hidden = true;
    this.editButton.focus();
  }
}

export function mount(elements, course) {
  for (const [index, element] of elements.entries()) new Cell(element, index + 1, course);
}
