// Pitfall marks: an item of a Pitfalls box tagged with concept ids (data-course="pitfall",
// data-concepts="zero-grad grad-accumulation", from hooks/exercises.py) says so when the
// reader's checks named one of them: "You met this in the value exercise." The marks follow
// the reader's history (web/memory.js) as it changes, on this page, the next, and in other
// tabs.
import * as memory from "./memory.js";
import { exercisesPhrase } from "./summary.js";

let listening = false;

/** Each item's exercises where one of its concepts was named, in the history's order:
 * one pass over the history. */
function metIn(items, history) {
  const watching = new Map(); // concept -> the items tagged with it
  const names = new Map(items.map((item) => [item, new Set()]));
  for (const item of items) {
    for (const concept of item.dataset.concepts.split(/\s+/)) {
      watching.set(concept, [...(watching.get(concept) ?? []), item]);
    }
  }
  for (const { concept, exercise } of history) {
    for (const item of watching.get(concept) ?? []) names.get(item).add(exercise);
  }
  return names;
}

function mark(item, names) {
  let note = item.querySelector(":scope > .mg-met");
  item.classList.toggle("mg-met-item", names.size > 0);
  if (!names.size) return note?.remove();
  if (!note) {
    note = document.createElement("span");
    note.className = "mg-met";
    item.append(" ", note);
  }
  note.textContent = `You met this in ${exercisesPhrase([...names])}.`;
}

function markAll() {
  const items = [...document.querySelectorAll('[data-course="pitfall"]')];
  if (!items.length) return;
  const met = metIn(items, memory.history());
  for (const item of items) mark(item, met.get(item));
}

export function mount() {
  markAll();
  if (!listening) {
    listening = true;
    const follow = ({ detail: { key } }) => (key === "history" || key === null) && markAll();
    memory.changes.addEventListener("change", follow);
  }
}
