// The messages between the page (web/session.js) and its Python worker (web/worker.js),
// declared once. web/python/course_calls.py mirrors MESSAGES (the replies Python writes
// itself), and tests/test_runtime_protocol.py checks that the two agree, typedefs included.
//
// The page makes a MessageChannel and hands one port to the worker ("connect", the only
// message on the worker's own postMessage). Everything else goes on that port, held in
// worker.js's module scope, out of the learner's reach: a message the learner's code posts
// with js.postMessage reaches the worker's global channel, which the page does not read.
// Every message on the port is JSON text: values cross once.
//
// page -> worker
/** @typedef {{type: "connect"}} Connect  with the port, as its transfer list */
/** @typedef {{type: "call", id: number, fn: string, kwargs: object}} Call
 *  fn: "module.function", one that course_calls.CALLABLE allows */
//
// worker -> page, while Python starts
/** @typedef {{type: "progress", loaded: number, total: number, pending: string[]}} Progress
 *  bytes of the runtime's files, and the files not arrived yet */
/** @typedef {{type: "ready", python: string, timings: object, missing: object}} Ready
 *  timings: seconds since the worker started, per part; missing: {file: why} for a file
 *  Python can do without (viz.js: graphs cannot be drawn) */
/** @typedef {{type: "failed", file: string, message: string}} Failed
 *  Python could not start; file: the runtime file at fault, or "" */
//
// worker -> page, for a call
/** @typedef {{type: "event", id: number, kind: string, payload: any}} Event
 *  emit(kind, payload) from Python while the call runs */
/** @typedef {{type: "result", id: number, value: any}} Result  the function's return value */
/** @typedef {{type: "error", id: number, error: string, traceback: string}} Error
 *  the function raised: "ValueError: ..." and its traceback */
/** @typedef {{type: "fatal", cause: string, message: string}} Fatal
 *  Python is dead ("exit": the code ended it; "crash"): the page replaces the worker */

export const MESSAGES = {
  connect: [],
  call: ["id", "fn", "kwargs"],
  progress: ["loaded", "total", "pending"],
  ready: ["python", "timings", "missing"],
  failed: ["file", "message"],
  event: ["id", "kind", "payload"],
  result: ["id", "value"],
  error: ["id", "error", "traceback"],
  fatal: ["cause", "message"],
};

/** A message of `type` with exactly its declared fields, as JSON text. */
export function encode(type, fields = {}) {
  const names = MESSAGES[type];
  if (!names) throw new TypeError(`no message type "${type}"`);
  const given = Object.keys(fields);
  if (given.length !== names.length || !names.every((name) => name in fields)) {
    throw new TypeError(`a "${type}" message has ${names.join(", ") || "no fields"}`);
  }
  return JSON.stringify({ type, ...fields });
}
