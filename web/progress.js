// The progress page (data-course="progress", data from hooks/exercises.py: the exercises and
// the concepts): the exercises passed, the concepts the checker named and where, and a
// button that forgets everything this browser kept (web/memory.js).
import { button, element, link } from "./dom.js";
import * as memory from "./memory.js";

function exercisesTable(exercises) {
  const table = element("table");
  const head = table.createTHead().insertRow();
  for (const title of ["Exercise", "What you write", "Where you are"]) {
    head.append(element("th", "", title));
  }
  const body = table.createTBody();
  for (const { name, about, page } of exercises) {
    const last = memory.lastCheck(name);
    const row = body.insertRow();
    row.insertCell().append(link(name, page));
    row.insertCell().textContent = about;
    row.insertCell().textContent = last?.passed
      ? `Passed on ${last.passed}`
      : last
        ? `Checked on ${last.date}, not passed yet`
        : memory.code(name) !== null
          ? "Started, not checked yet"
          : "Not started";
  }
  return table;
}

function conceptsList(concepts) {
  const met = new Map();
  for (const entry of memory.history()) met.set(entry.concept, [...(met.get(entry.concept) ?? []), entry]);
  if (!met.size) return element("p", "", "The checker has named no mistake of yours yet.");
  const list = element("ul");
  for (const [id, entries] of met) {
    const concept = concepts[id] ?? { title: id, lesson: null };
    const item = element("li");
    item.append(concept.lesson ? link(concept.title, concept.lesson) : concept.title);
    const where = [...new Set(entries.map((e) => e.exercise))].join(", ");
    const last = entries.map((e) => e.date).sort().at(-1);
    const times = entries.length === 1 ? "once" : `${entries.length} times`;
    item.append(` [${id}]: ${times}, in ${where}; last on ${last}.`);
    list.append(item);
  }
  return list;
}

class Progress {
  constructor(root) {
    this.root = root;
    this.data = JSON.parse(root.dataset.courseData);
    this.view = element("div", "mg-progress-view");
    this.status = element("p", "mg-status");
    this.status.setAttribute("role", "status");
    this.forgetButton = button("Forget everything", null, () => this.confirmForget());
    this.confirm = element("div", "mg-toolbar mg-confirm");
    this.confirm.hidden = true;
    root.replaceChildren(this.view, this.forgetButton);
    root.append(this.confirm, this.status);
    if (!memory.persistent) {
      this.status.textContent =
        "This browser keeps nothing for this site: what you do is forgotten when you close the page.";
    }
    this.show();
    memory.changes.addEventListener("change", () => this.root.isConnected && this.show());
  }

  show() {
    this.view.replaceChildren(
      element("h3", "", "Exercises"),
      exercisesTable(this.data.exercises),
      element("h3", "", "The concepts the checker named"),
      conceptsList(this.data.concepts),
    );
  }

  confirmForget() {
    const erase = button("Erase", null, () => this.forget());
    const keep = button("Keep", null, () => this.closeConfirm());
    const question = element("span", "", "Erase your code, checks, hints and history for this course, in this browser?");
    this.confirm.replaceChildren(question, erase, keep);
    this.confirm.hidden = false;
    keep.focus();
  }

  closeConfirm() {
    this.confirm.hidden = true;
    this.forgetButton.focus();
  }

  forget() {
    memory.forget();
    this.closeConfirm();
    this.status.textContent = "Forgotten: your code, checks, hints and history are erased.";
  }
}

export function mount(elements) {
  for (const root of elements) new Progress(root);
}
