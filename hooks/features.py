"""The page features, named once for both languages: web/features.json.

An element with ``data-course="NAME"`` makes its page load web/features.js's module for
NAME; ``styles`` are the stylesheets (in web/) that the pages with that feature link. The
build writes the attribute only through ``attribute(name)``, and every name a finished page
carries must be listed (``used``), so a feature cannot be misspelt on either side:
tests/test_hooks.py holds web/features.js's table to the same list.
"""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEATURES = json.loads((ROOT / "web" / "features.json").read_text(encoding="utf-8"))
STYLES = sorted({style for f in FEATURES.values() for style in f["styles"]})
_USED = re.compile(r'data-course="([^"]*)"')


def name(feature):
    """``feature``, a feature that exists."""
    if feature not in FEATURES:
        raise ValueError(f"no page feature {feature!r} in web/features.json")
    return feature


def attribute(feature):
    """``data-course="feature"``, for a feature that exists."""
    return f'data-course="{name(feature)}"'


def used(html, where):
    """The features a page's HTML uses, in the order of web/features.json."""
    names = set(_USED.findall(html))
    if unknown := sorted(names - FEATURES.keys()):
        raise ValueError(
            f"{where}: no page feature {', '.join(unknown)} in web/features.json"
        )
    return [name for name in FEATURES if name in names]


def styles(names):
    """The stylesheets of these features, each once, in a fixed order."""
    wanted = {style for name in names for style in FEATURES[name]["styles"]}
    return [style for style in STYLES if style in wanted]
