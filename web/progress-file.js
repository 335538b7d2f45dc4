// The progress file: everything the course keeps in this browser (web/memory.js), as one JSON
// file to take to another browser.
//
//   {"course": "micrograd-course", "schema": 2, "exported": "2026-12-04T16:00:00.000Z",
//    "records": {"code/value": "class Value: ...", "check/value": {...}, "reviews": {...}}}
//
// Each record is what web/records.js says its key holds. Schema 1, the files written before
// reviews existed, has no "reviews": reading one schedules a review of what it passed
// (web/reviews.js does it for any record it has no card for). A file that is not the
// course's, from a newer schema, or with a record that is not what its key holds is refused
// whole, with what is wrong in words, and nothing kept here changes.
import * as memory from "./memory.js";
import { knows, parse, stored } from "./records.js";

export const COURSE = "micrograd-course";
export const SCHEMA = 2;

/** Everything kept, as the file's text. */
export function exportText(now = new Date()) {
  const file = {
    course: COURSE,
    schema: SCHEMA,
    exported: now.toISOString(),
    records: memory.records(),
  };
  return JSON.stringify(file, null, 1);
}

const MIGRATIONS = {
  1: (records) => records, // nothing renamed: the reviews are scheduled as it is read
};

/** What is wrong with `file` in a sentence, or null; `file` is the parsed JSON. */
function problem(file) {
  const not = "This is not a progress file of this course";
  if (file === null || typeof file !== "object" || Array.isArray(file)) return `${not}.`;
  if (file.course !== COURSE) return `${not} (it does not say "course": "${COURSE}").`;
  if (!Number.isInteger(file.schema) || file.schema < 1)
    return `${not} (its schema is not a version number).`;
  if (file.schema > SCHEMA) {
    return (
      `This progress file was written by a newer version of the course (schema ${file.schema}; ` +
      `this page reads up to ${SCHEMA}). Reload the page to get the newest version, then import it again.`
    );
  }
  const records = file.records;
  if (records === null || typeof records !== "object" || Array.isArray(records)) {
    return "This progress file is damaged: it has no records.";
  }
  for (const [key, value] of Object.entries(records)) {
    if (!knows(key))
      return `This progress file is damaged: "${key}" is not something the course keeps.`;
    const text = stored(key, value);
    if (typeof text !== "string") return `This progress file is damaged: its "${key}" is not text.`;
    const { bad } = parse(key, text);
    if (bad)
      return `This progress file is damaged: its "${key}" is not what the course keeps there.`;
  }
  return null;
}

/** Read a progress file's text in place of everything kept here: {ok, error, warning}. */
export function importText(text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, error: "This file could not be read as a progress file: it is not JSON." };
  }
  const error = problem(file);
  if (error) return { ok: false, error };
  const records = MIGRATIONS[file.schema]?.(file.records) ?? file.records;
  const saved = memory.replace(records);
  return { ok: true, error: null, warning: saved ? null : memory.trouble() };
}
