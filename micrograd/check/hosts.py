"""Where the learner's code runs. The hosts only move data: a plan of examples goes in,
raw observations come out, and :func:`~micrograd.check.decide.decide` makes the report.

- :func:`check_file`, the command line: a fresh Python process in its own process group,
  with a memory limit, a limit per example and a limit in total; its results come back on
  a private pipe, each message carrying a per-run secret and its place in the expected
  sequence, so that nothing the learner's code writes can pass for them.
- :func:`check_objects`, the Python API: the same, in a forked child (where the system
  can fork), so that a learner's code that swallows every exception cannot hang it.
- :func:`check_source`, the page (a Web Worker running Pyodide): everything in-process,
  source text in, the report as data (:func:`result`) out. The page enforces its time limit
  by stopping the worker. (Hence no module-level import of what Pyodide lacks.)
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
from micrograd.check.decide import decide
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
        self.facts = self.load_error = self.started = None
        self.printed, self.results, self.done = "", {}, False

    def take(self, kind, payload):
        """Record one message; False when it is not what a worker could send now."""
        loaded = self.facts is not None
        if kind == "loaded" and not loaded and self.load_error is None:
            self.facts, self.printed = payload["facts"], payload["printed"]
        elif kind == "load_error" and not loaded and self.load_error is None:
            self.load_error, self.done = payload["message"], True
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


def _collect(fd, nonce, run, deadline, alive):
    """Read the worker's messages from ``fd`` until it is done, stops, or time is up.
    Returns "done", "ended", "timeout" or "forged"."""
    import selectors  # here: the page's Python has no processes to select from

    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    buffer, seq, total = b"", 0, 0
    try:
        while not run.done:
            left = deadline - time.monotonic()
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
            for line in lines:
                try:
                    tag, n, kind, payload = json.loads(line)
                    valid = hmac.compare_digest(str(tag), nonce) and n == seq
                except (ValueError, TypeError):
                    valid = False
                if not (valid and run.take(kind, payload)):
                    return "forged"
                seq += 1
        return "done"
    finally:
        selector.close()


def _report(ex, run, end, *, source, timeout, hint, returncode=None):
    """The report, once the worker is done or stopped."""
    if end == "forged":
        message = (
            "the checker's private channel received messages that did not come from the "
            f"checker: something in {source} wrote to it, so nothing could be checked"
        )
        return Report(ex.name, source, load_error=message)
    if run.load_error is not None:
        return Report(ex.name, source, load_error=run.load_error)
    if run.facts is None:
        message = (
            load_timeout(source, timeout)
            if end == "timeout"
            else f"loading {source} stopped Python (exit status {returncode})"
        )
        return Report(ex.name, source, load_error=message)
    cut = None
    if not run.done:
        k = len(run.results)
        started = run.started if run.started and run.started[0] == k else None
        elapsed = time.monotonic() - started[1] if started else 0.0
        why = "timeout" if end == "timeout" else "ended"
        cut = dict(case=k, why=why, elapsed=elapsed, returncode=returncode)
    return decide(
        ex,
        run.facts,
        run.results,
        cut=cut,
        timeout=timeout,
        source=source,
        printed=run.printed,
        hint=hint,
    )


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
    try:
        deadline = (
            time.monotonic() + timeout + 1.0
        )  # the worker's own limits come first
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


def check_source(name, source, *, filename=None, hint=1, emit=None):
    """Check ``source`` (the text of a learner's file) for exercise ``name``, in this
    process: the entry point of the page's Web Worker.

    Returns :func:`result`: for the same code, the exit code, concept ids and report text
    that ``python -m micrograd.check NAME FILE`` gives, and the report as data.
    ``emit(kind, payload)``, if given, sees every message as it comes (``start`` says
    which example is running: if the page has to stop the worker, :func:`timeout_result`
    reports it).
    """
    ex = exercise(name)
    filename = filename or f"{name}.py"
    plan = ex.plan(ex.seconds)
    run = _Run(len(plan["cases"]))

    def take(kind, payload):
        run.take(kind, payload)
        if emit is not None:
            emit(kind, payload)

    saved = isolate()
    try:
        module, printed = load(source, filename, seconds=ex.seconds)
    except LoadError as exc:
        take("load_error", {"message": str(exc)})
    else:
        observe_namespace(plan, module.__dict__, take, filename, printed)
        sys.modules.pop(module.__name__, None)
    finally:
        restore(saved)
    report = _report(ex, run, "done", source=filename, timeout=ex.seconds, hint=hint)
    return result(report)


def timeout_result(name, messages, seconds, elapsed, *, filename=None, hint=1):
    """What :func:`check_source` reports when the page had to stop it: ``messages`` are the
    ``(kind, payload)`` pairs it emitted before, ``seconds`` the page's limit, ``elapsed``
    how long the last started example had been running."""
    ex = exercise(name)
    run = _Run(len(ex.plan(seconds)["cases"]))
    for kind, payload in messages:
        run.take(kind, payload)
    if run.started is not None:
        run.started = (run.started[0], time.monotonic() - elapsed)
    filename = filename or f"{name}.py"
    report = _report(ex, run, "timeout", source=filename, timeout=seconds, hint=hint)
    return result(report)


def result(report):
    """A report as plain data (JSON): :meth:`~micrograd.check.report.Report.data`, with the
    command line's ``report`` text, the ``concepts`` it names, and ``problems``: for each
    mistake (✗), its concept, title, lesson (a path of the site), every hint level and the
    line of the learner's file it points to (or None)."""
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
    return {
        **data,
        "concepts": report.concepts,
        "report": render(data),
        "problems": problems,
    }
