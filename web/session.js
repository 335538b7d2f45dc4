// A Python session: one Web Worker running Pyodide (web/worker.js), started on demand, and
// spoken to with the messages of web/protocol.js.
//
//   const session = new PythonSession(workerURL);
//   await session.ready();                  // {python: "3.14.2", seconds: 4.1, timings, missing}
//   await session.call("course_playgrounds.render", {name: "descent", params: {lr: "0.5"}});
//   await session.run("print(1 + 1)");      // course_runner.run: {stdout: "2\n", ...}
//   session.stop();                         // ends running code: a fresh worker starts
//   session.close();                        // ends the worker, for good (until next call)
//
// Events (an EventTarget): "progress" {loaded, total, pending} while Python loads; "state"
// with the new `state` ("off", "loading", "ready", "running"); "restart" {reason} when a
// fresh worker replaces one that was stopped, timed out or died.
//
// Errors a call rejects with: PythonError (the function raised), StoppedError (stop(), a
// time limit, close()), CrashedError (a StoppedError: Python died, by os._exit or a fatal
// error, and was restarted), LoadError (Python could not start: names the file and what to
// do; the next call tries again).
import { encode } from "./protocol.js";

export class StoppedError extends Error {
  name = "StoppedError";
}

export class CrashedError extends StoppedError {
  name = "CrashedError";
}

export class PythonError extends Error {
  name = "PythonError";
  constructor(message, traceback) {
    super(message);
    this.traceback = traceback;
  }
}

export class LoadError extends Error {
  name = "LoadError";
  constructor(file, why) {
    const advice = /\b404\b/.test(why)
      ? "The site may have changed since this page was opened: reload the page, then try again."
      : "Check your connection, then try again.";
    super(`Python could not start: ${why}. ${advice}`);
    this.file = file;
  }
}

const QUIET = 30_000; // ms a start may go without word from the worker

export class PythonSession extends EventTarget {
  #url;
  #worker = null;
  #port = null;
  #started = null; // Promise of {python, seconds, timings, missing}
  #start = null; // {resolve, reject} of #started while Python loads
  #quiet = null; // the timer that ends a load gone quiet
  #pending = new Map(); // id -> {resolve, reject, onEvent}
  #nextId = 1;

  /** `loadLimit`: ms a start may go without any word from the worker before it fails. */
  constructor(workerURL, { loadLimit = QUIET } = {}) {
    super();
    this.#url = workerURL;
    this.loadLimit = loadLimit;
    this.state = "off";
  }

