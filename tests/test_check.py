"""The exercise checker, ``python -m micrograd.check``, on a mutation suite.

``tests/check_cases/<exercise>/correct.py`` is a correct solution, and
``tests/check_cases/mutants.py`` makes each classic mistake from it with a few text edits,
written into a temporary folder for the checker to run. The checker must pass the correct
files (exit 0), find each mistake under the right concept id (exit 1), report unloadable files
(exit 2), never crash on the learner's exceptions or endless loops, and never print solution
code.
"""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import micrograd.check
from micrograd.check import Report, check_file
from tests.check_cases import mutants
from tests.check_cases.mutants import MUTANTS, EditError, Mutant

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "check_cases"
STARTERS = ROOT / "docs" / "exercises" / "starters"
EXERCISES = ["value", "neuron", "mlp", "loss", "train"]

# Each mistake is made from its exercise's correct.py by a few text edits (see mutants.py)
# and written into the test's temporary folder. The endless loop has a test of its own.
ENDLESS = ("value", "infinite_loop")
# (exercise, mutant, concept id the first diagnosis must name)
MISTAKES = [(e, n, m.concept) for (e, n), m in MUTANTS.items() if (e, n) != ENDLESS]


def run_cli(exercise, path, *args, timeout=5, env=None):
    """Run the checker's command line; return (exit status, output)."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "micrograd.check",
            exercise,
            str(path),
            "--timeout",
            str(timeout),
            *args,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
    )
    return proc.returncode, proc.stdout + proc.stderr


def concepts(output):
    """The concept ids of the ✗ blocks of a report."""
    return re.findall(r"^  ✗ \[([^\]]+)\]", output, re.M)


def solution_lines(exercise):
    """The lines of code of the correct solution that say how it is done."""
    lines = set()
    for line in (CASES / exercise / "correct.py").read_text().splitlines():
        line = line.strip()
        if len(line) < 12 or line.startswith(
            ("#", "def ", "class ", '"""', "import ", "from ")
        ):
            continue
        if any(token in line for token in ("=", "return", "(")):
            lines.add(line)
    return lines


def assert_no_solution(exercise, output):
    """No line of the solution appears in the report, apart from the learner's own lines
    quoted under "Error:" (the line that raised)."""
    quoted, kept = False, []
    for line in output.splitlines():
        if quoted and line.startswith(" " * 20):
            quoted = False
            continue
        quoted = "Error:" in line
        kept.append(line)
    text = "\n".join(kept)
    leaked = [line for line in solution_lines(exercise) if line in text]
    assert not leaked, f"solution code in the report: {leaked}"


def test_case_folders_hold_only_the_correct_solutions():
    """The mistakes live in mutants.py, not as copies of correct.py that could drift."""
    on_disk = sorted(p.relative_to(CASES).as_posix() for p in CASES.glob("*/*.py"))
    assert on_disk == sorted(f"{e}/correct.py" for e in EXERCISES)
    assert {e for e, _ in MUTANTS} == set(EXERCISES)


def test_every_mutant_changes_its_correct_solution():
    """Each edit of each mutant applies to exactly one place (or source() raises) and changes
    the code: a mutant equal to correct.py, apart from its docstring, could never fail."""
    problems = []
    for (exercise, name), mutant in MUTANTS.items():
        correct = (CASES / exercise / "correct.py").read_text(encoding="utf-8")
        try:
            source = mutants.source(exercise, name)
        except EditError as error:
            problems.append(str(error))
            continue
        code = correct
        for old, new in mutant.edits:
            if old == new:
                problems.append(f"{exercise}/{name}: an edit that changes nothing")
            code = mutants.apply(code, old, new)
        if code == correct:
            problems.append(f"{exercise}/{name}: the edits leave correct.py as it is")
        if f'"""Mistake: {mutant.why}."""' not in source:
            problems.append(
                f"{exercise}/{name}: the docstring does not name the mistake"
            )
        compile(source, f"{exercise}/{name}.py", "exec")
    assert not problems, "\n".join(problems)


def test_an_edit_that_does_not_apply_raises(monkeypatch, tmp_path):
    for old, message in [
        ("no such line in correct.py", "not found"),
        ("        out._backward = _backward\n", "found more than once"),
        ("", "not found"),
    ]:
        monkeypatch.setitem(
            MUTANTS, ("value", "_broken"), Mutant("error", "broken", [(old, "")])
        )
        with pytest.raises(EditError, match=f"value/_broken, edits\\[0\\]: {message}"):
            mutants.write("value", "_broken", tmp_path)
    assert not (tmp_path / "value" / "_broken.py").exists()


