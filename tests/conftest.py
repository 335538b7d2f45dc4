"""Fixtures of the tests that need the built site or a browser; using one puts a test in
its lane (tests/lanes.py)."""

import os

import pytest

from scripts.pages_server import PagesServer
from tests import lanes
from tests.browser import CHROMIUM_ARGS, chromium_path, refuse_outside
from tests.site_build import build_site, made_once


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site, built with ``mkdocs build --strict`` (the build fails the test on any warning).

    Built once per test run: with ``-n`` (pytest-xdist), the first worker to need it builds
    it in the run's folder and the others wait for it, then read it."""
    folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = folder.parent  # the run's folder, above each worker's own

    def build(dest):
        seconds, _ = build_site(dest)
        print(f"\nsite built in {seconds:.1f} s")

    return made_once(folder / "site", build)


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site's base URL on 127.0.0.1, served at the root (no trailing slash)."""
    server = PagesServer(built_site, prefix="/")
    yield server.url.rstrip("/")
    server.close()


@pytest.fixture(scope="session")
def pages_site(built_site):
    """The built site as GitHub Pages serves it, under the project path (no trailing slash).

    Tests that move between pages with the theme's instant navigation need it."""
    server = PagesServer(built_site)
    yield server.url.rstrip("/")
    server.close()


@pytest.fixture(scope="session")
def every_page(request):
    """For a test that goes over every page: which to check (``keeps(url)``), all of them
    or, under ``--page``, that page alone (``all`` says which)."""
    page = request.config.getoption("page")
    return lanes.EveryPage(lanes.Page(page) if page else None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_context(browser):
    """A fresh browser context (nothing kept); ``context.outside`` lists the outside
    requests it refused, and any one of them fails the test."""
    context = browser.new_context()
    context.outside = []
    refuse_outside(context, context.outside)
    try:
        yield context
        assert not context.outside, context.outside
    finally:
        context.close()


@pytest.fixture
def context(browser_context):
    """``browser_context``, by the name the page features' tests give it."""
    return browser_context
