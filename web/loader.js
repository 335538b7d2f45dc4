// Loads the page's Python in its worker (web/worker.js): Pyodide's core, viz.js and the
// course's package, all served from the site (assets/course/), counting the bytes as they
// arrive and naming the file at fault when one fails.
//
//   const { pyodide, calls, python, timings, missing } = await loadPython(onProgress);
//   onProgress({loaded, total, pending})   bytes so far, of all; files not arrived yet
//
// A file that fails (an HTTP error, a broken connection) rejects with a FileError naming it:
// the page's session (web/session.js) stops a load that goes quiet for too long. viz.js is
// the one file Python can do without: graphs then say they cannot be drawn.

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

/** Tracks each file: bytes as they arrive, which have arrived, the first that failed. */
class Files {
  constructor(onProgress) {
    this.onProgress = onProgress;
    this.sizes = {};
    this.loaded = 0;
    this.pending = new Set(Object.values(FILES));
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

  arrived(file) {
    if (!this.pending.delete(file)) return;
    this.report();
  }

  failed(file, why) {
    const error = why instanceof FileError ? why : new FileError(file, why);
    if (!OPTIONAL.includes(file)) this.fail(error);
    return error;
  }

  /** fetch(), counting the body's bytes as they arrive, and failing with the file's name. */
  async fetch(plainFetch, url, init) {
    const file = fileOf(url);
    let response;
    try {
      response = await plainFetch(url, init);
    } catch {
      throw this.failed(file, "the connection failed");
    }
    if (!response.ok) throw this.failed(file, `${response.status} ${response.statusText}`.trim());
    if (!this.pending.has(file) || !response.body) return response;
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

  /** import() of one of the files, failing with its name. */
  async import(file) {
    try {
      const module = await import(new URL(file, here).href);
      this.add(this.sizes[file] ?? 0);
      this.arrived(file);
      return module;
    } catch (error) {
      const why = /fetch|import/i.test(error.message) ? "it did not arrive" : error.message;
      throw this.failed(file, why);
    }
  }
}

async function loadViz(files) {
  const { instance } = await files.import(FILES.viz);
  const viz = await instance();
  return (dot) => viz.renderString(dot, { format: "svg" });
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
  const files = new Files(onProgress);
  const plainFetch = self.fetch.bind(self);
  self.fetch = (url, init) => files.fetch(plainFetch, url, init);
  const timings = {}; // seconds since the worker started, for the benchmarks
  const mark = (name) => (timings[name] = performance.now() / 1000);
  const manifest = await (await self.fetch(new URL(FILES.manifest, here))).json();
  files.sizes = manifest.files;
  files.report();
  const viz = loadViz(files).then(
    (render) => (mark("viz"), { render }),
    (error) => ({ missing: error.message }),
  );
  const zip = self.fetch(new URL(FILES.package, here)).then((r) => r.arrayBuffer());
  const pyodide = await Promise.race([loadPyodide(files), files.failure]);
  mark("pyodide");
  pyodide.unpackArchive(await Promise.race([zip, files.failure]), "zip", {
    extractDir: "/course",
  });
  pyodide.pyimport("sys").path.insert(0, "/course");
  const calls = pyodide.pyimport("course_calls");
  const { render, missing } = await viz;
  const python = calls.start(render ?? null, missing ?? "");
  mark("package");
  return { pyodide, calls, python, timings, missing: missing ? { [FILES.viz]: missing } : {} };
}