@pytest.mark.parametrize("exercise", EXERCISES)
def test_correct_solution_passes(exercise):
    status, output = run_cli(exercise, CASES / exercise / "correct.py")
    assert status == 0, output
    assert "✓" in output and "✗" not in output
    assert "Well done" in output
    assert_no_solution(exercise, output)


@pytest.mark.parametrize(
    ("exercise", "case", "concept"), MISTAKES, ids=[f"{e}/{c}" for e, c, _ in MISTAKES]
)
def test_mistake_is_diagnosed(exercise, case, concept, tmp_path):
    status, output = run_cli(exercise, mutants.write(exercise, case, tmp_path))
    assert status == 1, output
    found = concepts(output)
    assert found, output
    assert found[0] == concept, output  # the first diagnosis names the concept
    for label in ("Example:", "You got:" if concept != "error" else "Error:", "Hint:"):
        assert label in output, output
    assert "Traceback" not in output, output
    assert_no_solution(exercise, output)


def test_the_learners_exception_is_quoted_concisely(tmp_path):
    status, output = run_cli("value", mutants.write("value", "raises", tmp_path))
    assert status == 1
    assert "raises.py, line" in output
    assert "AttributeError: 'Value' object has no attribute 'dat'" in output
    assert "c = a * b; c.backward()" in output  # the example that was running


def test_endless_loop_is_stopped_and_reported(tmp_path):
    path = mutants.write(*ENDLESS, tmp_path)
    status, output = run_cli("value", path, timeout=1.5)
    assert status == 1, output
    assert concepts(output) == ["timeout"] == [MUTANTS[ENDLESS].concept], output
    assert "did not finish within 1.5 seconds" in output
    assert "c.backward()" in output  # the example that was running
    assert_no_solution("value", output)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_untouched_starter_says_where_to_start(exercise):
    starter = STARTERS / f"{exercise}.py"
    text = starter.read_text()
    assert f"python -m micrograd.check {exercise} {exercise}.py" in text
    assert "NotImplementedError" in text
    status, output = run_cli(exercise, starter)
    assert status == 1, output
    assert "Not implemented yet: start with" in output
    assert concepts(output) == ["not-implemented"], output


# What a starter gives away on purpose: the value starter's __init__ and __repr__, and the
# list the training loop fills.
SCAFFOLD = {
    'def __init__(self, data, _children=(), _op=""):',
    "self.data = data",
    "self.grad = 0.0",
    "self._backward = lambda: None",
    "self._prev = set(_children)",
    "self._op = _op",
    'return f"Value(data={self.data}, grad={self.grad})"',
    "losses = []",
    "return losses",
}


@pytest.mark.parametrize("exercise", EXERCISES)
def test_starters_hold_no_solution(exercise):
    text = (STARTERS / f"{exercise}.py").read_text()
    leaked = [line for line in solution_lines(exercise) - SCAFFOLD if line in text]
    assert not leaked, leaked


UNLOADABLE = {
    "syntax_error": (
        "class Value:\n    def __init__(self, data)\n        self.data = data\n",
        "syntax error on line 2",
    ),
    "import_error": (
        "import no_such_module_for_the_checker\n\nclass Value:\n    pass\n",
        "ModuleNotFoundError: No module named 'no_such_module_for_the_checker'",
    ),
    "raises_on_import": ("raise RuntimeError('boom')\n", "RuntimeError: boom"),
    "no_class": ("class Valeu:\n    pass\n", "defines no class named Value"),
    "not_a_class": (
        "def Value(x):\n    return x\n",
        "defines Value, but as a function, not a class",
    ),
}


@pytest.mark.parametrize("case", sorted(UNLOADABLE))
def test_unloadable_file_exits_2(case, tmp_path):
    source, message = UNLOADABLE[case]
    path = tmp_path / "value.py"
    path.write_text(source)
    status, output = run_cli("value", path)
    assert status == 2, output
    assert message in output, output
    assert "[cannot-load]" in output
    assert "Traceback" not in output


