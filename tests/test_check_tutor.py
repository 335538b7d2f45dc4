"""The tutor prompt: the course's rules, where the learner is, their code, the latest
report and the mistakes they made before; never anything of the course's solutions."""

import json
import os
import subprocess
import sys

import pytest

from micrograd.check import EXERCISES, check_source
from micrograd.check.tutor import tutor_prompt
from tests.check_cases import checked, mutants
from tests.test_check import CASES, SCAFFOLD, STARTERS, solution_lines

ALL_SOLUTIONS = set().union(*(solution_lines(e) for e in EXERCISES))
EARLIER = [
    {"concept": "grad-accumulation", "exercise": "value", "date": "2025-03-01"},
    {"concept": "grad-accumulation", "exercise": "train", "date": "2025-03-04"},
    {"concept": "loss-mean", "exercise": "loss", "date": "2025-03-02"},
]


def prompt_for(exercise, name, history=()):
    source = checked.source(exercise, name)
    return source, tutor_prompt(exercise, source, checked.page(exercise, name), history)


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
    assert "2 times (value, train; last 2025-03-04)" in watch
    assert "once (loss; last 2025-03-02)" in watch


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
    assert [line for line in ALL_SOLUTIONS - SCAFFOLD if line in prompt] == []


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
        command + ["--tutor-prompt"], capture_output=True, text=True, env=env
    )
    assert "`reverse-order`" in again.stdout.split("## What to watch for")[1]


def test_the_prompt_takes_plain_data():
    """A page passes its own history and the check's result, as JSON would give them."""
    source = (CASES / "loss" / "correct.py").read_text()
    result = json.loads(json.dumps(check_source("loss", source)))
    history = json.loads(json.dumps(EARLIER))
    assert tutor_prompt("loss", source, result, history) == tutor_prompt(
        "loss", source, check_source("loss", source), EARLIER
    )
