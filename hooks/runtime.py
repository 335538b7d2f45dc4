"""Build hook: Python in the reader's browser.

- Before the build: the runtime (Pyodide's core, viz.js) is fetched into build/runtime/ and
  checked (scripts/fetch_runtime.py), and the browser code in web/ is bundled by esbuild
  into build/web/.
- Lessons: every python fence that can run in the page (hooks/runnable.py) is wrapped in
  ``<div class="mg-cell" data-course="cell">``, which web/cells.js turns into a cell with
  Run, Edit, Reset and Stop; a fence that cannot run says why, under it.
- Labs: each code cell becomes such a cell while it and every cell before it can run; the
  notebook's dormant mermaid loader (a CDN script) is removed.
- Pages with an exercise, the progress page or a playground link that feature's stylesheet
  (FEATURE_STYLES); every page has course.css.
- After the build: build/web/ and build/runtime/ are copied to assets/course/, with the
  package as a zip (micrograd/ and web/python/) and runtime.json (versions, file sizes).
"""

import importlib.util
import json
import logging
import re
import shutil
import subprocess
import sys
import zipfile
from html import escape
from pathlib import Path

from micrograd.check import history

ROOT = Path(__file__).resolve().parent.parent
# The styles of a page feature, linked only by the pages that have it: {file: its markers}.
FEATURE_STYLES = {
    "exercises.css": ('data-course="exercise"', 'data-course="progress"'),
    "playgrounds.css": ('data-course="playground"',),
}
WEB, BUILD = ROOT / "web", ROOT / "build"
# The package's constants that the page's code uses too, written into the bundle.
DEFINES = {"MICROGRAD_HISTORY_KEEP": history.KEEP}
ENTRIES = ["course.js", "worker.js", "course.css", *FEATURE_STYLES]
ASSETS = "assets/course"
# A warning fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.hooks.runtime")


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


runnable = _load("course_runnable", ROOT / "hooks" / "runnable.py")
fetch_runtime = _load("course_fetch_runtime", ROOT / "scripts" / "fetch_runtime.py")


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


def on_config(config):
    fetch_runtime.fetch(log=log.info)
    bundle()
    return config


# --- lessons --------------------------------------------------------------------------

NOTE = '<p class="mg-note">This code does not run in the page: {why}.</p>'


def cell_markup(text, fence):
    """The markdown of a page with one fence's lines wrapped as a runnable cell."""
    html = " data-html" if fence.html else ""
    return [f'<div class="mg-cell" data-course="cell"{html} markdown>', "", text, ""]


def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return markdown
    lines = markdown.split("\n")
    for fence in reversed(runnable.fences(markdown)):
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


# --- labs -----------------------------------------------------------------------------

_LAB_CELL = re.compile(r'<div class="jp-Cell jp-CodeCell jp-Notebook-cell[^"]*" id="')
_MERMAID = re.compile(
    r'<script type="module">(?:(?!</script>).)*?mermaid.*?</script>', re.S
)


def _lab_sources(path):
    import jupytext

    notebook = jupytext.read(path)
    return ["".join(c.source) for c in notebook.cells if c.cell_type == "code"]


def mark_lab(content, sources, where):
    """Mark a notebook's code cells as runnable, up to the first that cannot run."""
    starts = [m.start() for m in _LAB_CELL.finditer(content)]
    if len(starts) != len(sources):
        log.warning(
            f"{where}: {len(starts)} code cells in the page, {len(sources)} in the lab"
        )
        return content
    why = next(
        ((i, w) for i, s in enumerate(sources) if (w := runnable.why_static(s))), None
    )
    runs = len(sources) if why is None else why[0]
    for i in reversed(range(len(starts))):
        at = starts[i] + len("<div")
        if i < runs:
            content = content[:at] + ' data-course="cell"' + content[at:]
        elif i == runs:
            note = NOTE.format(why=escape(why[1])).replace(
                "This code does not", "From here on, this lab's code does not"
            )
            content = content[: starts[i]] + note + content[starts[i] :]
    return content


def on_page_content(content, page, config, files):
    if page.file.src_uri.startswith("labs/") and page.file.src_uri.endswith(".py"):
        content = _MERMAID.sub("", content)
        content = mark_lab(
            content, _lab_sources(page.file.abs_src_path), page.file.src_uri
        )
    return content


def on_post_page(output, page, config):
    """Link the stylesheet of each feature the page has, in the head right after course.css.
    Material's instant navigation brings the head's new stylesheets along to the next page."""
    root = "../" * page.url.count("/")
    shared = f'<link rel="stylesheet" href="{root}{ASSETS}/course.css">'
    if shared not in output:
        raise ValueError(f"{page.file.src_uri}: no {shared} in the page's head")
    links = "".join(
        f'<link rel="stylesheet" href="{root}{ASSETS}/{name}">'
        for name, markers in FEATURE_STYLES.items()
        if any(marker in output for marker in markers)
    )
    return output.replace(shared, shared + links, 1)


# --- assets ---------------------------------------------------------------------------


def write_package_zip(dest):
    """micrograd/ and the page's own modules (web/python/: the cell runner, the
    playgrounds), as one zip for the page's Python."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((ROOT / "micrograd").rglob("*.py")):
            zf.write(path, path.relative_to(ROOT).as_posix())
        for path in sorted((WEB / "python").rglob("*.py")):
            zf.write(path, path.relative_to(WEB / "python").as_posix())


def on_post_build(config):
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
