"""Run a learner's code on examples and describe what comes out, as plain data.

This half of the checker runs wherever the learner's code runs (a subprocess, a forked
child, the page's Web Worker) and decides nothing: it loads the learner's file, runs each
example, and turns what the example's ``reads`` evaluate to into JSON-like data (numbers,
lists, ``{"data", "grad", "id"}`` for a Value). Verdicts are made from that data elsewhere,
by code the learner's module never sees.
"""

import contextlib
import io
import json
import linecache
import numbers
import os
import re
import signal
import sys
import threading
import types

PRINT_LIMIT = 2000  # characters of a learner's prints kept per example


class OutOfTime(BaseException):  # noqa: N818 (a limit reached, not an error of the checker)
    """Raised into the learner's code when an example runs out of time."""


# --- describing objects ------------------------------------------------------------------


def kind(x):
    """'a float', 'a list', 'None': what an object is, in words."""
    if x is None:
        return "None"
    name = type(x).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def describe(x, ids):
    """``x`` as plain data. Objects with ``data`` and ``grad`` (Values) become
    ``{"data", "grad", "id"}``, where ``id`` numbers objects in order of first appearance
    (``ids`` maps ``id(obj)`` to ``(number, obj)``), so that "the same Value twice" shows."""
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if isinstance(x, numbers.Real):
        return int(x) if isinstance(x, numbers.Integral) else float(x)
    if isinstance(x, (list, tuple)):
        return [describe(item, ids) for item in x]
    try:
        data, grad = x.data, x.grad
    except Exception:
        return {"kind": kind(x), "repr": _short(x)}
    k = ids.setdefault(id(x), (len(ids), x))[0]
    return {"data": describe(data, ids), "grad": describe(grad, ids), "id": k}


def _short(x):
    try:
        text = repr(x)
    except Exception:
        text = f"<{type(x).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


# --- where an exception was raised -------------------------------------------------------


def where(exc, learner_file):
    """Where in the learner's file ``exc`` was raised: {"file", "line", "function", "code"},
    or {} when no frame of the traceback is in that file."""
    found, last = {}, None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == learner_file:
            found = {
                "file": os.path.basename(learner_file),
                "line": tb.tb_lineno,
                "function": getattr(code, "co_qualname", code.co_name),
                "code": linecache.getline(learner_file, tb.tb_lineno).strip(),
            }
        last = code.co_filename
        tb = tb.tb_next
    found["in_example"] = last == "<example>"
    return found


def raised(exc):
    """``TypeError: message``, without the ``f.<locals>.`` of classes made in a function."""
    message = re.sub(r"[\w.]*<locals>\.", "", str(exc))
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# --- limits -----------------------------------------------------------------------------


@contextlib.contextmanager
def time_limit(seconds, state):
    """Raise :class:`OutOfTime` in the running code after ``seconds``, then every 0.25 s
    until it gives way (code that swallows one still meets the next). Needs alarm signals
    and the main thread; elsewhere (the page) the host enforces time by stopping the worker.
    """
    usable = (
        seconds
        and sys.platform != "emscripten"
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        state["out_of_time"] = True
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.25)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_memory(megabytes):
    """Cap this process's address space (where the system allows it)."""
    try:
        import resource
    except ImportError:
        return
    size = int(megabytes * 2**20)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    except (ValueError, OSError):
        pass


class _Prints(io.StringIO):
    """Collects what the learner's code prints, keeping the first PRINT_LIMIT characters."""

    def write(self, text):
        room = PRINT_LIMIT + 1 - self.tell()
        if room > 0:
            super().write(text[:room])
        return len(text)


# --- running one example -----------------------------------------------------------------


