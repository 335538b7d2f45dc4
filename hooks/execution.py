"""The fences that run while the site builds (markdown-exec's ``exec="on"``): each runs once
for a given code and the files it reads, and what it prints is the code's own.

- markdown-exec hands every python fence to ``run``, registered in its table of formatters
  (``markdown_exec.formatters``, its public API) by ``install``. The code runs as a script
  would (``print`` as in Python, ``__name__`` a module of its own), in a fresh namespace.
- What a fence printed is kept in .cache/fences/, with the files it read: the package's
  modules it imports (followed through the package: hooks/runnable.py) and every file of
  the repository it opened while it ran. While the code and those files are unchanged, the
  fence is not run again: an edit to a lesson reruns none of its fences, an edit to a
  module only those that read it. The tests share what is kept (``known``, ``remember``):
  a fence or a lab that ran to its end, in a build or a test, with what it reads now, is
  not run again by the tests.
- A fence is checked when it runs: output that would differ in the page fails the build.
  A fence that takes under a second runs twice and must print the same both times; a
  longer one (a training run) runs again only if it drew from Python's global random
  generator before seeding it. The fence's test (``test``, by conftest.py) is its first
  run: what it printed is kept, and the build runs it only if it owes a second run.
- ``pasted(markdown)``: a block of output written by hand under a python fence fails the
  build: let the build print it (``exec="on" source="above" result="text"``).
"""

import contextlib
import hashlib
import io
import json
import linecache
import logging
import os
import random
import sys
import time
import traceback
import types
from pathlib import Path

from markdown_exec import ExecutionError, base_format, code_block, formatters

from hooks import fences, load, runnable

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.execution")  # an error here fails the build
CACHE = Path(os.environ.get("COURSE_FENCE_CACHE", ROOT / ".cache" / "fences"))
QUICK = 1.0  # seconds: a fence quicker than this runs twice
_OUTPUT_FENCES = {"", "text", "output", "console", "pycon"}
_count = iter(range(1, 1 << 62))


def _execute(code):
    """Run ``code`` as a module of its own; what it printed, and the files it opened."""
    name = f"_fence_{next(_count)}"
    filename = f"<code block: {name}>"
    linecache.clearcache()  # a source the code shows is read now, and so recorded
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    module = sys.modules[name] = types.ModuleType(name)
    out = io.StringIO()
    try:
        with load.reading() as reader, contextlib.redirect_stdout(out):
            exec(compile(code, filename, "exec"), vars(module))
    except Exception as error:
        trace = "".join(traceback.format_exception(error))
        if printed := out.getvalue():  # what it printed, then how it failed
            trace = f"{printed.rstrip()}\n\n{trace}"
        raise ExecutionError(code_block("python", trace)) from error
    finally:
        del sys.modules[name]
    return out.getvalue(), reader


class _RandomWatch:
    """Whether code drew from Python's global random generator before it seeded it."""

    def __enter__(self):
        self.start, self.seeded, self.unseeded = random.getstate(), False, False
        self._seed = random.seed

        def seed(*args, **kwargs):
            self._note()
            self.seeded = True
            return self._seed(*args, **kwargs)

        random.seed = seed
        return self

    def _note(self):
        if not self.seeded and random.getstate() != self.start:
            self.unseeded = True

    def __exit__(self, *exc):
        self._note()
        random.seed = self._seed


def _first_run(code):
    """Run the code once: (output, reader, why it must run again to be checked, or None).
    A quick run must print the same again; so must one that drew random numbers unseeded."""
    start = time.perf_counter()
    with _RandomWatch() as watch:
        output, reader = _execute(code)
    if watch.unseeded:
        return output, reader, "it draws random numbers unseeded"
    return output, reader, "it varies" if time.perf_counter() - start < QUICK else None


def _run_again(code, output, why):
    """Run the code again; fail unless it prints ``output`` once more."""
    again, _ = _execute(code)
    if again != output:
        raise ExecutionError(
            code_block(
                "text",
                f"This fence printed something else when run again ({why}): seed"
                " it (random.seed(0)), or print nothing that varies. What the site"
                " shows must be what the page's Python prints.",
            )
        )


