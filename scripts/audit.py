"""Lighthouse on every lesson, lab and the exercises page, served as GitHub Pages serves them.

    python scripts/audit.py [site]        (make audit: builds the site first)

Runs Lighthouse (node_modules, pinned in package.json) with its default mobile settings on
each page of the built site, served gzipped under the project path (scripts/pages_server.py),
and prints a table of the scores with what each page misses. Budgets: accessibility and best
practices 100 on every page, performance at least 95 on every lesson page. Accessibility and
best practices are checks, so a page below 100 makes the audit fail; performance is a timing,
measured on this machine, so it is printed and marked, never failed on.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.pages_server import PagesServer  # noqa: E402
from tests.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}
CHECKS = ("accessibility", "best-practices")  # not timings: these fail the audit


def audited_pages():
    """(kind, nav title, path) of every lesson, lab and the exercises page, in nav order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)

    def walk(entries):
        for entry in entries:
            if isinstance(entry, str):  # a section's own page, listed without a title
                yield entry, entry
                continue
            for title, value in entry.items():
                yield from walk(value) if isinstance(value, list) else [(title, value)]

    for title, source in walk(config["nav"]):
        path = source.removesuffix(".md").removesuffix(".py").removesuffix("index")
        path = path if path.endswith("/") or not path else path + "/"
        if source.startswith("labs/"):
            yield "lab", title, path
        elif source.startswith("exercises/"):
            yield "exercises", title, path
        elif "/" in source:
            yield "lesson", title, path


def lighthouse(url):
    """Lighthouse's report for ``url``, as a dict."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
            ],
            env=dict(os.environ, CHROME_PATH=chromium_path(shell=False)),
            check=True,
        )
        return json.loads(report.read_text())


def misses(report):
    """The ids of the scored audits a page fails, worst first."""
    refs = {
        ref["id"]
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
    }
    failing = [
        (audit["score"], audit_id)
        for audit_id, audit in report["audits"].items()
        if audit_id in refs and audit["score"] is not None and audit["score"] < 0.9
    ]
    return [audit_id for _, audit_id in sorted(failing)]


def main():
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    if not (site / "index.html").is_file():
        sys.exit(f"no built site in {site}: run `make site` first")
    server = PagesServer(site)
    rows, failed = [], []
    header = f"{'page':<34} {'kind':<9} {'perf':>4} {'a11y':>4} {'best':>4}  misses"
    print(
        f"Lighthouse (mobile) on {server.url}, gzipped\n\n{header}\n{'-' * len(header)}"
    )
    try:
        for kind, title, path in audited_pages():
            report = lighthouse(server.url + path)
            scores = {
                c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES
            }
            below = [c for c in CATEGORIES if scores[c] < BUDGETS[c]]
            if kind != "lesson" and "performance" in below:
                below.remove("performance")  # the performance budget is for lessons
            failed += [f"{title}: {c} {scores[c]}" for c in below if c in CHECKS]
            marks = {c: "*" if c in below else " " for c in CATEGORIES}
            cells = " ".join(f"{scores[c]:>3}{marks[c]}" for c in CATEGORIES)
            rows.append((kind, scores))
            print(f"{title[:34]:<34} {kind:<9} {cells} {' '.join(misses(report)[:4])}")
            sys.stdout.flush()
    finally:
        server.close()
    lessons = sorted(scores["performance"] for kind, scores in rows if kind == "lesson")
    print(
        f"\n* below budget (performance {BUDGETS['performance']} on lessons, 100 otherwise)"
    )
    print(
        f"{len(rows)} pages; lesson performance: lowest {lessons[0]}, "
        f"median {lessons[len(lessons) // 2]}; this machine's Lighthouse benchmark index "
        f"{report['environment']['benchmarkIndex']:.0f}"
    )
    if failed:
        sys.exit("below budget:\n" + "\n".join(failed))


if __name__ == "__main__":
    main()
