// The exercise editor (data-course="exercise", written by hooks/exercises.py): the reader's
// code for one exercise, kept in this browser, with Check, Hint, Reset, Download and Copy a
// tutor prompt. The code, the last report, the hints already revealed and the "watch out"
// list show at once; the editor loads as the exercise comes near the screen, the checker's
// Pythons as the reader first changes the code (web/checker.js), ready by their first Check.
//
// Markup: data-course-data, JSON {exercise, file, root, progress, limits: {seconds, cases},
// watch: {concept: {title, lesson}}, causes: [{id, title}] for a diagnosis challenge (a
// choice above the editor, web/cause.js)}, and the starter as <pre class="mg-starter">.
//
// The code is saved as it is typed (web/memory.js). Another tab of the site changing it,
// its last check or its hints shows here at once; a save never replaces code that another
// tab saved since this editor last read it: the editor takes that code instead, and says so.
import { causeChoice } from "./cause.js";
import * as checker from "./checker.js";
import { button, element, link } from "./dom.js";
import * as memory from "./memory.js";
import { holdFolded } from "./fold.js";
import { editorInPlaceOf } from "./open-editor.js";
import { promptDialog } from "./prompt-dialog.js";
import { render, verdict } from "./report.js";
import { fillWatchList } from "./watch-list.js";

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

const FOLDED = "From memory is on: the hints stay folded. Untick it to see them.";

class Exercise {
  constructor(root, course) {
    this.root = root;
    this.course = course;
    this.data = JSON.parse(root.dataset.courseData);
    this.starterBox = root.querySelector(".mg-starter");
    this.starter = this.starterBox.textContent;
    this.name = this.data.exercise;
    this.editor = null;
    this.base = memory.code(this.name); // the code as this editor last read or saved it
    this.build();
    this.showWatchList();
    this.showLast();
    this.showKept();
    this.follow = (event) => this.onMemoryChange(event.detail);
    memory.changes.addEventListener("change", this.follow);
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
    // A diagnosis challenge starts from its broken run: there is nothing to write from memory.
    if (!this.data.causes) bar.append(this.memoryToggle());
    this.clock = element("span", "mg-clock");
    this.clock.hidden = true;
    bar.append(this.status, this.clock);
    this.kept = element("p", "mg-kept");
    this.kept.setAttribute("role", "status");
    this.report = element("pre", "mg-report");
    this.report.tabIndex = 0;
    this.report.setAttribute("aria-label", `The checker's report on your ${file}`);
    this.report.hidden = true;
    this.hints = element("div", "mg-hints");
    this.hints.setAttribute("aria-live", "polite");
    this.root.append(bar, this.kept, this.report, this.hints);
    if (this.data.causes) this.buildCause();
  }

  /** A diagnosis challenge's choice of cause: it writes the file's CAUSE line. */
  buildCause() {
    const { causes, file } = this.data;
    const write = (text) => this.write(text);
    this.cause = causeChoice({ causes, file, read: () => this.source(), write });
    this.watch.before(this.cause.element);
  }

  /** Replace the code, as the reader would: in the editor (undo brings it back), or kept
   * and shown as text while the editor is not there. */
  write(text) {
    if (this.editor) this.editor.value = text;
    else {
      this.save(text);
      this.starterBox.querySelector("code").textContent = text;
    }
  }

  source() {
    if (this.fromMemory) return this.editor?.value ?? memory.recall(this.name) ?? "";
    return this.editor?.value ?? memory.code(this.name) ?? this.starter;
  }

  /** "From memory": the editor starts empty (its own code, kept apart), the section's
   * help stays folded, and a pass is kept as one from memory. */
  memoryToggle() {
    const box = Object.assign(element("input"), { type: "checkbox", id: `mg-memory-${this.name}` });
    const label = element("label", "mg-memory-toggle");
    label.append(box, " From memory");
    label.title = "Write it again with the editor empty and the hints folded";
    box.addEventListener("change", () => this.setFromMemory(box.checked));
    return label;
  }

