"""The exercise checker, ``python -m micrograd.check``, on its mutation suite.

``tests/check_cases/<exercise>/correct.py`` is a correct solution (``value`` has a second
one, ``closures.py``, in the other design), and ``tests/check_cases/mutants.py`` makes each
classic mistake from one with a few text edits. The checker must pass the correct files
(exit 0), name each mistake's concept first (exit 1), report unloadable files (exit 2),
and never print solution code. The page's entry point, ``check_source``, must give exactly
what the command line gives: both make their report from what the examples showed, the
command line in a worker process, the page in its own Python. That is tested on every
correct file, every file of the exercises that check in a moment, and the first mistake of
each exercise that trains a network (seconds a file, twice over: the mistakes of those are
diagnosed from the page's verdict). Verdicts on the suite come from
``tests/check_cases/checked.py``, which checks each file once per test run.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from micrograd.check import EXERCISES
from micrograd.check.concepts import SITE
from tests.check_cases import checked, mutants
from tests.check_cases.checked import ENDLESS, concepts, run_cli, run_main
from tests.check_cases.leaks import (
    SCAFFOLD,
    STARTERS,
    assert_no_solution,
    solution_lines,
)
from tests.check_cases.mutants import MUTANTS, EditError, Mutant

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "check_cases"
CORRECT = sorted(p.relative_to(CASES) for p in CASES.glob("*/*.py"))
MISTAKES = [(e, n, m.concept) for (e, n), m in MUTANTS.items() if (e, n) != ENDLESS]
QUICK = 10.0  # seconds: the time limit of an exercise that trains no network
FIRST = {e: n for e, n, _ in reversed(MISTAKES)}  # each exercise's first mistake
AGREE = [
    (e, n) for e, n, _ in MISTAKES if EXERCISES[e].seconds <= QUICK or FIRST[e] == n
]


@pytest.fixture(autouse=True)
def private_history(tmp_path, monkeypatch):
    """Every command line of these tests keeps its history in the test's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_every_case_file_is_the_base_of_a_mutant():
    """(Every exercise's own pieces: tests/test_check_concepts.py, missing_pieces.)"""
    bases = {Path(e, f"{m.base}.py") for (e, _), m in MUTANTS.items()}
    bases |= {Path(e, "correct.py") for e in EXERCISES}
    assert set(CORRECT) == bases, "a case file that no mutant uses, or a missing one"


def test_every_mutant_changes_its_solution():
    """Each edit applies to exactly one place (or source() raises) and changes the code."""
    problems = []
    for (exercise, name), mutant in MUTANTS.items():
        base = (CASES / exercise / f"{mutant.base}.py").read_text(encoding="utf-8")
        try:
            source = mutants.source(exercise, name)
        except EditError as error:
            problems.append(str(error))
            continue
        code = base
        for old, new in mutant.edits:
            if old == new:
                problems.append(f"{exercise}/{name}: an edit that changes nothing")
            code = mutants.apply(code, old, new)
        if code == base:
            problems.append(f"{exercise}/{name}: the edits leave the solution as it is")
        if f'"""Mistake: {mutant.why}."""' not in source:
            problems.append(
                f"{exercise}/{name}: the docstring does not name the mistake"
            )
        compile(source, f"{exercise}/{name}.py", "exec")
    assert not problems, "\n".join(problems)


def test_an_edit_that_does_not_apply_raises(monkeypatch, tmp_path):
    for old, message in [
        ("no such line in correct.py", "not found"),
        ("        self.grad = 0.5\n", "not found"),
        ("(self, other)", "found more than once"),
        ("", "not found"),
    ]:
        mutant = Mutant("error", "broken", [(old, "")])
        monkeypatch.setitem(MUTANTS, ("value", "_broken"), mutant)
        with pytest.raises(EditError, match=f"value/_broken, edits\\[0\\]: {message}"):
            mutants.write("value", "_broken", tmp_path)
    assert not (tmp_path / "value" / "_broken.py").exists()


def assert_page_agrees(exercise, name, status, output):
    """The page's entry point gives the command line's exit code, concepts and text."""
    found = checked.page(exercise, name)
    assert found["exit"] == status
    assert found["concepts"] == list(dict.fromkeys(concepts(output))) + (
        ["not-implemented"] if "[not-implemented]" in output else []
    )
    assert found["report"] == output.rstrip("\n")


@pytest.mark.parametrize("case", CORRECT, ids=str)
def test_correct_solution_passes(case):
    exercise, name = case.parts[0], case.stem
    status, output = checked.command_line(exercise, name)
    assert status == 0, output
    assert "✓" in output and "✗" not in output
    assert "Well done" in output
    compare = output.split('under "Compare after you pass":\n')[1].split("\n\n")[0]
    assert compare.split() == [SITE + path for path in EXERCISES[exercise].compare]
    assert_no_solution(exercise, output)
    assert_page_agrees(exercise, name, status, output)


