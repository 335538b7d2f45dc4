"""conftest.py and tests/lanes.py: what they rely on in pytest and pytest-markdown-docs (a
change fails loudly), fences run once while unchanged, and the lanes."""

import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _pytest.capture import CaptureManager
from pytest_markdown_docs import plugin


def test_capture_manager_still_has_the_method_conftest_replaces():
    method = CaptureManager.global_and_fixture_disabled
    assert callable(method)
    assert list(inspect.signature(method).parameters) == ["self"]


def test_markdown_docs_still_switches_capture_off_through_it():
    assert "capman.global_and_fixture_disabled()" in inspect.getsource(plugin)


ROOT = Path(__file__).resolve().parent.parent


def _run_fence(tmp_path, body, info="python"):
    shutil.copy(ROOT / "conftest.py", tmp_path)
    (tmp_path / "page.md").write_text(f"Text.\n\n```{info}\n{body}\n```\n")
    args = ["-p", "no:cacheprovider", "--markdown-docs", "page.md"]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),  # conftest.py imports the repository's modules
        "COURSE_FENCE_CACHE": str(tmp_path / "fences"),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
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


def test_a_fence_that_ran_to_its_end_is_not_run_again_while_what_it_reads_is_unchanged(
    tmp_path,
):
    runs, data = tmp_path / "runs.txt", ROOT / "micrograd" / "__init__.py"
    body = f"open({str(runs)!r}, 'a').write('ran ')\nopen({str(data)!r}).read()"
    for _ in range(2):
        code, out = _run_fence(tmp_path, body)
        assert code == 0, out
    assert runs.read_text() == "ran "  # the second run found it known
    (kept,) = (tmp_path / "fences").glob("*.json")
    assert "micrograd/__init__.py" in kept.read_text()  # what it read is part of it
    entry = json.loads(kept.read_text())
    entry["files"]["micrograd/__init__.py"][1] = "a file changed since"
    kept.write_text(json.dumps(entry))
    assert _run_fence(tmp_path, body)[0] == 0
    assert runs.read_text() == "ran ran "  # a file it read changed: run again


def test_a_failing_fence_is_never_taken_for_known(tmp_path):
    for _ in range(2):
        code, out = _run_fence(
            tmp_path, 'print("A-LINE-OF-FENCE-OUTPUT")\nassert False'
        )
        assert code == 1 and "A-LINE-OF-FENCE-OUTPUT" in out


EXECUTED = 'python exec="on" result="text"'


def test_a_fence_the_build_runs_is_tested_by_its_first_run_kept_for_the_build(
    tmp_path,
):
    code, out = _run_fence(tmp_path, 'print("A-LINE-OF-FENCE-OUTPUT")', EXECUTED)
    assert code == 0, out
    (kept,) = (tmp_path / "fences").glob("*.json")
    entry = json.loads(kept.read_text())
    assert entry["output"] == "A-LINE-OF-FENCE-OUTPUT\n"
    assert entry["again"] == "it varies"  # quick: the build runs it once more
    code, out = _run_fence(tmp_path, "print(1)")  # shown, not run by the build
    assert code == 0, out
    assert sorted(
        json.loads(p.read_text())["output"] or "" for p in kept.parent.glob("*.json")
    ) == ["", "A-LINE-OF-FENCE-OUTPUT\n"]


def test_a_failing_fence_the_build_runs_shows_its_error_and_is_not_kept(tmp_path):
    body = 'print("A-LINE")\nraise ValueError("A-BAD-VALUE")'
    code, out = _run_fence(tmp_path, body, EXECUTED)
    assert code == 1
    assert "A-LINE" in out and "ValueError: A-BAD-VALUE" in out, out
    assert "line 5, in <module>" in out, out  # the line of the page
    assert not list((tmp_path / "fences").glob("*.json"))


# --- lanes -----------------------------------------------------------------------------


def test_a_test_is_in_the_lane_of_the_fixtures_it_uses():
    from types import SimpleNamespace

    from tests import lanes

    def item(*fixtures):
        found = SimpleNamespace(fixturenames=fixtures, markers=[])
        found.add_marker = found.markers.append
        return found

    items = [
        item("tmp_path"),
        item("served_site", "built_site"),
        item("page", "browser"),
    ]
    lanes.mark(items)
    assert [i.markers for i in items] == [[], ["site"], ["browser"]]


def test_the_site_and_chromium_start_only_in_their_lanes(monkeypatch, tmp_path):
    from tests import browser, lanes, site_build

    monkeypatch.setattr(lanes, "_running", set())  # a test of the fast lane
    with pytest.raises(AssertionError, match="'site' fixture"):
        site_build.build_site(tmp_path)
    with pytest.raises(AssertionError, match="'browser' fixture"):
        browser.chromium_path()
    assert not list(tmp_path.iterdir())


