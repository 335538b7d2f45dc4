// The page's Python, in a Web Worker: Pyodide's core, the course's package and viz.js, all
// served from the site (assets/course/). Talks to web/session.js:
//   in:  {type: "run", id, source, options}
//   out: {type: "progress", loaded, total}, {type: "ready", python, timings},
//        {type: "text", id, name, text}, {type: "result", id, result},
//        {type: "failed", id?, message}

const here = new URL("./", import.meta.url);
const FILES = {
  wasm: "pyodide/pyodide.asm.wasm",
  stdlib: "pyodide/python_stdlib.zip",
  engine: "pyodide/pyodide.asm.mjs",
  viz: "viz/viz.js",
  package: "python/micrograd.zip",
};

const post = (message) => self.postMessage(message);

/** Counts the bytes of what is fetched as it arrives, and of the rest once it is loaded. */
function trackProgress(sizes) {
  const total = Object.values(FILES).reduce((sum, f) => sum + (sizes[f] ?? 0), 0);
  let loaded = 0;
  const add = (bytes) => {
    loaded = Math.min(total, loaded + bytes);
    post({ type: "progress", loaded, total });
  };
  const plainFetch = self.fetch.bind(self);
  self.fetch = async (...args) => {
    const response = await plainFetch(...args);
    // WebAssembly is left as fetched: the browser keeps its compiled code in the HTTP
    // cache only for the response it fetched itself (counted once compiled, below).
    if (!response.ok || !response.body || response.url.endsWith(".wasm")) return response;
    const reader = response.body.getReader();
    const counted = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        add(value.byteLength);
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    const { status, statusText, headers } = response;
    return new Response(counted, { status, statusText, headers });
  };
  return (file) => add(sizes[file] ?? 0);
}

async function loadViz() {
  const { instance } = await import(new URL(FILES.viz, here).href);
  return instance();
}

async function loadPython() {
  const manifest = await (await fetch(new URL("runtime.json", here))).json();
  const imported = trackProgress(manifest.files);
  const indexURL = new URL("pyodide/", here).href;
  const timings = {}; // seconds since the worker started, for the benchmarks
  const mark = (name) => (timings[name] = performance.now() / 1000);
  const viz = loadViz().then((v) => (imported(FILES.viz), mark("viz"), v));
  const zip = fetch(new URL(FILES.package, here)).then((r) => r.arrayBuffer());
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL });
  imported(FILES.engine);
  imported(FILES.wasm);
  mark("pyodide");
  pyodide.unpackArchive(await zip, "zip", { extractDir: "/course" });
  const renderer = await viz;
  pyodide.registerJsModule("course_js", {
    render_dot: (dot) => renderer.renderString(dot, { format: "svg" }),
  });
  pyodide.runPython(`
import sys
sys.path.insert(0, "/course")
import course_runner, course_js, micrograd.viz
micrograd.viz.set_renderer(course_js.render_dot)
`);
  const runner = pyodide.pyimport("course_runner");
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  mark("package");
  return { pyodide, runner, python, timings };
}

const python = loadPython();
python.then(
  ({ python: version, timings }) => post({ type: "ready", python: version, timings }),
  (error) => post({ type: "failed", message: `Python could not start: ${error}` }),
);

self.onmessage = async ({ data }) => {
  if (data.type !== "run") return;
  const { id, source, options } = data;
  try {
    const { pyodide, runner } = await python;
    const onText = (name, text) => post({ type: "text", id, name, text });
    const inputs = pyodide.toPy(options.inputs ?? {});
    const given = Object.entries(options).filter(([, value]) => value !== undefined);
    const kwargs = { ...Object.fromEntries(given), inputs, on_text: onText };
    const json = runner.run.callKwargs(source, kwargs);
    inputs.destroy();
    post({ type: "result", id, result: JSON.parse(json) });
  } catch (error) {
    post({ type: "failed", id, message: String(error) });
  }
};
