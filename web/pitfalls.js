// Pitfall marks: an item of a Pitfalls box tagged with concept ids (data-course="pitfall",
// data-concepts="zero-grad grad-accumulation", from hooks/exercises.py) says so when the
// reader's checks named one of them: "You met this in the value exercise." The marks follow
// the reader's history (web/memory.js) as it changes, on this page and the next.
import * as memory from "./memory.js";

let listening = false;

/** "the value exercise", "the value and train exercises", "the value, loss and train exercises" */
export function exercisesPhrase(names) {
  const list =
    names.length < 2 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `the ${list} exercise${names.length < 2 ? "" : "s"}`;
}

function mark(item, history) {
  const concepts = new Set(item.dataset.concepts.split(/\s+/));
  const names = [...new Set(history.filter((e) => concepts.has(e.concept)).map((e) => e.exercise))];
  let note = item.querySelector(":scope > .mg-met");
  item.classList.toggle("mg-met-item", names.length > 0);
  if (!names.length) return note?.remove();
  if (!note) {
    note = document.createElement("span");
    note.className = "mg-met";
    item.append(" ", note);
  }
  note.textContent = `You met this in ${exercisesPhrase(names)}.`;
}

function markAll() {
  const history = memory.history();
  for (const item of document.querySelectorAll('[data-course="pitfall"]')) mark(item, history);
}

export function mount() {
  markAll();
  if (!listening) {
    listening = true;
    memory.changes.addEventListener("change", markAll);
  }
}
