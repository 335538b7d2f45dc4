"""The checker's side in the page (web/python/course_checker.py), under CPython.

In the page a Check is two Pythons: a sandbox that runs the learner's file and only
observes, and a judge that never runs it and makes the report from the sandbox's messages.
Here the sandbox is a child process, as in the page it is a Web Worker of its own; the
page itself (web/checker.js) is tested in headless Chromium by tests/test_checker_page.py.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from micrograd.check import check_source
from micrograd.check.hosts import limits
from tests.check_cases import mutants
from tests.web_python import course_calls
from tests.web_python import course_checker as checker

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "check_cases"

NONCE = "0123456789abcdef" * 2
TODAY = "2025-03-01"
CORRECT = {e: (CASES / e / "correct.py").read_text() for e in ("value", "neuron")}

# An honest mistake that is also a trap for a checker that computes the expected answers
# in the Python that ran the learner's code: the course's own Value.relu is changed.
IMPORT = "from micrograd.engine import Value\n"
PATCHING = CORRECT["neuron"].replace(
    IMPORT, IMPORT + "\nValue.relu = Value.tanh  # the neuron's activation, I thought\n"
)

SANDBOX = """
import json, sys
sys.path.insert(0, {web!r})
import course_checker
events = []
back = course_checker.observe(
    {exercise!r}, sys.stdin.read(), {exercise!r} + ".py", {nonce!r},
    emit=lambda kind, payload: events.append([kind, payload]))
