"""What every exercise check shares: running the learner's code, recording results, numbers.

A check runs one small example through the learner's code. It either passes, finds a
mistake (a :class:`Problem`, named by a concept id such as ``grad-accumulation``), finds
something not written yet (``NotImplementedError``), or sees the learner's code raise.
"""

import contextlib
import math
import numbers
import os
import signal
import sysconfig
import threading
from dataclasses import asdict, dataclass, field

_CHECK_DIR = os.path.dirname(os.path.abspath(__file__))
_PACKAGE_DIR = os.path.dirname(_CHECK_DIR)  # micrograd/
_STDLIB_DIRS = tuple(
    os.path.normcase(os.path.abspath(p))
    for p in {sysconfig.get_path("stdlib"), sysconfig.get_path("platstdlib")}
    if p
)


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class Item:
    """One line (or block) of a report."""

    status: str  # "pass", "fail", "todo" (not implemented yet), "skip" or "note"
    title: str  # what was checked, in plain words
    concept: str = (
        ""  # a stable id for the idea behind a mistake, e.g. "grad-accumulation"
    )
    headline: str = ""  # the idea, in plain words
    example: str = ""  # the small example that was run
    got: str = ""
    expected: str = ""
    hint: str = ""  # where to look
    error: list = field(default_factory=list)  # the learner's traceback, shortened

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, d):
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


class Problem(Exception):  # noqa: N818 (it is a finding, not an error of the checker)
    """Raised by a check: the learner's result is wrong, for the reason named by ``concept``."""

    def __init__(
        self, concept, headline, *, got="", expected="", hint="", example=None
    ):
        super().__init__(concept)
        self.concept = concept
        self.headline = headline
        self.got = got
        self.expected = expected
        self.hint = hint
        self.example = example


class CheckTimeout(BaseException):
    """The learner's code ran longer than allowed (a BaseException: ``except Exception`` in the
    learner's code must not swallow it)."""


# ---------------------------------------------------------------------------------------------
# Numbers


def is_number(x):
    return isinstance(x, numbers.Real)


def close(a, b, tol=1e-6):
    """Whether two numbers agree, relative and absolute tolerance ``tol``."""
    if not (is_number(a) and is_number(b)):
        return False
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return False
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol * 1e-3)


def fmt(x):
    """A number the way a learner would write it: 4.0, -0.5, 0.786448."""
    if isinstance(x, bool):
        return repr(x)
    if is_number(x):
        x = float(x)
        if math.isfinite(x) and x == int(x) and abs(x) < 1e12:
            return f"{x:.1f}"
        return f"{x:.6g}"
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def fmt_list(xs):
    return "[" + ", ".join(fmt(x) for x in xs) + "]"


def kind(x):
    """'a float', 'a list', 'None': what an object is, in words."""
    if x is None:
        return "None"
    name = type(x).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


# ---------------------------------------------------------------------------------------------
# The learner's exceptions


def _in_dir(path, directory):
    path = os.path.normcase(os.path.abspath(path))
    return path == directory or path.startswith(directory + os.sep)


def _learner_frames(tb, learner_file):
    """(filename, lineno, qualname, line) of the traceback's frames in the learner's code."""
    import linecache

    frames = []
    target = os.path.normcase(os.path.abspath(learner_file)) if learner_file else None
    while tb is not None:
        code = tb.tb_frame.f_code
        filename, lineno = code.co_filename, tb.tb_lineno
        if target is not None:
            mine = os.path.normcase(os.path.abspath(filename)) == target
        else:
            mine = not (
                filename == "<example>"
                or filename.startswith("<frozen")
                or _in_dir(filename, _PACKAGE_DIR)
                or any(_in_dir(filename, d) for d in _STDLIB_DIRS)
            )
        if mine:
            line = linecache.getline(filename, lineno).strip()
            frames.append(
                (filename, lineno, getattr(code, "co_qualname", code.co_name), line)
            )
        tb = tb.tb_next
    return frames


def exception_lines(exc, learner_file=None):
    """Two or three short lines: where in the learner's code, and the exception itself."""
    lines = []
    frames = _learner_frames(exc.__traceback__, learner_file)
    if frames:
        filename, lineno, qualname, line = frames[-1]
        lines.append(f"{os.path.basename(filename)}, line {lineno}, in {qualname}:")
        if line:
            lines.append(f"    {line}")
    message = str(exc)
    lines.append(f"{type(exc).__name__}: {message}" if message else type(exc).__name__)
    return lines


def raised_in(exc, learner_file=None):
    """The qualified name of the learner's function that raised, or ''."""
    frames = _learner_frames(exc.__traceback__, learner_file)
    return frames[-1][2] if frames else ""


