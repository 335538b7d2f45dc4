"""One marker syntax for what a page asks of the build, and one dispatcher.

A lesson asks for a part of the course with an HTML comment, invisible on GitHub::

    <!-- course:exercise value -->          the exercise editor (after its command fence)
    <!-- course:playground descent -->      a playground
    <!-- course:progress -->                the progress page's table
    <!-- course:concepts zero-grad -->      a pitfall's concepts (last line of a list item)

A marker is read with the page's Markdown (markers inside code are text): each is noted on
the page's data (hooks/model.py), so a part can use what the whole page asks for (an
editor lists the concepts of every pitfall of its page). A pitfall's marker becomes the
attributes of its list item there; the others become their markup once the page is HTML.
An unknown marker, or one whose arguments are wrong, fails the build with its file and line.
"""

import re

from mkdocs.exceptions import PluginError

from hooks import exercises, fences, load, model, playgrounds

MARKER = re.compile(r"<!-- course:(?P<name>[a-z-]+)(?P<args>(?: +[^\s>]+)*) -->")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
# What a marker looked like before, or a misspelt one: an error, never a silent comment.
_NOT_A_MARKER = re.compile(
    r"<!--\s*(?:course|playground)\b|\{[^}]*\b(?:exercise|data-concepts|data-course)="
)

# name: what it becomes; each takes (the marker, page, files).
IN_MARKDOWN = {"concepts": exercises.pitfall}
IN_HTML = {
    "exercise": exercises.editor,
    "playground": playgrounds.playground,
    "progress": exercises.progress,
}
# What a marker's markup is made from, besides the files it opens (hooks/rebuild.py).
MADE_FROM = {
    "concepts": ["micrograd/check"],
    "exercise": ["micrograd/check"],
    "progress": ["micrograd/check"],
    "playground": ["micrograd", "web/python/course_playgrounds"],
}


def _fail(page, marker, error):
    where = f"{page.file.src_uri}:{marker.line}"
    raise PluginError(f"{where}: {marker.text}: {error}") from error


def _call(handler, marker, page, files):
    try:
        return handler(marker, page, files)
    except (ValueError, KeyError, TypeError) as error:
        _fail(page, marker, error)


def read(markdown, page, files):
    """Find and check every marker of the page; note them on its data; write a pitfall's."""
    in_code = fences.inside(markdown, info=False)
    lines = markdown.split("\n")
    found = model.data(page).markers
    for number, line in enumerate(lines):
        if number in in_code:
            continue
        text = _CODE_SPAN.sub("", line)
        for match in MARKER.finditer(text):
            args = tuple(match["args"].split())
            found.append(model.Marker(match["name"], args, number + 1, match[0]))
        if _NOT_A_MARKER.search(MARKER.sub("", text)):
            where = f"{page.file.src_uri}:{number + 1}"
            raise PluginError(f"{where}: not a marker: write <!-- course:NAME ARGS -->")
    for marker in found:
        if marker.name not in IN_MARKDOWN | IN_HTML:
            known = ", ".join(sorted(IN_MARKDOWN | IN_HTML))
            _fail(page, marker, ValueError(f"no such marker (there are: {known})"))
        for folder in MADE_FROM[marker.name]:
            load.note_imported((load.ROOT / folder).rglob("*.py"))
        if marker.name in IN_MARKDOWN:
            line = lines[marker.line - 1]
            if line.strip() != marker.text:
                _fail(page, marker, ValueError("it stands alone on its line"))
            text = _call(IN_MARKDOWN[marker.name], marker, page, files)
            lines[marker.line - 1] = line.replace(marker.text, text)
    return "\n".join(lines)


def write(html, page, files):
    """The page's HTML with each remaining marker replaced by its markup, in one pass."""
    todo = iter([m for m in model.data(page).markers if m.name in IN_HTML])

    def markup(match):
        marker = next(todo, None)
        if marker is None or marker.text != match[0]:
            where = page.file.src_uri
            raise PluginError(
                f"{where}: {match[0]} is in the HTML, not in the Markdown"
            )
        return _call(IN_HTML[marker.name], marker, page, files)

    html = MARKER.sub(markup, html)
    if lost := next(todo, None):
        _fail(page, lost, ValueError("it did not reach the HTML (inside a block?)"))
    return html
