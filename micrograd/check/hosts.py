"""Where the learner's code runs. The hosts only move data: a plan of examples goes in,
raw observations come out, and :func:`~micrograd.check.decide.decide` makes the report.

- :func:`check_file`, the command line: a fresh Python process in its own process group,
  with a memory limit, a limit per example and a limit in total; its results come back on
  a private pipe, each message carrying a per-run secret and its place in the expected
  sequence, so that nothing the learner's code writes can pass for them.
- :func:`check_objects`, the Python API: the same, in a forked child (where the system
  can fork), so that a learner's code that swallows every exception cannot hang it.
- the page (Web Workers running Pyodide): :func:`observe_source` runs the learner's code
  in a Python of its own, used for one check, and sends its messages to the page, which
  stops that Python when time is up; :func:`judge` makes the report in another Python,
  which never runs the learner's code, from those messages. (Hence no module-level import
  of what Pyodide lacks.) :func:`check_source` does both in this process.

Every host returns the report as data, :func:`result`: the command line's ``--json``.
"""

import hmac
import json
import math
import os
import secrets
import signal
import sys
import time

from micrograd.check.concepts import CONCEPTS
from micrograd.check.decide import RECURSION, decide
from micrograd.check.exercises import EXERCISES
from micrograd.check.observe import (
    LoadError,
    isolate,
    limit_memory,
    load,
    load_timeout,
    observe_namespace,
    restore,
    writer,
)
from micrograd.check.report import Report, render

DEFAULT_MEMORY = 2048  # MiB
_SOURCE_ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
)
_READ_LIMIT = 64 * 2**20  # bytes a worker may send


def exercise(name):
    if name not in EXERCISES:
        known = ", ".join(EXERCISES)
        raise ValueError(f"unknown exercise {name!r}: choose one of {known}")
    return EXERCISES[name]


