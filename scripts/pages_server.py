"""Serve the built site as GitHub Pages does: under the project path, gzipped, with 404.html.

    python scripts/pages_server.py [site] [--port 8000]

- the site is served under the path of ``site_url`` in mkdocs.yml (``/micrograd-course/``), or
  under another prefix, such as ``/`` for a site at the root of its domain;
- text files (HTML, CSS, JavaScript, JSON, SVG, XML) are sent gzipped to clients that accept it;
- a missing file gets the site's 404.html, with status 404.

The Lighthouse audit (scripts/audit.py) and the 404 tests use it.
"""

import argparse
import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ipynb"}


def project_path():
    """The path part of ``site_url`` in mkdocs.yml, e.g. ``/micrograd-course/``."""
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            path = urlsplit(line.split(":", 1)[1].strip().strip("\"'")).path
            return path if path.endswith("/") else path + "/"
    return "/"


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    _gzipped = {}  # path -> compressed bytes, shared by all requests

    def log_message(self, *args):
        pass

    def _find(self):
        """(status, file) for the request: 200 and its file, 301 and None, or 404 and None."""
        path = unquote(urlsplit(self.path).path)
        if not (path + "/").startswith(self.prefix):
            return 404, None
        root = Path(self.directory).resolve()
        target = (root / path[len(self.prefix) :].lstrip("/")).resolve()
        if target.is_dir():
            if not path.endswith("/"):
                return 301, None
            target = target / "index.html"
        if target.is_relative_to(root) and target.is_file():
            return 200, target
        return 404, None

    def do_HEAD(self):
        self._respond(body=False)

    def do_GET(self):
        self._respond(body=True)

    def _respond(self, body):
        status, target = self._find()
        if status == 301:
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.end_headers()
            return
        if status == 404:
            target = Path(self.directory) / "404.html"
        data = target.read_bytes()
        gzipped = target.suffix in COMPRESSED and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        if gzipped:
            if target not in self._gzipped:
                self._gzipped[target] = gzip.compress(data, compresslevel=6, mtime=0)
            data = self._gzipped[target]
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")  # what Pages sends
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(data)


class PagesServer:
    """The site in ``directory`` on a free local port; ``url`` ends with the project path."""

    def __init__(self, directory, port=0, prefix=None):
        prefix = prefix or project_path()
        handler = type("Handler", (_PagesHandler,), {"prefix": prefix, "_gzipped": {}})
        handler = functools.partial(handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.root = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.root + prefix
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = PagesServer(args.site, port=args.port)
    print(f"Serving {args.site} at {server.url} (Ctrl-C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()
