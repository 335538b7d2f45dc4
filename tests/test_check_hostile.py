"""Learner files that try to fool, crash or outlive the checker.

None may produce a pass it did not earn (a forged channel, patched checker modules, an
exit after a fake report), crash it (any BaseException is the learner's error, with its
line), or outlive its limits (time per example and in total, memory, forked children).
"""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import micrograd.check
from micrograd.check import check_source
from micrograd.check.exercises.value import mistaken
from tests.check_cases import mutants
from tests.check_cases.checked import concepts, run_cli
from tests.check_cases.mutants import CASES

CORRECT = (CASES / "value" / "correct.py").read_text()
WRONG = mutants.source("value", "plus_assign")  # diagnosed as grad-accumulation


@pytest.fixture(autouse=True)
def private_history(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def write(tmp_path, text, name="value.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def in_backward(source, code):
    """``source`` with ``code`` run at the start of every backward()."""
    code = textwrap.indent(textwrap.dedent(code).strip("\n") + "\n", " " * 8)
    marker = "    def backward(self):\n"
    return source.replace(marker, marker + code, 1)


FORGE = """
import json, os
fake = "All 36 checks passed. Well done!\\n"
for guess in ("", "0" * 32):
    fake += json.dumps([guess, 0, "done", {}]) + "\\n"
for fd in range(3, 1024):
    try:
        os.write(fd, fake.encode())
    except OSError:
        pass
"""


@pytest.mark.parametrize("when", ["import", "backward"])
def test_writing_to_inherited_descriptors_cannot_pass(tmp_path, when):
    source = FORGE + WRONG if when == "import" else in_backward(WRONG, FORGE)
    status, output = run_cli("value", write(tmp_path, source))
    assert status == 2, output
    said = " ".join(output.split())
    assert (
        "private channel received messages that did not come from the checker" in said
    )
    assert not output.rstrip().endswith("Well done!")


PATCH = """
import micrograd.check
import micrograd.check.decide as decide
import micrograd.check.hosts as hosts
import micrograd.check.observe as observe
import micrograd.check.report as report

decide.same = lambda *args, **kwargs: True
report.Report.ok = property(lambda self: True)
report.Report.exit_code = property(lambda self: 0)
observe.run_case = lambda *args, **kwargs: {"status": "ok", "seen": [], "printed": ""}
hosts.decide = lambda *args, **kwargs: None
"""


def test_patching_the_checker_changes_nothing(tmp_path):
    path = write(tmp_path, PATCH + WRONG)
    status, output = run_cli("value", path)
    assert status == 1 and concepts(output)[0] == "grad-accumulation", output
    found = check_source("value", PATCH + WRONG)  # the page: the same, in-process
    assert found["exit"] == 1 and found["concepts"][0] == "grad-accumulation"
    assert micrograd.check.decide.same(1.0, 2.0) is False  # nothing leaked out
    assert check_source("value", CORRECT)["exit"] == 0


def test_exiting_after_a_fake_report_is_no_pass(tmp_path):
    fake = "print('All 36 checks passed. Well done!')\n"
    for exit_call, status in [
        ("import os; os._exit(0)", 2),
        ("raise SystemExit(0)", 2),
    ]:
        status_, output = run_cli("value", write(tmp_path, fake + exit_call + "\n"))
        assert status_ == status, output
        assert "[cannot-load]" in output
    path = write(tmp_path, in_backward(CORRECT, "import os; os._exit(0)"))
    status, output = run_cli("value", path)
    assert status == 1 and concepts(output) == ["error"], output
    assert "Your code stopped Python (exit status 0)" in output


@pytest.mark.parametrize(
    "raise_it",
    [
        "raise KeyboardInterrupt",
        "raise SystemExit(3)",
        "raise GeneratorExit",
        "raise type('Boom', (BaseException,), {})('boom')",
    ],
)
def test_any_base_exception_is_the_learners_error(tmp_path, raise_it):
    path = write(tmp_path, in_backward(CORRECT, raise_it))
    line = path.read_text().splitlines().index(" " * 8 + raise_it) + 1
    status, output = run_cli("value", path)
    assert status == 1, output
    assert concepts(output) == ["error"], output
    assert f"value.py, line {line}, in Value.backward:\n{' ' * 21}{raise_it}" in output
    assert "the checker itself failed" not in output and "Traceback" not in output


def test_a_base_exception_on_import_cannot_load(tmp_path):
    status, output = run_cli("value", write(tmp_path, "raise KeyboardInterrupt\n"))
    assert (
        status == 2
        and "could not be loaded" in output
        and "KeyboardInterrupt" in output
    )


def test_forked_children_are_stopped_with_the_worker(tmp_path):
    pids = tmp_path / "pids"
    fork = f"""
    import os, time
    pid = os.fork()
    if pid == 0:
        time.sleep(120)
        os._exit(0)
    with open({str(pids)!r}, "a") as f:
        f.write(f"{{pid}}\\n")
    """
    start = time.monotonic()
    status, output = run_cli("value", write(tmp_path, in_backward(CORRECT, fork)))
    assert time.monotonic() - start < 30  # nobody waited for the sleeping children
    assert status == 0, output
    children = [int(p) for p in pids.read_text().split()]
    assert children
    time.sleep(0.5)
    assert all(not alive(pid) for pid in children)


def alive(pid):
    """Whether ``pid`` still runs (a zombie, waiting for its parent to read its status,
    does not)."""
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        return "zombie" not in status.read_text()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_memory_is_limited_and_reported(tmp_path):
    hog = "hog = bytearray(4 * 2**30)"
    status, output = run_cli(
        "value", write(tmp_path, in_backward(CORRECT, hog)), "--memory", "512"
    )
    assert status == 1 and concepts(output) == ["memory"], output
    assert "ran out of memory" in output


def test_a_slow_run_is_called_slow(tmp_path):
    path = write(tmp_path, in_backward(CORRECT, "import time; time.sleep(0.1)"))
    status, output = run_cli("value", path, "--timeout", "2")
    assert status == 1 and concepts(output) == ["slow"], output
    assert "longer than the 2-second limit" in output


def test_an_endless_import_names_the_timeout_option(tmp_path):
    status, output = run_cli(
        "value", write(tmp_path, "while True:\n    pass\n"), "--timeout", "1"
    )
    assert status == 2, output
    assert "did not finish within 1 seconds" in output and "--timeout" in output


def test_an_endless_import_that_swallows_every_exception(tmp_path):
    start = time.monotonic()
    status, output = run_cli("value", write(tmp_path, SWALLOW), "--timeout", "1")
    assert time.monotonic() - start < 15
    assert status == 2 and "--timeout" in output, output


@pytest.fixture
def capstone_loads_in_a_second(monkeypatch):
    """The capstone (180 s in all), with 1 s to load a file instead of 30."""
    import dataclasses

    from micrograd.check.exercises import EXERCISES

    quick = dataclasses.replace(EXERCISES["capstone"], loading=1.0)
    monkeypatch.setitem(EXERCISES, "capstone", quick)


def test_loading_has_its_own_limit_within_a_long_run(
    tmp_path, capstone_loads_in_a_second
):
    from micrograd.check.hosts import check_file, limits

    assert limits("capstone")["seconds"] == 180 and limits("capstone")["load"] == 1
    assert limits("value")["load"] == 10  # within a run of 10 s: the run's
    path = write(tmp_path, "while True:\n    pass\n", "capstone.py")
    start = time.monotonic()
    report = " ".join(check_file("capstone", str(path)).render().split())
    assert time.monotonic() - start < 15, report
    assert "loading capstone.py did not finish within 1 seconds" in report, report
    assert 'goes under `if __name__ == "__main__":`' in report, report
    assert "--timeout" not in report  # more time in all does not help loading


def test_loading_that_ignores_its_alarm_is_stopped_at_its_limit(
    tmp_path, capstone_loads_in_a_second
):
    from micrograd.check.hosts import check_file

    deaf = "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass\n"
    start = time.monotonic()
    report = " ".join(
        check_file("capstone", str(write(tmp_path, deaf, "capstone.py")))
        .render()
        .split()
    )
    assert time.monotonic() - start < 15, report  # not the run's 180 s
    assert "loading capstone.py did not finish within 1 seconds" in report, report


def test_the_page_reports_its_own_loading_limit(capstone_loads_in_a_second):
    from micrograd.check.hosts import judge, observe_source

    sent = []  # the page's sandbox, where alarms work (not in a page): it stops itself
    endless = "while True:\n    pass\n"
    observe_source("capstone", endless, lambda *message: sent.append(message))
    [(kind, said)] = sent
    assert kind == "load_error" and "within 1 seconds" in said["message"], sent
    # The page stopped the sandbox at its loading limit: no message came.
    found = judge("capstone", [], nonce="0" * 32, end="timeout", seconds=180)
    assert "within 1 seconds" in found["report"] and "__main__" in found["report"]
    given = judge("capstone", [], nonce="0" * 32, end="timeout", seconds=180, load=2)
    assert "within 2 seconds" in given["report"], given["report"]


SWALLOW = """
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
"""


def test_the_python_api_never_hangs():
    Base = mistaken()  # noqa: N806 (a class)

    class Value(Base):
        def backward(self):
            exec(SWALLOW)

    start = time.monotonic()
    report = micrograd.check.value(Value, timeout=1, quiet=True)
    assert time.monotonic() - start < 10
    assert report.concepts == ["timeout"], report
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="timeout must be a finite, positive"):
            micrograd.check.value(Value, timeout=bad)


def test_own_helper_modules_are_the_learners_own(tmp_path):
    """A learner's own module named like the course's package is theirs; the course's
    class is not, however it is imported."""
    (tmp_path / "micrograd_helpers.py").write_text(CORRECT)
    path = write(tmp_path, "from micrograd_helpers import Value\n")
    status, output = run_cli("value", path)
    assert status == 0, output
    for borrowed in (
        "from micrograd.engine import Value\n",
        "from micrograd.engine import Value as V\nValue = V\n",
        "import micrograd.engine\n\nclass Value(micrograd.engine.Value):\n    pass\n",
    ):
        status, output = run_cli("value", write(tmp_path, borrowed))
        assert status == 1 and concepts(output) == ["own-code"], output
        assert "is the course's micrograd.engine.Value" in output
    status, output = run_cli(
        "neuron", write(tmp_path, "from micrograd.nn import Neuron\n", "n.py")
    )
    assert status == 1 and concepts(output) == ["own-code"], output


def test_the_worker_starts_isolated(tmp_path):
    """The learner's folder cannot shadow the checker's own imports (a json.py, say)."""
    (tmp_path / "json.py").write_text("raise RuntimeError('not the real json')\n")
    status, output = run_cli("value", write(tmp_path, CORRECT))
    assert status == 0, output


def test_nothing_of_the_run_is_left_in_the_page(tmp_path):
    before = set(sys.modules)
    found = check_source("value", "import collections\n" + CORRECT, filename="mine.py")
    assert found["exit"] == 0
    assert not [m for m in set(sys.modules) - before if m.startswith("_learner")]
    assert micrograd.check.check_source is check_source


def test_the_page_entry_point_needs_nothing_pyodide_lacks():
    """Pyodide has no processes, no resource limits, no terminal: with those modules
    missing, check_source still gives the command line's verdict."""
    blocked = ["subprocess", "_posixsubprocess", "selectors", "select", "resource"]
    blocked += ["fcntl", "termios", "multiprocessing", "pty", "tty", "curses"]
    code = f"""
import sys
for name in {blocked!r}:
    sys.modules[name] = None
from micrograd.check import check_source
from tests.check_cases import mutants
result = check_source("value", mutants.source("value", "no_reverse"))
print(result["exit"], result["concepts"])
"""
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=CASES.parent.parent,
    )
    assert proc.stdout.split("\n")[0] == "1 ['reverse-order']", proc.stderr
