"""The checker's verdict on each file of the mutation suite, computed once per test run.

A file of the suite is named ``(exercise, name)``: a mutant of ``mutants.py``, or a case
file ``<exercise>/<name>.py`` (``value/correct.py``). Every test that needs a verdict asks
here, and the checker runs once per file and kind, however many tests look at it:

- :func:`page`: what the page's entry point, ``check_source``, returns;
- :func:`command_line`: the exit status and output of ``python -m micrograd.check``.

Both check the file as ``<exercise>.py``, so that their reports can be compared. The
command line keeps its history in a folder of this module's own, removed at exit.
"""

import atexit
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from micrograd.check import check_source
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


@functools.cache
def page(exercise, name):
    """``check_source``'s result on the file: {"exit", "concepts", "report", ...}."""
    return check_source(exercise, source(exercise, name), filename=f"{exercise}.py")


@functools.cache
def command_line(exercise, name, *args):
    """(exit status, output) of the command line on the file, with ``args``."""
    path = _folder() / "files" / name / f"{exercise}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source(exercise, name), encoding="utf-8")
    return run_cli(exercise, path, *args, env={"XDG_DATA_HOME": str(_folder() / "data")})


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
