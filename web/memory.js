// What the course remembers for its reader: in this browser only (localStorage), never sent
// anywhere. Every key starts with PREFIX, the course's name and the format's version (bump
// it when a record's shape changes; Forget erases every version's keys). web/records.js
// lists every key and what its value must be: the reader's code, last check and hints per
// exercise, the history of concepts the checker named, the self-checks' answers, and the
// answer blocks opened.
//
// A value that is not what its key must hold is set aside: copied to set-aside/<key>, left
// out of what the page reads, and listed by setAsideList(). A write the browser refuses
// (its storage full, or turned off) is kept for this visit, read back as written, and said
// by trouble(). `changes` fires "change" ({key, saved, external}) after every write, and
// when another tab of this site changes a key (external: true; key null: everything): its
// listeners then write nothing (a write returns false), the other tab writes what follows.
import { KEEP, knows, parse, setAsideSentence, stored } from "./records.js";

export { KEEP };
export const PREFIX = "micrograd-course/v1/";
const COURSE = "micrograd-course/"; // every version's keys

export const changes = new EventTarget();

/** Today, in the reader's time zone, as the command line writes dates: 2025-03-01. */
export const today = () => new Date().toLocaleDateString("sv-SE");

// --- the store: localStorage, and what it refused -------------------------------------

function openStorage() {
  try {
    window.localStorage.getItem(`${PREFIX}probe`);
    return window.localStorage;
  } catch {
    return null; // turned off: reading it throws
  }
}
const storage = openStorage();
const unsaved = new Map(); // key -> text the browser would not keep: kept for this visit
let refusal = null; // why the last write failed: "full" or the error's name

/** Can the browser keep one more character? A full store is said before the reader's
 * next change is lost. */
function probe() {
  refusal = null;
  if (!storage) return;
  if (save("probe", "1")) storage.removeItem(`${PREFIX}probe`);
  unsaved.delete("probe");
}
probe();

const announce = (detail) => changes.dispatchEvent(new CustomEvent("change", { detail }));

