"""The checker's side in the page's Python: what web/checker.js calls, by name.

A Check uses two Pythons (two Web Workers). A **sandbox**, used for one Check and then
thrown away, runs the learner's file and only observes (:func:`observe`): each message goes
to the page as it comes, tagged with the Check's nonce and its place in the sequence. The
**judge**, which never runs a learner's code, makes the report from those messages
(:func:`judge`), as the command line's supervisor does from its worker's pipe; it keeps
the reference's data from one Check to the next, and can work it out before the first
(:func:`expect`). The judge also writes tutor prompts (:func:`prompt`) and gives an
exercise's time limits (:func:`limits`, which the site's build writes into each exercise's
page data).

Every function takes and returns JSON data, and runs under CPython too
(tests/test_course_checker.py). The page calls them by name, through the page's protocol
(web/protocol.js, web/python/course_calls.py): ``session.call("course_checker.judge", …)``.
"""

import datetime
import sys

from micrograd.check import decide, history, hosts, tutor
from micrograd.check.observe import tagged

# The learner's code runs with this recursion limit in the sandbox: deeper Python code
# overflows the page's JavaScript stack first, which kills the sandbox's Python (the
# command line's limit, 1000, is for a process with a larger stack). The exercises'
# correct solutions, recursive topological sorts included, need about 100.
RECURSION_LIMIT = 250
MEMORY_LIMIT = 1024  # MiB: the sandbox's whole memory, Python included

_expected = {}  # exercise -> the reference's data, kept from Check to Check (the judge)


def prepare(sandbox=False, memory=MEMORY_LIMIT):
    """Import what a Check needs, before it is needed; in a ``sandbox``, cap its memory at
    ``memory`` MiB, so that code that keeps allocating gets a MemoryError (the command
    line's [memory]) instead of taking the page's memory. True once done."""
    import micrograd.engine  # noqa: F401  (the examples' given names)
    import micrograd.nn  # noqa: F401

    if sandbox:
        _cap_memory(memory * 2**20)
    return True


def observe(exercise, source, filename, nonce, emit):
    """The sandbox: run the learner's ``source`` on the exercise's examples; ``emit`` each
    message as the event ``emit(kind, {"case", "line"})``: ``line`` is the message for the
    judge (``[nonce, n, kind, payload]`` as JSON), ``case`` the example it is about (for
    the page's time limits). Returns ``{"nonce", "sent"}``: a run that returns anything
    else was not the checker's."""
    lines = []
    tag = tagged(nonce, lines.append)

    def send(kind, payload):
        tag(kind, payload)
        emit(kind, {"case": payload.get("case"), "line": lines[-1]})

    sys.setrecursionlimit(RECURSION_LIMIT)
    hosts.observe_source(exercise, source, send, filename=filename)
    return {"nonce": nonce, "sent": len(lines)}


def judge(exercise, lines, nonce, end="done", seconds=None, elapsed=0.0, **options):
    """The judge: the report on the sandbox's run (:func:`micrograd.check.hosts.judge`;
    ``options``: ``filename``, ``returncode``, ``hint``), and its ``entries`` for the
    reader's history (``today``: the reader's date, 2025-03-01)."""
    today = datetime.date.fromisoformat(options.pop("today"))
    result = hosts.judge(
        exercise,
        lines,
        nonce=nonce,
        end=end,
        seconds=seconds,
        elapsed=elapsed,
        expected=_expected.setdefault(exercise, {}),
        **options,
    )
    entries = history.entries(result["concepts"], exercise, today)
    return {"result": result, "entries": entries}


def expect(exercise):
    """The judge, before a Check of ``exercise``: work out the reference's data for every
    example now, while the reader types, rather than in the first Check's report (a
    network's training, for the capstone and the diagnosis challenges). Kept for every
    Check; returns the number of examples."""
    return decide.expect(hosts.exercise(exercise), _expected.setdefault(exercise, {}))


def limits(exercise):
    """The exercise's time limits: ``{"seconds", "cases": [seconds per example]}``."""
    return hosts.limits(exercise)


def prompt(exercise, source, result, history=(), hints=None, words=None):
    """The tutor prompt (the command line's ``--tutor-prompt``); ``hints``: the hint level
    the reader opened per concept; ``words``: their own explanations, per lesson."""
    return tutor.tutor_prompt(exercise, source, result, history, hints, words)


_GROW = """
const grow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function (pages) {
  if (this.buffer.byteLength + pages * 65536 > limit) throw new RangeError("limit");
  return grow.call(this, pages);
};"""


def _cap_memory(limit):
    """Refuse to grow the WebAssembly memory past ``limit`` bytes: Python's allocator then
    fails, which Python raises as a MemoryError. (Nothing to do outside a page.)"""
    try:
        from js import Function
    except ImportError:
        return
    Function.new("limit", _GROW)(limit)