  async setFromMemory(on) {
    this.fromMemory = on;
    this.root.classList.toggle("mg-from-memory", on);
    this.release?.();
    this.release = on ? holdFolded(this.root, () => (this.status.textContent = FOLDED)) : null;
    const text = this.source();
    if (await this.openEditor()) {
      this.following = true;
      this.editor.value = on
        ? (memory.recall(this.name) ?? "")
        : (memory.code(this.name) ?? this.starter);
      this.following = false;
      this.editor.markLine(null);
    } else this.starterBox.querySelector("code").textContent = text;
    this.status.textContent = on
      ? "From memory: the editor is empty, the hints stay folded and the worked code is put away. Your code is kept; unticking brings it back."
      : "Your code is back.";
  }

  /** The editor, loaded once (null if it cannot load: the code shows as text). */
  openEditor() {
    this.opening ??= this.loadEditor();
    return this.opening;
  }

  async loadEditor() {
    const options = {
      doc: this.source(),
      label: `Your ${this.data.file}`,
      onRun: () => this.check(),
      onChange: (text) => {
        this.save(text);
        this.cause?.follow(text);
        this.prepareChecker();
      },
      wrap: true,
    };
    const className = "mg-editor mg-exercise-editor";
    this.editor = await editorInPlaceOf(this.starterBox, this.status, options, className);
    if (this.editor) this.markLine(memory.lastCheck(this.name)?.result);
    return this.editor;
  }

  /** The reader is writing code they will check: the checker's Pythons start now, in the
   * background, once, and the judge works out what the exercise's examples should give (a
   * Check that comes before they are ready shows them loading). */
  prepareChecker() {
    if (this.following || this.checkerPrepared) return;
    this.checkerPrepared = true;
    checker.prepare(this.course, this.name);
  }

  /** Keep the code as typed, unless another tab saved newer code: then show that. */
  save(text) {
    if (this.following) return;
    if (this.fromMemory) return memory.saveRecall(this.name, text);
    const { newer } = memory.saveCode(this.name, text, this.base);
    if (newer === undefined) this.base = text;
    else this.take(newer, "Your code was changed in another tab since: this editor now shows it.");
  }

  /** Show `text`, saved by another tab, in place of this editor's code. */
  take(text, why) {
    this.base = text;
    if (this.source() === text) return;
    if (this.editor) {
      this.following = true;
      this.editor.value = text;
      this.following = false;
      why += " Undo (Ctrl+Z, ⌘Z in the editor) brings back what was here.";
    } else {
      this.starterBox.querySelector("code").textContent = text;
    }
    this.cause?.follow(text);
    this.status.textContent = why;
  }

  /** What another tab (or this page) changed in the reader's memory. */
  onMemoryChange({ key, saved, external }) {
    if (!this.root.isConnected) return memory.changes.removeEventListener("change", this.follow);
    if (!saved || external || key === null || !this.kept.hidden) this.showKept();
    if (!external) return;
    const { name } = this;
    if (key === null) {
      this.base = memory.code(name);
      if (this.result && !memory.lastCheck(name)) this.forgetReport();
      this.status.textContent =
        "What this browser kept for the course was just erased, in another tab.";
    } else if (key === `code/${name}` && memory.code(name) !== null && !this.fromMemory) {
      this.take(
        memory.code(name),
        "Your code was changed in another tab: this editor now shows it.",
      );
    } else if (key === `code/${name}` && memory.code(name) === null && this.base !== null) {
      this.base = null; // Forget, key by key: kept again once changed or checked
      this.status.textContent =
        "Your code was erased in another tab: this editor still shows it, and keeps it again when you change or check it.";
    } else if (key === `check/${name}` && memory.lastCheck(name)) {
      this.showLast();
    } else if (key === `check/${name}` && this.result) {
      this.forgetReport(); // its record is gone: the report is no longer "your last check"
      if (!this.status.textContent.includes("erased in another tab"))
        this.status.textContent = "Your last check was erased in another tab.";
    } else if (key === `hints/${name}`) {
      this.showHints();
    }
  }

