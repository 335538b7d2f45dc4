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
