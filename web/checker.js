// The checker in the page: micrograd.check.check_source in a Python session of its own, not
// the lesson cells', started on the first check and kept from page to page.
//
//   await check(course, "value", source, {seconds, onStatus})  (seconds: the run's limit)
//     -> {exit, concepts, report, problems}: what `python -m micrograd.check value value.py`
//        says of the same code (problems: per ✗, its concept, title, lesson, hints, line).
//        The concepts it names join the reader's history (web/memory.js), as on the
//        command line.
//   await tutorPrompt(course, "value", source) -> the command line's --tutor-prompt text
//   codeOf("value") -> the reader's code for the exercise (or the page's starter), or null
//
// Time limits: the spec's, for the whole run (10 s; 180 s for the capstone, counted once
// Python is ready) and for each example (2 s for most). Past either, the worker is
// terminated (nothing else stops Python in a page) and a fresh one reports the run as the
// command line reports a timeout, from the messages the check sent while it ran.
import { watchLoading } from "./loading.js";
import * as memory from "./memory.js";

let session = null;
let queue = Promise.resolve(); // checks run one at a time

const PREPARE = "import micrograd.check.history, micrograd.check.tutor";

// Each message of the check reaches the page as it is sent: the cell runner's stream
// passes text on to the page as it comes (on_text), here under the name "check".
const CHECK = `
import json, sys
from micrograd.check import check_source
from micrograd.check.history import entries
from datetime import date

_send = sys.stdout.on_text
def _emit(kind, payload):
    _send("check", json.dumps([kind, payload]))

_result = check_source(exercise, code, filename=filename, emit=_emit)
json.dumps({"result": _result, "entries": entries(
    _result["concepts"], exercise, date.fromisoformat(today))})`;

const TIMED_OUT = `
import json
from micrograd.check.hosts import timeout_result
from micrograd.check.history import entries
from datetime import date

_result = timeout_result(exercise, messages, seconds, elapsed, filename=filename)
json.dumps({"result": _result, "entries": entries(
    _result["concepts"], exercise, date.fromisoformat(today))})`;

// The limits of the exercise's spec: in all, and for each example.
const LIMITS = `
from micrograd.check.hosts import exercise as _exercise
_spec = _exercise(exercise)
{"seconds": _spec.seconds,
 "cases": [c["seconds"] for c in _spec.plan(_spec.seconds)["cases"]]}`;

const PROMPT = `
from micrograd.check.tutor import tutor_prompt
tutor_prompt(exercise, code, result, history, hints)`;

/** Today, in the reader's time zone, as the command line writes dates: 2025-03-01. */
const today = () => new Date().toLocaleDateString("sv-SE");

function checker(course) {
  session ??= course.createSession();
  return session;
}

/** Run `source` in the checker's session; its result's last value, or an Error. */
async function evaluate(course, source, options = {}) {
  const result = await checker(course).run(source, { space: "checker", ...options });
  if (result.error) throw new Error(result.error.trim().split("\n").pop());
  return result.value;
}

/** Start Python for the checker, telling `onStatus` how far loading got. */
async function start(course, onStatus) {
  const python = checker(course);
  if (python.state === "ready") return;
  const stopWatching = watchLoading(python, onStatus);
  try {
    await python.ready();
    await evaluate(course, PREPARE);
  } finally {
    stopWatching();
  }
}

/** Calls `stop()` past the run's limit, or past the running example's own limit. */
function watchdog(seconds, cases, stop) {
  let run, example, began = null;
  return {
    late: false,
    fire() {
      this.late = true;
      stop();
    },
    start() {
      run = setTimeout(() => this.fire(), seconds * 1000);
    },
    example(k) {
      clearTimeout(example);
      began = performance.now();
      const limit = Math.min(cases[k] ?? seconds, seconds);
      example = setTimeout(() => this.fire(), limit * 1000);
    },
    done: () => clearTimeout(example),
    cancel: () => (clearTimeout(run), clearTimeout(example)),
    elapsed: () => (began === null ? 0 : (performance.now() - began) / 1000),
  };
}

async function runCheck(course, exercise, source, { seconds, onStatus = () => {} }) {
  if (typeof source !== "string") throw new TypeError("check(exercise, source): source is text");
  await start(course, onStatus);
  const limits = await evaluate(course, LIMITS, { inputs: { exercise } });
  seconds ??= limits.seconds;
  const filename = `${exercise}.py`;
  const messages = [];
  const dog = watchdog(seconds, limits.cases, () => session.stop("Out of time"));
  const onText = (stream, text) => {
    if (stream !== "check") return;
    const [kind, payload] = JSON.parse(text);
    messages.push([kind, payload]);
    if (kind === "start") {
      dog.example(payload.case);
      onStatus(`Checking… example ${payload.case + 1} of ${limits.cases.length}`);
    } else if (kind === "result") dog.done();
  };
  onStatus("Checking…");
  const inputs = { exercise, code: source, filename, today: today() };
  dog.start();
  try {
    return JSON.parse(await evaluate(course, CHECK, { inputs, onText }));
  } catch (error) {
    if (!dog.late) throw error;
  } finally {
    dog.cancel();
  }
  onStatus("Stopped: time is up. Restarting Python to write the report…");
  await start(course, onStatus);
  const stopped = { ...inputs, messages, seconds, elapsed: dog.elapsed() };
  return JSON.parse(await evaluate(course, TIMED_OUT, { inputs: stopped }));
}

/** Check `source` for `exercise`; the result joins the reader's memory. */
export function check(course, exercise, source, options = {}) {
  const done = queue.then(async () => {
    const { result, entries } = await runCheck(course, exercise, source, options);
    memory.recordCheck(exercise, result, entries, today());
    return result;
  });
  queue = done.catch(() => {});
  return done;
}

/** The tutor prompt for `source`: checked now, with the history as it was before. */
export async function tutorPrompt(course, exercise, source, options = {}) {
  const history = memory.history();
  const result = await check(course, exercise, source, options);
  const inputs = { exercise, code: source, result, history, hints: memory.openedHints() };
  return evaluate(course, PROMPT, { inputs });
}

/** window.course.tutorPrompt(exercise): the prompt for the reader's code of `exercise`. */
export function tutorPromptFor(course, exercise, options) {
  const source = codeOf(exercise);
  if (source === null) {
    const message = `no code for the exercise "${exercise}" in this browser yet: open its lesson`;
    return Promise.reject(new Error(message));
  }
  return tutorPrompt(course, exercise, source, options);
}

/** The reader's code for `exercise`: as kept in this browser, or the starter on this page. */
export function codeOf(exercise) {
  const starter = document.querySelector(
    `[data-course="exercise"][data-exercise="${CSS.escape(exercise)}"] .mg-starter`,
  );
  return memory.code(exercise) ?? starter?.textContent ?? null;
}