  /** Under the toolbar: what the browser could not keep, said plainly. */
  showKept() {
    const mine = new Set([
      `code/${this.name}`,
      `check/${this.name}`,
      `hints/${this.name}`,
      "history",
    ]);
    const aside = memory.setAsideList().filter(({ key }) => mine.has(key));
    const text = [memory.trouble(), ...aside.map(({ said }) => said)].filter(Boolean).join(" ");
    if (this.kept.textContent !== text) this.kept.textContent = text;
    this.kept.hidden = !text;
  }

  /** Before the first check: the concepts this reader got wrong before that apply here. */
  showWatchList() {
    const watch = new Map(Object.entries(this.data.watch));
    this.watch.hidden = !fillWatchList(this.watch, memory.history(), watch);
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

  // The line the checker points to (a record kept before results had `line`: its first
  // mistake's).
  markLine(result) {
    this.editor?.markLine(result?.line ?? result?.problems[0]?.line ?? null);
  }

  async check() {
    if (this.checking) return;
    const typed = this.source(); // a Check keeps what it checks (not kept after a Forget)
    if (!this.fromMemory && typed !== this.starter && memory.code(this.name) !== typed) {
      this.save(typed); // or shows the newer code another tab kept: that is checked
    }
    this.setChecking(true);
    this.watch.hidden = true;
    const onStatus = (text) => (this.status.textContent = text);
    const began = performance.now();
    const onChecking = (seconds) => this.startClock(seconds);
    const { limits } = this.data;
    const options = { onStatus, onChecking, limits, fromMemory: this.fromMemory };
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

  /** While the reader's code runs, how long it has and how long it may: a long check shows
   * it is alive. Not a live region: a screen reader is not told every second. */
  startClock(limit) {
    const began = performance.now();
    this.ticker = setInterval(() => {
      const seconds = Math.floor((performance.now() - began) / 1000);
      this.clock.textContent = `${seconds} s of at most ${limit} s`;
      this.clock.hidden = seconds < 3; // a quick check never shows it
    }, 1000);
  }

  stopClock() {
    clearInterval(this.ticker);
    this.clock.hidden = true;
  }

  forgetReport() {
    this.result = null;
    this.report.replaceChildren();
    this.report.hidden = true;
    this.hints.replaceChildren();
    this.markLine(null);
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
    const said = this.fromMemory ? "Passed from memory. It is on " : "Passed. It is on ";
    const note = element("p", "mg-passed", said);
    note.append(link("your progress page", this.data.progress), ".");
    this.hints.replaceChildren(note);
  }

  setChecking(checking) {
    if (!checking) this.stopClock();
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
    if (this.fromMemory) return (this.status.textContent = FOLDED);
    const problem = this.current();
    if (!problem) {
      this.status.textContent = !this.result
        ? "Check your code first: the hints are about the first mistake the checker finds."
        : this.result.exit === 0
          ? "No hint needed: the last check found no mistake."
          : "The report says what to do next: there is no hint beyond it.";
      return;
    }
    const level = memory.hintLevel(this.name, problem.concept) + 1;
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
    const level = memory.hintLevel(this.name, problem.concept);
    const n = problem.hints.length;
    for (let k = 2; k <= Math.min(level, n); k++) {
      this.hints.append(
        element("p", "mg-hint", `Hint ${k}/${n} [${problem.concept}]: ${problem.hints[k - 1]}`),
      );
    }
  }

  /** Back to the starter, in the editor once it is there (it may still be loading). */
  async reset() {
    this.status.textContent = "Back to the starter…";
    if (!(await this.openEditor())) {
      this.write(this.starter);
      this.cause?.follow(this.starter);
      this.status.textContent = "Back to the starter.";
      return;
    }
    this.editor.value = this.starter;
    this.editor.markLine(null);
    this.status.textContent =
      "Back to the starter. Undo (Ctrl+Z, ⌘Z in the editor) brings your code back.";
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
      const last = memory.lastCheck(this.name);
      if (last) this.show(last.result);
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
