"""The tutor prompt: the course's rules, where the learner is, their code, the latest
report and the mistakes they made before; never anything of the course's solutions."""

import json
import os
import subprocess
import sys

import pytest

from micrograd.check import EXERCISES, check_source
from micrograd.check.concepts import CONCEPTS
from micrograd.check.tutor import tutor_prompt
from tests.check_cases import checked, mutants
from tests.check_cases.leaks import SCAFFOLD, STARTERS, solution_lines
from tests.check_cases.mutants import CASES

ALL_SOLUTIONS = set().union(*(solution_lines(e) for e in EXERCISES))
EARLIER = [
    {"concept": "grad-accumulation", "exercise": "value", "date": "2025-03-01"},
    {"concept": "grad-accumulation", "exercise": "train", "date": "2025-03-04"},
    {"concept": "loss-mean", "exercise": "loss", "date": "2025-03-02"},
]


def prompt_for(exercise, name, history=(), hints=None):
    source = checked.source(exercise, name)
    result = checked.page(exercise, name)
    return source, tutor_prompt(exercise, source, result, history, hints)


def without_code(prompt, source):
    assert prompt.count(source.rstrip()) == 1
    return prompt.replace(source.rstrip(), "")


def test_the_prompt_holds_the_rules_the_code_and_the_concept():
    source, prompt = prompt_for("value", "plus_assign")
    assert "Never give me the solution or complete code" in prompt
    assert "Guide me with questions" in prompt and "Warn me ahead" in prompt
    assert f"```python\n{source.rstrip()}\n```" in prompt
    assert "[grad-accumulation]" in prompt  # the latest report
    assert "backpropagation/" in prompt  # the lessons
    assert "Nothing yet" in prompt  # no history


def test_earlier_mistakes_are_listed_to_watch_for():
    _, prompt = prompt_for("train", "no_zero_grad", EARLIER)
    watch = prompt.split("## What to watch for")[1]
    first, second = watch.index("`grad-accumulation`"), watch.index("`loss-mean`")
    assert first < second  # the most frequent first
    assert "twice, in the value and train exercises, last on 2025-03-04." in watch
    assert "once, in the loss exercise, last on 2025-03-02." in watch


def test_a_past_mistake_gets_its_title_and_first_hint_never_the_rule():
    _, prompt = prompt_for("train", "no_zero_grad", EARLIER)
    watch = prompt.split("## What to watch for")[1]
    accumulation = CONCEPTS["grad-accumulation"].hints
    assert "a value used twice collects both gradients" in watch
    assert f"Hint 1: {accumulation[0]}" in watch
    assert accumulation[1] not in watch and accumulation[-1] not in watch
    _, opened = prompt_for("train", "no_zero_grad", EARLIER, {"grad-accumulation": 2})
    watch = opened.split("## What to watch for")[1]
    assert f"Hint 2: {accumulation[1]}" in watch  # opened: the tutor goes on from it
    assert accumulation[-1] not in watch


def test_the_prompt_lists_the_hints_opened_and_not_the_command_lines_advice():
    _, prompt = prompt_for("value", "plus_assign", (), {"grad-accumulation": 2})
    report = prompt.split("## The checker's latest report")[1].split("## The hints")[0]
    assert "[grad-accumulation]" in report
    assert "--hint" not in prompt and "Hint 1/3" not in report
    hints = CONCEPTS["grad-accumulation"].hints
    opened = prompt.split("## The hints I have opened")[1].split("## What to watch")[0]
    assert f"1. {hints[0]}" in opened and f"2. {hints[1]}" in opened
    assert hints[2] not in prompt  # not opened: the rule stays with the tutor
    _, first = prompt_for("value", "plus_assign")
    assert f"1. {hints[0]}" in first and hints[1] not in first
    _, passed = prompt_for("value", "correct")
    assert "None: the latest report names no mistake with hints." in passed


@pytest.mark.parametrize(
    ("exercise", "name"),
    list(mutants.MUTANTS),
    ids=[f"{e}/{n}" for e, n in mutants.MUTANTS],
)
def test_no_solution_line_is_ever_in_a_prompt(exercise, name):
    source, prompt = prompt_for(exercise, name, EARLIER)
    text = without_code(prompt, source)
    assert [line for line in ALL_SOLUTIONS if line in text] == []


@pytest.mark.parametrize("exercise", list(EXERCISES))
def test_a_prompt_for_a_starter_holds_no_solution(exercise):
    source = (STARTERS / f"{exercise}.py").read_text()
    prompt = tutor_prompt(exercise, source, check_source(exercise, source), EARLIER)
    solutions = ALL_SOLUTIONS - SCAFFOLD
    if "CAUSE" in EXERCISES[exercise].names:  # a challenge's starter is another's run
        solutions = solution_lines(exercise)
    assert [line for line in solutions if line in prompt] == []


def test_the_command_line_prints_the_same_prompt(tmp_path):
    data = tmp_path / "data"
    (data / "micrograd-course").mkdir(parents=True)
    (data / "micrograd-course" / "history.json").write_text(json.dumps(EARLIER))
    path = mutants.write("value", "no_reverse", tmp_path)
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "micrograd.check", "value", str(path)]
    proc = subprocess.run(
        command + ["--tutor-prompt"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 1
    source = path.read_text()
    page = tutor_prompt(
        "value", source, check_source("value", source, filename=path.name), EARLIER
    )
    assert proc.stdout == page + "\n"
    assert "`reverse-order`" not in page.split("## What to watch for")[1]
    recorded = json.loads((data / "micrograd-course" / "history.json").read_text())
    assert recorded[-1]["concept"] == "reverse-order"  # remembered for the next prompt
    again = subprocess.run(
        command + ["--tutor-prompt", "--hint", "2"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "`reverse-order`" in again.stdout.split("## What to watch for")[1]
    result = check_source("value", source, filename=path.name)
    page = tutor_prompt("value", source, result, recorded, {"reverse-order": 2})
    assert again.stdout == page + "\n"  # --hint 2: the first two hints seen


def test_the_prompt_takes_plain_data():
    """A page passes its own history and the check's result, as JSON would give them."""
    source = (CASES / "loss" / "correct.py").read_text()
    result = json.loads(json.dumps(check_source("loss", source)))
    history = json.loads(json.dumps(EARLIER))
    assert tutor_prompt("loss", source, result, history) == tutor_prompt(
        "loss", source, check_source("loss", source), EARLIER
    )
