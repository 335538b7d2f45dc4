"""The registry of concept ids: every id is reachable, documented, and links to a lesson
section that exists; hints come in levels, in words, never code."""

import os
import re
from pathlib import Path

import markdown
import pytest
import yaml

from micrograd import monitor
from micrograd.check import EXERCISES
from micrograd.check.concepts import (
    CONCEPTS,
    SITE,
    UnknownConcept,
    markdown_path,
    page_path,
    table,
)
from micrograd.check.spec import Check, Exercise, Wrong, ordered
from tests.check_cases.mutants import MUTANTS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
NAMED_BY_THE_CHECKER = {"own-code", "error", "timeout", "slow", "memory"}


def test_every_concept_is_found_by_a_mutant_or_is_a_fallback():
    # the monitor's concepts are found by its planted runs (tests/test_monitor.py)
    produced = {m.concept for m in MUTANTS.values()} | set(monitor.CONCEPTS)
    unproduced = [c for c, concept in CONCEPTS.items() if not concept.fallback]
    assert [c for c in unproduced if c not in produced] == []


def test_every_concept_the_checker_can_name_is_in_the_registry():
    named = set(NAMED_BY_THE_CHECKER) | {"not-implemented", "cannot-load"}
    for exercise in EXERCISES.values():
        named |= set(exercise.concepts())
    assert sorted(named - set(CONCEPTS)) == []


def test_hints_come_in_three_levels_in_words():
    code = re.compile(r"\bdef \w+\(|\blambda\b|\bself\.|\w\[\w*\]|\bfor \w+ in \w")
    for concept in CONCEPTS.values():
        if concept.id in ("not-implemented", "cannot-load"):
            continue
        assert len(concept.hints) == 3, concept.id
        assert concept.hints[0].endswith("?"), f"{concept.id}: the first is a question"
        for hint in concept.hints:
            assert not code.search(hint), f"{concept.id}: code in a hint: {hint}"


def test_the_docs_show_the_registry_generated_at_build_time():
    page = (DOCS / "exercises" / "index.md").read_text()
    assert "from micrograd.check.concepts import table" in page
    assert re.search(r'```python exec="on"[^\n]*\n[^`]*print\(table\(\)\)', page)
    rendered = table()
    assert all(f"`{c}`" in rendered for c in CONCEPTS)


def test_the_site_address_is_the_sites():
    config = (ROOT / "mkdocs.yml").read_text()
    assert re.search(rf"^site_url: {re.escape(SITE)}$", config, re.M)


