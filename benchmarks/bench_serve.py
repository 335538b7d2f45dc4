"""The contributor's loop: how long an edit takes to show under ``make serve``.

In a copy of the repository (``git clone`` of this one, with node_modules, the fetched
runtime and the kept fence outputs of this checkout), the benchmark starts
``mkdocs serve --dirty`` as ``make serve`` does, waits for the first build, then makes each
edit below, one after the other, and polls the served page until the edit shows:

- a lesson's text (``docs/02-value/backpropagation.md``);
- a comment in an included snippet of a small module (``micrograd/gradcheck.py``, shown
  on ``more-operations``);
- a concept's title (``micrograd/check/concepts.py``), which a fence prints in the table
  of the exercises page and every exercise editor lists;
- a comment in an included snippet of the engine (``micrograd/engine.py``), which almost
  every page imports: the slowest case.

It prints the seconds from each edit to the page that shows it (targets: a lesson under
5 s, a package edit under 15 s), and fails if an edit never shows.

    python benchmarks/bench_serve.py            # the loop
    python benchmarks/bench_serve.py --clone    # make serve from a fresh clone, to the page
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_PATH = "/micrograd-course/"
LIMIT = 600  # seconds an edit may take to show before the benchmark gives up


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url, text, since, limit=LIMIT):
    """Seconds from ``since`` until the page at ``url`` holds ``text``."""
    while time.perf_counter() - since < limit:
        if text in fetch(url):
            return time.perf_counter() - since
        time.sleep(0.1)
    raise SystemExit(f"{url} never showed {text!r} in {limit} s")


def copy_repository(dest):
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(ROOT / "build" / "runtime", dest / "build" / "runtime")
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", dest / ".cache", symlinks=True)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path}: {old!r} is not there any more: update the benchmark")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edits(repo, mark):
    """(what, the edit, the page that shows it, the text to look for)."""
    word = f"Mark{mark}"
    return [
        (
            "a lesson's text",
            lambda: edit(
                repo / "docs/02-value/backpropagation.md",
                "\n## ",
                f"\n{word} in a lesson.\n\n## ",
            ),
            "02-value/backpropagation/",
            f"{word} in a lesson.",
        ),
        (
            "a snippet of gradcheck.py",
            lambda: edit(
                repo / "micrograd/gradcheck.py",
                "# --8<-- [start:gradcheck]\n",
                f"# --8<-- [start:gradcheck]\n# {word} in gradcheck\n",
            ),
            "02-value/more-operations/",
            f"{word} in gradcheck",
        ),
        (
            "a concept's title (printed by a fence)",
            lambda: edit(
                repo / "micrograd/check/concepts.py",
                ": A Value holds its number and its gradient",
                f": A Value holds its number and its gradient {word}",
            ),
            "exercises/",
            f"its gradient {word}",
        ),
        (
            "a snippet of engine.py (read by almost every page)",
            lambda: edit(
                repo / "micrograd/engine.py",
                "    # --8<-- [start:backward]\n",
                f"    # --8<-- [start:backward]\n    # {word} in the engine\n",
            ),
            "02-value/backpropagation/",
            f"{word} in the engine",
        ),
    ]


def serve(repo, port):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty"]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    log = open(repo / "serve.log", "w")
    return subprocess.Popen(
        command,
        cwd=repo,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def the_loop(keep):
    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    repo, port = folder / "repo", free_port()
    copy_repository(repo)
    base = f"http://127.0.0.1:{port}{SITE_PATH}"
    start = time.perf_counter()
    server = serve(repo, port)
    try:
        first = wait_for(base, "micrograd", start)
        print(f"first build, served:                      {first:6.1f} s")
        mark = uuid.uuid4().hex[:8]
        for what, make, page, text in edits(repo, mark):
            time.sleep(1.5)  # the server's watcher settles
            since = time.perf_counter()
            make()
            seconds = wait_for(base + page, text, since)
            print(f"{what + ':':42}{seconds:6.1f} s")
    finally:
        stop(server)
        log = (repo / "serve.log").read_text()
        if keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder)
    built = [
        float(s) for s in re.findall(r"Documentation built in ([\d.]+) seconds", log)
    ]
    print("builds (s):", ", ".join(f"{s:.1f}" for s in built))


def from_a_clone(keep):
    """``make serve`` in a fresh clone (its own .venv, node_modules, runtime), to the page."""
    folder = Path(tempfile.mkdtemp(prefix="bench-clone-"))
    repo, port = folder / "repo", free_port()
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    makefile = (repo / "Makefile").read_text()
    (repo / "Makefile").write_text(
        makefile.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    )
    start = time.perf_counter()
    log = open(folder / "make.log", "w")
    server = subprocess.Popen(
        ["make", "serve"],
        cwd=repo,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        seconds = wait_for(
            f"http://127.0.0.1:{port}{SITE_PATH}", "micrograd", start, 1800
        )
        print(f"make serve in a fresh clone, to the page: {seconds:6.1f} s")
    finally:
        stop(server)
        if keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--clone", action="store_true", help="make serve in a fresh clone"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the copy, and its log"
    )
    args = parser.parse_args()
    (from_a_clone if args.clone else the_loop)(args.keep)


if __name__ == "__main__":
    main()
