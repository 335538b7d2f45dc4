"""Run a cell of a course page the way a notebook does, inside the page's Python.

``run(source, ...)`` executes the code in a named namespace (the cells of one page share
one), and returns what a reader should see, as JSON data::

    {"stdout": ..., "stderr": ..., "error": null or the error's text,
     "figures": [markup, ...], "repr": text or null, "value": JSON data or null}

- Output is capped: past ``MAX_CHARS`` characters per stream, the rest is counted, not kept;
  ``repr`` past ``MAX_REPR``, and ``value`` is null past ``MAX_VALUE`` characters of JSON.
- Printed text reaches the page as it is printed: ``emit("stdout" or "stderr", text)``,
  at most every ``FLUSH_SECONDS``, and the rest when the cell ends (markup too, in an
  html cell: the page draws it as it grows).
- An error shows the exception and the cell's own frames, never this module's.
- Display: when the last statement is an expression whose value has ``_repr_svg_`` or
  ``_repr_html_`` returning text, that markup is a figure; other values show as ``repr``
  (and as ``value`` when JSON can carry them). With ``html=True`` (cells whose build-time
  output is HTML), what the code prints is markup and becomes a figure.

The page calls ``run`` through web/python/course_calls.py; the tests import it under
CPython too.
"""

import ast
import contextlib
import io
import json
import linecache
import sys
import time
import traceback

MAX_CHARS = 50_000  # per stream and per run: about 1,000 lines of text
MAX_MARKUP = 5_000_000  # printed markup of an html cell: a big graph is a few 100 KB
MAX_REPR = 10_000  # the repr of a last expression, as shown
MAX_VALUE = 1_000_000  # the JSON of a last expression, sent as `value`
FLUSH_SECONDS = 0.2  # how often printed text is sent on while a cell runs

_namespaces = {}
# The file names cells ran under: their frames are the reader's code.
_cell_files = set()


class CappedStream(io.TextIOBase):
    """A text stream that keeps its first ``limit`` characters and counts the rest.

    ``on_text(name, text)``, if given, receives what was kept, in pieces, as it is written.
    """

    def __init__(self, name, limit=MAX_CHARS, on_text=None):
        self.name, self.limit, self.on_text = name, limit, on_text
        self.kept, self.size, self.dropped = [], 0, 0
        # The first write goes at once, later ones at most every FLUSH_SECONDS.
        self._pending, self._last_flush = [], -FLUSH_SECONDS

    def writable(self):
        return True

    def write(self, text):
        room = self.limit - self.size
        if room <= 0:
            self.dropped += len(text)
            return len(text)
        piece = text[:room]
        self.dropped += len(text) - len(piece)
        self.kept.append(piece)
        self.size += len(piece)
        if self.on_text is not None:
            self._pending.append(piece)
            if time.monotonic() - self._last_flush > FLUSH_SECONDS:
                self.flush()
        return len(text)

    def flush(self):
        if self._pending and self.on_text is not None:
            self.on_text(self.name, "".join(self._pending))
        self._pending, self._last_flush = [], time.monotonic()

    def text(self):
        kept = "".join(self.kept)
        if self.dropped:
            kept += f"\n… {self.dropped:,} more characters of output not shown\n"
        return kept


def namespace(name):
    """The namespace called ``name``, created empty the first time."""
    return _namespaces.setdefault(name, {"__name__": "__main__"})


def _compile(source, filename):
    """Code for every statement but a last expression, and that expression (or None)."""
    tree = ast.parse(source, filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
        last = compile(last, filename, "eval")
    return compile(tree, filename, "exec"), last


def format_error(error, filename):
    """The exception and the frames of the cell that raised it, as a traceback reads."""
    if isinstance(error, SyntaxError) and error.filename == filename:
        return "".join(traceback.format_exception_only(error))
    frames = [
        f
        for f in traceback.extract_tb(error.__traceback__)
        if f.filename in _cell_files
    ]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(error)
    return "".join(lines)


def figure_of(value):
    """The markup a value displays as, or None. Markup is text: a method that returns
    anything else is passed over, with a word on stderr, as a notebook does."""
    for method in ("_repr_svg_", "_repr_html_"):
        show = getattr(value, method, None)
        if not callable(show):
            continue
        markup = show()
        if isinstance(markup, str) and markup:
            return markup
        if markup:
            kind = type(markup).__name__
            print(f"{method} returned {kind}, not text: not shown", file=sys.stderr)
    return None


def _capped_repr(value):
    text = repr(value)
    if len(text) > MAX_REPR:
        text = text[:MAX_REPR] + f"… ({len(text) - MAX_REPR:,} more characters)"
    return text


def _shown(value, figures):
    """Record what a last expression displays; return (repr, JSON value)."""
    if value is None:
        return None, None
    markup = figure_of(value)
    if markup is not None:
        figures.append(markup)
        return None, None
    try:
        text = json.dumps(value, allow_nan=False)
        data = value if len(text) <= MAX_VALUE else None
    except (TypeError, ValueError, RecursionError):
        data = None
    return _capped_repr(value), data


def run(source, *, name="cell", space="main", html=False, inputs=None, emit=None):
    """Run ``source`` in namespace ``space``; return the result as JSON data."""
    filename = f"<{name}>"
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    _cell_files.add(filename)
    scope = namespace(space)
    scope.update(inputs or {})
    out = CappedStream("stdout", MAX_MARKUP if html else MAX_CHARS, emit)
    err = CappedStream("stderr", on_text=emit)
    figures, error, shown = [], None, (None, None)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            body, last = _compile(source, filename)
            exec(body, scope)
            if last is not None:
                shown = _shown(eval(last, scope), figures)
        except BaseException as e:  # noqa: BLE001  (SystemExit too: the cell ends)
            error = format_error(e, filename)
    out.flush(), err.flush()
    stdout = out.text()
    if html and stdout.strip():
        figures.insert(0, stdout)
        stdout = ""
    return {
        "stdout": stdout,
        "stderr": err.text(),
        "error": error,
        "figures": figures,
        "repr": shown[0],
        "value": shown[1],
    }
