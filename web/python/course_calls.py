"""What the page may ask of its Python: calls of named functions, answered as JSON text.

web/worker.js hands each ``call`` message of web/protocol.js to :func:`handle` and posts
back what it returns. Only the functions of ``CALLABLE`` can be called; a function that
takes an ``emit`` argument gets one, and each ``emit(kind, payload)`` reaches the page at
once as an ``event`` of that call. Values cross once, as JSON: the arguments come as JSON
text, and the return value leaves as JSON text.

The web worker imports this module; tests/test_runtime_protocol.py imports it under
CPython too.
"""

import importlib
import inspect
import json
import sys
import traceback

# What the page may call: a module of web/python/ (or of the package), and its functions.
# A new module is one line.
CALLABLE = {
    "course_runner": ("run",),
    "course_playgrounds": ("render",),
    "course_checker": ("prepare", "observe", "expect", "judge", "limits", "prompt"),
}

# The messages Python writes, mirrored from web/protocol.js (tests check they agree).
MESSAGES = {
    "connect": [],
    "call": ["id", "fn", "kwargs"],
    "progress": ["loaded", "total", "pending"],
    "ready": ["python", "timings", "missing"],
    "failed": ["file", "message"],
    "event": ["id", "kind", "payload"],
    "result": ["id", "value"],
    "error": ["id", "error", "traceback"],
    "fatal": ["cause", "message"],
}

# Python frames, not JavaScript's: the page's worker has a JavaScript stack of about 1 MB,
# and a recursion through operators or builtins (``__rmul__`` returning ``other * self``,
# ``functools.partial``, ``sorted(key=...)``) uses some of it per level. Measured in
# Chromium, the shallowest such recursion overflowed that stack past 325 levels: below
# that, Python raises its own RecursionError, as on the command line.
RECURSION_LIMIT = 250
SEP = (",", ":")  # JSON as compact as JavaScript writes it


def encode(type_, **fields):
    """A message of ``type_`` with exactly its declared fields, as JSON text; a TypeError
    says which value JSON cannot carry."""
    names = MESSAGES[type_]
    if sorted(fields) != sorted(names):
        raise TypeError(f"a {type_!r} message has {', '.join(names) or 'no fields'}")
    try:
        message = {"type": type_, **fields}
        return json.dumps(message, allow_nan=False, ensure_ascii=False, separators=SEP)
    except ValueError:
        problem = "holds a number JSON cannot carry (nan or inf)"
    except TypeError as error:
        problem = f"is not JSON data ({error})"
    what = next(n for n in names if n not in ("id", "kind"))
    raise TypeError(f"the {what} of a {type_!r} message {problem}")


def callable_named(fn):
    """The function called ``fn`` ("module.function"), if the page may call it."""
    module, _, name = fn.rpartition(".")
    if name not in CALLABLE.get(module, ()):
        allowed = ", ".join(f"{m}.{f}" for m, fs in CALLABLE.items() for f in fs)
        raise LookupError(f"the page cannot call {fn!r}; it can call {allowed}")
    return getattr(importlib.import_module(module), name)


def _takes_emit(function):
    try:
        return "emit" in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def _error(id_, error):
    text = "".join(traceback.format_exception_only(error)).strip()
    trace = "".join(traceback.format_exception(error))
    return encode("error", id=id_, error=text, traceback=trace)


def handle(text, send):
    """Answer one ``call`` message (JSON text): the ``result`` or ``error`` message, as
    JSON text. ``send(text)`` posts each ``event`` of the call as it happens."""
    message = json.loads(text)
    id_, fn = message["id"], message["fn"]

    def emit(kind, payload):
        send(encode("event", id=id_, kind=str(kind), payload=payload))

    try:
        function = callable_named(fn)
        kwargs = dict(message["kwargs"])
        if _takes_emit(function):
            kwargs["emit"] = emit
        return encode("result", id=id_, value=function(**kwargs))
    except BaseException as error:  # noqa: BLE001  (SystemExit too: the call ends)
        return _error(id_, error)


def start(render_dot, problem=lambda: ""):
    """Set up the page's Python; returns its version ("3.14.2"). Graphs are drawn with
    ``render_dot(dot) -> svg``; when it gives no SVG, ``problem()`` says why, and the
    graph raises an error that says so."""
    import micrograd.viz

    def render(dot):
        if svg := render_dot(dot):
            return svg
        why = problem()
        raise RuntimeError(
            f"graphs cannot be drawn in this page: {why}. Reload the page to try again."
        )

    sys.setrecursionlimit(RECURSION_LIMIT)
    micrograd.viz.set_renderer(render)
    return sys.version.split()[0]
