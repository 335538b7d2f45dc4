"""Test lanes: what a test needs, read from the fixtures it uses, never marked by hand.

- ``site``: the test uses ``built_site`` (a strict build of the whole site);
- ``browser``: the test uses ``browser`` (headless Chromium).

``make test-fast`` runs what needs neither (``-m "not site and not browser"``). So that no
test can slip into that lane, building the site and starting Chromium refuse to happen in
a test that lacks the marker (``require``): they happen through the fixtures only.

``make test-page PAGE=docs/02-value/backpropagation.md`` (``--page``) runs one page's
tests: its fences, the tests parametrized by it (its lesson rules, its keyboard stops...),
and the tests that go over every page (``every_page`` fixture), on that page alone.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEEDS = {"built_site": "site", "browser": "browser"}
MARKERS = {
    "site": "needs the site built (uses the built_site fixture)",
    "browser": "opens headless Chromium (uses the browser fixture)",
}
_running = None  # the lane markers of the test being set up or run


def mark(items):
    """Give each test the markers of the fixtures it uses, however indirectly."""
    for item in items:
        for fixture, marker in NEEDS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


def running(item):
    """Note the test being set up or run (None: between tests)."""
    global _running
    _running = None if item is None else {m.name for m in item.iter_markers()}


def require(marker, what):
    """Refuse ``what`` (building the site, starting Chromium) in a test of another lane."""
    if _running is not None and marker not in _running:
        raise AssertionError(
            f"{what} in a test that does not use the {marker!r} fixture: use it, so that"
            " the test leaves `make test-fast`"
        )


class Page:
    """The page of ``--page``: a file under docs/ and the names tests give it."""

    def __init__(self, path):
        file = (ROOT / path).resolve()
        if not file.is_file() or not file.is_relative_to(ROOT / "docs"):
            raise pytest.UsageError(f"--page {path}: no such page under docs/")
        src = file.relative_to(ROOT / "docs")
        stem = src.with_suffix("")
        parts = stem.parts[:-1] if stem.name == "index" else stem.parts
        self.file = file
        self.url = "/" + "".join(f"{p}/" for p in parts)  # as the site serves it
        self.names = {str(file), src.as_posix(), stem.as_posix(), self.url}

    def is_in(self, item):
        """Whether ``item`` tests this page: its fences, or a test parametrized by it."""
        if Path(str(item.path)).resolve() == self.file:
            return True
        params = getattr(getattr(item, "callspec", None), "params", {})
        for value in params.values():
            if isinstance(value, Path) and value.resolve() == self.file:
                return True
            if isinstance(value, str) and value in self.names:
                return True
        return "every_page" in getattr(item, "fixturenames", ())

    def keeps(self, url):
        """Whether an every-page test checks the page at site path ``url``."""
        return url == self.url


class EveryPage:
    """What a test that goes over every page checks: all of them, or the ``--page`` one."""

    def __init__(self, page):
        self.page = page
        self.all = page is None

    def keeps(self, url):
        """Whether to check the page at site path ``url`` (``/02-value/backpropagation/``)."""
        return self.all or self.page.keeps(url)


def select(config, items):
    """Under ``--page``, keep one page's tests."""
    if not config.getoption("page"):
        return
    page = Page(config.getoption("page"))
    kept = [item for item in items if page.is_in(item)]
    ids = set(map(id, kept))
    config.hook.pytest_deselected(items=[i for i in items if id(i) not in ids])
    items[:] = kept