function read(key) {
  if (unsaved.has(key)) return unsaved.get(key);
  try {
    return storage?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

function save(key, text) {
  try {
    if (!storage) throw new Error("off");
    storage.setItem(PREFIX + key, text);
    unsaved.delete(key);
    return true;
  } catch (error) {
    unsaved.set(key, text);
    refusal = error.name === "QuotaExceededError" ? "full" : error.name;
    return false;
  }
}

// While this tab follows another tab's change (its listeners run), it writes nothing: what
// follows from a change is written by the tab that made it. A tab that wrote back what it
// had just seen erased would undo another tab's Forget.
let following = false;

function write(key, text) {
  if (following) return false;
  cache.delete(key);
  let saved = save(key, text);
  if (saved && unsaved.size) {
    for (const [other, kept] of [...unsaved]) saved = save(other, kept) && saved;
  }
  if (saved && !unsaved.size) refusal = null;
  announce({ key, saved, external: false });
  return saved;
}

/** Why what the reader does is not kept past this visit, in words; null when it is. */
export function trouble() {
  const download = "Download your code to keep it.";
  if (!storage) {
    return (
      "This browser keeps nothing for this site (its storage is turned off, as in some " +
      `private windows): your work is kept only until you close the page. ${download}`
    );
  }
  if (refusal === null) return null;
  if (refusal === "full") {
    return (
      "This browser's storage for this site is full: what you change is kept only until " +
      `you close the page. ${download} The progress page can make room by erasing what ` +
      "the course kept."
    );
  }
  return (
    `This browser refused to save your work (${refusal}): what you change is kept only ` +
    `until you close the page. ${download}`
  );
}

// --- records, checked as they are read (web/records.js) ---------------------------------

const cache = new Map(); // key -> {text, value}: parsed once per stored text
const problems = new Map(); // key -> what was set aside, in a sentence

function setAside(key, text, bad) {
  const said = setAsideSentence(key, bad);
  if (problems.get(key) === said) return;
  problems.set(key, said);
  try {
    storage?.setItem(`${PREFIX}set-aside/${key}`, text); // a copy, for the reader to recover
  } catch {
    // no room for it: the record itself stays where it was until it is written again
  }
}

/** The value kept under `key` (validated), or `empty`. */
function get(key, empty) {
  const text = read(key);
  if (text === null) return empty;
  const hit = cache.get(key);
  if (hit?.text === text) return hit.value ?? empty;
  const { value, bad } = parse(key, text);
  if (bad) setAside(key, text, bad);
  else problems.delete(key);
  cache.set(key, { text, value });
  return value ?? empty;
}

/** What was set aside, of everything kept: [{key, said}], for the reader to be told. */
export function setAsideList() {
  for (const key of keys()) get(key, null); // each record is read, so checked, once
  return [...problems].map(([key, said]) => ({ key, said }));
}

// --- what the page modules read and write -------------------------------------------------

export const code = (exercise) => get(`code/${exercise}`, null);

/** Save the reader's code, unless another tab saved other code since this one last read or
 * saved `base`: then nothing is written and `newer` is that code.
 * -> {saved: true} | {saved: false, newer} | {saved: false} (kept for this visit) */
export function saveCode(exercise, text, base) {
  const stored = code(exercise);
  if (stored !== null && stored !== base && stored !== text) return { saved: false, newer: stored };
  return { saved: write(`code/${exercise}`, text) };
}

export const lastCheck = (exercise) => get(`check/${exercise}`, null);

/** The hint level revealed for `concept` in `exercise` (1: the report's own). */
export const hintLevel = (exercise, concept) =>
  new Map(Object.entries(get(`hints/${exercise}`, {}))).get(concept) ?? 1;

export function revealHint(exercise, concept, level) {
  const hints = get(`hints/${exercise}`, {});
  write(`hints/${exercise}`, JSON.stringify({ ...hints, [concept]: level }));
}

/** Every hint level revealed, in any exercise: {concept: the highest}. */
export function openedHints() {
  const levels = new Map();
  for (const key of keys()) {
    if (!key.startsWith("hints/")) continue;
    for (const [concept, level] of Object.entries(get(key, {}))) {
      levels.set(concept, Math.max(level, levels.get(concept) ?? 1));
    }
  }
  return Object.fromEntries(levels);
}

export const history = () => get("history", []);

/** Keep a check's result: the last one of its exercise (with `source`, the code checked,
 * when it passed), and its entries in the history, unless its report is the last check's
 * (the same mistakes, seen again). */
export function recordCheck(exercise, result, entries, date, { fromMemory = false, source } = {}) {
  const last = lastCheck(exercise);
  const pass = result.exit === 0;
  const passed = last?.passed ?? (pass ? date : null);
  const memory = last?.memory ?? (fromMemory && pass ? date : null);
  const solution = (pass ? source : null) ?? last?.solution ?? null;
  write(`check/${exercise}`, JSON.stringify({ result, date, passed, memory, solution }));
  if (entries.length && last?.result.report !== result.report) append("history", entries);
}

/** Keep the concepts a review's check named in the history; the exercise's last check,
 * the report its page shows under the reader's own code, stays as it was. */
export function recordReviewCheck(entries) {
  if (entries.length) append("history", entries);
}

export const answers = () => get("self-checks", []);
export const recordAnswers = (list) => append("self-checks", list);

function append(key, entries) {
  write(key, JSON.stringify([...get(key, []), ...entries].slice(-KEEP)));
}

/** The date an answer block was opened (web/gates.js), or null. */
export const opened = (block) => new Map(Object.entries(get("opened", {}))).get(block) ?? null;

export function open(block, date) {
  write("opened", JSON.stringify({ ...get("opened", {}), [block]: date }));
}

/** The reviews' cards, {topic: card} (web/schedule.js), and their replacement. */
export const cards = () => get("reviews", {});
export const saveCards = (all) => write("reviews", JSON.stringify(all));

/** The reader's own words, {lesson: {text, covered, of, date}}. */
export const words = () => get("words", {});
export const saveWords = (lesson, entry) =>
  write("words", JSON.stringify({ ...words(), [lesson]: entry }));

/** The code of an exercise's "from memory" mode, kept apart from the reader's code. */
export const recall = (exercise) => get(`recall/${exercise}`, null);
export const saveRecall = (exercise, text) => write(`recall/${exercise}`, text);

// --- all of it ------------------------------------------------------------------------------

/** The keys kept (without PREFIX), this visit's included. */
function keys() {
  const found = new Set(unsaved.keys());
  try {
    for (let i = 0; i < (storage?.length ?? 0); i++) {
      const key = storage.key(i);
      if (key?.startsWith(PREFIX)) found.add(key.slice(PREFIX.length));
    }
  } catch {
    // turned off since: what this visit holds
  }
  return [...found].filter(knows);
}

// The review cards ("reviews") are made from the other records (web/reviews.js): a tab that
// sees a passed check without its card makes the card anew. So when another tab may be
// watching, the cards are written before what they are made from and erased after it.
const isCards = (key) => /(^|\/)reviews$/.test(key);
const cardsLast = (keys) => [...keys.filter((k) => !isCards(k)), ...keys.filter(isCards)];

/** Every record kept, as read (so checked): {key: value}, text records as text. */
export function records() {
  const all = {};
  for (const key of keys().sort()) {
    const value = get(key, null);
    if (value !== null) all[key] = value;
  }
  return all;
}

/** Put `all` ({key: value}, each checked by the caller) in place of everything kept under
 * this version's keys. -> whether the browser kept all of it (trouble() says why not). */
export function replace(all) {
  for (const key of cardsLast(keys())) {
    unsaved.delete(key);
    try {
      storage?.removeItem(PREFIX + key);
    } catch {
      // turned off since: nothing to remove
    }
  }
  cache.clear();
  problems.clear();
  let saved = true;
  for (const key of cardsLast(Object.keys(all)).reverse()) {
    saved = save(key, stored(key, all[key])) && saved;
  }
  announce({ key: null, saved, external: false });
  return saved;
}

/** Erase everything the course kept, every version's keys: {left}, the keys the browser
 * would not erase. */
export function forget() {
  unsaved.clear();
  cache.clear();
  problems.clear();
  const left = [];
  try {
    const all = [];
    for (let i = 0; i < (storage?.length ?? 0); i++) all.push(storage.key(i));
    for (const key of cardsLast(all.filter((k) => k?.startsWith(COURSE)))) {
      storage.removeItem(key);
    }
    for (let i = 0; i < (storage?.length ?? 0); i++) {
      if (storage.key(i)?.startsWith(COURSE)) left.push(storage.key(i));
    }
  } catch (error) {
    left.push(`all of it (${error.name})`);
  }
  probe();
  announce({ key: null, saved: true, external: false });
  return { left };
}

function follow(key) {
  following = true;
  try {
    announce({ key, saved: true, external: true });
  } finally {
    following = false;
  }
}

// Another tab of this site changed what is kept: its value is the newest.
addEventListener("storage", (event) => {
  if (event.storageArea !== storage) return;
  if (event.key === null) {
    unsaved.clear();
    cache.clear();
    follow(null);
  } else if (event.key.startsWith(PREFIX) && knows(event.key.slice(PREFIX.length))) {
    const key = event.key.slice(PREFIX.length);
    unsaved.delete(key);
    cache.delete(key);
    follow(key);
  }
});