@pytest.mark.parametrize(
    ("exercise", "case", "concept"), MISTAKES, ids=[f"{e}/{c}" for e, c, _ in MISTAKES]
)
def test_mistake_is_diagnosed(exercise, case, concept):
    found = checked.page(exercise, case)
    status, output = found["exit"], found["report"]
    assert status == 1, output
    assert concepts(output)[:1] == [concept], output  # the first diagnosis names it
    then = MUTANTS[exercise, case].then
    if then is not None:  # and nothing else, or only what it lists
        assert list(dict.fromkeys(concepts(output)))[1:] == list(then), output
    labels = ["Example:", "Error:" if concept == "error" else "You got:", "Hint 1/"]
    if concept in ("own-code", "diagnosis"):  # a diagnosis's answer is never shown
        labels = ["Found:", "Hint 1/"]
    for label in labels:
        assert label in output, output
    assert "Lesson:    https://" in output
    assert "Traceback" not in output, output
    assert "Compare after you pass" not in output  # the course's version: after a pass
    assert_no_solution(exercise, output)


@pytest.mark.parametrize(
    ("exercise", "case"), AGREE, ids=[f"{e}/{c}" for e, c in AGREE]
)
def test_the_command_line_reports_what_the_page_reports(exercise, case):
    assert_page_agrees(exercise, case, *checked.command_line(exercise, case))


def test_endless_loop_is_stopped_and_reported(tmp_path):
    path = mutants.write(*ENDLESS, tmp_path)
    status, output = run_cli("value", path, "--timeout", "1.5")
    assert status == 1, output
    assert concepts(output) == ["timeout"] == [MUTANTS[ENDLESS].concept], output
    assert "did not finish within 1.5 seconds" in output
    assert "a.backward()" in output  # the example that was running
    assert_no_solution("value", output)


@pytest.mark.parametrize("exercise", list(EXERCISES))
def test_untouched_starter_says_where_to_start(exercise):
    text = (STARTERS / f"{exercise}.py").read_text()
    assert f"python -m micrograd.check {exercise} {exercise}.py" in text
    status, output = run_cli(exercise, STARTERS / f"{exercise}.py")
    assert status == 1, output
    if (
        "CAUSE" in EXERCISES[exercise].names
    ):  # a diagnosis challenge: name the cause first
        assert 'CAUSE is still ""' in output
        assert concepts(output) == ["diagnosis"], output
        return
    assert "NotImplementedError" in text
    assert "Not implemented yet: start with" in output
    assert concepts(output) == ["not-implemented"], output


@pytest.mark.parametrize("exercise", list(EXERCISES))
def test_starters_hold_no_solution(exercise):
    text = (STARTERS / f"{exercise}.py").read_text()
    leaked = [line for line in solution_lines(exercise) - SCAFFOLD if line in text]
    assert not leaked, leaked


def test_the_steps_of_training_come_in_one_order_everywhere():
    """forward (scores, loss), zero_grad, backward, update: in the starter, the solution
    and the checker's hints."""
    starter = (STARTERS / "train.py").read_text()
    assert "forward pass" in starter and starter.index("zero_grad") < starter.index(
        "backward, and the update"
    )
    code = (CASES / "train" / "correct.py").read_text()
    steps = ["scores = ", "loss = ", "zero_grad()", "backward()", "p.data -="]
    assert [code.index(s) for s in steps] == sorted(code.index(s) for s in steps)
    from micrograd.check.concepts import CONCEPTS

    for concept in ("zero-grad", "update-order", "training-loop"):
        rule = CONCEPTS[concept].hints[-1]
        words = ["orward", "zero_grad", "backward", "update"]
        assert [rule.index(w) for w in words] == sorted(rule.index(w) for w in words)


