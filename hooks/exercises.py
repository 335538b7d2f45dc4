"""Exercises in the page, and a course that remembers: the markup of three markers.

- ``<!-- course:exercise NAME -->``, after the command fence of a build-it exercise: the
  exercise editor, ``<div data-course="exercise">``, which web/exercise.js mounts.
  Everything it needs is written here from the repository's files: the starter (shown as
  code until the editor loads), the checker's time limits, and the concepts that apply
  here (the checker's for this exercise and those of the page's pitfalls), for the "watch
  out" list that shows before Python has loaded.
- ``<!-- course:concepts ID ... -->``, the last line of an item of a Pitfalls box: the item
  becomes ``data-course="pitfall"``; web/pitfalls.js marks it when the reader's checks named
  one of its concepts.
- ``<!-- course:progress -->``: the progress page's element, with the exercises,
  self-checks and concepts it shows the reader's history against.

And answers after attempts: each ``/// parsons`` and ``/// compare`` block becomes
``data-course="gate"`` (``data-gate`` says which); web/gates.js keeps it closed until the
reader has tried (without JavaScript it opens as any folded block).

Unknown exercises and concept ids are errors (hooks/markers.py says where).
"""

import html
import json
import re
from pathlib import Path

from hooks import features, model, urls
from micrograd.check.challenge import CAUSES
from micrograd.check.concepts import CONCEPTS
from micrograd.check.exercises import EXERCISES
from micrograd.check.hosts import limits
from micrograd.check.reviews import OWN_WORDS

ROOT = Path(__file__).resolve().parent.parent
STARTERS = ROOT / "docs" / "exercises" / "starters"
PROGRESS_PAGE = "exercises/progress/"
NO_SCRIPT = (
    "<p>Your progress is read from this browser's storage by the page's script: with"
    " JavaScript\nturned off there is nothing to show.</p>"
)
_GATED = re.compile(r"^/// (parsons|compare)\b.*$", re.M)
_QUESTION = re.compile(r'<input type="radio" name="([\w-]+)"')


def _data(data):
    """``data-course-data="…"``: the element's data as JSON, in an attribute (Material's
    instant navigation would run a <script> of the new page's content as code)."""
    text = json.dumps(data, ensure_ascii=False)
    return f'data-course-data="{html.escape(text, quote=True)}"'


def _known(ids):
    if unknown := [i for i in ids if i not in CONCEPTS]:
        raise ValueError(f"unknown concept id(s) {', '.join(unknown)}")
    return ids


def _concept(concept_id, page, files):
    concept = CONCEPTS[concept_id]
    return {"title": concept.title, "lesson": urls.link(concept.lesson, page, files)}


def _one(args, what):
    if len(args) != 1:
        raise ValueError(f"one {what} name, not {len(args)}")
    return args[0]


def pitfall(marker, page, files):
    """The list item's attributes (attr_list), from its concept ids."""
    if not marker.args:
        raise ValueError("no concept id")
    ids = " ".join(_known(marker.args))
    return f'{{ {features.attribute("pitfall")} data-concepts="{ids}" }}'


def editor(marker, page, files):
    """The exercise editor's element: its data, and the starter as plain code."""
    name = _one(marker.args, "exercise")
    if name not in EXERCISES:
        raise ValueError(f"no exercise {name!r} (known: {', '.join(EXERCISES)})")
    tags = model.data(page).args("concepts")
    applies = dict.fromkeys([*EXERCISES[name].concepts(), *tags])
    data = {
        "exercise": name,
        "file": f"{name}.py",
        "root": urls.root(page),
        "progress": urls.link(PROGRESS_PAGE, page, files),
        "limits": limits(name),  # the whole run's and each example's, in seconds
        "watch": {
            i: _concept(i, page, files) for i in applies if not CONCEPTS[i].fallback
        },
    }
    if (
        "CAUSE" in EXERCISES[name].names
    ):  # a diagnosis challenge: the causes to choose from
        data["causes"] = [{"id": i, "title": CONCEPTS[i].title} for i in CAUSES]
    starter = (STARTERS / f"{name}.py").read_text(encoding="utf-8")
    return (
        f'<div class="mg-exercise" {features.attribute("exercise")} data-exercise="{name}"'
        f" {_data(data)}>"
        f'<p class="mg-exercise-intro">Or write <code>{name}.py</code> here, in the page.'
        " It is kept in this browser; Check runs the same checker in the page.</p>"
        f'<pre class="mg-starter" tabindex="0"><code>{html.escape(starter)}</code></pre>'
        "</div>"
    )


def gates(markdown):
    """Each ``/// parsons`` and ``/// compare`` block, with the gate's attributes."""
    gate = features.name("gate")
    return _GATED.sub(
        lambda m: f"{m[0]}\n    attrs: {{data-course: {gate}, data-gate: {m[1]}}}",
        markdown,
    )


def _quiz_title(heading):
    """ "# Self-check: the Value class" -> "The Value class" (the table says the rest)."""
    title = heading.removeprefix("# ").removeprefix("Self-check: ")
    return title[:1].upper() + title[1:]


def self_checks(page, files):
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
                "link": urls.link(file.url, page, files),
                "questions": list(dict.fromkeys(_QUESTION.findall(text))),
            }
        )
    return found


def progress(marker, page, files):
    """The progress page's element, with the exercises, self-checks, concepts and own-words
    questions it shows."""
    if marker.args:
        raise ValueError("it takes no arguments")
    data = {
        "exercises": [
            {
                "name": e.name,
                "about": e.about,
                "page": urls.link(e.lessons[0], page, files),
            }
            for e in EXERCISES.values()
        ],
        "selfChecks": self_checks(page, files),
        "concepts": {i: _concept(i, page, files) for i in CONCEPTS},
        "ownWords": [
            {
                "lesson": lesson,
                "question": entry["question"],
                "link": urls.link(lesson, page, files),
            }
            for lesson, entry in OWN_WORDS.items()
        ],
    }
    return (
        f'<div class="mg-progress" {features.attribute("progress")} {_data(data)}>\n'
        f"{NO_SCRIPT}\n</div>"
    )


def own_words(content, page):
    """The end of a lesson of ``OWN_WORDS``: its own-words question (web/own-words.js), and
    its key points folded, for a reader without JavaScript."""
    entry = OWN_WORDS.get(page.url)
    if entry is None:
        return content
    points = "".join(f"<li>{html.escape(p)}</li>" for p in entry["points"])
    return content + (
        f'<section class="mg-own-words" {features.attribute("own-words")} '
        f"{_data({'lesson': page.url, **entry})}>"
        '<h2 id="in-your-own-words">In your own words</h2>'
        "<p>Explain in two or three sentences what you just learned. Write it before you "
        "look at the key points.</p>"
        f'<div class="mg-words-static"><p>{html.escape(entry["question"])}</p>'
        f"<details><summary>Key points</summary><ul>{points}</ul></details></div>"
        "</section>"
    )
