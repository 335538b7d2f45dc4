// Every key the course keeps in the browser (web/memory.js), and what its value must be.
// Keys start with memory.js's PREFIX; a record is read through parse(), which keeps what is
// the course's and says what is not.
//
//   code/<exercise>    the reader's code, as last typed (text)
//   check/<exercise>   the last check: {result, date, passed, memory, solution}, where
//                      passed is the date it first passed (or null), memory the date it
//                      first passed from memory (or null), solution the code of the last
//                      check that passed (a rebuild review empties a function of it; absent
//                      in what was kept before); result as the checker gives it
//   hints/<exercise>   {concept: the hint level revealed}
//   history            [{concept, exercise, date}]: every concept the checker named, oldest
//                      first, the newest KEEP (the command line's history.json, and its KEEP)
//   self-checks        [{question, page, right, date}]: every self-check answer, oldest
//                      first, the newest KEEP (web/self-check.js)
//   opened             {block: date}: the answer blocks the reader has opened (web/gates.js)
//   reviews            {topic: card}: what comes back for review, and when (web/schedule.js)
//   words              {lesson: {text, covered, of, date}}: the reader's own words at the
//                      end of a lesson, and which of its `of` key points they covered
//   recall/<exercise>  the code written in the exercise's "from memory" mode (text)

// The command line's cap (micrograd/check/history.py), handed over by the site's build.
export const KEEP = MICROGRAD_HISTORY_KEEP;

const isText = (v) => typeof v === "string";
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isLevel = (v) => Number.isInteger(v) && v >= 1 && v <= 99;
const isOptionalText = (v) => v === null || v === undefined || isText(v);
const isTime = (v) => Number.isFinite(v) && v >= 0;
const isLine = (v) => v === null || v === undefined || (Number.isInteger(v) && v >= 1);
const listOf = (ok) => (v) => Array.isArray(v) && v.every(ok);
const mapOf = (ok) => (v) => isObject(v) && Object.values(v).every(ok);
const fields = (shape) => (v) => isObject(v) && Object.entries(shape).every(([k, ok]) => ok(v[k]));
// A lesson link: this site's address or a relative path, never a script.
const isLesson = (v) => isText(v) && /^(https:\/\/[^\s"<>]+|[\w./-]*(#[\w.-]*)?)$/.test(v);

const isProblem = fields({
  concept: isText,
  title: isText,
  lesson: isLesson,
  hints: listOf(isText),
  line: isLine,
});
const isResult = fields({
  exit: Number.isInteger,
  concepts: listOf(isText),
  report: isText,
  problems: listOf(isProblem),
  line: isLine,
});

const RECORDS = {
  code: { text: true, valid: isText },
  check: {
    valid: fields({
      result: isResult,
      date: isText,
      passed: isOptionalText,
      memory: isOptionalText,
      solution: isOptionalText,
    }),
  },
  hints: { valid: mapOf(isLevel) },
  history: { entry: fields({ concept: isText, exercise: isText, date: isText }) },
  "self-checks": {
    entry: fields({
      question: isText,
      page: isText,
      right: (v) => typeof v === "boolean",
      date: isText,
    }),
  },
  opened: { valid: mapOf(isText) },
  reviews: {
    valid: mapOf(
      fields({
        title: isText,
        module: isText,
        step: (v) => Number.isInteger(v) && v >= 0 && v <= 99,
        due: isTime,
        last: isTime,
        item: (v) => v === null || isText(v),
      }),
    ),
  },
  words: {
    valid: mapOf(
      fields({
        text: isText,
        covered: listOf(Number.isInteger),
        of: Number.isInteger,
        date: isText,
      }),
    ),
  },
  recall: { text: true, valid: isText },
};

/** Is `key` one of the course's records? */
export const knows = (key) => Object.hasOwn(RECORDS, key.split("/")[0]);

/** Is `key`'s record kept as text (the others are JSON)? */
export const isTextRecord = (key) => Boolean(RECORDS[key.split("/")[0]]?.text);

/** The text kept for `value` under `key`. */
export const stored = (key, value) => (isTextRecord(key) ? value : JSON.stringify(value));

/** Parse `text` as the record `key` holds: {value, bad} (bad: what was left out). */
export function parse(key, text) {
  const record = RECORDS[key.split("/")[0]];
  if (!record) throw new Error(`memory: no record "${key}"`);
  if (record.text) return record.valid(text) ? { value: text } : { value: null, bad: "not text" };
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { value: null, bad: "not JSON" };
  }
  if (!record.entry)
    return record.valid(value) ? { value } : { value: null, bad: "not the course's" };
  if (!Array.isArray(value)) return { value: [], bad: "not a list" };
  const good = value.filter(record.entry);
  const dropped = value.length - good.length;
  return { value: good.slice(-KEEP), bad: dropped ? { dropped, of: value.length } : null };
}

/** What was set aside from `key`, in a sentence for the reader. */
export function setAsideSentence(key, bad) {
  const copy = `set-aside/${key}`;
  if (typeof bad === "string") {
    return `What this browser kept as ${key} could not be read (${bad}): it is set aside, as ${copy}, and not used.`;
  }
  return (
    `${bad.dropped} of the ${bad.of} entries this browser kept as ${key} are not the ` +
    `course's: they are left out, and a copy of the whole is set aside, as ${copy}.`
  );
}
