"""The course's wheel, built while the site builds and served by the site.

``downloads/micrograd_course-<version>-py3-none-any.whl`` is what the README, the start page
and every lab's first cell install: the package as this commit has it, from the site itself,
so a fresh venv or Colab needs no package index. It is built by setuptools (the same
backend, so the same wheel, as a release builds with ``python -m build``) from a copy of the
files it is made of, with the files' dates fixed: the same sources give the same bytes, and
it is built again only when one of them changed (``.cache/wheel/``).

    python hooks/wheel.py          # build it, and print where it is
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "wheel"
FOLDER = "downloads"
SITE = "https://micrograd-course.github.io/micrograd-course/"  # mkdocs.yml's site_url
EPOCH = "315532800"  # 1980-01-01, the earliest date a zip can hold: the files' dates


def version(root=ROOT):
    """The package's version, as ``micrograd/__init__.py`` states it (pyproject.toml reads
    it from there)."""
    init = (Path(root) / "micrograd" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"$', init, re.M)[1]


def filename(root=ROOT):
    return f"micrograd_course-{version(root)}-py3-none-any.whl"


def url(root=ROOT):
    """Where the published site serves the wheel."""
    return f"{SITE}{FOLDER}/{filename(root)}"


def sources(root=ROOT):
    """The files the wheel is made of, relative to ``root``."""
    root = Path(root)
    package = sorted(p.relative_to(root) for p in (root / "micrograd").rglob("*.py"))
    return [Path("pyproject.toml"), Path("README.md"), Path("LICENSE"), *package]


def build(root=ROOT, cache=CACHE):
    """The path of the wheel made from the files under ``root``, built if it is not kept."""
    root, digest = Path(root), hashlib.sha256()
    for name in sources(root):
        digest.update(f"{name.as_posix()}\n".encode() + (root / name).read_bytes())
    folder = Path(cache) / digest.hexdigest()[:16]
    wheel = folder / filename(root)
    if wheel.is_file():
        return wheel
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "src"
        for name in sources(root):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / name, copy / name)
        out = Path(tmp) / "out"
        command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps"]
        command += ["--no-index", "--no-build-isolation", "-w", str(out), str(copy)]
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PIP_NO_INPUT="1")
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"the course's wheel did not build:\n{done.stderr}")
        for old in Path(cache).glob("*"):  # one wheel kept: the newest
            shutil.rmtree(old)
        folder.mkdir(parents=True)
        shutil.move(out / wheel.name, wheel)
    return wheel


def add(files, config):
    """Add the wheel to the site, at ``downloads/<wheel>``."""
    from mkdocs.structure.files import File

    path = build()
    name = f"{FOLDER}/{path.name}"
    files.append(File.generated(config, name, abs_src_path=str(path)))
    return files


if __name__ == "__main__":
    print(build())
