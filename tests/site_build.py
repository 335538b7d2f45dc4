"""Build the site once per test run (shared by the build and browser tests)."""

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests import lanes

ROOT = Path(__file__).resolve().parent.parent


def nav_pages():
    """The source files of the site's nav (``mkdocs.yml``), in the order a reader's Next
    links follow them: ``["start-here.md", "index.md", ...]``."""
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)

    def flat(entries):
        for entry in entries:
            for value in entry.values() if isinstance(entry, dict) else [entry]:
                yield from flat(value) if isinstance(value, list) else [value]

    return list(flat(config["nav"]))


def nav_url(src):
    """The address of a nav page, under the site's root: ``"/exercises/capstone/"``."""
    stem = src.removesuffix(".md").removesuffix(".py").removesuffix("index")
    return f"/{stem}/".replace("//", "/")


def site_path(site, index_html):
    """Where the site serves a built page, under its root: ``"/"`` for the home page,
    ``"/02-value/backpropagation/"`` for ``<site>/02-value/backpropagation/index.html``."""
    rel = Path(index_html).parent.relative_to(site).as_posix()
    return "/" if rel == "." else f"/{rel}/"


def build_site(dest):
    """Run ``mkdocs build --strict`` into ``dest``; return (seconds, output)."""
    lanes.require("site", "building the site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise AssertionError(
            f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
        )
    return seconds, proc.stderr


def made_once(path, make):
    """``path``, made by ``make(path)`` for the first caller only: later callers, in this
    process or another (pytest-xdist's workers), wait for it and then read it. After a
    ``make`` that raised, the next caller empties ``path`` and tries again."""
    done = path.with_name(path.name + ".done")
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # let go when the file closes
        if not done.is_file():
            shutil.rmtree(path, ignore_errors=True)  # a make that failed half-way
            make(path)
            done.touch()
    return path
