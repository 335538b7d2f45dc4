"""The checker's verdict on each file of the mutation suite, computed once per test run.

A file of the suite is named ``(exercise, name)``: a mutant of ``mutants.py``, or a case
file ``<exercise>/<name>.py`` (``value/correct.py``). Every test that needs a verdict asks
here, and the checker runs once per file and kind, however many tests look at it:

- :func:`page`: what the page's entry point, ``check_source``, returns;
- :func:`command_line`: the exit status and output of the command line, ``python -m
  micrograd.check``: its ``main()``, called in this process. It checks the file as the
  command line always does, in a worker process of its own; what only a new process
  shows (the exit status, the terminal's encoding, the history across runs) is tested
  by running ``python -m micrograd.check`` itself (:func:`run_cli`).

Both check the file as ``<exercise>.py``, so that their reports can be compared. The
command line keeps its history in a folder of this module's own, removed at exit.

A verdict is kept on disk (``.cache/checked/``, or ``COURSE_CHECKED_CACHE``) under a key
made of everything it depends on: the file's code, how it was checked, the Python, and
every file of the package. Another test process, or the next run, reads it instead of
checking again; a change to the package, or to the file, makes a new key.
"""

import atexit
import contextlib
import functools
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

from micrograd.check import check_source
from micrograd.check.__main__ import main
from tests.check_cases import mutants

CASES = mutants.CASES
ENDLESS = ("value", "infinite_loop")  # takes the whole time limit: tested on its own


def case_files():
    """(exercise, name) of every case file, correct solutions first."""
    paths = sorted(CASES.glob("*/*.py"), key=lambda p: (p.stem != "correct", p))
    return [(p.parent.name, p.stem) for p in paths]


def suite():
    """(exercise, name) of every file of the suite that finishes in time: the mutants,
    then the case files."""
    files = [key for key in mutants.MUTANTS if key != ENDLESS] + case_files()
    if len(set(files)) != len(files):
        raise ValueError("a mutant has the name of a case file")
    return files


@functools.cache
def source(exercise, name):
    """The code of a file of the suite."""
    path = CASES / exercise / f"{name}.py"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return mutants.source(exercise, name)


ROOT = Path(__file__).resolve().parents[2]
KEPT = Path(os.environ.get("COURSE_CHECKED_CACHE", ROOT / ".cache" / "checked"))


@functools.cache
def _package():
    """A digest of every file of the package, and of the Python that runs it."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted((ROOT / "micrograd").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _kept(how, exercise, name, compute):
    """``compute()``, or the verdict kept under the same key by an earlier run."""
    what = json.dumps([_package(), how, exercise, name, source(exercise, name)])
    path = KEPT / f"{hashlib.sha256(what.encode()).hexdigest()[:32]}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    text = json.dumps(compute())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)  # whole or not at all, for the other test processes
    return json.loads(text)  # as a later run reads it


@functools.cache
def page(exercise, name):
    """``check_source``'s result on the file: {"exit", "concepts", "report", ...}."""

    def check():
        return check_source(exercise, source(exercise, name), filename=f"{exercise}.py")

    return _kept("page", exercise, name, check)


@functools.cache
def command_line(exercise, name, *args):
    """(exit status, output) of the command line on the file, with ``args``."""

    def run():
        path = _folder() / "files" / name / f"{exercise}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source(exercise, name), encoding="utf-8")
        env = {"XDG_DATA_HOME": str(_folder() / "data")}
        return run_main(exercise, path, *args, env=env)

    return tuple(_kept(["command line", *args], exercise, name, run))


def run_main(exercise, path, *args, env=None):
    """The command line's ``main()`` on ``path``, in this process, printing to a UTF-8
    terminal; return (exit status, output) as :func:`run_cli` does."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    with (
        mock.patch.dict(os.environ, env or {}),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(out),
    ):
        try:
            status = main([exercise, str(path), *args])
        except SystemExit as error:  # argparse: a wrong option
            status = error.code
    return status, out.buffer.getvalue().decode("utf-8")


def run_cli(exercise, path, *args, env=None):
    """Run the checker's command line on ``path``; return (exit status, output)."""
    proc = subprocess.run(
        [sys.executable, "-m", "micrograd.check", exercise, str(path), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
    )
    return proc.returncode, proc.stdout + proc.stderr


@functools.cache
def _folder():
    folder = Path(tempfile.mkdtemp(prefix="micrograd-checked-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def concepts(output):
    """The concept ids of the ✗ blocks of a report, in order."""
    return re.findall(r"^  ✗ \[([^\]]+)\]", output, re.M)
