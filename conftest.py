"""Test configuration shared by unit tests, doctests and the fences in docs/.

- Lanes (tests/lanes.py): each test is marked ``site`` or ``browser`` by the fixtures it
  uses, for ``make test-fast``; ``--page docs/...`` keeps one page's tests.
- A fence that ran to its end before, with what it reads unchanged, is not run again.
  A fence the build runs (``exec="on"``) is tested by the build's own first run, and what
  it printed is kept for the build (hooks/execution.py).
- Each test starts with the interpreter's own recursion limit, whatever the test before it
  (in the same worker) set.
- Fences in the lessons may include package code with pymdownx.snippets (``--8<--``).
  pytest-markdown-docs does not know that syntax, so its parser is given the page with the
  snippets already expanded, exactly as the site shows it.
"""

import contextlib
import functools
import os
import sys

import markdown
import pytest
from markdown_it import MarkdownIt

from hooks import execution, fences, load
from tests import lanes

ROOT = os.path.dirname(os.path.abspath(__file__))

# Files that are not tests: lab notebooks and starter files (run by their own tests),
# the checker's mutation suite (correct solutions and the mutant table), and the built site.
collect_ignore_glob = [
    "docs/labs/*.py",
    "docs/exercises/starters/*.py",
    "tests/check_cases/*",
    "site/*",
    "benchmarks/*",
    "hooks/*",
]


def pytest_addoption(parser):
    parser.addoption(
        "--page",
        metavar="docs/PATH",
        help="only the tests of one page: its fences, its rules, its checks in the browser",
    )


def pytest_configure(config):
    for marker, meaning in lanes.MARKERS.items():
        config.addinivalue_line("markers", f"{marker}: {meaning}")
    if page := config.getoption("page"):
        lanes.Page(page)  # a page that is not there: said before anything is collected


def pytest_collection_modifyitems(config, items):
    lanes.mark(items)
    lanes.select(config, items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    lanes.running(item)
    limit = (
        sys.getrecursionlimit()
    )  # the page's Python code lowers it, as the page does
    try:
        return (yield)
    finally:
        lanes.running(None)
        sys.setrecursionlimit(limit)  # for the next test of this process


def expand_snippets(text):
    """The page's text with every ``--8<--`` include replaced by the code it names."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": {
                "base_path": [ROOT],
                "check_paths": True,
                "dedent_subsections": True,
            }
        },
    )
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))


class SnippetMarkdownIt(MarkdownIt):
    def parse(self, src, env=None):
        return super().parse(expand_snippets(src), env)


def pytest_markdown_docs_markdown_it():
    return SnippetMarkdownIt()


@functools.cache
def _executed_lines(path):
    """The first lines (counted from 1) of the fences the build runs, in a page as the
    fences' tests read it (a docstring's fences are not a page's)."""
    if os.path.splitext(path)[1] != ".md":
        return frozenset()
    with open(path, encoding="utf-8") as f:
        text = expand_snippets(f.read())
    return frozenset(f.start + 1 for f in fences.fences(text) if f.executed)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Keep pytest's output capture on while a fence runs.

    pytest-markdown-docs switches capture off around each fence, which would pour every
    printed graph and table into the test log; captured, it shows only when a fence fails.
    This relies on the capture manager's ``global_and_fixture_disabled``, which is not public
    API: pytest is pinned exactly, and tests/test_conftest.py fails loudly if it changes.

    A fence that ran to its end before, in a build or a test, with the files it reads as
    they are now, is not run again (hooks/execution.py keeps what it read). A fence the
    build runs is run as the build runs it (``execution.test``).
    """
    definition = getattr(item, "test_definition", None)
    if definition is None:
        return (yield)
    if execution.known(item.code):
        item.user_properties.append(("ran before", "with these files"))
        item.runtest = lambda: None
        return (yield)
    if definition.start_line in _executed_lines(definition.source_path):
        item.runtest = functools.partial(execution.test, item.code)
        return (yield)
    capman = item.config.pluginmanager.getplugin("capturemanager")
    capman.global_and_fixture_disabled = contextlib.nullcontext
    try:
        with load.reading() as reader:
            result = yield
        execution.remember(item.code, reader)
        return result
    finally:
        del capman.global_and_fixture_disabled
