// The exercise editor (data-course="exercise", written by hooks/exercises.py): the reader's
// code for one exercise, kept in this browser, with Check, Hint, Reset, Download and Copy a
// tutor prompt. The code, the last report, the hints already revealed and the "watch out"
// list show at once; the editor loads as the exercise comes near the screen, Python on the
// first Check (web/checker.js).
//
// Markup: data-course-data, JSON {exercise, file, root, progress, limits: {seconds, cases},
// watch: {concept: {title, lesson}}}, and the starter as <pre class="mg-starter">.
import * as checker from "./checker.js";
import { button, element, link } from "./dom.js";
import * as memory from "./memory.js";
import { editorInPlaceOf } from "./open-editor.js";
import { promptDialog } from "./prompt-dialog.js";
import { render, verdict } from "./report.js";

/** Call `callback` once `target` comes near the screen: a lesson whose reader never
 * reaches its exercise does not load the editor (CodeMirror). Until then, and where it
 * cannot load, the code shows as plain text. */
function whenNear(target, callback) {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      callback();
    },
    { rootMargin: "600px 0px" },
  );
  observer.observe(target);
}

const times = (n) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

class Exercise {
  constructor(root, course) {
    this.root = root;
    this.course = course;
    this.data = JSON.parse(root.dataset.courseData);
    this.starterBox = root.querySelector(".mg-starter");
    this.starter = this.starterBox.textContent;
    this.name = this.data.exercise;
    this.editor = null;
    this.build();
    this.showWatchList();
    this.showLast();
    whenNear(this.starterBox, () => this.openEditor());
  }

  build() {
    const { file } = this.data;
    this.watch = element("aside", "mg-watch");
    this.watch.hidden = true;
    this.starterBox.before(this.watch);
    this.checkButton = button("Check", `Check your ${file}`, () => this.check());
    this.hintButton = button("Hint", "Show the next hint", () => this.hint());
    const reset = button("Reset", `Reset ${file} to the starter`, () => this.reset());
    const download = button("Download", `Download ${file}`, () => this.download());
    this.tutorButton = button("Copy a tutor prompt", `Copy a tutor prompt for ${file}`, () =>
      this.tutor(),
    );
    this.status = element("span", "mg-status");
    this.status.setAttribute("role", "status");
    const bar = element("div", "mg-toolbar mg-exercise-bar");
    bar.append(this.checkButton, this.hintButton, reset, download, this.tutorButton);
    bar.append(this.status);
    this.report = element("pre", "mg-report");
    this.report.tabIndex = 0;
    this.report.setAttribute("aria-label", `The checker's report on your ${file}`);
    this.report.hidden = true;
    this.hints = element("div", "mg-hints");
    this.hints.setAttribute("aria-live", "polite");
    this.root.append(bar, this.report, this.hints);
  }

  source() {
    return this.editor?.value ?? memory.code(this.name) ?? this.starter;
  }

  async openEditor() {
    const options = {
      doc: this.source(),
      label: `Your ${this.data.file}`,
      onRun: () => this.check(),
      onChange: (text) => memory.saveCode(this.name, text),
    };
    const className = "mg-editor mg-exercise-editor";
    this.editor = await editorInPlaceOf(this.starterBox, this.status, options, className);
    if (this.editor) this.markLine(memory.lastCheck(this.name)?.result);
  }

  /** Before the first check: the concepts this reader got wrong before that apply here. */
  showWatchList() {
    const met = new Map();
    for (const entry of memory.history()) {
      if (!(entry.concept in this.data.watch)) continue;
      const seen = met.get(entry.concept) ?? [];
      met.set(entry.concept, [...seen, entry.exercise]);
    }
    if (!met.size) return;
    const list = element("ul");
    for (const [concept, exercises] of met) {
      const { title, lesson } = this.data.watch[concept];
      const where = [...new Set(exercises)].join(", ");
      const item = element("li");
      const plural = new Set(exercises).size > 1 ? "exercises" : "exercise";
      item.append(link(title, lesson), ` (${where} ${plural}, ${times(exercises.length)})`);
      list.append(item);
    }
    const intro = element("p", "mg-watch-title", "Watch out");
    const why = element("p", "", "The checker named these in your earlier work; they can happen here too:");
    this.watch.replaceChildren(intro, why, list);
    this.watch.hidden = false;
  }

  /** The last check kept for this exercise, and the hints revealed for it. */
  showLast() {
    const last = memory.lastCheck(this.name);
    if (!last) return;
    this.show(last.result, `Your last check, on ${last.date}:`);
  }

