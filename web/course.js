// The course's script on every page: window.course, and the features the page uses.
//
//   window.course.ready()          -> Promise<{python, seconds}>  (starts Python if needed)
//   window.course.run(source, opt) -> Promise<{stdout, stderr, error, figures, repr, value}>
//   window.course.call(fn, kwargs, {onEvent, timeout}) -> Promise<the function's value>
//   window.course.session          the page's PythonSession (web/session.js)
//   window.course.createSession()  another PythonSession: its own worker and memory
//   window.course.check(exercise, source) -> Promise<{exit, concepts, report, problems}>
//   window.course.tutorPrompt(exercise)   -> Promise<text>   (web/checker.js)
//   window.course.sanitize(markup) -> Promise<{fragment, removed}>  what every figure goes
//                                     through before it is shown (web/sanitize.js)
//   window.course.checkerIdle()           -> Promise, once the checker's next Python is ready
//   window.course.reviews.due()           -> Promise<[{id, title, module, due, step}]>, by
//                                            the page's clock (web/reviews.js)
//   window.course.reviews.answer(id, correct) -> Promise<the topic's card>
//   window.course.memory.export()         -> Promise<text>: the progress file (web/progress-file.js)
//   window.course.memory.import(text)     -> Promise<{ok, error, warning}>
//
// Python starts on first use, never on page load. With Material's instant navigation the
// document, and so the session, lives on from lesson to lesson.
import { mountFeatures } from "./features.js";
import { CrashedError, LoadError, PythonError, PythonSession, StoppedError } from "./session.js";

const here = new URL("./", import.meta.url);
const workerURL = new URL("worker.js", here);
const session = new PythonSession(workerURL);
const space = () => `page:${location.pathname}`;
const reviews = () => import("./reviews.js");
const progressFile = () => import("./progress-file.js");

window.course = {
  session,
  StoppedError,
  CrashedError,
  LoadError,
  PythonError,
  ready: () => session.ready(),
  run: (source, options = {}) => session.run(source, { space: space(), ...options }),
  call: (fn, kwargs, options) => session.call(fn, kwargs, options),
  createSession: () => new PythonSession(workerURL),
  space,
  check: (exercise, source, options) =>
    import("./checker.js").then((m) => m.check(window.course, exercise, source, options)),
  tutorPrompt: (exercise, options) =>
    import("./checker.js").then((m) => m.tutorPromptFor(window.course, exercise, options)),
  sanitize: (markup) => import("./sanitize.js").then((m) => m.sanitize(markup)),
  checkerIdle: () => import("./checker.js").then((m) => m.whenIdle()),
  reviews: {
    due: () => reviews().then((m) => m.due()),
    answer: (id, correct) => reviews().then((m) => m.answer(id, correct)),
  },
  memory: {
    export: () => progressFile().then((m) => m.exportText()),
    import: (text) => progressFile().then((m) => m.importText(text)),
  },
};

function onEveryPage(callback) {
  if (window.document$) window.document$.subscribe(callback);
  else if (document.readyState === "loading") addEventListener("DOMContentLoaded", callback);
  else callback();
}

onEveryPage(() => {
  mountFeatures(document, window.course).catch((error) => console.error(error));
  reviews().then((m) => m.showCount(document), console.error);
});