def describe_function(qualname):
    """'Value.__add__' -> 'Value.__add__'; a closure inside it -> 'the backward rule in ...'."""
    if ".<locals>." in qualname:
        outer, _, inner = qualname.partition(".<locals>.")
        if "backward" in inner:
            return f"the backward rule in {outer}"
        return f"{inner} in {outer}"
    return qualname


# ---------------------------------------------------------------------------------------------
# Running checks


class Context:
    """Runs the checks of one exercise and records what they find.

    ``emit`` receives every event as a dict (the worker sends them to the parent process,
    which can then say which example was running when time ran out).
    """

    def __init__(self, emit=None, learner_file=None):
        self.emit = emit or (lambda event: None)
        self.learner_file = learner_file
        self.items = []
        self.current = None  # (title, example) of the check started last

    def _add(self, item):
        self.items.append(item)
        self.emit({"type": "item", **item.to_dict()})
        return item

    def passed(self, title):
        return self._add(Item("pass", title))

    def skipped(self, title):
        return self._add(Item("skip", title))

    def note(self, title):
        """A remark that is neither a success nor a mistake (an optional part left out)."""
        return self._add(Item("note", title))

    def problem(self, title, p, example=""):
        return self._add(
            Item(
                "fail",
                title,
                concept=p.concept,
                headline=p.headline,
                example=p.example if p.example is not None else example,
                got=p.got,
                expected=p.expected,
                hint=p.hint,
            )
        )

    def not_implemented(self, title, what, example=""):
        return self._add(
            Item(
                "todo", title, concept="not-implemented", headline=what, example=example
            )
        )

    def error(self, title, exc, example=""):
        hint = "The error happened on the line shown above, while the example ran."
        if isinstance(exc, RecursionError):
            hint = (
                "Your code calls itself again and again without end. Look at the line shown "
                "above: does a method call itself, directly or through an operator such as +?"
            )
        return self._add(
            Item(
                "fail",
                title,
                concept="error",
                headline="Your code raised an exception",
                example=example,
                error=exception_lines(exc, self.learner_file),
                hint=hint,
            )
        )

    def run(self, title, example, fn, *, on_error=None, quiet=False, optional=False):
        """Run ``fn()`` (which calls the learner's code) as the check ``title``.

        ``fn`` returns normally when the result is right and raises :class:`Problem` when it is
        wrong. ``on_error(exc)`` may turn one of the learner's exceptions into a Problem.
        Returns "pass", "fail" or "todo". ``quiet`` records nothing when the check passes;
        ``optional`` records nothing when the learner's code is not written yet.
        """
        self.current = (title, example)
        self.emit({"type": "start", "title": title, "example": example})
        try:
            fn()
        except Problem as p:
            self.problem(title, p, example)
            return "fail"
        except CheckTimeout:
            raise
        except NotImplementedError as exc:
            if optional:
                return "todo"
            where = raised_in(exc, self.learner_file)
            self.not_implemented(
                title, describe_function(where) if where else title, example
            )
            return "todo"
        except (Exception, SystemExit, RecursionError) as exc:
            p = on_error(exc) if on_error else None
            if p is not None:
                self.problem(title, p, example)
            else:
                self.error(title, exc, example)
            return "fail"
        if not quiet:
            self.passed(title)
        return "pass"

    def timed_out(self, seconds, title, example):
        return self._add(timeout_item(seconds, title, example))


def timeout_item(seconds, title, example):
    """The report item for learner's code that ran out of time."""
    return Item(
        "fail",
        title,
        concept="timeout",
        headline=f"Your code did not finish within {fmt_seconds(seconds)}",
        example=example,
        hint="A loop that never ends, while this example runs: look for a while loop whose "
        "condition never changes, or a walk through the graph that keeps going back to nodes "
        "it has already seen. (If your code is only slow, allow it more time: --timeout on the "
        "command line, timeout= in Python.)",
    )


def fmt_seconds(seconds):
    seconds = float(seconds)
    text = f"{seconds:g}"
    return f"{text} second" if seconds == 1 else f"{text} seconds"


@contextlib.contextmanager
def time_limit(seconds):
    """Raise :class:`CheckTimeout` in the learner's code after ``seconds`` (best effort).

    Works where the operating system has alarm signals (Linux, macOS) and in the main thread;
    elsewhere the code runs without a limit.
    """
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise CheckTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def value_like(x):
    """Whether ``x`` looks like a Value: it has ``data`` and ``grad``."""
    return hasattr(x, "data") and hasattr(x, "grad")


def number_of(x, what):
    """``x`` as a float, or a Problem saying that ``what`` should be a number."""
    if is_number(x):
        return float(x)
    raise Problem(
        "not-a-number",
        f"{what} should be a plain number",
        got=f"{what} is {kind(x)}: {fmt(x)}",
        expected=f"{what} is a float",
        hint="data and grad hold plain Python numbers (floats), never Values or lists.",
    )