def heading_ids(page):
    """The ids of a page's headings, as the site makes them: mkdocs.yml's extensions,
    with the fences that run at build time (markdown-exec's) read but not run."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    extensions, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = (
            next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        )
        extensions.append(name)
        configs[name] = options or {}
    skip = {"validator": lambda *args, **kwargs: True, "format": lambda *args, **kw: ""}
    fences = [{"name": n, "class": n, **skip} for n in ("python", "pycon", "md")]
    configs["pymdownx.superfences"] = {"custom_fences": fences}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    md.convert(page.read_text(encoding="utf-8"))
    ids = set()

    def walk(tokens):
        for token in tokens:
            ids.add(token["id"])
            walk(token["children"])

    walk(md.toc_tokens)
    return ids


@pytest.mark.parametrize("concept", list(CONCEPTS), ids=str)
def test_every_lesson_link_points_to_a_heading(concept, monkeypatch):
    """Lessons move: this is the test that catches a concept linked to a lost section."""
    monkeypatch.chdir(ROOT)  # snippets are included from the repository's root
    page, _, anchor = markdown_path(CONCEPTS[concept]).partition("#")
    assert (DOCS / page).is_file(), f"{concept}: no page docs/{page}"
    assert anchor in heading_ids(DOCS / page), (
        f"{concept}: no heading #{anchor} in {page}"
    )


def test_exercises_link_their_lessons():
    for exercise in EXERCISES.values():
        for lesson in exercise.lessons:
            assert (DOCS / lesson.rstrip("/")).with_suffix(".md").is_file(), lesson


def test_checks_are_ordered_by_what_they_require():
    a, b, c = (
        Check(n, n, "error", (), requires=r)
        for n, r in [("a", ("b",)), ("b", ()), ("c", ("a",))]
    )
    assert [x.id for x in ordered((c, a, b))] == ["b", "a", "c"]
    with pytest.raises(ValueError, match="which is not a check"):
        ordered((Check("d", "d", "error", (), requires=("nowhere",)),))
    loop = (
        Check("e", "e", "error", (), requires=("f",)),
        Check("f", "f", "error", (), requires=("e",)),
    )
    with pytest.raises(ValueError, match="require each other"):
        ordered(loop)
    with pytest.raises(ValueError, match="share an id"):
        Exercise("x", 9, "", (), dict, (b, b))


def test_every_exercise_is_one_module_found_by_itself():
    modules = {
        p.stem for p in (ROOT / "micrograd" / "check" / "exercises").glob("*.py")
    }
    assert modules - {"__init__"} == set(EXERCISES)
    assert [e.order for e in EXERCISES.values()] == sorted(
        e.order for e in EXERCISES.values()
    )
    page = markdown_path(CONCEPTS["error"]).partition("#")[0]
    assert os.path.basename(page) == "index.md"


def test_an_unknown_concept_id_is_named_with_where_it_comes_from():
    """Never a KeyError in a learner's report, nor a traceback in the build: the spec
    itself fails as it loads, naming the ids and the check."""
    check = Check(
        "sum",
        "a sum",
        "forwrd-pass",
        (),
        wrong=(Wrong("no-such-idea", "", {}), Wrong("error", "", {})),
    )
    with pytest.raises(UnknownConcept) as caught:
        Exercise("extra", 9, "", (), dict, (check,))
    message = str(caught.value)
    assert message == (
        "exercise 'extra', check 'sum': unknown concept ids 'forwrd-pass', "
        "'no-such-idea': not in micrograd/check/concepts.py"
    )
    assert not isinstance(caught.value, KeyError)


# --- adding an exercise: every place it needs, each named by its file -------------------

EDITOR = "<!-- course:exercise {name} -->"


def _section(path):
    """The Markdown of a page's section, from the heading a site path's anchor names to
    the next heading of the same or a higher level ("" if there is none)."""
    page, _, anchor = page_path(path).partition("#")
    if not (DOCS / page).is_file() or anchor not in heading_ids(DOCS / page):
        return ""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    fenced, levels = (
        False,
        [],
    )  # a heading's level, 0 for other lines and code in fences
    for line in lines:
        fenced ^= line.startswith("```")
        levels.append(0 if fenced else len(line) - len(line.lstrip("#")))
    for i, line in enumerate(lines):
        if levels[i] and heading_ids_of(line) == anchor:
            end = next(
                (j for j in range(i + 1, len(lines)) if 0 < levels[j] <= levels[i]),
                len(lines),
            )
            return "\n".join(lines[i:end])
    return ""


def heading_ids_of(line):
    """The id a heading line gets on the site."""
    md = markdown.Markdown(extensions=["toc"])
    md.convert(line)
    return md.toc_tokens[0]["id"] if md.toc_tokens else ""


# (where, what it is): every place an exercise needs besides its spec, as CONTRIBUTING.md
# lists them; missing_pieces() says which of them an exercise lacks.
PIECES = (
    (
        "docs/exercises/starters/<name>.py",
        "the starter, whose docstring is the contract",
    ),
    ("tests/check_cases/<name>/correct.py", "a correct solution"),
    ("tests/check_cases/mutants.py", "its mutants"),
    ("<!-- course:exercise <name> -->", "the editor, under the command, in a lesson"),
    ("`lessons=`", "the lessons that teach it"),
    ("`compare=`", "where the course's version waits"),
)


def missing_pieces(exercise):
    """What ``exercise`` lacks, one line per missing place, each naming its file."""
    name, problems = exercise.name, []
    starter = ROOT / "docs" / "exercises" / "starters" / f"{name}.py"
    if not starter.is_file():
        problems.append(f"docs/exercises/starters/{name}.py: no starter for {name!r}")
    elif f"python -m micrograd.check {name} {name}.py" not in starter.read_text():
        problems.append(
            f"docs/exercises/starters/{name}.py: its docstring does not say "
            f"`python -m micrograd.check {name} {name}.py`"
        )
    if not (ROOT / "tests" / "check_cases" / name / "correct.py").is_file():
        problems.append(f"tests/check_cases/{name}/correct.py: no correct solution")
    if not any(e == name for e, _ in MUTANTS):
        problems.append(f"tests/check_cases/mutants.py: no mutant of {name!r}")
    spec = f"micrograd/check/exercises/{name}.py"
    pages = [DOCS / page_path(lesson) for lesson in exercise.lessons]
    for page in pages:
        if not page.is_file():
            problems.append(
                f"{spec}: lessons= names {page.relative_to(ROOT)}, not a page"
            )
    if not exercise.lessons:
        problems.append(f"{spec}: lessons= is empty")
    elif not any(
        EDITOR.format(name=name) in p.read_text() for p in pages if p.is_file()
    ):
        places = ", ".join(str(p.relative_to(ROOT)) for p in pages)
        problems.append(
            f"{places}: no {EDITOR.format(name=name)} marker (its editor in the page)"
        )
    if not exercise.compare:
        problems.append(f"{spec}: compare= is empty")
    for path in exercise.compare:
        if "/// compare" not in _section(path):
            problems.append(
                f"{spec}: compare= names {path}, which is no section holding a "
                "'/// compare' block (docs/" + page_path(path) + ")"
            )
    return problems


def test_every_exercise_has_every_piece():
    problems = [p for e in EXERCISES.values() for p in missing_pieces(e)]
    assert not problems, "\n".join(problems)


def test_a_missed_piece_is_named_by_its_file():
    added = Exercise(
        "brand-new",
        99,
        "something new",
        ("Thing",),
        dict,
        (),
        lessons=("03-neural-network/neuron/",),
        compare=("03-neural-network/neuron/#the-model",),
    )
    assert missing_pieces(added) == [
        "docs/exercises/starters/brand-new.py: no starter for 'brand-new'",
        "tests/check_cases/brand-new/correct.py: no correct solution",
        "tests/check_cases/mutants.py: no mutant of 'brand-new'",
        "docs/03-neural-network/neuron.md: no <!-- course:exercise brand-new --> "
        "marker (its editor in the page)",
        "micrograd/check/exercises/brand-new.py: compare= names "
        "03-neural-network/neuron/#the-model, which is no section holding a "
        "'/// compare' block (docs/03-neural-network/neuron.md#the-model)",
    ]


def test_contributing_lists_every_piece_of_an_exercise():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    section = text.split("### The checker: adding an exercise")[1].split("\n### ")[0]
    assert [where for where, _ in PIECES if where not in section] == []