def run_case(world, code, reads, *, seconds=None, learner_file=None):
    """Run ``code`` with the names of ``world``, then evaluate each of ``reads``.

    Returns {"status": "ok", "raised", "timeout" or "memory"; "seen": the reads described,
    or {"raised": ...}; "printed"; and, if raised, "where" and, for NotImplementedError,
    "todo": the learner's function that raised it}.
    """
    namespace, state, ids, out = dict(world), {}, {}, _Prints()
    result = {"status": "ok"}
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            with time_limit(seconds, state):
                exec(compile(code, "<example>", "exec"), namespace)
                result["seen"] = [_read(r, namespace, ids) for r in reads]
    except OutOfTime:
        result["status"] = "timeout"
    except MemoryError:
        result["status"] = "memory"
    except BaseException as exc:  # the learner's code: any exception is a finding
        result.update(status="raised", seen={"raised": raised(exc)})
        result["where"] = where(exc, learner_file)
        if isinstance(exc, NotImplementedError):
            result["todo"] = result["where"].get("function", "")
    if state.get("out_of_time"):  # an OutOfTime the learner's code swallowed
        result["status"] = "timeout"
    if result["status"] in ("timeout", "memory"):
        result["seen"] = {"raised": result["status"]}
    result["printed"] = out.getvalue()
    return result


def _read(expression, namespace, ids):
    try:
        return describe(eval(compile(expression, "<example>", "eval"), namespace), ids)
    except (OutOfTime, MemoryError):
        raise
    except BaseException as exc:
        return {"raised": raised(exc)}


# --- loading the learner's file ----------------------------------------------------------


