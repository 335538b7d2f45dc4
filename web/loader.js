// Loads the page's Python in its worker (web/worker.js): Pyodide's core, viz.js and the
// course's package, all served from the site (assets/course/), counting the bytes as they
// arrive and naming the file at fault when one fails.
//
//   const { pyodide, calls, python, timings, missing } = await loadPython(onProgress);
//   onProgress({loaded, total, pending})   bytes so far, of all; files not arrived yet
//
// A file that fails (an HTTP error, a broken connection) rejects with a FileError naming it:
// the page's session (web/session.js) stops a load that goes quiet for too long. viz.js is
// the one file Python can do without (and does not wait for): graphs then say they cannot
// be drawn.

const here = new URL("./", import.meta.url);
const indexURL = new URL("pyodide/", here).href;
export const FILES = {
  manifest: "runtime.json",
  loader: "pyodide/pyodide.mjs",
  engine: "pyodide/pyodide.asm.mjs",
  wasm: "pyodide/pyodide.asm.wasm",
  stdlib: "pyodide/python_stdlib.zip",
  viz: "viz/viz.js",
  package: "python/micrograd.zip",
};
const OPTIONAL = [FILES.viz];

export class FileError extends Error {
  name = "FileError";
  constructor(file, why) {
    super(file ? `${file} could not be loaded (${why})` : why);
    this.file = file;
    this.why = why;
  }
}

/** A URL of the runtime as the file's name: "pyodide/pyodide.asm.wasm". */
const fileOf = (url) => {
  const path = String(url).replace(/[?#].*$/, "");
  return path.startsWith(here.href) ? path.slice(here.href.length) : path;
};

/** Tracks each file: bytes as they arrive, the files on their way, the first that failed. */
class Files {
  constructor(onProgress, plainFetch) {
    this.onProgress = onProgress;
    this.plainFetch = plainFetch;
    this.sizes = {};
    this.loaded = 0;
    this.pending = new Set(); // asked for, not arrived yet
    this.failure = new Promise((_, reject) => (this.fail = reject));
    this.failure.catch(() => {});
  }

  get total() {
    return Object.values(FILES).reduce((sum, file) => sum + (this.sizes[file] ?? 0), 0);
  }

  report() {
    const { loaded, total } = this;
    this.onProgress({ loaded: Math.min(loaded, total), total, pending: [...this.pending] });
  }

  add(bytes) {
    this.loaded += bytes;
    this.report();
  }

  asked(file) {
    this.pending.add(file);
    this.report();
  }

  arrived(file) {
    if (!this.pending.delete(file)) return;
    this.report();
  }

  failed(file, why) {
    const error = why instanceof FileError ? why : new FileError(file, why);
    this.arrived(file); // not on its way any more
    if (!OPTIONAL.includes(file)) this.fail(error);
    return error;
  }

  /** fetch(), counting the body's bytes as they arrive, and failing with the file's name. */
  async fetch(url, init) {
    const file = fileOf(url);
    this.asked(file);
    let response;
    try {
      response = await this.plainFetch(url, init);
    } catch {
      throw this.failed(file, "the connection failed");
    }
    if (!response.ok) throw this.failed(file, `${response.status} ${response.statusText}`.trim());
    if (!response.body) return (this.arrived(file), response);
    // The body is counted on a copy: WebAssembly compiled from the response the browser
    // fetched itself is kept in the HTTP cache, which makes a warm start fast.
    this.count(file, response.clone().body.getReader());
    return response;
  }

  async count(file, reader) {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return this.arrived(file);
        this.add(value.byteLength);
      }
    } catch {
      this.failed(file, "the connection broke");
    }
  }

  /** import() of one of the files, failing with its name (and its HTTP status, if any). */
  async import(file) {
    const url = new URL(file, here).href;
    this.asked(file);
    try {
      const module = await import(url);
      this.add(this.sizes[file] ?? 0);
      this.arrived(file);
      return module;
    } catch (error) {
      if (!/fetch|import/i.test(error.message)) throw this.failed(file, error.message);
      const head = await this.plainFetch(url, { method: "HEAD" }).catch(() => null);
      const status = head && !head.ok && `${head.status} ${head.statusText}`.trim();
      throw this.failed(file, status || "the connection failed");
    }
  }
}

/** Graphviz, loaded beside Python and never waited for: `render(dot)` is the SVG, or ""
 * while viz.js has not arrived or when it failed (`problem()` says which). */
function loadViz(files, mark) {
  let viz = null;
  let problem = `${FILES.viz} has not arrived yet`;
  files
    .import(FILES.viz)
    .then(({ instance }) => instance())
    .then(
      (loaded) => ((viz = loaded), mark("viz")),
      (error) => (problem = error.message),
    );
  return {
    render: (dot) => (viz ? viz.renderString(dot, { format: "svg" }) : ""),
    problem: () => (viz ? "" : problem),
  };
}

async function loadPyodide(files) {
  const [{ loadPyodide: load }, engine] = await Promise.all([
    files.import(FILES.loader),
    files.import(FILES.engine),
  ]);
  try {
    return await load({ indexURL, packageBaseUrl: indexURL, createPyodideModule: engine.default });
  } catch (error) {
    throw files.failed("", error?.message ?? String(error));
  }
}

export async function loadPython(onProgress) {
  const plainFetch = self.fetch.bind(self);
  const files = new Files(onProgress, plainFetch);
  // While Python loads, a file that fails ends the load through files.failure, and Pyodide's
  // fetch of it is left waiting: Pyodide never starts a Python without its standard library
  // (which fills the console with its errors), and the session stops this worker.
  self.fetch = (url, init) => files.fetch(url, init).catch(() => new Promise(() => {}));
  const timings = {}; // seconds since the worker started, for the benchmarks
  const mark = (name) => (timings[name] = performance.now() / 1000);
  const asked = self.fetch(new URL(FILES.manifest, here));
  const manifest = await (await Promise.race([asked, files.failure])).json();
  files.sizes = manifest.files;
  files.report();
  const viz = loadViz(files, mark);
  const zip = self.fetch(new URL(FILES.package, here)).then((r) => r.arrayBuffer());
  zip.catch(() => {}); // said through files.failure
  const pyodide = await Promise.race([loadPyodide(files), files.failure]);
  mark("pyodide");
  pyodide.unpackArchive(await Promise.race([zip, files.failure]), "zip", {
    extractDir: "/course",
  });
  pyodide.pyimport("sys").path.insert(0, "/course");
  const calls = pyodide.pyimport("course_calls");
  const python = calls.start(viz.render, viz.problem);
  mark("package");
  self.fetch = plainFetch; // loaded: any later fetch is the browser's own, failing as usual
  const missing = viz.problem() ? { [FILES.viz]: viz.problem() } : {};
  return { pyodide, calls, python, timings, missing };
}
