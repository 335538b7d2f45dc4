// A Python session: one Web Worker running Pyodide (web/worker.js), started on demand.
//
//   const session = new PythonSession(workerURL);
//   await session.ready();                  // {python: "3.14.2", seconds: 4.1}
//   await session.run("print(1 + 1)");      // {stdout: "2\n", stderr: "", error: null, figures: []}
//   session.stop();                         // ends running code: a fresh worker starts
//   session.close();                        // ends the worker, for good (until next run)
//
// Events (an EventTarget): "progress" {loaded, total} bytes while Python loads; "state" with
// the new `state` ("off", "loading", "ready", "running"); "restart" after stop() or a timeout.
// The page has one session for its cells (window.course.session); create more, each with its
// own worker and memory, with window.course.createSession().

export class StoppedError extends Error {
  name = "StoppedError";
}

export class PythonSession extends EventTarget {
  #url;
  #worker = null;
  #started = null; // Promise of {python, seconds}
  #pending = new Map(); // id -> {resolve, reject, onText}
  #nextId = 1;

  constructor(workerURL) {
    super();
    this.#url = workerURL;
    this.state = "off";
  }

  /** Start Python if it is not started; resolves once it can run code. */
  ready() {
    if (!this.#started) this.#start();
    return this.#started;
  }

  /**
   * Run `source`. Options: `space` (namespace name; cells of a page share one), `name`
   * (shown in tracebacks), `html` (printed text is markup: a figure), `inputs` (names
   * set in the namespace first, JSON data), `onText(stream, text)` (printed text as it
   * comes), `timeout` (ms; past it the worker is stopped and the promise rejects).
   */
  async run(source, { timeout, onText, ...options } = {}) {
    await this.ready();
    const id = this.#nextId++;
    const done = new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onText });
    });
    this.#setState("running");
    this.#worker.postMessage({ type: "run", id, source, options });
    if (!timeout) return done;
    const timer = setTimeout(() => {
      this.stop(`Python stopped after ${timeout / 1000} s`);
    }, timeout);
    return done.finally(() => clearTimeout(timer));
  }

  /** Stop whatever runs: the worker ends, pending runs reject, a fresh worker starts. */
  stop(reason = "Python was stopped") {
    if (!this.#worker) return;
    this.close(reason);
    this.dispatchEvent(new CustomEvent("restart", { detail: { reason } }));
    this.ready().catch(() => {}); // a failed start is reported to the next caller
  }

  /** End the worker and its memory; pending runs reject. A later run starts a new one. */
  close(reason = "Python was closed") {
    this.#worker?.terminate();
    this.#worker = null;
    this.#started = null;
    for (const { reject } of this.#pending.values()) reject(new StoppedError(reason));
    this.#pending.clear();
    this.#setState("off");
  }

  #start() {
    const began = performance.now();
    this.#setState("loading");
    const worker = new Worker(this.#url, { type: "module" });
    this.#worker = worker;
    this.#started = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => this.#receive(data, { resolve, reject, began });
      worker.onerror = (event) => {
        event.preventDefault();
        this.#fail(reject, new Error(`Python could not start: ${event.message}`));
      };
    });
  }

  #receive(data, start) {
    const call = this.#pending.get(data.id);
    if (data.type === "progress") {
      this.dispatchEvent(new CustomEvent("progress", { detail: data }));
    } else if (data.type === "ready") {
      const seconds = (performance.now() - start.began) / 1000;
      this.#setState("ready");
      start.resolve({ python: data.python, seconds, timings: data.timings });
    } else if (data.type === "failed" && data.id === undefined) {
      this.#fail(start.reject, new Error(data.message));
    } else if (data.type === "text") {
      call?.onText?.(data.name, data.text);
    } else if (call) {
      this.#pending.delete(data.id);
      if (!this.#pending.size) this.#setState("ready");
      if (data.type === "result") call.resolve(data.result);
      else call.reject(new Error(data.message));
    }
  }

  #fail(reject, error) {
    this.#worker?.terminate();
    this.#worker = null;
    this.#started = null;
    for (const call of this.#pending.values()) call.reject(error);
    this.#pending.clear();
    this.#setState("off");
    reject(error);
  }

  #setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: { state } }));
  }
}