class LoadError(Exception):
    """The learner's file cannot be run: its message says why, and ``line`` is the line of
    the file it points to (None when it points to none)."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.line = line

    def payload(self):
        """What a worker sends of it: {"message", "line"}."""
        return {"message": str(self), "line": self.line}


def load_timeout(name, seconds, run=None):
    """Why loading stopped, out of time. ``run``: the whole run's limit, when loading
    has a shorter one of its own (which --timeout does not raise)."""
    said = f"loading {name} did not finish within {seconds:g} seconds: "
    if run is not None and seconds < run:
        return said + (
            "does it run a loop that never ends, or train, when it is imported? Loading "
            "has a limit of its own, shorter than the whole check's: code that should run "
            'only when you run the file goes under `if __name__ == "__main__":`.'
        )
    return said + (
        "does it run a loop that never ends when it is imported? (If it is only slow, the "
        "command line allows more time with --timeout.)"
    )


def load(source, filename, folder=None, *, seconds=None, run=None):
    """Run the learner's source as a module, in at most ``seconds`` (``run``: the whole
    run's limit, for the message); return (module, printed).

    ``folder`` (the file's own folder) goes first on sys.path, so that the learner's own
    helper modules import, whatever their names.
    """
    name = os.path.basename(filename)
    try:
        code = compile(source, filename, "exec")
    except SyntaxError as exc:
        lines = [f"{name} has a syntax error on line {exc.lineno}: {exc.msg}"]
        if exc.text:
            text = exc.text.rstrip("\n")
            lines.append("    " + text.lstrip())
            column = (exc.offset or 1) - 1 - (len(text) - len(text.lstrip()))
            lines.append("    " + " " * max(column, 0) + "^")
        raise LoadError("\n".join(lines), exc.lineno) from None
    except ValueError as exc:  # null bytes
        raise LoadError(f"{name} cannot be compiled: {exc}") from None
    stem = "".join(c if c.isalnum() else "_" for c in name.removesuffix(".py"))
    module = types.ModuleType("_learner_" + stem)
    module.__file__ = filename
    sys.modules[module.__name__] = module
    if folder and folder not in sys.path:
        sys.path.insert(0, folder)
    linecache.cache.pop(filename, None)
    if folder is None:  # source text without a file: let tracebacks quote its lines
        lines = source.splitlines(True) if isinstance(source, str) else []
        linecache.cache[filename] = (len(source), None, lines, filename)
    state, out = {}, _Prints()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            with time_limit(seconds, state):
                exec(code, module.__dict__)
    except BaseException as exc:
        if isinstance(exc, OutOfTime) or state.get("out_of_time"):
            raise LoadError(load_timeout(name, seconds, run)) from None
        at = where(exc, filename)
        lines = [f"{name} could not be loaded: it raised an error"]
        if at.get("line"):
            lines.append(f"{at['file']}, line {at['line']}, in {at['function']}:")
            lines.append(f"    {at['code']}")
        raise LoadError("\n".join([*lines, raised(exc)]), at.get("line")) from None
    return module, out.getvalue()


def facts(namespace, plan):
    """What the learner's names are, as plain data, for each name the exercise needs:
    whether it is a class or a function, and whether it is the library's own object
    (imported, aliased or subclassed); and whether the things ``probes`` name exist
    (``"Value.tanh"``, or a name alone)."""
    found = {}
    for name, libraries in plan["names"].items():
        obj = namespace.get(name, _MISSING)
        if obj is _MISSING:
            found[name] = {"what": "missing"}
            continue
        what = (
            "class"
            if isinstance(obj, type)
            else "function"
            if callable(obj)
            else kind(obj)
        )
        found[name] = {"what": what, "library": _library(obj, libraries)}
    probes = {}
    for probe in plan["probes"]:
        owner, _, attribute = probe.partition(".")
        obj = namespace.get(owner, _MISSING)
        probes[probe] = obj is not _MISSING and (
            not attribute or hasattr(obj, attribute)
        )
    return {"names": found, "probes": probes}


def _library(obj, libraries):
    for path in libraries:
        lib = resolve(path)
        same = obj is lib
        if isinstance(obj, type) and isinstance(lib, type):
            same = same or issubclass(obj, lib)
        if same:
            return path
    return None


def resolve(path):
    """The object named ``"package.module:attribute"``, or the module ``"package.module"``."""
    module, _, attribute = path.partition(":")
    __import__(module)
    return getattr(sys.modules[module], attribute) if attribute else sys.modules[module]


_MISSING = object()


def world_of(namespace, plan):
    """The names each example runs with: the exercise's given names, then the learner's."""
    world = {name: resolve(path) for name, path in plan["given"].items()}
    world.update((name, namespace[name]) for name in plan["names"] if name in namespace)
    return world


def observe(plan, world, emit, learner_file=None):
    """Run every example of ``plan`` in ``world``; ``emit`` each result as it comes.

    An example is not run when one of the checks it depends on ran out of time or memory:
    the same code would only run out again.
    """
    stuck = set()
    for k, case in enumerate(plan["cases"]):
        if stuck & set(case["after"]):
            emit("result", {"case": k, "status": "not run"})
            continue
        emit("start", {"case": k})
        result = run_case(
            world,
            case["code"],
            case["reads"],
            seconds=case["seconds"],
            learner_file=learner_file,
        )
        if result["status"] in ("timeout", "memory"):
            stuck.add(case["check"])
        emit("result", {"case": k, **result})


# --- the channel to the host, and the checker's modules out of reach ---------------


def tagged(nonce, send):
    """``emit(kind, payload)``: each message as one line of JSON, ``[nonce, n, kind,
    payload]`` (``n`` counts the messages from 0), given to ``send``. The host accepts
    only lines with its nonce, in sequence (:class:`micrograd.check.hosts._Channel`)."""
    count = iter(range(2**62))

    def emit(kind, payload):
        send(json.dumps([nonce, next(count), kind, payload]))

    return emit


def writer(fd, nonce):
    """``emit(kind, payload)``: one message on the private channel ``fd``."""
    channel = os.fdopen(fd, "w", encoding="utf-8")

    def send(line):
        channel.write(line + "\n")
        channel.flush()

    return tagged(nonce, send)


def observe_namespace(plan, namespace, emit, learner_file=None, printed=""):
    """Run the plan on ``namespace`` (the learner's names), with the checker's own modules
    out of reach: an import of ``micrograd.check`` from the learner's code gets a fresh
    copy, so patching it changes nothing here."""
    found, world = facts(namespace, plan), world_of(namespace, plan)
    saved = isolate()
    try:
        emit("loaded", {"facts": found, "printed": printed})
        observe(plan, world, emit, learner_file)
        emit("done", {})
    finally:
        restore(saved)


def isolate():
    """Take the checker's modules out of ``sys.modules``; return them, for :func:`restore`."""
    saved = {
        name: module
        for name, module in sys.modules.items()
        if name == "micrograd.check" or name.startswith("micrograd.check.")
    }
    for name in saved:
        del sys.modules[name]
    return saved


def restore(saved):
    for name in [n for n in sys.modules if n.startswith("micrograd.check")]:
        del sys.modules[name]
    sys.modules.update(saved)
    if "micrograd.check" in saved:
        sys.modules["micrograd"].check = saved["micrograd.check"]