# Each: the file, what the report says, the line of the file it points to.
UNLOADABLE = {
    "syntax_error": (
        "class Value:\n    def __init__(self, data)\n        self.data = data\n",
        "syntax error on line 2",
        2,
    ),
    "invisible_space": (
        "class Value:\n    pass\n\nx = 1\u00a0+ 2\n",
        "syntax error on line 4",
        4,
    ),
    "import_error": (
        "import no_such_module_for_the_checker\n\nclass Value:\n    pass\n",
        "ModuleNotFoundError: No module named 'no_such_module_for_the_checker'",
        1,
    ),
    "raises_on_import": (
        "x = 1\n\ndef boom():\n    raise RuntimeError('boom')\n\nboom()\n",
        "RuntimeError: boom",
        4,
    ),
    "no_class": ("class Valeu:\n    pass\n", "defines no class named Value", None),
    "not_a_class": (
        "def Value(x):\n    return x\n",
        "defines Value, but as a function, not a class",
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(UNLOADABLE))
def test_unloadable_file_exits_2(case, tmp_path):
    source, message, _ = UNLOADABLE[case]
    path = tmp_path / "value.py"
    path.write_text(source, encoding="utf-8")
    status, output = run_cli("value", path)
    assert status == 2, output
    assert message in output, output
    assert "[cannot-load]" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("case", sorted(UNLOADABLE))
def test_a_file_that_cannot_load_points_to_its_line(case):
    """The line the page marks in the editor: where Python stopped, as the report says."""
    from micrograd.check import check_source

    source, _, line = UNLOADABLE[case]
    found = check_source("value", source)
    assert [item["line"] for item in found["items"]] == [line]
    assert found["line"] == line
    if line is not None:
        assert f"line {line}" in found["report"]


def test_the_line_the_page_marks_is_the_first_crosss():
    """The report says to fix the first ✗: the page marks its line, or none when it has
    none, never a later mistake's."""
    from micrograd.check.hosts import result
    from micrograd.check.report import Item, Report

    first = Item("fail", "a + a", concept="grad-accumulation")
    later = Item("fail", "a * b", concept="error", line=7)
    assert result(Report("value", "value.py", [first, later]))["line"] is None
    assert result(Report("value", "value.py", [later, first]))["line"] == 7
    assert result(Report("value", "value.py", [Item("pass", "a")]))["line"] is None


def test_the_workers_python_imports_only_the_half_that_observes():
    """The command line starts a worker per check, which imports micrograd.check.observe
    and none of the checker's other modules: the package makes its API on first use."""
    code = (
        "import sys, micrograd.check.worker; "
        "print(sorted(m for m in sys.modules if m.startswith('micrograd')))"
    )
    out = subprocess.run(
        [sys.executable, "-P", "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == [
        "['micrograd',",
        "'micrograd.check',",
        "'micrograd.check.observe',",
        "'micrograd.check.worker',",
        "'micrograd.engine']",
    ]


def test_the_api_is_made_on_first_use_with_a_checker_per_exercise():
    import micrograd.check as api

    names = ["EXERCISES", "Report", "check_file", "check_objects", "check_source"]
    assert api.__all__ == [*names, "tutor_prompt", *EXERCISES]
    assert set(api.__all__) <= set(dir(api))
    assert [getattr(api, e).__name__ for e in EXERCISES] == list(EXERCISES)
    assert not hasattr(api, "nope")


def test_missing_file_and_bad_arguments_exit_2(tmp_path):
    status, output = run_cli("value", tmp_path / "nowhere.py")
    assert status == 2 and "there is no file" in output
    status, output = run_cli("values", CASES / "value" / "correct.py")
    assert status == 2 and "invalid choice: 'values'" in output
    for bad in ("nan", "inf", "-1", "0", "soon"):
        status, output = run_cli(
            "value", CASES / "value" / "correct.py", "--timeout", bad
        )
        assert status == 2 and "--timeout must be a" in output, output
    status, output = run_cli("value", CASES / "value" / "correct.py", "--hint", "0")
    assert status == 2 and "--hint must be 1 or more" in output


def test_missing_function_exits_2(tmp_path):
    path = tmp_path / "train.py"
    path.write_text("def fit(model, X, y, steps, lr):\n    return []\n")
    status, output = run_cli("train", path)
    assert status == 2
    assert "train.py defines no function named train" in output


def test_l2_penalty_is_optional(tmp_path):
    source = (CASES / "loss" / "correct.py").read_text()
    path = tmp_path / "loss.py"
    path.write_text(source[: source.index("def l2_penalty")])
    status, output = run_cli("loss", path)
    assert status == 0, output
    assert (
        "l2_penalty: alpha times the sum of squares, and its gradient: not written"
        in output
    )


def test_hints_come_in_levels(tmp_path):
    path = mutants.write("value", "plus_assign", tmp_path)
    from micrograd.check.concepts import CONCEPTS

    hints = CONCEPTS["grad-accumulation"].hints
    for level in (1, 2, 3):
        status, output = run_cli("value", path, "--hint", str(level))
        assert status == 1
        assert f"Hint {level}/3:" in output
        shown = " ".join(output.split())
        assert " ".join(hints[level - 1].split()) in shown
        assert (
            ("--hint " + str(level + 1)) in output
            if level < 3
            else "--hint" not in output
        )


def test_the_learners_prints_are_shown_under_their_check(tmp_path):
    source = (CASES / "value" / "correct.py").read_text()
    source = source.replace(
        "        build_topo(self)\n",
        "        print('walking the graph from', self.data)\n        build_topo(self)\n",
    )
    path = tmp_path / "value.py"
    path.write_text("print('hello from the learner')\n" + source)
    status, output = run_cli("value", path)
    assert status == 0, output
    assert "  Printed while loading:\n      hello from the learner\n" in output
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if "✓ backward() starts" in line)
    assert "Printed:   walking the graph from 2.0" in lines[at + 1]
    assert "... (more was printed)" in output  # capped: a print in every backward()


def test_output_without_unicode(tmp_path):
    path = mutants.write("value", "plus_assign", tmp_path)
    status, output = run_cli("value", path, env={"PYTHONIOENCODING": "ascii"})
    assert status == 1
    assert "OK " in output and "X  [grad-accumulation]" in output
    assert "✓" not in output and "✗" not in output


def test_history_is_kept_and_forgotten(tmp_path):
    data = tmp_path / "history-home"
    env = {"XDG_DATA_HOME": str(data)}
    run_cli("value", mutants.write("value", "plus_assign", tmp_path), env=env)
    run_cli("loss", mutants.write("loss", "no_mean", tmp_path), env=env)
    from micrograd.check import history

    file = data / "micrograd-course" / "history.json"
    os.environ["XDG_DATA_HOME"] = str(data)
    assert history.path() == file
    entries = history.load()
    assert [(e["concept"], e["exercise"]) for e in entries] == [
        ("grad-accumulation", "value"),
        ("loss-mean", "loss"),
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", e["date"]) for e in entries)
    proc = subprocess.run(
        [sys.executable, "-m", "micrograd.check", "--forget"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    assert proc.returncode == 0 and f"Erased history: {file}" in proc.stdout
    assert not file.exists()


def test_the_python_api_checks_in_process_where_nothing_can_fork(monkeypatch):
    """A web page's Python has os.fork, which fails there: the API checks in process,
    with the same verdict as in a forked child."""
    import micrograd.check
    from micrograd.check import hosts
    from micrograd.engine import Value

    forked = micrograd.check.value(Value, quiet=True)

    def no_fork():
        raise OSError(52, "Function not implemented")

    monkeypatch.setattr(hosts, "_CAN_FORK", False)
    monkeypatch.setattr(os, "fork", no_fork)
    here = micrograd.check.value(Value, quiet=True)
    assert forked.concepts == ["own-code"]
    assert (here.exit_code, here.concepts, str(here)) == (
        forked.exit_code,
        forked.concepts,
        str(forked),
    )


@pytest.mark.parametrize(
    ("exercise", "name", "args"),
    [
        ("value", "plus_assign", ()),
        ("mystery_leap", "correct", ()),
        ("value", "plus_assign", ("--json",)),
        ("value", "plus_assign", ("--hint", "0")),
    ],
)
def test_main_in_this_process_prints_what_the_command_line_prints(
    exercise, name, args, tmp_path
):
    """The suite's verdicts come from main() in the test's process (checked.py)."""
    path = tmp_path / f"{exercise}.py"
    path.write_text(checked.source(exercise, name), encoding="utf-8")
    status, output = run_cli(exercise, path, *args)
    assert output and status in (0, 1, 2)
    assert run_main(exercise, path, *args) == (status, output)


def test_json_is_the_report_as_data():
    """``--json``: what check_source returns, the report's text rendered from its data."""
    import json

    from micrograd.check.report import render

    status, output = checked.command_line("value", "plus_assign", "--json")
    data = json.loads(output)
    assert status == 1 and data == checked.page("value", "plus_assign")
    assert data["report"] == render(data)
    assert data["summary"] == data["report"].split("\n\n")[-1].replace("\n", " ")
    fail = next(item for item in data["items"] if item["kind"] == "fail")
    assert fail["concept"] == "grad-accumulation" == data["problems"][0]["concept"]
    assert fail["lesson"] == "02-value/backpropagation/#what-each-broken-rule-does"
    assert fail["hint"] == {
        "level": 1,
        "levels": 3,
        "text": data["problems"][0]["hints"][0],
    }
    assert [row["label"] for row in fail["rows"]][:2] == ["Checked:", "Example:"]
    assert data["line"] is fail["line"] is data["problems"][0]["line"] is None
    raised = json.loads(checked.command_line("value", "raises", "--json")[1])
    line = raised["problems"][0]["line"]
    assert (
        raised["line"] == line
        and "self.dat)" in checked.source("value", "raises").split("\n")[line - 1]
    )
    assert data["next_hint"] == 2 and data["exit"] == 1 and data["compare"] == []
    status, output = checked.command_line(
        "value", "plus_assign", "--json", "--hint", "3"
    )
    assert json.loads(output)["next_hint"] is None
    passed = json.loads(checked.command_line("value", "correct", "--json")[1])
    assert passed["compare"] == list(EXERCISES["value"].compare) and passed["compare"]
    status, output = checked.command_line(
        "value", "plus_assign", "--json", "--tutor-prompt"
    )
    assert status == 2 and "not allowed with" in output
