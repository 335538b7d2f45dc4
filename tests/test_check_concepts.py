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
from micrograd.check.concepts import CONCEPTS, SITE, markdown_path, table
from micrograd.check.spec import Check, Exercise, ordered
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