def test_the_tests_drive_the_headless_shell_and_lighthouse_a_whole_chromium(
    monkeypatch,
):
    from tests import browser, lanes

    monkeypatch.setattr(lanes, "_running", {"browser"})
    monkeypatch.setattr(browser.shutil, "which", lambda name: f"/bin/{name}")
    assert browser.chromium_path() == "/bin/chromium-headless-shell"
    assert browser.chromium_path(shell=False) == "/bin/chromium"
    only_chrome = {"google-chrome": "/opt/chrome"}.get
    monkeypatch.setattr(browser.shutil, "which", only_chrome)
    assert browser.chromium_path() == "/opt/chrome"


def _system_deps(tmp_path, installed, offered):
    """scripts/system-deps.sh chromium with only ``installed`` programs on the PATH and apt
    offering ``offered``: what it asks apt-get to install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    asked, chmod = tmp_path / "asked", shutil.which("chmod")
    programs = {name: "exit 0" for name in installed}
    programs["id"] = "echo 0"
    programs["apt-cache"] = (
        f'case " {" ".join(offered)} " in *" $2 "*) echo "  Candidate: 1.0";;'
        ' *) echo "  Candidate: (none)";; esac'
    )
    programs["apt-get"] = (
        f'[ "$1" = install ] || exit 0; echo "$@" >> {asked}'
        f'; for p in "$@"; do echo "exit 0" > {bin_dir}/$p; {chmod} +x {bin_dir}/$p; done'
    )
    for name, body in programs.items():
        (bin_dir / name).write_text(f"#!/bin/bash\n{body}\n")
        (bin_dir / name).chmod(0o755)
    bash = shutil.which("bash")
    proc = subprocess.run(
        [bash, str(ROOT / "scripts" / "system-deps.sh"), "chromium"],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    words = asked.read_text().split() if asked.exists() else []
    return [w for w in words if not w.startswith("-") and w != "install"]


def test_apt_gives_the_headless_shell_where_it_offers_it(tmp_path):
    shell = "chromium-headless-shell"
    assert _system_deps(tmp_path / "a", [], [shell]) == ["chromium", shell]
    assert _system_deps(tmp_path / "b", ["chromium"], [shell]) == ["chromium", shell]
    assert _system_deps(tmp_path / "c", ["chromium", shell], [shell]) == []
    assert _system_deps(tmp_path / "d", ["google-chrome"], []) == []
    assert _system_deps(tmp_path / "e", [], ["chromium"]) == ["chromium"]


def _collect(*args):
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return proc.returncode, proc.stdout + proc.stderr


# Two workers ask for the site at once; each says whether it made it.
ASK_FOR_SITE = """
import sys, time
from pathlib import Path
from tests.site_build import made_once
def make(path):
    path.mkdir()
    time.sleep(1)  # long enough for the other worker to ask meanwhile
    print("made")
made_once(Path(sys.argv[1]), make)
"""


def test_the_site_is_made_once_however_many_workers_ask_for_it(tmp_path):
    from tests.site_build import made_once

    site = tmp_path / "site"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ASK_FOR_SITE, str(site)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    said = [worker.communicate(timeout=60)[0] for worker in workers]
    assert sorted(said) == ["", "made\n"]
    assert site.is_dir()

    def fail(path):
        path.mkdir()
        raise RuntimeError("the build failed")

    other = tmp_path / "other"
    with pytest.raises(RuntimeError):
        made_once(other, fail)
    made_once(other, lambda path: (path / "x").mkdir(parents=True))  # tried again
    assert [p.name for p in other.iterdir()] == ["x"]  # on a clean folder


def test_one_pages_tests_are_its_fences_its_rules_and_the_every_page_checks():
    code, out = _collect("--page", "docs/02-value/backpropagation.md")
    tests = [line for line in out.splitlines() if "::" in line]
    assert code == 0, out
    assert any(t.startswith("docs/02-value/backpropagation.md::") for t in tests)
    assert (
        "tests/test_lessons.py::test_broken_code_wears_a_badge[02-value/backpropagation]"
        in tests
    )
    assert "tests/test_site.py::test_every_page_in_a_browser" in tests
    others = [t for t in tests if "backpropagation" not in t and "every_page" not in t]
    assert all(
        t.split("::")[0]
        in {
            "tests/test_accessibility.py",
            "tests/test_figures_browser.py",
            "tests/test_runtime_pages.py",
        }
        for t in others
    ), others
    code, out = _collect("--page", "docs/nowhere.md")
    assert code != 0 and "no such page under docs/" in out


def test_a_test_that_lowers_the_recursion_limit_leaves_it_to_the_next(tmp_path):
    shutil.copy(ROOT / "conftest.py", tmp_path)
    (tmp_path / "test_two.py").write_text(
        "import sys\n"
        "START = sys.getrecursionlimit()\n"
        "def test_a():\n    sys.setrecursionlimit(120)\n"
        "def test_b():\n    assert sys.getrecursionlimit() == START\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0 and "2 passed" in proc.stdout, proc.stdout


def test_no_test_module_imports_another():
    """What several test modules share lives in a helper module (tests/browser.py,
    tests/readable.py, tests/check_cases/), never in a test module another one imports."""
    found = [
        f"{path.name}: {line.strip()}"
        for path in sorted((ROOT / "tests").glob("test_*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith(("from tests.test_", "import tests.test_"))
    ]
    assert not found, found
