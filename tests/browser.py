"""Headless Chromium for the site's browser tests, with every request outside 127.0.0.1 refused.

Tests get pages through the fixtures in tests/conftest.py: ``served_site`` (the built site on
a local port) and ``browser_context`` (a fresh context whose ``outside`` list records, and
refuses, any request that would leave the machine).
"""

import functools
import http.server
import shutil
import threading
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    """The Chromium-based browser to drive; installed by `make test` (scripts/system-deps.sh)."""
    names = ("chromium", "chromium-browser", "google-chrome")
    path = next(filter(None, map(shutil.which, names)), None)
    if path is None:
        raise AssertionError(
            "no Chromium-based browser found: run `bash scripts/system-deps.sh chromium`"
        )
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """A static server for ``directory`` on a free local port, as GitHub Pages serves it."""

    def __init__(self, directory):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


def refuse_outside(context, outside):
    """Let through only the site's own requests; record and abort the rest in ``outside``."""

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
