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
from functools import cache
from pathlib import Path

from hooks import load
from hooks.fences import PYTHON

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "micrograd"
# Why a fence that needs one of these stays static, as the page says it.
WHY = {"torch": "it needs PyTorch, which the page's Python does not have"}

_ANNOTATED = re.compile(r"#\s*\(\d+\)!")  # Material's code annotation marker, # (1)!


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


def _module(path):
    """The module name of a file of the package."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def needs(names):
    """What importing ``names`` takes, followed module by module through the package:
    ``(modules the page's Python lacks, the package's files it reads)``. A package is
    read with its module (its ``__init__``); a module that imports by name (``importlib``)
    reads its whole folder."""
    lacking, files, todo, seen = set(), set(), list(names), set()
    while todo:
        name = todo.pop()
        top = name.partition(".")[0]
        if name in seen or top in sys.stdlib_module_names or top == "__future__":
            continue
        seen.add(name)
        if top != PACKAGE:
            lacking.add(top)
            continue
        path = _package_file(name)
        if path is None:  # a name imported from a module, not a module
            continue
        files.add(path)
        source = load.module_source(path)
        todo += imported(source)
        todo += [name.rsplit(".", n)[0] for n in range(1, name.count(".") + 1)]
        if "importlib" in source:
            todo += [_module(p) for p in path.parent.glob("*.py")]
    return frozenset(lacking), frozenset(files)


@cache
def missing(name):
    """The modules that importing ``name`` needs and the page's Python lacks."""
    return needs([name])[0]


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
    if fence.lang not in PYTHON:
        return "quiet"
    if fence.has("notest") or fence.has("norun") or not fence.shows_code:
        return "quiet"
    if "--8<--" in fence.source or _ANNOTATED.search(fence.source):
        return "quiet"  # a snippet; or code annotations, which need the code block as it is
    return why_static(fence.source) or "run"
