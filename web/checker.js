// The checker in the page. A Check runs the reader's file in a sandbox, a Python of its own
// (a Web Worker) used for that Check only and then thrown away, and the report is made by
// the judge, a Python that never runs a reader's code (web/python/course_checker.py). The
// next sandbox starts as soon as one is done, so the next Check does not wait for Python.
//
//   await check(course, "value", source, {seconds, limits, onStatus, onChecking})
//     -> the report as data (micrograd.check.hosts.result): {exit, concepts, report,
//        summary, items, problems, ...}: what `python -m micrograd.check value value.py
//        --json` says of the same code. The concepts it names join the reader's history
//        (web/memory.js), as on the command line. onStatus(text) is told each stage;
//        onChecking(seconds) once the reader's code starts, with the time it may take.
//   await tutorPrompt(course, "value", source) -> the command line's --tutor-prompt text
//   codeOf("value") -> the reader's code for the exercise (or the page's starter), or null
//   prepare(course, exercise) -> starts the judge and the next sandbox, and the judge
//     works out the exercise's reference data, so that a Check soon after does not wait
//     for them (a Check starts them too)
//   await whenIdle() -> once the judge and the next sandbox are ready (or failed to start)
//
// Only the sandbox's messages tagged with the Check's nonce, in sequence, count (the judge
// checks them, as the command line checks its worker's pipe); a sandbox that returns
// anything but the nonce and the number of messages it sent was not the checker.
//
// Time limits (`limits`, from the exercise's page data, else asked of the judge): the
// whole run's (10 s; 180 s for the capstone, counted once the sandbox is ready), loading
// the file's (at most 30 s) and each example's (2 s for most). Past any of them, the
// sandbox is ended (nothing else stops Python in a page) and the judge reports the run as
// the command line reports a timeout.
import { watchLoading } from "./loading.js";
import * as memory from "./memory.js";
import { PythonError } from "./session.js";

const JUDGE_SECONDS = 120; // the judge's limit for one call: a cold capstone trains twice
const MESSAGES_LIMIT = 16_000_000; // characters a sandbox may send in one Check

let judge = null; // {session, ready}
let spare = null; // the sandbox for the next Check: {session, ready}
let queue = Promise.resolve(); // Checks run one at a time
const knownLimits = new Map(); // exercise -> {seconds, load, cases}
const worked = new Map(); // exercise -> the judge's session asked to work out its reference

/** Call `name` of web/python/course_checker.py with `kwargs` in `session`, by the page's
 * protocol (web/protocol.js). `onEvent(event)` gets each event the function emits, as
 * [kind, payload]. */
function callPython(session, name, kwargs, { onEvent, timeout } = {}) {
  const events = onEvent && ((kind, payload) => onEvent([kind, payload]));
  return session.call(`course_checker.${name}`, kwargs, { onEvent: events, timeout });
}

function started(course, sandbox) {
  const session = course.createSession();
  const ready = session
    .ready()
    .then(() => callPython(session, "prepare", { sandbox }, { timeout: JUDGE_SECONDS * 1000 }));
  return { session, ready };
}

function theJudge(course) {
  if (!judge) {
    const mine = (judge = started(course, false));
    mine.ready.catch(() => judge === mine && (judge = null)); // the next Check tries again
  }
  return judge;
}

/** The sandbox for this Check: the spare, or a new one. */
function takeSandbox(course) {
  const sandbox = spare ?? started(course, true);
  spare = null;
  return sandbox;
}

function startSpare(course) {
  const mine = (spare = started(course, true));
  mine.ready.catch(() => spare === mine && (spare = null));
}

/** Start the judge and the next Check's sandbox now, if they are not started, and have
 * the judge work out the reference's data for `exercise` (if given) while it waits: the
 * exercise asks for this as the reader starts typing, so that the first Check waits
 * neither for two Pythons to load nor for the reference to train its network. */
export function prepare(course, exercise) {
  const { session, ready } = theJudge(course);
  if (!spare) startSpare(course);
  if (exercise === undefined || worked.get(exercise) === session) return;
  worked.set(exercise, session);
  // Work ahead only: if it fails, the first report works it out, and says what went wrong.
  ready.then(() => callPython(session, "expect", { exercise })).catch(() => {});
}

/** Once the Checks asked for are done, and the judge and the next sandbox are ready (or
 * failed to start). */
export async function whenIdle() {
  await queue;
  await Promise.allSettled([judge?.ready, spare?.ready]);
}

/** Today, in the reader's time zone, as the command line writes dates: 2025-03-01. */
const today = () => new Date().toLocaleDateString("sv-SE");

async function limitsOf(course, exercise, given) {
  if (given) knownLimits.set(exercise, given);
  if (!knownLimits.has(exercise)) {
    const { session, ready } = theJudge(course);
    await ready;
    knownLimits.set(exercise, await callPython(session, "limits", { exercise }));
  }
  return knownLimits.get(exercise);
}