def valid_seconds(value, what="--timeout"):
    """``value`` as a finite, positive number of seconds, or ValueError saying why not."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number of seconds, got {value!r}") from None
    if not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(
            f"{what} must be a finite, positive number of seconds, got {value}"
        )
    return seconds


class _Run:
    """What a worker reported, message by message, in the only order a worker sends:
    loaded (or load_error), then start and result for each example in turn, then done."""

    def __init__(self, cases):
        self.cases = cases
        self.facts = self.load_error = self.load_line = self.started = None
        self.printed, self.results, self.done = "", {}, False

    def take(self, kind, payload):
        """Record one message; False when it is not what a worker could send now."""
        try:
            return self._take(kind, payload)
        except (KeyError, TypeError, IndexError):
            return False

    def _take(self, kind, payload):
        loaded = self.facts is not None
        if kind == "loaded" and not loaded and self.load_error is None:
            self.facts, self.printed = payload["facts"], payload["printed"]
        elif kind == "load_error" and not loaded and self.load_error is None:
            line = payload["line"]
            if line is not None and not (type(line) is int and line >= 1):
                return False
            self.load_error, self.load_line, self.done = payload["message"], line, True
        elif kind == "start" and loaded and payload["case"] == len(self.results):
            self.started = (payload["case"], time.monotonic())
        elif kind == "result" and loaded and payload["case"] == len(self.results):
            self.results[payload["case"]] = payload
        elif kind == "done" and loaded and len(self.results) == self.cases:
            self.done = True
        elif kind == "internal":
            raise RuntimeError("the checker itself failed:\n" + payload["traceback"])
        else:
            return False
        return True


class _Channel:
    """The messages of one run as a worker sends them: lines of JSON, ``[nonce, n, kind,
    payload]`` with ``n`` counting from 0. A line that is not one, carries another nonce
    or comes out of its place in the sequence did not come from the checker."""

    def __init__(self, run, nonce):
        self.run, self.nonce, self.seq = run, nonce, 0

    def take(self, line):
        """Record one line; False when it is forged."""
        try:
            tag, n, kind, payload = json.loads(line)
            valid = hmac.compare_digest(str(tag), self.nonce) and n == self.seq
        except (ValueError, TypeError, RecursionError):
            valid = False
        if not (valid and self.run.take(kind, payload)):
            return False
        self.seq += 1
        return True


def _collect(fd, nonce, run, deadline, alive):
    """Read the worker's messages from ``fd`` until it is done, stops, or time is up
    (``deadline()``: when, by time.monotonic()). Returns "done", "ended", "timeout" or
    "forged"."""
    import selectors  # here: the page's Python has no processes to select from

    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    buffer, total, channel = b"", 0, _Channel(run, nonce)
    try:
        while not run.done:
            left = deadline() - time.monotonic()
            if left <= 0:
                return "timeout"
            if not selector.select(min(left, 0.05)):
                if alive():
                    continue
                if not selector.select(0):  # stopped, and nothing left to read
                    return "ended"
            chunk = os.read(fd, 65536)
            total += len(chunk)
            if not chunk:
                return "ended"
            if total > _READ_LIMIT:
                return "forged"
            *lines, buffer = (buffer + chunk).split(b"\n")
            if not all(channel.take(line) for line in lines):
                return "forged"
        return "done"
    finally:
        selector.close()


def _report(
    ex, run, end, *, source, timeout, hint, returncode=None, expected=None, load=None
):
    """The report, once the worker is done or stopped. ``end``: "done", "forged", or how
    the worker stopped early: "timeout", "ended" (``returncode``: its exit status, if
    known), "stack" (the page's JavaScript stack overflowed) or "memory". ``load``: the
    limit loading had (the exercise's, within ``timeout``, when None)."""
    if end == "forged":
        message = (
            "the checker's private channel received messages that did not come from the "
            f"checker: something in {source} wrote to it, so nothing could be checked"
        )
        return Report(ex.name, source, load_error=message)
    if run.load_error is not None:
        return Report(
            ex.name, source, load_error=run.load_error, load_line=run.load_line
        )
    if run.facts is None:
        return Report(
            ex.name,
            source,
            load_error=_stopped_loading(
                source,
                end,
                timeout,
                returncode,
                ex.plan(timeout)["load"] if load is None else load,
            ),
        )
    cut = None
    if not run.done:
        k = len(run.results)
        started = run.started if run.started and run.started[0] == k else None
        elapsed = time.monotonic() - started[1] if started else 0.0
        cut = dict(case=k, why=end, elapsed=elapsed, returncode=returncode)
    return decide(
        ex,
        run.facts,
        run.results,
        cut=cut,
        timeout=timeout,
        source=source,
        printed=run.printed,
        hint=hint,
        expected=expected,
    )


def _stopped_loading(source, end, timeout, returncode, load):
    """Why the learner's file never finished loading, when the worker did not say."""
    if end == "timeout":
        return load_timeout(source, load, timeout)
    if end == "stack":
        return f"loading {source} stopped Python: {RECURSION.lower().rstrip('.')}"
    if end == "memory":
        return f"loading {source} ran out of memory"
    status = "" if returncode is None else f" (exit status {returncode})"
    return f"loading {source} stopped Python{status}"


def _supervise(ex, plan, start, *, source, timeout, hint):
    """Start a worker with ``start(fd, nonce) -> (pid, poll, wait)`` (``poll()``: None
    while it runs), read its messages from the pipe ``fd``, stop its whole process group
    (its children too, whatever they hold), and make the report."""
    nonce, (read, write) = secrets.token_hex(16), os.pipe()
    run = _Run(len(plan["cases"]))
    try:
        pid, poll, wait = start(write, nonce)
    finally:
        os.close(write)
    began = time.monotonic()

    def deadline():  # loading's limit, then the run's; the worker's own alarms come first
        return began + (plan["load"] if run.facts is None else timeout) + 1.0

    try:
        end = _collect(read, nonce, run, deadline, lambda: poll() is None)
    finally:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        returncode = wait()
        os.close(read)
    return _report(
        ex, run, end, source=source, timeout=timeout, hint=hint, returncode=returncode
    )


def check_file(name, path, *, timeout=None, memory=DEFAULT_MEMORY, hint=1):
    """Check the learner's file ``path`` for exercise ``name``; return a :class:`Report`.

    The file runs in a child process: each example may take at most its own limit, the
    whole run at most ``timeout`` seconds (the exercise's default when None), using at
    most ``memory`` MiB.
    """
    ex = exercise(name)
    timeout = valid_seconds(ex.seconds if timeout is None else timeout)
    source = os.path.basename(path) or path
    if not os.path.isfile(path):
        what = "a folder: give the path of your .py file" if os.path.isdir(path) else ""
        message = f"{path} is {what}" if what else f"there is no file {path}"
        return Report(ex.name, source, load_error=message)
    plan = ex.plan(timeout)

    def start(fd, nonce):
        import subprocess  # here: the page's Python has none

        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (_SOURCE_ROOT, env.get("PYTHONPATH")) if p
        )
        # -P: the worker's own imports never pick up the learner's files (a json.py).
        proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "micrograd.check.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(fd,),
            start_new_session=True,
            env=env,
        )
        order = dict(nonce=nonce, fd=fd, file=os.path.abspath(path), plan=plan)
        order.update(memory=memory, timeout=timeout)
        try:
            proc.stdin.write(json.dumps(order).encode())
            proc.stdin.close()
        except BrokenPipeError:
            pass
        return proc.pid, proc.poll, proc.wait

    return _supervise(ex, plan, start, source=source, timeout=timeout, hint=hint)


