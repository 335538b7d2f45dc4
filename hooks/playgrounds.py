"""Build hook: playgrounds, where a lesson asks for one.

A lesson line ``<!-- playground: descent -->`` becomes that playground's HTML, written by
``course_playgrounds.markup`` (web/python/course_playgrounds/): its labelled controls and
its first picture, drawn now by the same code that redraws it in the page
(web/playground.js). On GitHub the marker stays an invisible comment. An unknown name fails
the build.
"""

import importlib.util
import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "web" / "python" / "course_playgrounds"
MARKER = re.compile(r"<!-- playground: ([\w-]+) -->")
log = logging.getLogger("mkdocs.hooks.playgrounds")  # a warning fails --strict


def _load():
    """The page's playground package, imported from web/python/ as the page imports it;
    afresh, so that `mkdocs serve` draws with the code as it is now."""
    for name in [n for n in sys.modules if n.partition(".")[0] == "course_playgrounds"]:
        del sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        "course_playgrounds",
        PACKAGE / "__init__.py",
        submodule_search_locations=[str(PACKAGE)],
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["course_playgrounds"] = module
    spec.loader.exec_module(module)
    return module


course_playgrounds = _load()


def expand(content, where):
    """``content`` (a page's HTML) with each playground marker replaced by its markup."""
    count = 0

    def playground(match):
        nonlocal count
        count += 1
        name = match[1]
        if name not in course_playgrounds.PLAYGROUNDS:
            log.warning(f"{where}: no playground named {name!r}")
            return match[0]
        return course_playgrounds.markup(name, index=count)

    return MARKER.sub(playground, content)


def on_page_content(content, page, config, files):
    return expand(content, page.file.src_uri)
