// What the course remembers for its reader: in this browser only (localStorage), never sent
// anywhere. Every key starts with PREFIX (the course's name and the format's version):
//
//   micrograd-course/v1/code/<exercise>    the reader's code, as last typed (text)
//   micrograd-course/v1/check/<exercise>   the last check: {result, date, passed}, where
//                                          passed is the date it first passed (or null)
//   micrograd-course/v1/hints/<exercise>   {concept: the hint level revealed}
//   micrograd-course/v1/history            [{concept, exercise, date}]: every concept the
//                                          checker named, oldest first (the command
//                                          line's history.json holds the same entries)
//
// Where the browser keeps nothing (storage turned off), all of it lives until the page is
// closed, and `persistent` is false. `changes` fires "change" after every write.
export const PREFIX = "micrograd-course/v1/";
const KEEP = 1000; // history entries kept, the newest (as the command line keeps)

export const changes = new EventTarget();
const fallback = new Map();

function probe() {
  try {
    const key = `${PREFIX}probe`;
    localStorage.setItem(key, "1");
    localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}
export const persistent = probe();

function read(key) {
  const text = persistent ? localStorage.getItem(PREFIX + key) : fallback.get(key);
  return text ?? null;
}

function write(key, text) {
  if (persistent) {
    try {
      localStorage.setItem(PREFIX + key, text);
    } catch {
      fallback.set(key, text); // full: kept for this visit at least
    }
  } else fallback.set(key, text);
  changes.dispatchEvent(new CustomEvent("change", { detail: { key } }));
}

function readJSON(key, empty) {
  try {
    return JSON.parse(read(key)) ?? empty;
  } catch {
    return empty;
  }
}

export const code = (exercise) => read(`code/${exercise}`);
export const saveCode = (exercise, text) => write(`code/${exercise}`, text);

export const lastCheck = (exercise) => readJSON(`check/${exercise}`, null);
export const hints = (exercise) => readJSON(`hints/${exercise}`, {});

export function history() {
  const entries = readJSON("history", []);
  const complete = (e) => e && ["concept", "exercise", "date"].every((k) => k in e);
  return Array.isArray(entries) ? entries.filter(complete) : [];
}

/** Keep a check's result: the last one of its exercise, and its entries in the history. */
export function recordCheck(exercise, result, entries, date) {
  const passed = lastCheck(exercise)?.passed ?? (result.exit === 0 ? date : null);
  write(`check/${exercise}`, JSON.stringify({ result, date, passed }));
  if (entries.length) write("history", JSON.stringify([...history(), ...entries].slice(-KEEP)));
}

export function revealHint(exercise, concept, level) {
  write(`hints/${exercise}`, JSON.stringify({ ...hints(exercise), [concept]: level }));
}

/** Erase everything the course kept: code, checks, hints and history. */
export function forget() {
  fallback.clear();
  if (persistent) {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    for (const key of keys.filter((k) => k.startsWith(PREFIX))) localStorage.removeItem(key);
  }
  changes.dispatchEvent(new CustomEvent("change", { detail: { key: null } }));
}

/** Has the reader anything kept? */
export function isEmpty() {
  if (!persistent) return fallback.size === 0;
  for (let i = 0; i < localStorage.length; i++) {
    if (localStorage.key(i).startsWith(PREFIX)) return false;
  }
  return true;
}