def test_missing_file_and_bad_arguments_exit_2(tmp_path):
    status, output = run_cli("value", tmp_path / "nowhere.py")
    assert status == 2 and "there is no file" in output
    status, output = run_cli("values", CASES / "value" / "correct.py")
    assert status == 2 and "invalid choice" in output


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
    assert "l2_penalty: not defined (optional)" in output


def test_the_learners_prints_do_not_disturb_the_checker(tmp_path):
    source = (CASES / "value" / "correct.py").read_text()
    source = source.replace(
        "        build_topo(self)\n",
        "        print('walking the graph', topo)\n        build_topo(self)\n",
    )
    path = tmp_path / "value.py"
    path.write_text("print('hello from the learner')\n" + source)
    status, output = run_cli("value", path)
    assert status == 0, output
    assert "hello" not in output and "walking" not in output


def test_the_course_value_is_not_an_answer(tmp_path):
    path = tmp_path / "value.py"
    path.write_text("from micrograd.engine import Value\n")
    status, output = run_cli("value", path)
    assert status == 1 and concepts(output) == ["own-value"], output


def test_output_without_unicode(tmp_path):
    status, output = run_cli(
        "value",
        mutants.write("value", "plus_assign", tmp_path),
        env={"PYTHONIOENCODING": "ascii"},
    )
    assert status == 1
    assert "OK " in output and "X  [grad-accumulation]" in output
    assert "✓" not in output and "✗" not in output


# --- the Python API -------------------------------------------------------------------------


def load(exercise, case, directory=None):
    """The module of a correct solution, or of a mutant written into ``directory``."""
    if case == "correct":
        path = CASES / exercise / "correct.py"
    else:
        path = mutants.write(exercise, case, directory)
    spec = importlib.util.spec_from_file_location(f"_case_{exercise}_{case}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_returns_and_prints_a_report(capsys, tmp_path):
    report = micrograd.check.value(load("value", "plus_assign", tmp_path).Value)
    printed = capsys.readouterr().out
    assert isinstance(report, Report)
    assert not report.ok and report.exit_code == 1
    assert report.concepts == ["grad-accumulation"]
    assert report.problems[0].example == "a = Value(2.0); b = a * a; b.backward()"
    assert printed.strip() == str(report).strip()
    assert "[grad-accumulation]" in "\n".join(report.messages)
    assert_no_solution("value", printed)


def test_api_passes_correct_solutions(capsys):
    assert micrograd.check.value(load("value", "correct").Value, quiet=True).ok
    assert micrograd.check.neuron(load("neuron", "correct").Neuron, quiet=True).ok
    m = load("mlp", "correct")
    assert micrograd.check.mlp(m.Layer, m.MLP, quiet=True).ok
    m = load("loss", "correct")
    assert micrograd.check.loss(m.hinge_loss, m.l2_penalty, quiet=True).ok
    assert micrograd.check.loss(
        m.hinge_loss, quiet=True
    ).ok  # l2_penalty is optional here
    assert micrograd.check.train(load("train", "correct").train, quiet=True).ok
    assert capsys.readouterr().out == ""


def test_api_finds_mistakes_of_each_exercise(tmp_path):
    m = load("train", "no_zero_grad", tmp_path)
    assert micrograd.check.train(m.train, quiet=True).concepts == ["zero-grad"]
    m = load("loss", "wrong_sign", tmp_path)
    assert micrograd.check.loss(m.hinge_loss, m.l2_penalty, quiet=True).concepts == [
        "loss-sign"
    ]
    m = load("mlp", "last_layer_relu", tmp_path)
    assert micrograd.check.mlp(m.Layer, m.MLP, quiet=True).concepts == [
        "last-layer-linear"
    ]
    m = load("neuron", "no_bias", tmp_path)
    assert micrograd.check.neuron(m.Neuron, quiet=True).concepts == ["neuron-bias"]


def test_api_stops_an_endless_loop(tmp_path):
    report = micrograd.check.value(
        load(*ENDLESS, tmp_path).Value, timeout=0.5, quiet=True
    )
    assert report.concepts == ["timeout"]


def test_api_check_file_and_report_round_trip(tmp_path):
    report = check_file(
        "value", str(mutants.write("value", "tanh_derivative", tmp_path))
    )
    assert report.exit_code == 1 and report.concepts == ["local-derivative:tanh"]
    again = Report.from_dict(report.to_dict())
    assert str(again) == str(report)
    assert check_file("value", "no/such/file.py").exit_code == 2