  /** Start Python if it is not started; resolves once it can run code. */
  ready() {
    if (!this.#started) this.#launch();
    return this.#started;
  }

  /**
   * Call the Python function `fn` ("module.function", one that course_calls.CALLABLE
   * allows) with keyword arguments `kwargs` (JSON data). `onEvent(kind, payload)` receives
   * each emit(kind, payload) of the function as it happens; past `timeout` ms the worker
   * is stopped and the promise rejects. Resolves to the function's return value.
   */
  async call(fn, kwargs = {}, { onEvent, timeout } = {}) {
    const port = await this.#readyPort();
    const id = this.#nextId++;
    const done = new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onEvent });
    });
    this.#setState("running");
    port.postMessage(encode("call", { id, fn, kwargs }));
    if (!timeout) return done;
    const timer = setTimeout(() => {
      this.stop(`Python stopped after ${timeout / 1000} s`);
    }, timeout);
    return done.finally(() => clearTimeout(timer));
  }

  /**
   * Run `source` (course_runner.run). Options: `space` (namespace name; cells of a page
   * share one), `name` (shown in tracebacks), `html` (printed text is markup: a figure),
   * `inputs` (names set in the namespace first, JSON data), `onText(stream, text)` (printed
   * text as it comes), `timeout` (ms; past it the worker is stopped and the promise rejects).
   */
  run(source, { timeout, onText, ...options } = {}) {
    const kwargs = { source, ...options };
    return this.call("course_runner.run", kwargs, { onEvent: onText, timeout });
  }

  /** Stop whatever runs: the worker ends, pending calls reject, a fresh worker starts.
   * Stopped while it loads, Python starts again on the next call, not at once. */
  stop(reason = "Python was stopped") {
    if (!this.#worker) return;
    const loading = this.state === "loading";
    this.close(reason);
    if (!loading) this.#restart(reason);
  }

  /** End the worker and its memory; pending calls reject. A later call starts a new one. */
  close(reason = "Python was closed") {
    this.#end(new StoppedError(reason));
  }

  async #readyPort() {
    for (;;) {
      const started = this.ready();
      await started;
      if (started === this.#started) return this.#port; // not replaced meanwhile
    }
  }

  #launch() {
    const began = performance.now();
    this.#setState("loading");
    const worker = new Worker(this.#url, { type: "module" });
    const channel = new MessageChannel();
    worker.postMessage({ type: "connect" }, [channel.port2]);
    this.#worker = worker;
    this.#port = channel.port1;
    this.#started = new Promise((resolve, reject) => {
      this.#start = { resolve, reject, began, pending: [] };
    });
    this.#started.catch(() => {}); // a failed start is said to whoever waits for it
    this.#port.onmessage = ({ data }) => this.#receive(JSON.parse(data));
    worker.onerror = (event) => {
      if (!this.#start) return; // an error of the learner's code in a callback: not ours
      event.preventDefault();
      this.#failStart("worker.js", event.message || "worker.js could not be loaded");
    };
    this.#heard();
  }

  #receive(message) {
    const call = this.#pending.get(message.id);
    switch (message.type) {
      case "progress":
        this.#heard(message.pending);
        this.dispatchEvent(new CustomEvent("progress", { detail: message }));
        break;
      case "ready":
        this.#ready(message);
        break;
      case "failed":
        this.#failStart(message.file, message.message);
        break;
      case "event":
        call?.onEvent?.(message.kind, message.payload);
        break;
      case "result":
        this.#settle(message.id)?.resolve(message.value);
        break;
      case "error":
        this.#settle(message.id)?.reject(new PythonError(message.error, message.traceback));
        break;
      case "fatal":
        this.#end(new CrashedError(`${message.message}. Python was restarted`));
        this.#restart(message.message);
        break;
    }
  }

  /** The worker spoke while loading: its time limit starts again. */
  #heard(pending) {
    if (!this.#start) return;
    if (pending) this.#start.pending = pending;
    clearTimeout(this.#quiet);
    this.#quiet = setTimeout(() => {
      const seconds = Math.round(this.loadLimit / 1000);
      const waiting = this.#start.pending;
      const why = waiting.length
        ? `${waiting.join(", ")} did not arrive within ${seconds} s`
        : `it did not start within ${seconds} s`;
      this.#failStart(waiting[0] ?? "", why);
    }, this.loadLimit);
  }

  #ready({ python, timings, missing }) {
    const { resolve, began } = this.#start;
    clearTimeout(this.#quiet);
    this.#start = null;
    this.#setState("ready");
    resolve({ python, seconds: (performance.now() - began) / 1000, timings, missing });
  }

  #failStart(file, why) {
    this.#end(new LoadError(file, why));
  }

  #settle(id) {
    const call = this.#pending.get(id);
    this.#pending.delete(id);
    if (!this.#pending.size && this.state === "running") this.#setState("ready");
    return call;
  }

  /** The worker ends: its start (if it was loading) and its calls reject with `error`. */
  #end(error) {
    clearTimeout(this.#quiet);
    this.#worker?.terminate();
    this.#worker = this.#port = this.#started = null;
    this.#start?.reject(error);
    this.#start = null;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
    this.#setState("off");
  }

  #restart(reason) {
    this.dispatchEvent(new CustomEvent("restart", { detail: { reason } }));
    this.ready().catch(() => {}); // a failed start is said to the next caller
  }

  #setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: { state } }));
  }
}