# Pyodide (a web page's Python) has os.fork, which fails there: no processes at all.
_CAN_FORK = hasattr(os, "fork") and sys.platform not in ("emscripten", "wasi")


def check_objects(name, objects, *, timeout=None, memory=DEFAULT_MEMORY, hint=1):
    """Check the learner's classes or functions (``objects``: name -> object).

    Where the system can fork, the examples run in a child process, stopped when time is
    up whatever the learner's code does; elsewhere they run here, with alarm signals where
    they exist.
    """
    ex = exercise(name)
    timeout = valid_seconds(ex.seconds if timeout is None else timeout, "timeout")
    source = " and ".join(
        getattr(o, "__qualname__", type(o).__name__) for o in objects.values()
    )
    plan = ex.plan(timeout)
    if not _CAN_FORK:
        run = _Run(len(plan["cases"]))
        observe_namespace(plan, objects, run.take)
        return _report(ex, run, "done", source=source, timeout=timeout, hint=hint)

    def start(fd, nonce):
        pid = os.fork()
        if pid == 0:  # the child: run the examples, send the results, and leave
            try:
                os.setpgid(0, 0)
                limit_memory(memory)
                observe_namespace(plan, objects, writer(fd, nonce))
            finally:
                os._exit(0)
        status = []

        def poll():
            if not status:
                done, code = os.waitpid(pid, os.WNOHANG)
                status.extend([os.waitstatus_to_exitcode(code)] if done else [])
            return status[0] if status else None

        wait = lambda: os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])  # noqa: E731
        return pid, poll, lambda: poll() if status else wait()

    return _supervise(ex, plan, start, source=source, timeout=timeout, hint=hint)


def observe_source(name, source, emit, *, filename=None, seconds=None):
    """Run ``source`` (the text of a learner's file) on the examples of exercise ``name``,
    in this process, and ``emit(kind, payload)`` each message as it comes: what a worker
    does, in a Python that is thrown away after (the page's sandbox). It decides nothing.
    ``seconds``: the run's limit (the exercise's by default), which the host enforces."""
    ex = exercise(name)
    filename = filename or f"{name}.py"
    seconds = ex.seconds if seconds is None else seconds
    plan = ex.plan(seconds)
    saved = isolate()
    try:
        module, printed = load(source, filename, seconds=plan["load"], run=seconds)
    except LoadError as exc:
        emit("load_error", exc.payload())
    else:
        observe_namespace(plan, module.__dict__, emit, filename, printed)
        sys.modules.pop(module.__name__, None)
    finally:
        restore(saved)


