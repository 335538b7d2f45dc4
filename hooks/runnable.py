"""Which code of a page runs in the reader's browser, decided from the code itself.

A python fence is runnable when the tests run it (it is not ``notest``), it shows its code,
it includes no snippet, and everything it imports is in the page's Python: the standard
library and the ``micrograd`` package, whose modules are checked in turn (a module that
needs matplotlib is not available in the page). ``norun`` opts a fence out:
```` ```{.python norun} ```` or ```` ```python exec="on" norun="1" ````.
"""

import ast
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "micrograd"
# Why a fence that needs one of these stays static, as the page says it.
WHY = {"torch": "it needs PyTorch, which the page's Python does not have"}

_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_LANG = re.compile(r"^\{?\s*\.?(?P<lang>[\w+-]+)")
_ANNOTATED = re.compile(r"#\s*\(\d+\)!")  # Material's code annotation marker, # (1)!


@dataclass
class Fence:
    """A fence at the start of a line: its lines ``start`` to ``end`` (inclusive)."""

    start: int
    end: int
    info: str
    source: str

    @property
    def lang(self):
        match = _LANG.match(self.info.strip())
        return match["lang"] if match else ""

    def has(self, word):
        """Whether the info string holds the option ``word`` (bare or with a value)."""
        return re.search(rf"(?<![\w-]){word}(?![\w-])", self.info) is not None

    @property
    def executed(self):
        return re.search(r'exec="(on|yes|true|1)"', self.info) is not None

    @property
    def html(self):
        return re.search(r'html="(on|yes|true|1)"', self.info) is not None

    @property
    def shows_code(self):
        return not self.executed or 'source="above"' in self.info


def fences(text):
    """Every top-level fence of a markdown text, in order (nested ones are skipped)."""
    lines, found, i = text.split("\n"), [], 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        fence, end = match["fence"], i + 1
        close = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        body = "\n".join(lines[i + 1 : end])
        found.append(Fence(i, end, match["info"], body))
        i = end + 1
    return found


def imported(source):
    """The absolute module names ``source`` imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _package_file(name):
    """The file of module ``name`` of the package, or None if it is not a module."""
    path = ROOT.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def missing(name):
    """The modules that importing ``name`` needs and the page's Python lacks."""
    top = name.partition(".")[0]
    if top in sys.stdlib_module_names or top == "__future__":
        return frozenset()
    if top != PACKAGE:
        return frozenset({top})
    path = _package_file(name)
    if path is None:  # a name imported from a module, not a module
        return frozenset()
    return frozenset().union(*map(missing, imported(path.read_text("utf-8"))))


def why_static(source):
    """None when the code can run in the page, else why it cannot (for the reader)."""
    try:
        names = imported(source)
    except SyntaxError:
        return "it is not complete Python code"
    lacking = sorted(frozenset().union(*map(missing, names)))
    if not lacking:
        return None
    for module in lacking:
        if module in WHY:
            return WHY[module]
    return f"it needs {', '.join(lacking)}, which the page's Python does not have"


def decide(fence):
    """For a python fence: ``"run"``, ``"quiet"`` (static, nothing to say) or why static."""
    if fence.lang not in ("python", "py", "python3"):
        return "quiet"
    if fence.has("notest") or fence.has("norun") or not fence.shows_code:
        return "quiet"
    if "--8<--" in fence.source or _ANNOTATED.search(fence.source):
        return "quiet"  # a snippet; or code annotations, which need the code block as it is
    return why_static(fence.source) or "run"
