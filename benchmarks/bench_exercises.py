"""Exercises in the page: how long a Check takes, cold and warm.

Builds the site (or takes --site), serves it from 127.0.0.1 as GitHub Pages does (gzip),
and drives headless Chromium (the run fails if anything asks for another host). On the
value exercise's lesson, a fresh browser profile:

- cold Check: the first Check of a visit, Python loaded from nothing; seconds from the
  call to the report, and the bytes sent for it;
- warm Check: the next Check, same code, Python already running;
- warm Check of each exercise's correct solution (the capstone trains a network);
- the tutor prompt, warm (a Check, then the prompt);
- after a reload: the first Check with Python's files in the HTTP cache;
- the exercise editor's code and CodeMirror's: the chunks an exercise page loads.

    python benchmarks/bench_exercises.py [--site DIR] [--runs 3]
"""

import gzip
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.served import arguments, served_site  # noqa: E402
from micrograd.check import EXERCISES  # noqa: E402
from tests.check_cases import mutants  # noqa: E402

LESSON = "/02-value/backpropagation/"
CASES = ROOT / "tests" / "check_cases"
MB = 1e6


def timed_check(page, exercise, source):
    start = time.perf_counter()
    result = page.evaluate("([e, s]) => window.course.check(e, s)", [exercise, source])
    seconds = time.perf_counter() - start
    if result["exit"] not in (0, 1):
        raise RuntimeError(f"{exercise}: the check failed:\n{result['report']}")
    return seconds


def _local(url):
    return url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1"


def measure(browser, server, runs):
    figures = {k: [] for k in ("cold", "cold bytes", "warm", "prompt", "cached")}
    figures.update({f"warm {e}": [] for e in EXERCISES})
    mistake = mutants.source("value", "plus_assign")
    for _ in range(runs):
        context = browser.new_context()
        outside = []  # watched, not routed: routing would turn the HTTP cache off
        context.on("request", lambda r, o=outside: _local(r.url) or o.append(r.url))
        page = context.new_page()
        page.goto(server.url.rstrip("/") + LESSON, wait_until="networkidle")
        server.sent = 0
        figures["cold"].append(timed_check(page, "value", mistake))
        figures["cold bytes"].append(server.sent)
        figures["warm"].append(timed_check(page, "value", mistake))
        for exercise in EXERCISES:
            source = (CASES / exercise / "correct.py").read_text()
            figures[f"warm {exercise}"].append(timed_check(page, exercise, source))
        key = "micrograd-course/v1/code/value"  # the reader's code, as web/memory.js keeps it
        page.evaluate("([k, s]) => localStorage.setItem(k, s)", [key, mistake])
        start = time.perf_counter()
        page.evaluate("window.course.tutorPrompt('value')")
        figures["prompt"].append(time.perf_counter() - start)
        page.reload(wait_until="networkidle")
        figures["cached"].append(timed_check(page, "value", mistake))
        assert not outside, outside
        context.close()
    return figures


def line(name, value, unit, runs=None):
    text = f"{name:34s}{value:7.2f} {unit}"
    if runs:
        text += "  runs: " + ", ".join(f"{v:.2f}" for v in runs)
    print(text)


def report(site, figures):
    med = statistics.median
    line("cold Check (Python from nothing)", med(figures["cold"]), "s", figures["cold"])
    line("  sent for it", med(figures["cold bytes"]) / MB, "MB")
    line("warm Check (value)", med(figures["warm"]), "s", figures["warm"])
    for exercise in EXERCISES:
        runs = figures[f"warm {exercise}"]
        line(f"  correct {exercise}", med(runs), "s", runs)
    line("tutor prompt, warm", med(figures["prompt"]), "s", figures["prompt"])
    line("first Check after a reload", med(figures["cached"]), "s", figures["cached"])
    chunks = site / "assets" / "course" / "chunks"
    for name in ("exercise", "editor"):
        for path in sorted(chunks.glob(f"{name}-*.js"))[:1]:
            data = path.read_bytes()
            size, zipped = len(data) / 1000, len(gzip.compress(data, 6)) / 1000
            print(f"{name + ' chunk':34s}{size:7.1f} KB  ({zipped:.1f} KB gzip)")


def main():
    args = arguments(__doc__, "runs", 3)
    with served_site(args.site) as (site, server, browser):
        report(site, measure(browser, server, args.runs))


if __name__ == "__main__":
    main()