/** Calls `stop()` past the run's limit, or past the limit of what runs: loading the file
 * (from start() to the first example), then each example. */
function watchdog(seconds, load, cases, stop) {
  let run,
    example,
    began = null;
  return {
    late: false,
    fire() {
      this.late = true;
      stop();
    },
    start() {
      run = setTimeout(() => this.fire(), seconds * 1000);
      example = setTimeout(() => this.fire(), load * 1000);
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

/** How a sandbox that failed stopped: {end, returncode} for the judge. */
function stopped(error) {
  if (error instanceof PythonError) throw new Error(`the checker itself failed: ${error.message}`);
  const message = String(error?.message ?? error);
  if (/recursion went deeper|Maximum call stack size exceeded/.test(message))
    return { end: "stack" };
  const exit = message.match(/exit\((-?\d+)\)/);
  return { end: "ended", returncode: exit ? Number(exit[1]) : undefined };
}

function nonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Run `source` in a sandbox; what the judge needs: {lines, end, returncode, elapsed}. */
async function observe(sandbox, kwargs, { seconds, load, cases }, onStatus) {
  const lines = [];
  let size = 0;
  let forged = false;
  const dog = watchdog(seconds, load, cases, () => sandbox.session.close("Out of time"));
  const onEvent = (event) => {
    const [kind, payload] = Array.isArray(event) ? event : [];
    if (typeof payload?.line !== "string" || forged) {
      forged = true;
      return;
    }
    lines.push(payload.line);
    size += payload.line.length;
    if (size > MESSAGES_LIMIT) {
      forged = true; // as on the command line: more than a worker sends
      sandbox.session.close("Too many messages");
    }
    if (kind === "start") {
      dog.example(payload.case);
      onStatus(`Checking… example ${payload.case + 1} of ${cases.length}`);
    } else if (kind === "result") dog.done();
  };
  let end = "done";
  let returncode;
  dog.start();
  try {
    const back = await callPython(sandbox.session, "observe", kwargs, { onEvent });
    if (back?.nonce !== kwargs.nonce || back?.sent !== lines.length) forged = true;
  } catch (error) {
    ({ end, returncode } = dog.late ? { end: "timeout" } : stopped(error));
  } finally {
    dog.cancel();
  }
  return { lines, end: forged ? "forged" : end, returncode, elapsed: dog.elapsed() };
}

async function runCheck(course, exercise, source, options) {
  const { limits, onStatus = () => {}, onChecking = () => {} } = options;
  let { seconds } = options;
  if (typeof source !== "string") throw new TypeError("check(exercise, source): source is text");
  prepare(course); // the judge and the sandbox start together, unless they have
  const stopWatching = watchLoading(spare.session, onStatus);
  let sandbox = null;
  try {
    const given = await limitsOf(course, exercise, limits);
    seconds ??= given.seconds;
    const load = Math.min(given.load ?? seconds, seconds); // within the run's, as in Python
    sandbox = takeSandbox(course);
    await sandbox.ready;
    stopWatching();
    onStatus("Checking…");
    onChecking(seconds);
    const filename = `${exercise}.py`;
    const kwargs = { exercise, source, filename, nonce: nonce() };
    const run = await observe(sandbox, kwargs, { ...given, seconds, load }, onStatus);
    if (run.end !== "done") onStatus("Stopped. Writing the report…");
    const { session, ready } = theJudge(course);
    await ready;
    const order = {
      ...run,
      exercise,
      nonce: kwargs.nonce,
      seconds,
      load,
      filename,
      today: today(),
    };
    return await callPython(session, "judge", order, { timeout: JUDGE_SECONDS * 1000 });
  } finally {
    stopWatching();
    if (sandbox) {
      sandbox.session.close();
      startSpare(course);
    }
  }
}

/** Check `source` for `exercise`; the result joins the reader's memory. */
export function check(course, exercise, source, options = {}) {
  const done = queue.then(async () => {
    const { result, entries } = await runCheck(course, exercise, source, options);
    const { fromMemory, review } = options;
    if (review) memory.recordReviewCheck(entries);
    else memory.recordCheck(exercise, result, entries, today(), { fromMemory, source });
    return result;
  });
  queue = done.catch(() => {});
  return done;
}

/** The tutor prompt for `source`: checked now, with the history as it was before. */
export async function tutorPrompt(course, exercise, source, options = {}) {
  const history = memory.history();
  const result = await check(course, exercise, source, options);
  const { session, ready } = theJudge(course);
  await ready;
  const hints = memory.openedHints();
  const words = memory.words();
  return callPython(session, "prompt", { exercise, source, result, history, hints, words });
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
