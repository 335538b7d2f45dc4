"""Which code runs in the page (hooks/runnable.py, hooks/runtime.py), and nothing from outside.

A lab's cells: tests/test_hooks.py."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from hooks import runnable, runtime
from hooks.fences import fences

ROOT = Path(__file__).resolve().parent.parent
FENCE = "```"


def fence(info, body):
    (found,) = fences(f"{FENCE}{info}\n{body}\n{FENCE}\n")
    return found


@pytest.mark.parametrize(
    ("info", "body", "verdict"),
    [
        ("python", "from micrograd.engine import Value\nprint(Value(1.0))", "run"),
        ("python", "import math, random, collections\nprint(math.pi)", "run"),
        ('python exec="on" source="above" html="true"', "import micrograd.viz", "run"),
        ("{.python notest}", "import math", "quiet"),
        ("{.python norun}", "import math", "quiet"),
        ('python exec="on" norun="1" source="above"', "import math", "quiet"),
        ('python exec="on" html="true"', "import math", "quiet"),  # shows no code
        ("bash", "make test", "quiet"),
        ("python", '--8<-- "micrograd/engine.py:backward"', "quiet"),
        ("python", "x = 1  # (1)!\nprint(x)", "quiet"),  # annotated: the page's own
    ],
)
def test_which_fences_run(info, body, verdict):
    assert runnable.decide(fence(info, body)) == verdict


def test_pytorch_fences_stay_static_and_say_why():
    why = runnable.decide(fence("python", "import torch\nfrom micrograd import Value"))
    assert why == "it needs PyTorch, which the page's Python does not have"


def test_package_modules_are_checked_for_what_they_import(tmp_path, monkeypatch):
    """A package module is as available as what it imports, followed module by module."""
    package = tmp_path / "micrograd"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "plain.py").write_text("import math\nfrom micrograd import engine\n")
    (package / "engine.py").write_text("import numbers\n")
    (package / "fancy.py").write_text("from micrograd.plain import x\nimport numpy\n")
    monkeypatch.setattr(runnable, "ROOT", tmp_path)
    runnable.missing.cache_clear()
    try:
        assert runnable.missing("micrograd.plain") == frozenset()
        assert runnable.missing("micrograd.fancy") == {"numpy"}
        assert "numpy" in runnable.why_static("from micrograd.fancy import y")
        assert runnable.why_static("from micrograd.plain import x") is None
    finally:
        runnable.missing.cache_clear()
    # the real package: everything it has runs in the page
    for module in ("engine", "nn", "losses", "optim", "data", "viz", "plot", "check"):
        assert runnable.missing(f"micrograd.{module}") == frozenset(), module
    assert runnable.missing("numpy") == {"numpy"}


def test_an_incomplete_fence_stays_static():
    assert (
        runnable.decide(fence("python", "for x in")) == "it is not complete Python code"
    )


def test_the_hook_wraps_runnable_fences_and_notes_static_ones():
    text = (
        f"# T\n\n{FENCE}python\nprint(1)\n{FENCE}\n\n"
        f'{FENCE}python exec="on" source="above" html="true"\nprint("<b>x</b>")\n{FENCE}\n\n'
        f"{FENCE}python\nimport torch\n{FENCE}\n"
    )
    out = runtime.mark_cells(text)
    assert out.count('<div class="mg-cell" data-course="cell"') == 2
    assert out.count(" data-html markdown>") == 1
    assert out.count("</div>") == 2
    assert (
        '<p class="mg-note">This code does not run in the page: it needs PyTorch' in out
    )


def test_lessons_have_runnable_cells():
    counts = {}
    for md in sorted((ROOT / "docs").rglob("*.md")):
        verdicts = [runnable.decide(f) for f in fences(md.read_text())]
        counts[md.name] = verdicts.count("run")
    print(f"\n{sum(counts.values())} runnable fences in {len(counts)} pages")
    assert sum(counts.values()) > 50
    assert counts["backpropagation.md"] >= 5


# --- nothing from outside ---------------------------------------------------------------

# Strings in the theme's JavaScript that name another host but are never requested by this
# site: each is a loader that only runs for a feature the site does not use.
THEME_DORMANT = {
    "https://unpkg.com/resize-observer-polyfill": "only without ResizeObserver",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only with mermaid diagrams",
    "https://api.github.com/repos/": "repository facts: overrides/partials/source.html",
    "https://api.github.com/users/": "repository facts: overrides/partials/source.html",
    "https://bit.ly/2s3ChXG": "a link in a console message of the search worker",
    "https://github.com/isaacs/": "a link in an error message of a search language",
}
URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s\"'`()<>]*")
# Comments: /* block */, // line (not the // of a URL), and <!-- --> in inline SVG.
COMMENTS = re.compile(
    r"/\*.*?\*/|(?<![:\"'\\])//[^\n]*|(?:<|\\3c ?)!--.*?--(?:>|\\3e)", re.S
)
NOT_REQUESTS = re.compile(r"https?://www\.w3\.org/")  # XML namespace names
_LOADING_ATTRS = {"src", "href", "srcset", "poster", "data", "action", "xlink:href"}


class _References(HTMLParser):
    """The URLs an HTML page would load: attributes, inline styles and scripts."""

    def __init__(self):
        super().__init__()
        self.found, self._in = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in = tag
        for name, value in attrs.items():
            if name not in _LOADING_ATTRS or not value:
                continue
            if tag == "a" or (tag == "link" and attrs.get("rel") == "canonical"):
                continue  # a link the reader clicks; the page's own address
            urls = [v.split()[0] for v in value.split(",") if v.strip()]
            self.found += ["https:" + u if u.startswith("//") else u for u in urls]
        self.found += URL.findall(attrs.get("style") or "")

    def handle_data(self, data):
        if self._in in ("script", "style"):
            self.found += URL.findall(data)


def _outside(urls, site_host):
    return [
        u
        for u in urls
        if URL.match(u)
        and not NOT_REQUESTS.match(u)
        and urlparse(u).hostname != site_host
    ]


def _dormant(url):
    return any(url.startswith(known) for known in THEME_DORMANT)


def test_no_file_of_the_site_loads_from_another_host(built_site):
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().split("\nnav:")[0])
    site_host = urlparse(config["site_url"]).hostname
    problems = []
    for path in sorted(built_site.rglob("*")):
        rel = path.relative_to(built_site).as_posix()
        if path.suffix == ".html":
            parser = _References()
            parser.feed(path.read_text(encoding="utf-8"))
            urls = parser.found
        elif path.suffix in (".css", ".js", ".mjs"):
            text = path.read_text(encoding="utf-8", errors="replace")
            urls = URL.findall(COMMENTS.sub("", text))
        else:
            continue
        for url in _outside(urls, site_host):
            if not (_dormant(url) and rel.startswith("assets/javascripts/")):
                problems.append(f"{rel}: {url}")
    assert not problems, "files that load from another host:\n" + "\n".join(problems)
    mermaid = [
        p for p in built_site.rglob("*.html") if 'class="mermaid' in p.read_text()
    ]
    assert not mermaid, "a page uses mermaid: the theme would load it from a CDN"
