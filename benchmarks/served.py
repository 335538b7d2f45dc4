"""What the browser benchmarks share: a built site, served as GitHub Pages serves it (gzip),
and headless Chromium, started with the tests' arguments.

    args = arguments(__doc__, "runs", 3)
    with served_site(args.site) as (site, server, browser):
        report(site, measure(browser, server, args.runs))
"""

import argparse
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.pages_server import PagesServer  # noqa: E402
from tests.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.site_build import build_site  # noqa: E402


def arguments(doc, count, default, least=1):
    """The command line of a browser benchmark: ``--site`` (a built site, else one is built)
    and ``--<count>``, how many times to measure (at least ``least``)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument(
        f"--{count}", type=int, default=default, help=f"at least {least}"
    )
    args = parser.parse_args()
    if getattr(args, count) < least:
        parser.error(f"--{count} must be at least {least}")
    return args


@contextmanager
def served_site(site=None):
    """Yield (site, server, browser); `site` None builds one into a temporary folder."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = Path(tmp) / "site"
            seconds, _ = build_site(site)
            print(f"site built in {seconds:.0f} s")
        server = PagesServer(site, gzip=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=chromium_path(shell=False), args=CHROMIUM_ARGS
                )
                try:
                    yield site, server, browser
                finally:
                    browser.close()
        finally:
            server.close()
