"""The package people install: the wheel the site serves (hooks/wheel.py), the labs' first
cell that installs it, the sdist, and the places that name the version."""

import ast
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from hooks import wheel

ROOT = Path(__file__).resolve().parent.parent
LABS = sorted((ROOT / "docs" / "labs").glob("lab*.py"))


def first_code_cell(lab):
    import jupytext

    cells = jupytext.read(lab).cells
    return next(c.source for c in cells if c.cell_type == "code") + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return wheel.build(cache=tmp_path_factory.mktemp("wheel"))


def test_the_wheel_holds_the_package_and_is_the_same_for_the_same_sources(
    built, tmp_path
):
    names = zipfile.ZipFile(built).namelist()
    package = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "micrograd").rglob("*.py")
    }
    assert package <= set(names), package - set(names)
    assert not [n for n in names if n.startswith(("tests/", "hooks/", "docs/"))]
    assert built.name == f"micrograd_course-{wheel.version()}-py3-none-any.whl"
    again = wheel.build(cache=tmp_path)
    assert (
        again.read_bytes() == built.read_bytes()
    )  # the site's bytes change with the code


def test_pyproject_takes_its_version_from_the_package():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    import micrograd

    assert wheel.version() == micrograd.__version__


def test_every_lab_starts_with_the_cell_that_installs_this_wheel():
    cells = {lab.name: first_code_cell(lab) for lab in LABS}
    assert len(set(cells.values())) == 1, "the labs' first cells differ"
    for name, cell in cells.items():
        settings = cell[: cell.index("\ntry:")]  # the imports, VERSION and WHEEL
        namespace = {}
        exec(settings, namespace)
        assert namespace["VERSION"] == wheel.version(), f"docs/labs/{name}"
        assert namespace["WHEEL"] == wheel.url(), f"docs/labs/{name}"


@pytest.mark.parametrize("page", ["index.md", "start-here.md"])
def test_the_home_and_start_pages_link_this_wheel_and_install_it(page):
    text = (ROOT / "docs" / page).read_text()
    assert f"(downloads/{wheel.filename()})" in text  # the link, checked by the build
    assert f"pip install {wheel.url()}\n" in text
    assert not re.search(r"^pip install micrograd-course", text, re.M)  # not published


def test_the_readme_links_this_wheel():
    assert wheel.url() in (ROOT / "README.md").read_text()
    every = re.compile(r"micrograd_course-[^-\s]+-py3-none-any\.whl")
    for path in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]:
        for found in every.findall(path.read_text(encoding="utf-8")):
            assert found == wheel.filename(), f"{path.relative_to(ROOT)}: {found}"


def _venv(where):
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    return where / "bin" / "python"


def _karpathys_micrograd(python):
    """Karpathy's micrograd as pip installs it: its modules (no __version__), its record."""
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    site = Path(site)
    (site / "micrograd").mkdir()
    (site / "micrograd" / "__init__.py").write_text("")
    (site / "micrograd" / "engine.py").write_text("class Value: pass\n")
    info = site / "micrograd-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: micrograd\nVersion: 0.1.0\n"
    )
    (info / "INSTALLER").write_text("pip\n")
    files = ["micrograd/__init__.py", "micrograd/engine.py"]
    files += [f"{info.name}/{n}" for n in ("METADATA", "INSTALLER", "RECORD")]
    (info / "RECORD").write_text("".join(f"{f},,\n" for f in files))


def test_the_labs_first_cell_replaces_karpathys_micrograd_with_the_course_wheel(
    built, tmp_path
):
    """In a fresh venv with Karpathy's micrograd, as a Colab may have it: no index used."""
    python = _venv(tmp_path / "venv")
    _karpathys_micrograd(python)
    cell = first_code_cell(LABS[0]).replace(
        f'"{wheel.SITE}downloads/"', f'"{built.parent}/"'
    )
    assert str(built.parent) in cell
    script = tmp_path / "cell.py"
    script.write_text(
        "import micrograd.engine\n"  # what the reader ran before: Karpathy's, imported
        + cell
        + "import micrograd.gradcheck, micrograd.check\nprint('version', micrograd.__version__)\n"
    )
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    run = subprocess.run(
        [python, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert (
        "micrograd without a version (Karpathy's?) is not micrograd-course"
        in run.stdout
    )
    assert f"version {wheel.version()}" in run.stdout
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True
    ).stdout
    assert f"micrograd-course=={wheel.version()}" in listed
    assert not re.search(r"^micrograd==", listed, re.M)  # removed, not overwritten
    again = subprocess.run(
        [python, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert again.returncode == 0, again.stderr
    assert "replacing" not in again.stdout  # the course's: nothing to install


def test_the_sdist_leaves_the_tests_out(tmp_path):
    """Its tests need the lessons, the site and the hooks: it carries none of them."""
    copy = tmp_path / "src"
    for name in [*wheel.sources(), Path("MANIFEST.in")]:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes((ROOT / name).read_bytes())
    (copy / "tests").mkdir()
    (copy / "tests" / "test_engine.py").write_text("from tests.browser import x\n")
    out = tmp_path / "out"
    out.mkdir()
    build = f"from setuptools import build_meta; build_meta.build_sdist({str(out)!r})"
    done = subprocess.run(
        [sys.executable, "-c", build], cwd=copy, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    (sdist,) = out.glob("*.tar.gz")
    names = tarfile.open(sdist).getnames()
    assert not [n for n in names if "/tests/" in n]
    assert any(n.endswith("/micrograd/engine.py") for n in names)
    assert any(n.endswith("/LICENSE") for n in names)


def test_the_site_serves_the_wheel(built_site, built):
    served = built_site / "downloads" / wheel.filename()
    assert served.read_bytes() == built.read_bytes()


def test_lab_cell_is_python_the_page_can_run():
    """The first cell imports only what the page's Python has (hooks/runnable.py)."""
    from hooks import runnable

    cell = first_code_cell(LABS[0])
    ast.parse(cell)
    assert runnable.why_static(cell) is None
