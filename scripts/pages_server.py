"""Serve the built site as GitHub Pages does: under the project path, gzipped, with 404.html.

    python scripts/pages_server.py [site] [--port 8000]

- the site is served under the path of ``site_url`` in mkdocs.yml (``/micrograd-course/``), or
  under another prefix, such as ``/`` for a site at the root of its domain;
- text files (HTML, CSS, JavaScript, JSON, SVG, XML) are sent gzipped to clients that accept it;
- a missing file gets the site's 404.html, with status 404;
- sitemap.xml names this server instead of ``site_url``'s host: the theme's instant navigation
  only navigates in place to pages that its sitemap lists.

The browser tests, the runtime benchmark and the Lighthouse audit (scripts/audit.py) use it.
"""

import argparse
import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
COMPRESSED = {
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".svg",
    ".xml",
    ".txt",
    ".ipynb",
    ".wasm",
}


def site_url():
    """``site_url`` in mkdocs.yml, e.g. ``https://micrograd-course.github.io/micrograd-course/``."""
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip().strip("\"'")
    return "/"


def project_path():
    """The path part of ``site_url`` in mkdocs.yml, e.g. ``/micrograd-course/``."""
    path = urlsplit(site_url()).path
    return path if path.endswith("/") else path + "/"


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    _gzipped = {}  # path -> compressed bytes, shared by all requests

    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except ConnectionError:  # the browser left before the end: no error
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
        if target.name == "sitemap.xml":
            site = urlsplit(site_url())
            data = data.replace(f"{site.scheme}://{site.netloc}".encode(), self.origin)
        gzipped = (
            self.gzip
            and target.suffix in COMPRESSED
            and "gzip" in self.headers.get("Accept-Encoding", "")
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
            with self.server.lock:
                self.server.sent += len(data)


class PagesServer:
    """The site in ``directory`` on a free local port; ``url`` ends with the project path.

    ``gzip=False`` sends every file as it is; ``sent`` counts the bytes of the bodies sent
    (set it to 0 to start counting again).
    """

    def __init__(self, directory, port=0, prefix=None, gzip=True):
        prefix = prefix or project_path()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), None)
        self.root = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        attrs = {"prefix": prefix, "_gzipped": {}, "gzip": gzip}
        attrs["origin"] = self.root.encode()
        handler = type("Handler", (_PagesHandler,), attrs)
        self.httpd.RequestHandlerClass = functools.partial(
            handler, directory=str(directory)
        )
        self.httpd.sent, self.httpd.lock = 0, threading.Lock()
        self.url = self.root + prefix
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def sent(self):
        return self.httpd.sent

    @sent.setter
    def sent(self, value):
        self.httpd.sent = value

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