  show(result, heading) {
    this.result = result;
    render(this.report, result, this.data.root);
    if (heading) this.report.prepend(element("span", "mg-report-when", `${heading}\n\n`));
    this.report.hidden = false;
    this.showHints();
    this.markLine(result);
  }

  markLine(result) {
    this.editor?.markLine(result?.problems[0]?.line ?? null);
  }

  async check() {
    if (this.checking) return;
    this.setChecking(true);
    this.watch.hidden = true;
    const onStatus = (text) => (this.status.textContent = text);
    const began = performance.now();
    const options = { onStatus, limits: this.data.limits };
    try {
      const result = await checker.check(this.course, this.name, this.source(), options);
      this.show(result);
      const took = ((performance.now() - began) / 1000).toFixed(1);
      this.status.textContent = `${verdict(result)} (${took} s)`;
      if (result.exit === 0) this.showPassed();
    } catch (error) {
      this.showFailure(`The check could not run: ${error.message ?? error}`);
    } finally {
      this.setChecking(false);
    }
  }

  /** A check that could not run: said where the report was, so that the report of an
   * earlier check is never taken for this one's. */
  showFailure(why) {
    this.status.textContent = why;
    this.result = null;
    const advice = "Nothing was checked. Check again; if it happens again, reload the page.";
    this.report.replaceChildren(element("span", "mg-report-when", `${why}\n\n${advice}`));
    this.report.hidden = false;
    this.hints.replaceChildren();
    this.markLine(null);
  }

  showPassed() {
    const note = element("p", "mg-passed", "Passed. It is on ");
    note.append(link("your progress page", this.data.progress), ".");
    this.hints.replaceChildren(note);
  }

  setChecking(checking) {
    this.checking = checking;
    this.checkButton.disabled = checking;
    this.tutorButton.disabled = checking;
    this.root.classList.toggle("mg-running", checking);
  }

  /** The first ✗ of the last check: the mistake hints are about. */
  current() {
    return this.result?.problems[0] ?? null;
  }

  hint() {
    const problem = this.current();
    if (!problem) {
      this.status.textContent = !this.result
        ? "Check your code first: the hints are about the first mistake the checker finds."
        : this.result.exit === 0
          ? "No hint needed: the last check found no mistake."
          : "The report says what to do next: there is no hint beyond it.";
      return;
    }
    const level = (memory.hints(this.name)[problem.concept] ?? 1) + 1;
    if (level > problem.hints.length) {
      this.status.textContent = `That was the last hint for [${problem.concept}]: its lesson explains the idea.`;
      return;
    }
    memory.revealHint(this.name, problem.concept, level);
    this.showHints();
  }

  /** The hints revealed for the current mistake, past the first (which the report shows). */
  showHints() {
    const problem = this.current();
    this.hints.replaceChildren();
    if (!problem) return;
    const level = memory.hints(this.name)[problem.concept] ?? 1;
    const n = problem.hints.length;
    for (let k = 2; k <= Math.min(level, n); k++) {
      this.hints.append(element("p", "mg-hint", `Hint ${k}/${n} [${problem.concept}]: ${problem.hints[k - 1]}`));
    }
  }

  reset() {
    if (!this.editor) return;
    this.editor.value = this.starter;
    this.editor.markLine(null);
    this.status.textContent = "Back to the starter. Undo (Ctrl+Z, ⌘Z in the editor) brings your code back.";
  }

  download() {
    const { file, exercise } = this.data;
    const url = URL.createObjectURL(new Blob([this.source()], { type: "text/x-python" }));
    const anchor = link("", url);
    anchor.download = file;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.status.textContent = `Downloaded ${file}. On your machine, check it with: python -m micrograd.check ${exercise} ${file}`;
  }

  async tutor() {
    if (this.checking) return;
    this.dialog ??= promptDialog(this.root, this.data.file);
    this.dialog.loading("Checking your code, then writing the prompt…");
    this.setChecking(true);
    const onStatus = (text) => this.dialog.loading(text);
    try {
      const text = await checker.tutorPrompt(this.course, this.name, this.source(), {
        onStatus,
      });
      this.show(memory.lastCheck(this.name).result);
      this.dialog.show(text);
    } catch (error) {
      this.dialog.fail(`The prompt could not be written: ${error.message ?? error}`);
    } finally {
      this.setChecking(false);
    }
  }
}

export function mount(elements, course) {
  for (const root of elements) new Exercise(root, course);
}