def _needed(code):
    try:
        return runnable.needs(runnable.imported(code))[1]
    except SyntaxError:
        return frozenset()


FORMAT = 3  # of what is kept: another format is not read


def _entry_path(code):
    text = f"{FORMAT}\n{sys.version}\n{code.strip(chr(10))}"
    key = hashlib.sha256(text.encode()).hexdigest()
    return CACHE / f"{key}.json"


def _entry(code):
    """What is kept of this code's last run, if what it read is unchanged since."""
    try:
        entry = json.loads(_entry_path(code).read_text(encoding="utf-8"))
        changed = any(
            load.digest(ROOT / name, kind) != sha
            for name, (kind, sha) in entry["files"].items()
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # none kept, or damaged: run it
    return None if changed else entry


def _files(code, reader):
    """The files the code read (``reader``: hooks/load.py), with the package's modules
    it imports, as kept: {path: (kind, digest)}."""
    reader.imported |= _needed(code)
    files = {p.relative_to(ROOT).as_posix(): read for p, read in reader.files().items()}
    return dict(sorted(files.items()))


def _keep(code, files, output, again=None):
    """Keep what the code printed (None: a test ran it to its end, as a reader would
    run it, and nothing is shown), with the files it read and why it must still run
    again to be checked (``again``: None, it need not)."""
    entry = {"files": files, "output": output, "again": again}
    CACHE.mkdir(parents=True, exist_ok=True)
    path = _entry_path(code)
    part = path.with_name(f"{path.name}.{os.getpid()}")  # whole or not at all
    part.write_text(json.dumps(entry, indent=1), encoding="utf-8")
    part.replace(path)


def known(code):
    """Whether this code ran to its end before (a build, a test), reading what it would
    read now: the tests need not run it again."""
    return _entry(code) is not None


def remember(code, reader):
    """Note that this code ran to its end, having read what ``reader`` (hooks/load.py)
    recorded."""
    if not known(code):
        _keep(code, _files(code, reader), None)


def test(code):
    """The test of a fence the build runs: run it once as the build does, and keep what it
    printed for the build. A second run, owed when it is quick or drew random numbers
    unseeded, is the build's: in another process, it also finds output that varies from
    one process to the next (the order of a set of strings)."""
    output, reader, again = _first_run(code)
    _keep(code, _files(code, reader), output, again)


def run(code, returncode=None, session=None, id=None, **extra):  # noqa: A002
    """markdown-exec's runner: the fence's output, from the cache or from a checked run."""
    if session:
        raise ExecutionError(code_block("text", "sessions are not used on this site"))
    entry = _entry(code)
    if entry is None or entry["output"] is None:  # not run, or by a test of its code
        output, reader, again = _first_run(code)
        if again:
            _run_again(code, output, again)
        _keep(code, _files(code, reader), output)
    else:
        output = entry["output"]
        if entry["again"]:  # a test ran it once
            _run_again(code, output, entry["again"])
            _keep(code, entry["files"], output)
    load.note_imported(_needed(code))
    return output


def format_python(**options):
    """markdown-exec's formatter for python fences. superfences shows a fence whose
    formatter fails as plain text, silently: a failure here is logged, which fails the
    strict build."""
    try:
        return base_format(language="python", run=run, **options)
    except Exception as error:
        log.error(f"a python fence could not be run by the build: {error!r}")
        raise


def install():
    """Make markdown-exec run python fences with ``run``."""
    formatters["python"] = formatters["py"] = format_python


def pasted(markdown, where):
    """Refuse output written by hand right under a python fence."""
    found = fences.fences(markdown)
    lines = markdown.split("\n")
    for fence, after in zip(found, found[1:]):
        between = lines[fence.end + 1 : after.start]
        if (
            fence.python
            and after.lang in _OUTPUT_FENCES
            and not any(map(str.strip, between))
        ):
            raise ValueError(
                f"{where}:{after.start + 1}: output written by hand under a python fence;"
                ' let the build print it: ```python exec="on" source="above" result="text"'
            )
