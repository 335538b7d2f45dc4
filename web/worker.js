// The page's Python, in a Web Worker: loaded by web/loader.js, answering the messages of
// web/protocol.js on the port the page hands over ("connect"). Calls go to
// web/python/course_calls.py, one at a time, in the order they come.
//
// When Python dies (the code called os._exit, or Pyodide failed fatally: a JavaScript stack
// overflow in a recursion too deep for the page, a crash), the worker says so ("fatal") and
// answers nothing more: the page replaces it.
import { FileError, loadPython } from "./loader.js";
import { encode } from "./protocol.js";

// The learner's code reaches this scope's globals (Python's `js` module): js.close() would
// end the worker without a word.
self.close = () => {};

let port = null; // the page's channel: never on self, where the learner's code could reach it
const early = []; // what loading said before the port arrived
const post = (text) => (port ? port.postMessage(text) : early.push(text));

const python = loadPython((progress) => post(encode("progress", progress)));
python.then(
  ({ python: version, timings, missing }) => {
    post(encode("ready", { python: version, timings, missing }));
  },
  (error) => {
    const file = error instanceof FileError ? error.file : "";
    post(encode("failed", { file, message: error.message ?? String(error) }));
  },
);

/** Whether Pyodide can still run Python after an error came out of a call. */
function alive(pyodide) {
  try {
    pyodide.pyimport("sys");
    return true;
  } catch {
    return false;
  }
}

/** What killed Python, said for the reader. */
function death(error) {
  const text = String(error?.message ?? error);
  const exit =
    /exit\((\d+)\)/.exec(text) ?? (error?.name === "ExitStatus" && [undefined, error.status]);
  if (exit) return { cause: "exit", message: `Your code stopped Python: os._exit(${exit[1]})` };
  const overflow = /Maximum call stack size exceeded/.test(text);
  const why = overflow ? "a recursion went deeper than the page's stack can hold" : text;
  return { cause: "crash", message: `Python crashed: ${why}` };
}

let dead = false;

/** What Python may post while call `id` runs: its events, nothing else (the code it runs
 * can reach this function: a forged reply must not pass). */
const eventsOf = (id) => (text) => {
  const message = JSON.parse(text);
  if (message.type === "event" && message.id === id) post(text);
};

async function answer(text) {
  const loaded = await python.catch(() => null); // a failed start was said already
  if (!loaded || dead) return;
  const { pyodide, calls } = loaded;
  try {
    post(calls.handle(text, eventsOf(JSON.parse(text).id)));
  } catch (error) {
    if (alive(pyodide)) {
      const { id } = JSON.parse(text);
      const message = String(error?.message ?? error);
      post(encode("error", { id, error: message, traceback: "" }));
    } else {
      dead = true;
      post(encode("fatal", death(error)));
    }
  }
}

self.onmessage = ({ data, ports }) => {
  if (port || data?.type !== "connect" || !ports[0]) return;
  port = ports[0];
  port.onmessage = ({ data: text }) => answer(text);
  for (const text of early.splice(0)) port.postMessage(text);
};
