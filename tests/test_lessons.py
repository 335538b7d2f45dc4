"""Every lesson carries the course's practice parts, and its labs run.

A lesson (modules 1 to 5) must have a pitfalls box, and exercises with at least two hints each,
collapsed until asked for. Lesson pages never show solutions. Each lab runs as a script.
"""

import os
import re
import runpy
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
LESSONS = sorted(DOCS.glob("0[1-5]-*/*.md"))
LABS = sorted((DOCS / "labs").glob("*.py"))


def exercises(text):
    """(title, body) of each ``### `` exercise under ``## Exercises``."""
    _, _, section = text.partition("\n## Exercises")
    section = re.split(r"\n## ", section)[0]
    parts = re.split(r"\n### ", section)[1:]
    return [(p.splitlines()[0], p) for p in parts]


def test_there_are_lessons_in_every_module():
    modules = {p.parent.name for p in LESSONS}
    assert len(modules) == 5, modules
    assert len(LESSONS) >= 15


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_lesson_has_pitfalls_and_exercises_with_hints(lesson):
    text = lesson.read_text()
    assert re.search(r"^/// warning \| Pitfalls", text, re.M), (
        "no '/// warning | Pitfalls' box"
    )
    found = exercises(text)
    assert 1 <= len(found) <= 3, f"{len(found)} exercises (want 1 to 3)"
    for title, body in found:
        hints = re.findall(r"^/// hint \| ", body, re.M)
        assert len(hints) >= 2, f"exercise {title!r} has {len(hints)} hints"
    assert not re.search(r"^#+ .*\bsolution", text, re.M | re.I), (
        "a lesson page shows a solution"
    )


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.stem)
def test_admonitions_use_blocks_syntax(page):
    """Fences indented under '!!!' or '===' are not tested: the course uses '///' blocks."""
    bad = re.findall(r"^\s*(?:!!!|\?\?\?|===) ", page.read_text(), re.M)
    assert not bad, f"indented admonition/tab syntax: {bad}"


@pytest.mark.parametrize("lab", LABS, ids=lambda p: p.stem)
def test_lab_runs_as_a_script(lab, monkeypatch, tmp_path):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(lab), run_name="__main__")
    assert not os.listdir(tmp_path), "a lab must not write files"


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.stem)
def test_untested_fences_are_package_code(page):
    """A fence the tests skip ('notest') may only include a section of a package file."""
    from markdown_it import MarkdownIt

    for token in MarkdownIt().parse(page.read_text()):
        if token.type == "fence" and "notest" in token.info:
            lines = [line for line in token.content.splitlines() if line.strip()]
            assert lines and all(line.startswith("--8<--") for line in lines), (
                f"line {token.map[0] + 1}: a notest fence holds code no test runs"
            )
