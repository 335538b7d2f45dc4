"""The fences of a page's Markdown, and their options, read once, as markdown-exec reads them.

An info string is a language and options, in either of superfences' two forms:
```` ```python exec="on" source="above" ```` or ```` ```{.python notest} ````. A value is
true unless it is empty, ``no``, ``off``, ``false`` or ``0``, in any case: markdown-exec's
own rule (its ``_to_bool``), so the build and the course agree on what a fence does.
``tests/test_hooks.py`` renders fences with markdown-exec itself to hold this to it.
"""

import re
from dataclasses import dataclass, field

PYTHON = ("python", "py", "python3")  # the languages pytest-markdown-docs runs
EXECUTED = ("python",)  # the languages markdown-exec runs on this site (mkdocs.yml)

_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_OPTION = re.compile(
    r"""(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>\S+))"""
)
_WORD = re.compile(r"[^\s{}]+")


def to_bool(value):
    """markdown-exec's truth of an option's value."""
    return value.lower() not in {"", "no", "off", "false", "0"}


def parse_info(info):
    """``(language, options, flags)`` of an info string: the options' values as written
    (``{"exec": "on"}``), the bare words as flags (``{"notest"}``)."""
    info = info.strip()
    braced = info.startswith("{") and info.endswith("}")
    text = info[1:-1].strip() if braced else info
    options = {}
    for match in _OPTION.finditer(text):
        value = match["dq"] if match["dq"] is not None else match["sq"]
        options[match["key"]] = value if value is not None else match["bare"]
    words = _WORD.findall(_OPTION.sub(" ", text))
    if braced:
        langs = [w[1:] for w in words if w.startswith(".")]
        language = langs[0] if langs else ""
        flags = {w for w in words if not w.startswith((".", "#"))}
    else:
        language, flags = (words[0], set(words[1:])) if words else ("", set())
    return language, options, frozenset(flags)


@dataclass
class Fence:
    """A fence at the start of a line: its lines ``start`` to ``end`` (inclusive)."""

    start: int
    end: int
    info: str
    source: str
    lang: str = field(init=False)
    options: dict = field(init=False)
    flags: frozenset = field(init=False)

    def __post_init__(self):
        self.lang, self.options, self.flags = parse_info(self.info)

    def has(self, word):
        """Whether the fence holds the option ``word``: a bare word, or a true value."""
        return word in self.flags or to_bool(self.options.get(word, ""))

    @property
    def executed(self):
        """Whether markdown-exec runs it while the site builds."""
        return self.lang in EXECUTED and to_bool(self.options.get("exec", "no"))

    @property
    def html(self):
        return to_bool(self.options.get("html", "no"))

    @property
    def shows_code(self):
        return not self.executed or self.options.get("source", "") != ""

    @property
    def python(self):
        return self.lang in PYTHON


def fences(text):
    """Every top-level fence of a markdown text, in order (nested ones are skipped)."""
    lines, found, i = text.split("\n"), [], 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        fence, end = match["fence"], i + 1
        close = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        body = "\n".join(lines[i + 1 : end])
        found.append(Fence(i, end, match["info"], body))
        i = end + 1
    return found


def inside(text, info=True):
    """The numbers of the lines of ``text`` that belong to a fence (its first line, with
    the info string, only if ``info``)."""
    return {n for f in fences(text) for n in range(f.start + (not info), f.end + 1)}
