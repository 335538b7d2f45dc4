"""Build hook: exercises in the page, and a course that remembers.

- An exercise editor where a lesson asks for it: the command fence of a build-it exercise
  names its exercise, ```` ```{.bash exercise="value"} ````. The fence stays (a plain bash
  fence, for those who work on their own machine) and is followed by
  ``<div data-course="exercise">``, which web/exercise.js turns into the editor. Everything
  it needs is written here from the repository's files: the starter (shown as code until
  the editor loads), the checker's time limits, and the concepts that apply
  here (the checker's for this exercise and those of the page's pitfalls), for the "watch
  out" list that shows before Python has loaded.
- Pitfalls: an item of a Pitfalls box that ends with ``{ data-concepts="id id" }`` (an
  attribute on the ``<li>``) becomes ``data-course="pitfall"``; web/pitfalls.js marks it
  when the reader's checks named one of its concepts. Unknown ids fail the build.
- The progress page (``<div class="mg-progress" data-course="progress">``) gets the list of
  exercises, self-checks and concepts it shows the reader's history against.
- Answers after attempts: each ``/// parsons`` and ``/// compare`` block becomes
  ``data-course="gate"`` (``data-gate`` says which); web/gates.js keeps it closed until the
  reader has tried (without JavaScript it opens as any folded block).
"""

import html
import json
import logging
import re
from pathlib import Path

from micrograd.check.concepts import CONCEPTS
from micrograd.check.exercises import EXERCISES
from micrograd.check.hosts import limits

ROOT = Path(__file__).resolve().parent.parent
STARTERS = ROOT / "docs" / "exercises" / "starters"
log = logging.getLogger("mkdocs.hooks.exercises")  # a warning fails the strict build

_FENCE = re.compile(
    r'^```\{\.bash exercise="(?P<name>[^"]*)"\}\n(?P<body>.*?)\n```$', re.M | re.S
)
_PLACE = '<div class="mg-exercise-place" data-exercise="{name}"></div>'
_PLACED = re.compile(r'<div class="mg-exercise-place" data-exercise="([^"]*)"></div>')
_TAGGED = re.compile(r'<li data-concepts="([^"]*)"')
_TAGS_IN_MARKDOWN = re.compile(r'\{\s*data-concepts="([^"]*)"\s*\}')
_PROGRESS = '<div class="mg-progress" data-course="progress">'
_GATED = re.compile(r"^/// (parsons|compare)\b.*$", re.M)
_GATE = "\n    attrs: {{data-course: gate, data-gate: {kind}}}"
_QUESTION = re.compile(r'<input type="radio" name="([\w-]+)"')


def _data(data):
    """``data-course-data="…"``: the element's data as JSON, in an attribute (Material's
    instant navigation would run a <script> of the new page's content as code)."""
    text = json.dumps(data, ensure_ascii=False)
    return f'data-course-data="{html.escape(text, quote=True)}"'


def _root(page):
    """The site's root, relative to ``page`` (directory URLs: one ../ per level)."""
    return "../" * page.url.count("/")


def _concept(concept, root):
    return {"title": concept.title, "lesson": root + concept.lesson}


def _known(ids, where):
    unknown = [i for i in ids if i not in CONCEPTS]
    if unknown:
        log.warning(f"{where}: unknown concept id(s) {', '.join(unknown)}")
    return [i for i in ids if i in CONCEPTS]


def page_tags(markdown, where):
    """The concept ids the page's pitfall items are tagged with, in order, once each."""
    ids = [i for m in _TAGS_IN_MARKDOWN.finditer(markdown) for i in m[1].split()]
    return _known(list(dict.fromkeys(ids)), where)


def on_page_markdown(markdown, page, config, files):
    where = page.file.src_uri
    page_tags(markdown, where)  # unknown ids fail the build here, with the file's name

    def place(match):
        name = match["name"]
        if name not in EXERCISES:
            log.warning(
                f"{where}: no exercise {name!r} (known: {', '.join(EXERCISES)})"
            )
        fence = f"```bash\n{match['body']}\n```"
        return f"{fence}\n\n{_PLACE.format(name=name)}\n"

    markdown = _GATED.sub(lambda m: m[0] + _GATE.format(kind=m[1]), markdown)
    return _FENCE.sub(place, markdown)


def editor_markup(name, page, tags):
    """The exercise editor's element: its data, and the starter as plain code."""
    ex = EXERCISES[name]
    root = _root(page)
    applies = list(dict.fromkeys([*ex.concepts(), *tags]))
    data = {
        "exercise": name,
        "file": f"{name}.py",
        "root": root,
        "progress": root + "exercises/progress/",
        "limits": limits(name),  # the whole run's and each example's, in seconds
        "watch": {
            i: _concept(CONCEPTS[i], root) for i in applies if not CONCEPTS[i].fallback
        },
    }
    starter = (STARTERS / f"{name}.py").read_text(encoding="utf-8")
    return (
        f'<div class="mg-exercise" data-course="exercise" data-exercise="{name}" '
        f"{_data(data)}>"
        f'<p class="mg-exercise-intro">Or write <code>{name}.py</code> here, in the page.'
        " It is kept in this browser; Check runs the same checker in the page.</p>"
        f'<pre class="mg-starter" tabindex="0"><code>{html.escape(starter)}</code></pre>'
        "</div>"
    )


def _quiz_title(heading):
    """ "# Self-check: the Value class" -> "The Value class" (the table says the rest)."""
    title = heading.removeprefix("# ").removeprefix("Self-check: ")
    return title[:1].upper() + title[1:]


def self_checks(files, root):
    """Each module's self-check: its page (as the page records its answers), title, link
    and questions (their radio groups' names), in the order of the site's files."""
    found = []
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        if file.name != "self-check":
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        found.append(
            {
                "page": file.url,
                "title": _quiz_title(text.partition("\n")[0]),
                "link": root + file.url,
                "questions": list(dict.fromkeys(_QUESTION.findall(text))),
            }
        )
    return found


def progress_data(page, files):
    root = _root(page)
    exercises = [
        {"name": e.name, "about": e.about, "page": root + e.lessons[0]}
        for e in EXERCISES.values()
    ]
    concepts = {i: _concept(c, root) for i, c in CONCEPTS.items()}
    quizzes = self_checks(files, root)
    return {"exercises": exercises, "selfChecks": quizzes, "concepts": concepts}


def on_page_content(content, page, config, files):
    if _PLACED.search(content):
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        tags = page_tags(source, page.file.src_uri)
        content = _PLACED.sub(
            lambda m: editor_markup(m[1], page, tags) if m[1] in EXERCISES else m[0],
            content,
        )
    content = _TAGGED.sub(
        lambda m: f'<li data-course="pitfall" data-concepts="{m[1]}"', content
    )
    if _PROGRESS in content:
        opening = _PROGRESS.removesuffix(">") + f" {_data(progress_data(page, files))}>"
        content = content.replace(_PROGRESS, opening, 1)
    return content
