"""Python in the reader's browser: the runtime, the browser code, runnable cells.

- Before the build: the runtime (Pyodide's core, viz.js) is fetched into build/runtime/ and
  checked (scripts/fetch_runtime.py), and the browser code in web/ is bundled by esbuild
  into build/web/.
- Lessons: every python fence that can run in the page (hooks/runnable.py) is wrapped in
  ``<div class="mg-cell" data-course="cell">``, which web/cells.js turns into a cell with
  Run, Edit, Reset and Stop; a fence that cannot run says why, under it. (Labs: see
  hooks/labs.py.)
- Each page links the stylesheets of the features it has (web/features.json), in the head
  right after course.css, which every page has.
- After the build: build/web/ and build/runtime/ are copied to assets/course/, with the
  package as a zip (micrograd/ and web/python/) and runtime.json (versions, file sizes).
"""

import functools
import json
import logging
import re
import shutil
import subprocess
import zipfile
from html import escape
from pathlib import Path

from hooks import features, runnable
from hooks.fences import fences
from micrograd.check import history, reviews
from scripts import fetch_runtime

ROOT = Path(__file__).resolve().parent.parent
# The styles of a page feature, linked only by the pages that have it: {file: its markers}.
FEATURE_STYLES = {
    style: tuple(
        features.attribute(name)
        for name, feature in features.FEATURES.items()
        if style in feature["styles"]
    )
    for style in features.STYLES
}
WEB, BUILD = ROOT / "web", ROOT / "build"


def _review_defines():
    """The review bank in two parts: every page counts the reviews due, which needs each
    topic's title and module (web/reviews.js); only a page that asks reviews loads what
    they ask, each topic's items (web/review-bank.js)."""
    bank = reviews.page_data()
    topics = {i: {"title": t["title"], "module": t["module"]} for i, t in bank.items()}
    items = {i: t["items"] for i, t in bank.items()}
    compact = functools.partial(json.dumps, separators=(",", ":"))
    # The items as a string that the page parses: esbuild puts every object it defines in
    # one chunk, which each page that uses any of them loads; a string stays in the one
    # module that reads it.
    return {
        "MICROGRAD_REVIEW_TOPICS": compact(topics),
        "MICROGRAD_REVIEW_ITEMS": json.dumps(compact(items)),
    }


# The package's constants that the page's code uses too, written into the bundle.
DEFINES = {"MICROGRAD_HISTORY_KEEP": history.KEEP, **_review_defines()}
ENTRIES = ["course.js", "worker.js", "course.css", *features.STYLES]
ASSETS = "assets/course"
# A warning fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.hooks.runtime")


def bundle():
    """Bundle web/ into build/web/ with esbuild (ES modules, code split, minified)."""
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        raise RuntimeError("esbuild is missing: run `make setup` (npm ci)")
    out = BUILD / "web"
    shutil.rmtree(out, ignore_errors=True)
    args = [str(esbuild), *(str(WEB / e) for e in ENTRIES), f"--outdir={out}"]
    args += ["--bundle", "--splitting", "--format=esm", "--minify", "--target=es2022"]
    args += ["--chunk-names=chunks/[name]-[hash]", "--log-level=warning"]
    args += [f"--define:{name}={value}" for name, value in DEFINES.items()]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"esbuild failed:\n{proc.stderr}")


def prepare():
    """The runtime fetched (once) and the browser code bundled, before the pages."""
    fetch_runtime.fetch(log=log.info)
    bundle()


# --- lessons --------------------------------------------------------------------------

NOTE = '<p class="mg-note">This code does not run in the page: {why}.</p>'


def cell_markup(text, fence):
    """The markdown of a page with one fence's lines wrapped as a runnable cell."""
    html = " data-html" if fence.html else ""
    cell = features.attribute("cell")
    return [f'<div class="mg-cell" {cell}{html} markdown>', "", text, ""]


def mark_cells(markdown):
    """A lesson's Markdown with each fence that runs in the page wrapped as a cell, and a
    note under each python fence that cannot run."""
    lines = markdown.split("\n")
    for fence in reversed(fences(markdown)):
        verdict = runnable.decide(fence)
        if verdict == "quiet":
            continue
        text = "\n".join(lines[fence.start : fence.end + 1])
        if verdict == "run":
            new = cell_markup(text, fence) + ["</div>"]
        else:
            new = [text, "", NOTE.format(why=escape(verdict))]
        lines[fence.start : fence.end + 1] = new
    return "\n".join(lines)


# --- every page ----------------------------------------------------------------------

_SHARED = re.compile(
    r'<link rel="stylesheet" href="(?P<base>[^"]*)assets/course/course\.css">'
)


def link_styles(output, page):
    """Link the stylesheet of each feature the page has, in the head right after course.css.
    Material's instant navigation brings the head's new stylesheets along to the next page."""
    shared = _SHARED.search(output)
    if shared is None:
        raise ValueError(
            f"{page.file.src_uri}: no {ASSETS}/course.css in the page's head"
        )
    styles = features.styles(features.used(output, page.file.src_uri))
    links = "".join(
        f'<link rel="stylesheet" href="{shared["base"]}{ASSETS}/{style}">'
        for style in styles
    )
    return output[: shared.end()] + links + output[shared.end() :]


# --- assets ---------------------------------------------------------------------------


def write_package_zip(dest):
    """micrograd/ and the page's own modules (web/python/: the cell runner, the
    playgrounds), as one zip for the page's Python, the same bytes for the same files."""
    files = [
        (p, p.relative_to(ROOT)) for p in sorted((ROOT / "micrograd").rglob("*.py"))
    ]
    files += [
        (p, p.relative_to(WEB / "python"))
        for p in sorted((WEB / "python").rglob("*.py"))
    ]
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, name in files:  # one date for all: two builds give the same bytes
            info = zipfile.ZipInfo(name.as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zf.writestr(info, path.read_bytes())


def write_assets(config):
    dest = Path(config["site_dir"]) / ASSETS
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(BUILD / "web", dest)
    shutil.copytree(BUILD / "runtime", dest, dirs_exist_ok=True, ignore=_stamps)
    (dest / "python").mkdir()
    write_package_zip(dest / "python" / "micrograd.zip")
    files = {
        p.relative_to(dest).as_posix(): p.stat().st_size
        for p in sorted(dest.rglob("*"))
        if p.is_file()
    }
    versions = {name: version for name, version, *_ in fetch_runtime.PINS}
    manifest = {"versions": versions, "files": files}
    (dest / "runtime.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _stamps(folder, names):
    return [n for n in names if n == ".stamp"]
