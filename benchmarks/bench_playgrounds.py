"""Playgrounds: how long a redraw takes once Python is ready (budget 100 ms).

Builds the site (or takes ``--site``), serves it as GitHub Pages does, and drives headless
Chromium (the run fails if anything asks for another host). On each playground's lesson,
Python is started first (not timed: see bench_runtime.py), then each control is moved
through a series of values, one move at a time; a redraw is the time from the move (the
control's input event) to the playground's new parts in place (its "playground:drawn"
event). Printed per playground: the median, the 90th percentile and the slowest redraw, and
the part of the median spent in Python; and, apart, the import of the playgrounds' code,
which a page's first redraw would include. The training playground first trains its runs to
the last step (the time it took is printed too), and keeps the picture of each step it has
drawn: its redraws of steps not drawn before and of steps drawn before are apart. The faults
playground first trains the runs its moves visit (timed apart): a redraw shows a trained run. The
machine's load comes first: on a busy machine slow redraws mostly wait for a CPU.

    python benchmarks/bench_playgrounds.py [--site DIR] [--rounds 2]
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.served import arguments, served_site  # noqa: E402

BUDGET = 100  # ms
STEPS = [str(k) for k in range(0, 101, 10)]
# (lesson, playground, moves): a move is (control, value); one that would change nothing
# (the control has that value already) is left out.
PLAYGROUNDS = [
    (
        "/04-training/gradient-descent/",
        "descent",
        [
            ("lr", f"{v / 100:g}")
            for v in (5, 20, 45, 50, 70, 90, 99, 100, 105, 130, 150)
        ],
    ),
    (
        "/02-value/backpropagation/",
        "backprop",
        [("step", str(k)) for k in range(1, 8)]
        + [("graph", "twice"), ("order", "forgot"), ("step", "3"), ("graph", "lesson")],
    ),
    (
        "/03-neural-network/neuron/",
        "neuron",
        [("w1", f"{v / 10:g}") for v in range(-20, 21, 5)]
        + [("activation", "tanh"), ("b", "-1"), ("activation", "linear")],
    ),
    (
        "/05-full-picture/decision-boundary/",
        "boundary",
        [("step", k) for k in STEPS[1:]]
        + [("compare", "small"), ("step", "55"), ("compare", "jumpy"), ("step", "5")],
    ),
    (
        "/05-full-picture/when-training-goes-wrong/",
        "faults",
        [
            ("fault", "no-zero"),
            ("lr", "3"),
            ("fault", "uphill"),
            ("scale", "10"),
            ("fault", "biases"),
            ("lr", "0.0001"),
            ("scale", "0.01"),
            ("fault", "none"),
            ("lr", "0.3"),
            ("scale", "1"),
        ],
    ),
]

# Moves the playground's controls one at a time; returns, per move, the milliseconds from
# the input event to the drawn event, and the drawn event's own figures.
MOVE = """async ([name, moves]) => {
  const el = document.querySelector(`[data-playground="${name}"]`);
  const found = [];
  for (const [control, value] of moves) {
    const inputs = [...el.querySelectorAll(`input[name="${control}"]`)];
    const input = inputs.find((i) => i.type !== "radio" || i.value === value);
    if (input.type === "radio" ? input.checked : input.value === value) continue;
    const drawn = new Promise((resolve) =>
      el.addEventListener("playground:drawn", (e) => resolve(e.detail), { once: true }));
    const began = performance.now();
    if (input.type === "radio") input.checked = true;
    else input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const detail = await drawn;
    found.push({ total: performance.now() - began, ...detail });
  }
  return found;
}"""


# The import of the playgrounds' code, which the first redraw on a page would include.
IMPORT = """async () => {
  const began = performance.now();
  await window.course.run("import course_playgrounds", { space: "playgrounds" });
  return performance.now() - began;
}"""


def _local(url):
    return url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1"


def measure(browser, server, rounds):
    """{playground: [redraw records of each round]}, the seconds the training runs
    took, and the milliseconds it took to import the playgrounds' code on each page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside = []
    context.on("request", lambda r: _local(r.url) or outside.append(r.url))
    page = context.new_page()
    page.set_default_timeout(300_000)
    found, training, imports = {}, {}, []
    for path, name, moves in PLAYGROUNDS:
        page.goto(server.url.rstrip("/") + path)
        page.wait_for_selector(f'[data-playground="{name}"][data-course-mounted]')
        page.evaluate("window.course.ready()")
        imports.append(page.evaluate(IMPORT))
        if name == "boundary":  # train every run to the end first: not a redraw
            for compare in ("dead", "small", "jumpy"):
                start = time.perf_counter()
                page.evaluate(MOVE, [name, [("compare", compare), ("step", "100")]])
                training[compare] = time.perf_counter() - start
                page.evaluate(MOVE, [name, [("step", "0")]])
        if name == "faults":  # train the runs the moves visit first: not a redraw
            start = time.perf_counter()
            page.evaluate(MOVE, [name, moves])
            training["the ten runs of the faults playground"] = (
                time.perf_counter() - start
            )
        found[name] = [page.evaluate(MOVE, [name, moves]) for _ in range(rounds)]
    context.close()
    assert not outside, outside
    return found, training, imports


def _stats(records):
    """(median, 90th percentile, slowest) of the redraws, and the median in Python."""
    totals = sorted(r["total"] for r in records)
    p90 = totals[int(0.9 * (len(totals) - 1))]
    python = statistics.median(r["python"] for r in records)
    return statistics.median(totals), p90, totals[-1], python


def _line(label, records):
    median, p90, slowest, python = _stats(records)
    verdict = "ok" if p90 <= BUDGET else "OVER BUDGET"
    print(
        f"  {label:30s}{median:6.0f} {p90:6.0f} {slowest:8.0f} ms  in Python"
        f" {python:4.0f} ms  ({len(records)} redraws, 90% {verdict})"
    )


def report(found, training, imports):
    load, cores = os.getloadavg()[0], os.cpu_count()
    busy = ": busy, slow redraws mostly wait for a CPU" if load > cores else ""
    print(f"load average {load:.1f} on {cores} cores{busy}")
    print(
        f"{'redraw, once Python is ready':32s}  median    90%   slowest  (budget 100 ms)"
    )
    for name, (fresh, *again) in found.items():
        later = [r for rnd in again for r in rnd]
        if name == "boundary":  # a step drawn before reuses its picture: apart
            _line("boundary, new steps", fresh)
            _line("boundary, steps seen before", later)
        else:
            _line(name, fresh + later)
    median = statistics.median(imports)
    print(
        f"  importing the playgrounds' code, once per page: {median:4.0f} ms (median)"
    )
    for runs, seconds in training.items():
        what = runs if " " in runs else f"the lesson's run and {runs!r} to step 100"
        print(f"  training {what}: {seconds:4.1f} s")


def main():
    args = arguments(
        __doc__, "rounds", 2, least=2
    )  # the second round redraws seen steps
    with served_site(args.site) as (site, server, browser):
        report(*measure(browser, server, args.rounds))


if __name__ == "__main__":
    main()
