"""Shared by the benchmarks: get the original micrograd, and run one measurement per process.

Both packages are imported as ``micrograd``, so each measurement runs in its own
interpreter with the package's directory first on ``sys.path``. Separate processes
also keep one engine's settings (such as the garbage collector's thresholds) from
touching the other's timings.
"""

import contextlib
import json
import pathlib
import subprocess
import sys
import tempfile
import time

ORIGINAL = "micrograd==0.1.0"
REPO = str(pathlib.Path(__file__).resolve().parent.parent)  # where this package lives
RESULT = "RESULT "  # the prefix of the line a child process reports its figures on


@contextlib.contextmanager
def original_micrograd(path=None):
    """A directory holding the original micrograd: ``path`` if given, else a fresh install."""
    if path:
        yield str(path)
        return
    with tempfile.TemporaryDirectory(prefix="micrograd-0.1.0-") as tmp:
        print(f"installing {ORIGINAL} into {tmp} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--target", tmp, ORIGINAL],
            check=True,
        )  # fmt: skip
        yield tmp


def run_child(script, path, args, tag):
    """Run ``script --child PATH ARGS`` in a fresh, isolated interpreter.

    The child's lines are echoed as they come, prefixed with ``[tag]``; its figures
    come back from the line starting with RESULT, as a dict.
    """
    cmd = [sys.executable, "-I", str(script), "--child", path, *map(str, args)]
    result, start = None, time.perf_counter()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, bufsize=1) as proc:
        for line in proc.stdout:
            if line.startswith(RESULT):
                result = json.loads(line[len(RESULT) :])
            else:
                print(f"  [{tag}] {line}", end="", flush=True)
    if proc.returncode != 0 or result is None:
        sys.exit(f"{tag}: the measurement failed (exit code {proc.returncode})")
    result["wall"] = time.perf_counter() - start
    return result


def import_micrograd(path):
    """In a child: import micrograd from ``path`` and nowhere else."""
    sys.path.insert(0, path)
    import micrograd.engine
    import micrograd.nn

    where = pathlib.Path(micrograd.engine.__file__).resolve()
    if not where.is_relative_to(pathlib.Path(path).resolve()):
        sys.exit(f"imported micrograd from {where}, not from {path}")
    return micrograd.engine, micrograd.nn


def report(figures):
    """In a child: hand the figures back to the parent."""
    print(RESULT + json.dumps(figures), flush=True)
