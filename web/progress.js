// The progress page (data-course="progress", data from hooks/exercises.py: the exercises,
// the self-checks, the concepts and the own-words questions): the exercises passed, the
// self-checks' last answers, the own-words answers kept, the concepts the checker named and
// where, what this browser could not keep, and a button that forgets everything it kept
// (web/memory.js). It follows changes made in other tabs.
import { button, element, link } from "./dom.js";
import * as memory from "./memory.js";
import { phrase, summary } from "./summary.js";

function table(headers, rows) {
  const made = element("table");
  const head = made.createTHead().insertRow();
  for (const title of headers) head.append(element("th", "", title));
  const body = made.createTBody();
  for (const cells of rows) {
    const row = body.insertRow();
    for (const cell of cells) row.insertCell().append(cell);
  }
  return made;
}

function exerciseState(name) {
  const last = memory.lastCheck(name);
  if (last?.memory) return `Passed on ${last.passed}; from memory on ${last.memory}`;
  if (last?.passed) return `Passed on ${last.passed}`;
  if (last) return `Checked on ${last.date}, not passed yet`;
  return memory.code(name) !== null ? "Started, not checked yet" : "Not started";
}

function exercisesTable(exercises) {
  const rows = exercises.map(({ name, about, page }) => [
    link(name, page),
    about,
    exerciseState(name),
  ]);
  return table(["Exercise", "What you write", "Where you are"], rows);
}

/** A self-check's last answers: "4 of 6 right, on 2025-03-01; look again at 3 and 5". */
function selfCheckState({ page, questions }, answers) {
  const last = new Map();
  for (const answer of answers) if (answer.page === page) last.set(answer.question, answer);
  const given = questions.filter((q) => last.has(q));
  if (!given.length) return "Not taken yet";
  const right = given.filter((q) => last.get(q).right).length;
  const date = given
    .map((q) => last.get(q).date)
    .sort()
    .at(-1);
  const again = questions.flatMap((q, i) => (last.get(q)?.right ? [] : [i + 1]));
  const said = `${right} of ${questions.length} right, last on ${date}`;
  if (!again.length) return `${said}.`;
  const which = again.length === 1 ? "question" : "questions";
  const list =
    again.length === 1 ? again[0] : `${again.slice(0, -1).join(", ")} and ${again.at(-1)}`;
  return `${said}; look again at ${which} ${list}.`;
}

function selfChecksTable(selfChecks) {
  const answers = memory.answers();
  const rows = selfChecks.map((quiz) => [
    link(quiz.title, quiz.link),
    selfCheckState(quiz, answers),
  ]);
  return table(["Self-check", "Your last answers"], rows);
}

/** The lessons' own-words answers kept: "3 of 3 key points, on 2026-12-01", or not yet. */
function ownWordsTable(questions) {
  const kept = memory.words();
  const rows = questions.map(({ lesson, question, link: where }) => {
    const entry = kept[lesson];
    const state = entry
      ? `${entry.covered.length} of ${entry.of} key points, on ${entry.date}`
      : "Not written yet";
    return [link(question, where), state];
  });
  return table(["In your own words", "Your answer"], rows);
}

// A concept kept in the history that this version of the course no longer has.
const GONE = { title: "A mistake an earlier version of the course named", lesson: null };

function conceptsList(concepts) {
  const items = summary(memory.history());
  if (!items.length) return element("p", "", "The checker has named no mistake of yours yet.");
  const list = element("ul");
  for (const item of items) {
    const concept = concepts.get(item.concept) ?? GONE;
    const li = element("li");
    li.append(concept.lesson ? link(concept.title, concept.lesson) : concept.title);
    li.append(` [${item.concept}]: ${phrase(item)}.`);
    list.append(li);
  }
  return list;
}

/** What this browser could not keep or read, in words; empty when all is well. */
function keptNotes() {
  const notes = [];
  const trouble = memory.trouble();
  if (trouble) notes.push(element("p", "mg-kept", trouble));
  for (const { said } of memory.setAsideList()) notes.push(element("p", "mg-kept", said));
  return notes;
}

class Progress {
  constructor(root) {
    this.root = root;
    this.data = JSON.parse(root.dataset.courseData);
    this.concepts = new Map(Object.entries(this.data.concepts));
    this.view = element("div", "mg-progress-view");
    this.notes = element("div", "mg-progress-notes");
    this.status = element("p", "mg-status");
    this.status.setAttribute("role", "status");
    this.forgetButton = button("Forget everything", null, () => this.confirmForget());
    this.confirm = element("div", "mg-toolbar mg-confirm");
    this.confirm.hidden = true;
    root.replaceChildren(this.view, this.notes, this.forgetButton);
    root.append(this.confirm, this.status);
    this.show();
    this.follow = () => (this.root.isConnected ? this.show() : this.stop());
    memory.changes.addEventListener("change", this.follow);
  }

  stop() {
    memory.changes.removeEventListener("change", this.follow);
  }

  show() {
    this.view.replaceChildren(
      element("h3", "", "Exercises"),
      exercisesTable(this.data.exercises),
      element("h3", "", "Self-checks"),
      selfChecksTable(this.data.selfChecks ?? []),
      element("h3", "", "In your own words"),
      ownWordsTable(this.data.ownWords ?? []),
      element("h3", "", "The concepts the checker named"),
      conceptsList(this.concepts),
    );
    this.notes.replaceChildren(...keptNotes());
  }

  confirmForget() {
    const erase = button("Erase", null, () => this.forget());
    const keep = button("Keep", null, () => this.closeConfirm());
    const what = "your code, checks, hints, self-check answers, history, reviews and own words";
    const question = element("span", "", `Erase ${what} for this course, in this browser?`);
    this.confirm.replaceChildren(question, erase, keep);
    this.confirm.hidden = false;
    keep.focus();
  }

  closeConfirm() {
    this.confirm.hidden = true;
    this.forgetButton.focus();
  }

  forget() {
    const { left } = memory.forget();
    this.closeConfirm();
    this.status.textContent = left.length
      ? `Not all of it could be erased: this browser kept ${left.join(", ")}. Clear this site's data in the browser's settings to erase it.`
      : "Forgotten: your code, checks, hints, self-check answers, history, reviews and own words are erased.";
  }
}

export function mount(elements) {
  for (const root of elements) new Progress(root);
}
