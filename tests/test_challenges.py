"""The diagnosis challenges: each run's fault is what its cause says, the files agree with
the spec, and a report never gives the cause away.

(The mutation suite, tests/check_cases/mutants.py, holds each challenge to its verdicts:
the fault left in, a wrong cause, a fix that changes the data, the model or the steps; in
CPython by tests/test_check.py and in the page by tests/test_exercises_page.py.)
"""

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
