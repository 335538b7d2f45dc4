"""Python in the page: sizes, bytes transferred and start times, against the budgets.

Builds the site, serves it from 127.0.0.1 the way GitHub Pages does (gzip, max-age=600),
and drives headless Chromium (the run fails if anything asks for another host):

- assets on disk: everything under assets/course/ (budget 16 MB);
- cold start: a fresh browser profile opens a lesson and clicks Run; seconds from the click
  to the first result, and bytes sent to get there (budget 5 s, 7 MB);
- warm start: the page is reloaded (HTTP cache) and Run clicked again (budget 3 s);
- next lesson: after moving to the next lesson in the page, the first Run (budget 0.5 s);
- restart: Python stopped in a page where it ran, until the fresh worker is ready (what a
  Stop, a time limit or a crash costs the reader);
- a playground redraw: the bytes of the reply the page receives (descent, lr 0.5);
- recursion: how deep a cell's plain recursion goes before its RecursionError;
- a page nobody runs: the bytes the page features add to a lesson page, HTML and the files
  loaded with it (budget 10 KB for a lesson with cells only; one with an exercise and a
  playground too is printed beside it).

    python benchmarks/bench_runtime.py [--site DIR] [--runs 3]
"""

import gzip
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.served import arguments, served_site  # noqa: E402

LESSON, NEXT = "/02-value/backpropagation/", "/02-value/more-operations/"
DESCENT = "/04-training/gradient-descent/"
# Lessons nobody runs: one with runnable cells only (the budget's case), and LESSON, which
# also has an exercise editor and a playground.
IDLE = {"/01-big-picture/derivatives/": "cells", LESSON: "cells, exercise, playground"}
MB = 1e6


def first_result(page, number=1):
    """Click Run on cell ``number``; seconds until its output shows the result."""
    start = time.perf_counter()
    page.get_by_role("button", name=f"Run cell {number}", exact=True).click()
    page.wait_for_function(
        "n => !document.querySelector(`[aria-label='Run cell ${n}']`).disabled",
        arg=number,
        timeout=120_000,
    )
    seconds = time.perf_counter() - start
    error = page.locator(".mg-output .mg-error")
    if error.count():
        raise RuntimeError(f"the cell failed: {error.first.inner_text()}")
    return seconds


def _local(url):
    return url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1"


def measure_starts(browser, server, runs):
    cold, cold_bytes, warm, warm_bytes, nxt, page_bytes = [], [], [], [], [], []
    steps = []  # when, in the worker, each part of a cold start was ready
    for _ in range(runs):
        context = browser.new_context()
        # Watched, not routed: routing requests would turn the HTTP cache off.
        outside = []
        context.on("request", lambda r, o=outside: _local(r.url) or o.append(r.url))
        page = context.new_page()
        server.sent = 0
        page.goto(server.url.rstrip("/") + LESSON, wait_until="networkidle")
        page_bytes.append(server.sent)
        server.sent = 0
        cold.append(first_result(page))
        cold_bytes.append(server.sent)
        steps.append(page.evaluate("window.course.ready()")["timings"])
        page.reload(wait_until="networkidle")
        server.sent = 0
        warm.append(first_result(page))
        warm_bytes.append(server.sent)
        page.get_by_role("link", name="More operations").first.click()
        page.wait_for_url("**" + NEXT)
        page.wait_for_function(
            "document.querySelector('h1').textContent.includes('More')"
        )
        assert page.evaluate("window.course.session.state") == "ready", "page reloaded"
        page.wait_for_selector("[data-course-mounted]", state="attached")
        nxt.append(first_result(page))
        assert not outside, outside
        context.close()
    return cold, cold_bytes, warm, warm_bytes, nxt, page_bytes, steps


# Records the size of every message the page receives on a MessagePort (the worker's replies).
COUNT_REPLIES = """
const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, "onmessage");
Object.defineProperty(MessagePort.prototype, "onmessage", {
  get() { return onmessage.get.call(this); },
  set(listener) {
    onmessage.set.call(this, (event) => {
      const text = typeof event.data === "string" ? event.data : "";
      (window.replies ??= []).push([text.length, new TextEncoder().encode(text).length]);
      return listener(event);
    });
  },
});
"""
DEPTH = "def f(n):\n    try:\n        return f(n + 1)\n    except RecursionError:\n"
DEPTH += "        return n\nf(0)"


def measure_python(browser, server, runs):
    """Restart times, a descent redraw's reply, and the recursion depth a cell reaches."""
    context = browser.new_context()
    context.add_init_script(COUNT_REPLIES)
    page = context.new_page()
    page.goto(server.url.rstrip("/") + DESCENT, wait_until="networkidle")
    page.evaluate("window.course.ready()")
    restarts = [
        page.evaluate(
            "async () => { const s = window.course.session, t = performance.now();"
            " s.stop(); await s.ready(); return (performance.now() - t) / 1000; }"
        )
        for _ in range(runs)
    ]
    page.evaluate("window.replies = []")
    parts = page.evaluate(
        "window.course.call('course_playgrounds.render',"
        " {name: 'descent', values: {lr: '0.5'}})"
    )
    (reply,) = page.evaluate("window.replies")
    depth = page.evaluate("s => window.course.run(s)", DEPTH)["value"]
    context.close()
    sizes = {name: len(markup) for name, markup in parts.items()}
    return restarts, reply, sizes, depth