print(json.dumps({{"back": back, "events": events}}))
"""


def sandbox(exercise, source, nonce=NONCE):
    """What the sandbox sends for ``source``, run in a Python of its own:
    ``(events, returned)``."""
    code = SANDBOX.format(
        web=str(ROOT / "web" / "python"), exercise=exercise, nonce=nonce
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.splitlines()[-1])
    return out["events"], out["back"]


def judge(exercise, lines, **options):
    options.setdefault("end", "done")
    found = checker.judge(
        exercise, lines, NONCE, today=TODAY, filename=f"{exercise}.py", **options
    )
    assert set(found) == {"result", "entries"}
    return found["result"]


def lines_of(events):
    return [payload["line"] for _, payload in events]


@pytest.mark.parametrize(
    ("exercise", "source"),
    [
        ("value", CORRECT["value"]),
        ("value", mutants.source("value", "plus_assign")),
        ("neuron", mutants.source("neuron", "no_bias")),
        ("value", "def broken(:\n"),
        ("value", (CASES / "value" / "closures.py").read_text()),
    ],
    ids=["correct", "mistake", "neuron-mistake", "cannot-load", "closures"],
)
def test_sandbox_then_judge_is_the_command_lines_verdict(exercise, source):
    events, back = sandbox(exercise, source)
    assert back == {"nonce": NONCE, "sent": len(events)}
    for kind, payload in events:  # what the page reads for its time limits
        assert json.loads(payload["line"])[2] == kind
        assert payload["case"] == json.loads(payload["line"])[3].get("case")
    assert judge(exercise, lines_of(events)) == check_source(exercise, source)


def test_the_judge_is_a_clean_room():
    """The learner's patch of the course's Value happens in the sandbox: the judge's
    expected answers are the course's, so the mistake is found (in one Python, it passes)."""
    events, _ = sandbox("neuron", PATCHING)
    found = judge("neuron", lines_of(events))
    assert found["exit"] == 1 and found["concepts"][0] == "activation", found["report"]
    assert "Expected:" in found["report"]
    wrongly = (
        subprocess.run(  # the old way: check_source runs both halves in one Python
            [
                sys.executable,
                "-c",
                "import sys\nfrom micrograd.check import check_source\n"
                "print(check_source('neuron', sys.stdin.read())['exit'])",
            ],
            input=PATCHING,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    )
    assert wrongly.stdout.strip() == "0"
    assert (
        judge("neuron", lines_of(sandbox("neuron", CORRECT["neuron"])[0]))["exit"] == 0
    )


def test_history_entries_are_the_command_lines():
    events, _ = sandbox("value", mutants.source("value", "plus_assign"))
    found = checker.judge("value", lines_of(events), NONCE, today=TODAY)
    assert found["entries"] == [
        {"concept": "grad-accumulation", "exercise": "value", "date": TODAY}
    ]


FORGED = "the checker's private channel received messages that did not come from"


def forged(result):
    return result["exit"] == 2 and FORGED in " ".join(result["report"].split())


def test_only_the_sandboxs_own_messages_count():
    events, _ = sandbox("value", CORRECT["value"])
    lines = lines_of(events)
    assert judge("value", lines)["exit"] == 0
    k = next(i for i, line in enumerate(lines) if json.loads(line)[2] == "result")
    other = [json.dumps(["f" * 32, *json.loads(line)[1:]]) for line in lines]
    wrong_order = lines[:k] + lines[k + 1 : k + 2] + [lines[k]] + lines[k + 2 :]
    one_more = lines[:k] + [lines[k]] + lines[k:]
    deep = "[" * 100_000 + "]" * 100_000
    for bad in (
        other,  # another nonce
        wrong_order,
        one_more,  # a message twice
        lines[:k] + ["not JSON"] + lines[k:],
        lines[:k] + [deep] + lines[k:],
        lines[:k] + [json.dumps([NONCE, k, "result", "no dict"])] + lines[k + 1 :],
        [json.dumps([NONCE, 0, "load_error", {"message": "", "line": "2"}])],
        [json.dumps([NONCE, 0, "load_error", {"message": "", "line": 0}])],
        lines[:-1],  # said to be done, but it is not
    ):
        assert forged(judge("value", bad))
    # A run stopped early is no forgery: what it said before counts.
    stopped = judge("value", lines[:-3], end="ended", returncode=1)
    assert stopped["exit"] == 1 and stopped["concepts"] == ["error"]


def test_a_file_that_cannot_load_points_the_page_to_its_line():
    events, _ = sandbox("value", "class Value:\n    pass\n\nx = 1\u00a0+ 2\n")
    found = judge("value", lines_of(events))
    assert found["exit"] == 2 and found["line"] == 4, found
    assert "U+00A0" in found["report"]


def test_the_judge_reports_a_sandbox_the_page_stopped():
    source = mutants.source("value", "plus_assign")
    lines = lines_of(sandbox("value", source)[0])
    kinds = [json.loads(line)[2:] for line in lines]
    k = next(
        i for i, (kind, p) in enumerate(kinds) if kind == "start" and p["case"] > 10
    )
    cut = lines[: k + 1]  # stopped while example k ran
    found = judge("value", cut, end="timeout", seconds=10, elapsed=12.0)
    assert found["exit"] == 1 and found["concepts"] == ["timeout"]
    assert "did not finish within" in found["report"]
    slow = judge("value", cut, end="timeout", seconds=10, elapsed=0.5)
    assert slow["concepts"] == ["slow"]
    for end, concept, said in [
        ("stack", "error", "Your code calls itself again and again without end."),
        ("memory", "memory", "This example ran out of memory"),
        ("ended", "error", "Your code stopped Python (exit status 3)"),
    ]:
        found = judge("value", cut, end=end, returncode=3)
        assert found["concepts"] == [concept], found["report"]
        assert said in " ".join(found["report"].split())
    loading = judge("value", [], end="stack")
    assert loading["exit"] == 2
    assert "calls itself again and again" in " ".join(loading["report"].split())
    assert (
        "stopped Python (exit status 1)"
        in judge("value", [], end="ended", returncode=1)["report"]
    )


def test_the_reference_is_kept_from_check_to_check(monkeypatch):
    checker._expected.clear()
    lines = lines_of(sandbox("neuron", mutants.source("neuron", "no_bias"))[0])
    first = judge("neuron", lines)
    kept = checker._expected["neuron"]
    assert kept and all(isinstance(k, tuple) for k in kept)
    import micrograd.check.decide as decide

    calls = []
    real = decide.run_case
    monkeypatch.setattr(
        decide, "run_case", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    assert judge("neuron", lines) == first
    assert (
        not calls
    )  # nothing ran again: the reference's data and the mistakes' were kept


def test_the_judge_can_work_out_the_reference_before_the_first_check(monkeypatch):
    """What the page asks of its judge as the reader starts typing: the reference's data
    for every example, worked out once; a first report then runs only what depends on
    the learner's data (the known mistakes), and is the same report."""
    import micrograd.check.decide as decide

    source = mutants.source("neuron", "no_bias")
    lines = lines_of(sandbox("neuron", source)[0])
    calls = []
    real = decide.run_case
    monkeypatch.setattr(
        decide, "run_case", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    checker._expected.clear()
    cold = judge("neuron", lines)
    cold_runs = len(calls)
    needed = {key for key in checker._expected["neuron"] if key[2] is None}
    checker._expected.clear()
    calls.clear()
    count = checker.expect("neuron")
    assert count == len(checker.limits("neuron")["cases"]) == len(calls)
    assert needed and needed <= set(checker._expected["neuron"])
    assert checker.expect("neuron") == count and len(calls) == count  # kept
    calls.clear()
    assert judge("neuron", lines) == cold and cold["exit"] == 1
    assert len(calls) == cold_runs - len(needed)  # none of the reference's again
    with pytest.raises(ValueError, match="unknown exercise"):
        checker.expect("no-such-exercise")


def test_limits_are_the_specs():
    found = checker.limits("capstone")
    assert found == limits("capstone")
    assert found["seconds"] == 180 and all(0 < s <= 180 for s in found["cases"])
    assert len(checker.limits("value")["cases"]) > 30


def test_the_page_calls_the_checker_by_name_and_gets_its_events():
    sent = []
    kwargs = {"exercise": "neuron", "source": CORRECT["neuron"], "filename": "n.py"}
    call = {
        "id": 7,
        "fn": "course_checker.observe",
        "kwargs": {**kwargs, "nonce": NONCE},
    }
    back = json.loads(
        course_calls.handle(json.dumps(call), lambda t: sent.append(json.loads(t)))
    )
    assert back["type"] == "result" and back["id"] == 7
    assert back["value"]["sent"] == len(sent) and {m["type"] for m in sent} == {"event"}
    assert [m["kind"] for m in sent][:2] == ["loaded", "start"]
    limits_call = {
        "id": 8,
        "fn": "course_checker.limits",
        "kwargs": {"exercise": "neuron"},
    }
    answer = json.loads(course_calls.handle(json.dumps(limits_call), sent.append))
    assert answer["value"] == limits("neuron")
    exec_call = {"id": 9, "fn": "course_checker.exec", "kwargs": {}}
    refused = json.loads(course_calls.handle(json.dumps(exec_call), sent.append))
    assert refused["type"] == "error" and "cannot call" in refused["error"]


def test_the_exercises_page_states_the_limits_the_checkers_set():
    """ "Time and memory" (docs/exercises/index.md) gives the numbers of the code."""
    from micrograd.check.exercises import EXERCISES
    from micrograd.check.hosts import DEFAULT_MEMORY

    page = ROOT / "docs" / "exercises" / "index.md"
    text = " ".join(page.read_text().split())
    capstone, value = EXERCISES["capstone"], EXERCISES["value"]
    assert {e.loading for e in EXERCISES.values()} == {capstone.loading}
    assert (
        f"**loading your file** may take at most {capstone.loading:g} seconds" in text
    )
    whole = f"({value.seconds:g} by default, {capstone.seconds:g} for the capstone)"
    assert f"may take `--timeout` seconds {whole}" in text
    assert f"limited to {DEFAULT_MEMORY // 1024} GiB" in text
    assert (
        f"the page has {checker.MEMORY_LIMIT // 1024} GiB for its whole Python" in text
    )
