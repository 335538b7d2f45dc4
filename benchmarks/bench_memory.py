"""What the browser keeps: how long a lesson takes to mount with a long history.

Builds the site (or takes --site), serves it as GitHub Pages does (gzip) and drives headless
Chromium. Before each load, this browser's storage holds a history of N entries, all of one
concept that every lesson measured watches for, named in the value, train and capstone
exercises in turn: the worst case of a summary grouped by concept. The figure is the time
from the navigation's start to the moment every page feature of the lesson is mounted (its
exercise editor's watch list, its pitfall marks, the progress page's lists), for an empty
history, a full one (the 1,000 entries kept) and 60,000 entries (stored by an older version,
or by hand).

    python benchmarks/bench_memory.py [--site DIR] [--runs 3]
"""

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.served import arguments, served_site  # noqa: E402

LESSONS = [
    "/04-training/training-loop/",
    "/exercises/capstone/",
    "/exercises/progress/",
]
PREFIX = "micrograd-course/v1/"
MOUNTED = """() => {
  const all = document.querySelectorAll("[data-course]");
  const left = document.querySelectorAll("[data-course]:not([data-course-mounted])");
  return all.length > 0 && left.length === 0 && performance.now();
}"""


def history(n):
    exercises = ["value", "train", "capstone"]
    return [
        {
            "concept": "grad-accumulation",
            "exercise": exercises[k % 3],
            "date": f"2025-0{1 + k % 9}-{10 + k % 19}",
        }
        for k in range(n)
    ]


def mount_time(browser, base, lesson, entries):
    """Milliseconds from the navigation's start to every feature of ``lesson`` mounted."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/404.html")  # the site's origin, to fill its storage first
    page.evaluate(
        "([prefix, history]) => { localStorage.clear();"
        " localStorage.setItem(prefix + 'history', JSON.stringify(history)); }",
        [PREFIX, entries],
    )
    page.goto(base + lesson, wait_until="commit")
    handle = page.wait_for_function(MOUNTED, timeout=120_000, polling=10)
    milliseconds = handle.json_value()
    context.close()
    return milliseconds


def main():
    args = arguments(__doc__, "runs", 3)
    sizes = [0, 1000, 60000]
    with served_site(args.site) as (_, server, browser):
        base = server.url.rstrip("/")
        print(f"{'lesson':32s}{'entries':>9s}{'median ms':>11s}  runs")
        for lesson in LESSONS:
            for n in sizes:
                entries = history(n)
                runs = [
                    mount_time(browser, base, lesson, entries) for _ in range(args.runs)
                ]
                text = ", ".join(f"{r:.0f}" for r in runs)
                print(f"{lesson:32s}{n:9d}{statistics.median(runs):11.0f}  {text}")


if __name__ == "__main__":
    main()