# What this feature adds to a lesson's HTML: the cell wrappers (an opening tag here, and a
# closing </div> each), the notes under static code, and the script and style tags.
OURS = re.compile(
    r'<div class="mg-cell"[^>]*>\n|<p class="mg-note">.*?</p>\n?'
    r'|<script type="module" src="[^"]*course\.js"></script>\n?'
    r'|<link rel="stylesheet" href="[^"]*course/course\.css">\n?'
)


def idle_page_extra(browser, server, site, path):
    """Bytes the lesson at ``path`` carries for features nobody uses: (raw, gzip). The HTML
    this feature adds, and the files of assets/course/ the browser loads with the page
    (its scripts and styles; Python's files wait for the first Run)."""
    html = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    without = OURS.sub("", html)
    closing = html.count('<div class="mg-cell"') * len("</div>\n")
    raw = len(html) - len(without) + closing
    zipped = len(gzip.compress(html.encode())) - len(gzip.compress(without.encode()))
    context = browser.new_context()
    page = context.new_page()
    loaded = []
    page.on("response", lambda r: "/assets/course/" in r.url and loaded.append(r))
    page.goto(server.url.rstrip("/") + path, wait_until="networkidle")
    page.wait_for_selector("[data-course-mounted]", state="attached")
    for body in (response.body() for response in loaded):
        raw += len(body)
        zipped += len(gzip.compress(body, 6))
    context.close()
    return raw, zipped


def line(name, value, unit, budget=None, runs=None):
    text = f"{name:30s}{value:7.2f} {unit:3s}"
    if budget is not None:
        text += f"  (budget {budget} {unit})"
    if runs:
        text += "  runs: " + ", ".join(f"{v:.2f}" for v in runs)
    print(text)


def report_python(restarts, reply, sizes, depth):
    line(
        "restart after Stop or a crash",
        statistics.median(restarts),
        "s",
        None,
        restarts,
    )
    chars, utf8 = reply
    print(
        f"a descent redraw's reply         {chars:,} characters of JSON ({utf8:,} bytes);"
        f" parts: {', '.join(f'{k} {v:,}' for k, v in sizes.items())}"
    )
    print(f"a cell's recursion goes          {depth} calls deep before RecursionError")


def report(site, cold, cold_bytes, warm, warm_bytes, nxt, page_bytes, steps, idle):
    assets = site / "assets" / "course"
    disk = sum(p.stat().st_size for p in assets.rglob("*") if p.is_file())
    med = statistics.median
    line("runtime assets on disk", disk / MB, "MB", 16)
    for name in ("pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "viz/viz.js"):
        line(f"  {name}", (assets / name).stat().st_size / MB, "MB")
    editor = next(assets.glob("chunks/editor-*.js"))
    line("  editor chunk (first Edit)", editor.stat().st_size / MB, "MB")
    line("lesson page load, gzip", med(page_bytes) / MB, "MB")
    line("sent to the first result, gzip", med(cold_bytes) / MB, "MB", 7)
    line("cold start to first result", med(cold), "s", 5, cold)
    for part in ("pyodide", "viz", "package"):
        line(f"  {part} ready after", med(s[part] for s in steps), "s")
    line("warm start (HTTP cache)", med(warm), "s", 3, warm)
    line("  sent for it", med(warm_bytes) / MB, "MB")
    line("next lesson's first Run", med(nxt), "s", 0.5, nxt)
    gone_raw, gone_zipped = markdown_exec_assets()
    for (path, features), (raw, zipped) in zip(IDLE.items(), idle, strict=True):
        print(f"a lesson nobody runs ({features}): {path}")
        line("  added", raw / 1000, "KB", 10 if features == "cells" else None)
        line("  gzip", zipped / 1000, "KB")
        line("  less markdown-exec's files", (raw - gone_raw) / 1000, "KB")
        line("  gzip", (zipped - gone_zipped) / 1000, "KB")


def markdown_exec_assets():
    """(raw, gzip) bytes of the pyodide files markdown-exec put on every page before."""
    import markdown_exec

    assets = Path(markdown_exec.__file__).parent / "assets"
    files = [(assets / name).read_bytes() for name in ("pyodide.css", "pyodide.js")]
    return sum(map(len, files)), sum(len(gzip.compress(f, 6)) for f in files)


def main():
    args = arguments(__doc__, "runs", 3)
    with served_site(args.site) as (site, server, browser):
        starts = measure_starts(browser, server, args.runs)
        idle = [idle_page_extra(browser, server, site, path) for path in IDLE]
        report(site, *starts, idle)
        report_python(*measure_python(browser, server, args.runs))


if __name__ == "__main__":
    main()
