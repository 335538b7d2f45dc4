"""Exercises in the page: how long a Check takes, cold and warm.

Builds the site (or takes --site), serves it from 127.0.0.1 as GitHub Pages does (gzip),
and drives headless Chromium (the run fails if anything asks for another host). On the
value exercise's lesson, a fresh browser profile:

- cold Check: the first Check of a visit, Python loaded from nothing (the judge's and the
  first sandbox's); seconds from the call to the report, and the bytes sent for it;
- typed, then Check: a fresh profile, as a learner does it: the code typed in the editor
  (its first change starts the checker), read over for TYPED seconds, then the Check
  button clicked; seconds from the click to the report. On the value exercise's lesson (a
  mistake) and on the capstone's page (a correct file: its report compares a network's
  training with the reference's);
- warm Check: the next Check, same code, once the checker is idle (the next sandbox
  started after a Check is ready: a learner reads the report first);
- warm Checks of each exercise's correct solution (the capstone trains a network): the
  exercise's first Check of the visit, then the same again, and their medians;
- the tutor prompt, warm (a Check, then the prompt);
- the page's memory with its three Pythons (the lesson cells', the judge, the next
  sandbox): the proportional set size of the page's renderer process, which holds the
  page and its workers (Linux: /proc), before Python and after;
- after a reload: the first Check with Python's files in the HTTP cache;
- the exercise editor's code and CodeMirror's: the chunks an exercise page loads.

    python benchmarks/bench_exercises.py [--site DIR] [--runs 3]
"""

import gzip
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.served import arguments, served_site  # noqa: E402
from micrograd.check import EXERCISES  # noqa: E402
from tests.browser import to_editor, type_code  # noqa: E402
from tests.check_cases import mutants  # noqa: E402

LESSON = "/02-value/backpropagation/"
CAPSTONE = "/exercises/capstone/"
CASES = ROOT / "tests" / "check_cases"
MB = 1e6


IDLE = "window.course.checkerIdle?.()"  # a site from before sandboxes has none
TYPED = 8  # seconds between typing the code and clicking Check


def timed_check(page, exercise, source):
    page.evaluate(IDLE)
    start = time.perf_counter()
    result = page.evaluate("([e, s]) => window.course.check(e, s)", [exercise, source])
    seconds = time.perf_counter() - start
    if result["exit"] not in (0, 1):
        raise RuntimeError(f"{exercise}: the check failed:\n{result['report']}")
    return seconds


def typed_then_checked(browser, url, exercise, source, said):
    """A fresh profile on ``url``: ``source`` typed in the editor of ``exercise``, TYPED
    seconds, then Check clicked; seconds from the click to the report (which says
    ``said``)."""
    context = browser.new_context()
    outside = []
    context.on("request", lambda r: _local(r.url) or outside.append(r.url))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    to_editor(page)
    type_code(page, source)
    page.wait_for_timeout(TYPED * 1000)
    button = page.get_by_role("button", name=f"Check your {exercise}.py")
    start = time.perf_counter()
    button.click()
    page.wait_for_function(
        "b => !b.disabled", arg=button.element_handle(), timeout=120_000
    )
    seconds = time.perf_counter() - start
    report = page.locator(".mg-report").inner_text()
    context.close()
    assert not outside, outside
    if said not in report:
        raise RuntimeError(f"the typed Check did not say {said!r}:\n{report}")
    return seconds


def _local(url):
    return url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1"


def renderers():
    """PSS in bytes of each Chromium renderer started by this process: {pid: bytes}."""
    children = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(parent, []).append(int(pid))
    found, todo = {}, [os.getpid()]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if b"--type=renderer" not in f.read():
                        continue
                with open(f"/proc/{pid}/smaps_rollup") as f:
                    pss = f.read().split("Pss:")[1].split()[0]
            except (OSError, IndexError):
                continue
            found[pid] = int(pss) * 1024
    return found


def page_memory():
    """The memory of the one page open: its renderer's PSS, or None where it cannot be
    read."""
    if not os.path.isdir("/proc"):
        return None
    return max(renderers().values(), default=None)


def measure(browser, server, runs):
    figures = {k: [] for k in ("cold", "cold bytes", "warm", "prompt", "cached")}
    figures["typed"], figures["typed capstone"] = [], []
    figures.update({"memory before": [], "memory after": []})
    figures.update({f"{k} {e}": [] for e in EXERCISES for k in ("first", "warm")})
    mistake = mutants.source("value", "plus_assign")
    for _ in range(runs):
        context = browser.new_context()
        outside = []  # watched, not routed: routing would turn the HTTP cache off
        context.on("request", lambda r, o=outside: _local(r.url) or o.append(r.url))
        page = context.new_page()
        page.goto(server.url.rstrip("/") + LESSON, wait_until="networkidle")
        figures["memory before"].append(page_memory())
        server.sent = 0
        figures["cold"].append(timed_check(page, "value", mistake))
        figures["cold bytes"].append(server.sent)
        figures["warm"].append(timed_check(page, "value", mistake))
        for exercise in EXERCISES:  # the first Check of each, then the same again
            source = (CASES / exercise / "correct.py").read_text()
            for kind in ("first", "warm"):
                figures[f"{kind} {exercise}"].append(
                    timed_check(page, exercise, source)
                )
        key = "micrograd-course/v1/code/value"  # the reader's code, as web/memory.js keeps it
        page.evaluate("([k, s]) => localStorage.setItem(k, s)", [key, mistake])
        page.evaluate(IDLE)
        start = time.perf_counter()
        page.evaluate("window.course.tutorPrompt('value')")
        figures["prompt"].append(time.perf_counter() - start)
        page.evaluate("window.course.run('1 + 1')")  # the lesson cells' Python
        page.evaluate(IDLE)
        figures["memory after"].append(page_memory())
        page.reload(wait_until="networkidle")
        figures["cached"].append(timed_check(page, "value", mistake))
        assert not outside, outside
        context.close()
        url = server.url.rstrip("/") + LESSON
        said = "[grad-accumulation]"
        figures["typed"].append(
            typed_then_checked(browser, url, "value", mistake, said)
        )
        url = server.url.rstrip("/") + CAPSTONE
        source = (CASES / "capstone" / "correct.py").read_text()
        figures["typed capstone"].append(
            typed_then_checked(browser, url, "capstone", source, "Well done")
        )
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
    line(f"typed, {TYPED} s, then Check", med(figures["typed"]), "s", figures["typed"])
    runs = figures["typed capstone"]
    line("  the same, capstone", med(runs), "s", runs)
    line("warm Check (value)", med(figures["warm"]), "s", figures["warm"])
    for kind in ("first", "warm"):
        print(
            f"{kind} Check of each exercise's correct file:"
            if kind == "first"
            else "the same Check again:"
        )
        for exercise in EXERCISES:
            runs = figures[f"{kind} {exercise}"]
            line(f"  {exercise}", med(runs), "s", runs)
        medians = [med(figures[f"{kind} {exercise}"]) for exercise in EXERCISES]
        line("  median", med(medians), "s")
    line("tutor prompt, warm", med(figures["prompt"]), "s", figures["prompt"])
    line("first Check after a reload", med(figures["cached"]), "s", figures["cached"])
    for when in ("before", "after"):
        kept = [m for m in figures[f"memory {when}"] if m is not None]
        if kept:
            what = (
                "no Python" if when == "before" else "page, judge and sandbox Pythons"
            )
            line(f"page memory, {what}", med(kept) / MB, "MB")
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
