"""What conftest.py relies on in pytest and pytest-markdown-docs: a change fails loudly."""

import inspect
import shutil
import subprocess
import sys
from pathlib import Path

from _pytest.capture import CaptureManager
from pytest_markdown_docs import plugin


def test_capture_manager_still_has_the_method_conftest_replaces():
    method = CaptureManager.global_and_fixture_disabled
    assert callable(method)
    assert list(inspect.signature(method).parameters) == ["self"]


def test_markdown_docs_still_switches_capture_off_through_it():
    assert "capman.global_and_fixture_disabled()" in inspect.getsource(plugin)


def _run_fence(tmp_path, body):
    shutil.copy(Path(__file__).resolve().parent.parent / "conftest.py", tmp_path)
    (tmp_path / "page.md").write_text(f"```python\n{body}\n```\n")
    args = ["-p", "no:cacheprovider", "--markdown-docs", "page.md"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    return proc.returncode, proc.stdout


def test_a_passing_fence_prints_nothing_to_the_log(tmp_path):
    code, out = _run_fence(tmp_path, 'print("A-LINE-OF-FENCE-OUTPUT")')
    assert code == 0, out
    assert "A-LINE-OF-FENCE-OUTPUT" not in out


def test_a_failing_fence_shows_what_it_printed(tmp_path):
    code, out = _run_fence(tmp_path, 'print("A-LINE-OF-FENCE-OUTPUT")\nassert False')
    assert code == 1
    assert "A-LINE-OF-FENCE-OUTPUT" in out