def check_source(name, source, *, filename=None, hint=1):
    """Check ``source`` (the text of a learner's file) for exercise ``name``, all in this
    process: the learner's code runs here, then the verdict is made here (so a file that
    patches the course's code can change it: the page runs the two halves in separate
    Pythons, :func:`observe_source` and :func:`judge`). Returns :func:`result`: for the same
    code, the exit code, concept ids and report text of ``python -m micrograd.check NAME
    FILE``."""
    ex = exercise(name)
    filename = filename or f"{name}.py"
    run = _Run(len(ex.plan(ex.seconds)["cases"]))
    observe_source(name, source, run.take, filename=filename)
    return result(
        _report(ex, run, "done", source=filename, timeout=ex.seconds, hint=hint)
    )


def judge(
    name,
    lines,
    *,
    nonce,
    end="done",
    seconds=None,
    elapsed=0.0,
    returncode=None,
    filename=None,
    hint=1,
    expected=None,
    load=None,
):
    """The page's verdict on a run of :func:`observe_source` in another Python: ``lines``
    are the messages it sent (each ``[nonce, n, kind, payload]`` as JSON, see
    :func:`~micrograd.check.observe.tagged`), ``end`` how it ended: "done" (it returned),
    "timeout" (the page stopped it when time was up: ``elapsed``, how long the running
    example had run; ``load``, the limit loading had, if not the exercise's), "ended"
    (its Python stopped; ``returncode``, if known), "stack", or "memory". A line that is
    not the checker's, or a run said to be done that is not, makes the report the command
    line gives for a forged channel. ``expected``, a dict kept from check to check, keeps
    the reference's data (nothing untrusted runs here). Returns :func:`result`."""
    ex = exercise(name)
    seconds = valid_seconds(ex.seconds if seconds is None else seconds, "seconds")
    run = _Run(len(ex.plan(seconds)["cases"]))
    channel = _Channel(run, nonce)
    if not all(channel.take(line) for line in lines) or (
        end == "done" and not run.done
    ):
        end = "forged"
    if run.started is not None:
        run.started = (run.started[0], time.monotonic() - elapsed)
    filename = filename or f"{name}.py"
    report = _report(
        ex,
        run,
        end,
        source=filename,
        timeout=seconds,
        hint=hint,
        returncode=returncode,
        expected=expected,
        load=load,
    )
    return result(report)


def limits(name, seconds=None):
    """The time limits a host enforces, in seconds: ``{"seconds": the whole run's,
    "load": loading the file's, "cases": each example's, in order}`` (the page's exercise
    data holds them)."""
    ex = exercise(name)
    seconds = ex.seconds if seconds is None else seconds
    plan = ex.plan(seconds)
    return {
        "seconds": seconds,
        "load": plan["load"],
        "cases": [c["seconds"] for c in plan["cases"]],
    }


def result(report):
    """A report as plain data (JSON): :meth:`~micrograd.check.report.Report.data`, with the
    command line's ``report`` text, the ``concepts`` it names, and ``problems``: for each
    mistake (✗), its concept, title, lesson (a path of the site), every hint level and the
    line of the learner's file it points to (or None); and ``line``, the line the page
    marks in the learner's file: the first ✗'s (a mistake, or the file that could not be
    loaded), or None."""
    data = report.data()
    problems = [
        {
            "concept": item.concept,
            "title": CONCEPTS[item.concept].title,
            "lesson": CONCEPTS[item.concept].lesson,
            "hints": list(CONCEPTS[item.concept].hints),
            "line": item.line,
        }
        for item in report.problems
    ]
    crosses = [
        item for item in data["items"] if item["kind"] in ("fail", "cannot-load")
    ]
    return {
        **data,
        "concepts": report.concepts,
        "report": render(data),
        "problems": problems,
        "line": crosses[0]["line"] if crosses else None,
    }
