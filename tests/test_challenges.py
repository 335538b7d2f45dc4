"""The diagnosis challenges: each run's fault is what its cause says, the files agree with
the spec, and a report never gives the cause away.

(The mutation suite, tests/check_cases/mutants.py, holds each challenge to its verdicts:
the fault left in, a wrong cause, a fix that changes the data, the model or the steps; in
CPython by tests/test_check.py and in the page by tests/test_exercises_page.py.)
"""

import ast
import contextlib
import importlib
import io
import re
from pathlib import Path

import pytest

from micrograd.check import EXERCISES, check_source
from micrograd.check.challenge import (
    CAUSES,
    MONITORED,
    QUESTIONS,
    TARGET_ACCURACY,
    TARGET_LOSS,
    answered,
)
from micrograd.check.concepts import CONCEPTS
from tests.web_node import node

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "exercises" / "diagnosis.md"
CHALLENGES = [name for name, e in EXERCISES.items() if "CAUSE" in e.names]


def challenge(name):
    return importlib.import_module(f"micrograd.check.exercises.{name}").CHALLENGE


def run(code):
    """The names a script leaves, run quietly."""
    namespace = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "<run>", "exec"), namespace)
    return namespace


def code_of(path):
    """A file's code, after its docstring."""
    return re.sub(r'\A""".*?"""\n\n', "", path.read_text(encoding="utf-8"), flags=re.S)


def test_there_are_six_challenges_one_per_cause():
    assert sorted(challenge(n).cause for n in CHALLENGES) == sorted(CAUSES)
    assert set(QUESTIONS) == set(CAUSES) <= set(CONCEPTS)


@pytest.mark.parametrize("name", CHALLENGES)
def test_the_files_are_the_specs_runs(name):
    """The starter is the broken run, the correct case file the fixed one, and the page
    draws the panels of the starter's run."""
    ch = challenge(name)
    assert code_of(ROOT / "docs" / "exercises" / "starters" / f"{name}.py") == ch.broken
    assert code_of(ROOT / "tests" / "check_cases" / name / "correct.py") == ch.fixed
    fences = re.findall(r"```python exec[^\n]*\n(.*?)```", PAGE.read_text(), re.S)
    assert any(f.startswith(ch.broken) for f in fences), f"{name}: no cell of its run"


@pytest.mark.parametrize("name", CHALLENGES)
def test_the_fault_shows_as_its_cause_says(name):
    """The monitor names a fault of its own first; the one it cannot see leaves every
    instrument clean and the accuracy near chance. The fix reaches the target with margin."""
    ch = challenge(name)
    broken, fixed = run(ch.broken), run(ch.fixed)
    found = [f.concept for f in broken["monitor"].diagnose()]
    if ch.cause in MONITORED:
        assert found[:1] == [ch.cause], found
    else:
        assert found == [] and broken["accuracy"] <= 0.6
    assert fixed["monitor"].diagnose() == []
    assert fixed["loss"].data <= TARGET_LOSS * 0.9
    assert fixed["accuracy"] >= TARGET_ACCURACY + 0.05


@pytest.mark.parametrize("name", CHALLENGES)
def test_a_wrong_cause_is_asked_about_never_answered(name):
    """A wrong choice gets the question about its own instrument, then the challenge's
    pointer to the instrument that tells; the report names neither the cause nor the
    expected value (each challenge tries the next cause in the
    list, so every question is asked once)."""
    ch = challenge(name)
    other = CAUSES[(CAUSES.index(ch.cause) + 1) % len(CAUSES)]
    result = check_source(name, answered(ch.broken, other), filename=f"{name}.py")
    assert result["concepts"] == ["diagnosis"], result["report"]
    said = " ".join(result["report"].split())
    assert QUESTIONS[other].split(".")[0] in said
    (wrong,) = [w for w in ch.exercise.checks[0].wrong if w.world == {"CAUSE": other}]
    look = wrong.found.removeprefix(QUESTIONS[other]).strip()
    assert look.startswith("Now look at ") and look in said
    assert ch.cause not in result["report"] and "Expected" not in result["report"]


# --- the cause chosen in the page (web/cause.js) -------------------------------------------

# Ways a reader's file may set CAUSE, each added to the end of a challenge's starter.
SET_AGAIN = {
    "a second line": 'CAUSE = "lr-too-low"',
    "single quotes and a comment": "CAUSE = 'wrong-labels'  # the labels, I think",
    "in parentheses, over three lines": 'CAUSE = (\n    "dead-relu"\n)',
    "a raw string": 'CAUSE = r"lr-too-high"',
    "a triple-quoted string": 'CAUSE = """lr-too-low"""',
    "in a string, at column 0": 'NOTE = """\nCAUSE = "dead-relu"\n"""',
    "in a block that does not run": 'if False:\n    CAUSE = "lr-too-high"',
    "a comparison, not a setting": 'CAUSE == "dead-relu"',
    "in a comment": '# CAUSE = "dead-relu"',
}


def _cause_as_python_has_it(text):
    """CAUSE once ``text`` has run, for files that set it only at the top, to strings; and
    the lines (1-based, first and last) of the statement that set it (None: none did)."""
    cause, where = "", None
    for statement in ast.parse(text).body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "CAUSE" for t in statement.targets
        ):
            cause = ast.literal_eval(statement.value)
            where = (statement.lineno, statement.end_lineno)
    return cause, where


def _cause_files():
    files = []
    for name in CHALLENGES:
        starter = (ROOT / "docs" / "exercises" / "starters" / f"{name}.py").read_text()
        files += [starter, answered(starter, CAUSES[0])]
        files += [f"{starter}\n{line}\n" for line in SET_AGAIN.values()]
        files.append(re.sub(r"(?m)^CAUSE = .*\n", "", starter))  # no CAUSE line
    return files


def test_the_cause_the_page_reads_and_writes_is_the_one_python_runs_with():
    """The page's choice above the editor reads the CAUSE that Python will have once the
    file has run, and choosing a cause makes Python have it, changing that line only."""
    files = _cause_files()
    got = node(
        "cause.js",
        "const out = given.files.map((text) => [s.namedCause(text),"
        " given.causes.map((id) => s.withCause(text, id))]);\n"
        "console.log(JSON.stringify(out));",
        {"files": files, "causes": list(CAUSES)},
    )
    assert len(got) == len(files) == len(CHALLENGES) * (3 + len(SET_AGAIN))
    for text, (named, written) in zip(files, got, strict=True):
        cause, where = _cause_as_python_has_it(text)
        assert named == cause, text[-80:]
        lines = text.split("\n")
        for chosen, new in zip(CAUSES, written, strict=True):
            assert _cause_as_python_has_it(new)[0] == chosen, new[-80:]
            if where is None:  # the line is added at the top
                assert new == f'CAUSE = "{chosen}"\n{text}'
                continue
            first, last = where
            new_lines = new.split("\n")
            after = len(lines) - last
            assert new_lines[: first - 1] == lines[: first - 1]  # only that statement
            assert new_lines[len(new_lines) - after :] == lines[last:]
