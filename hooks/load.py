"""How the build loads this repository's code, and what it remembers from one build to
the next under ``mkdocs serve`` (which builds again in the same process after each edit).

- ``web_module(name)``: a module of the page's Python (web/python/), imported by its own
  name, as the page imports it. The one loader by path of the build.
- ``refresh()``, before each build: the files that changed since the last build. If one is
  code (micrograd/, hooks/, web/python/, scripts/, web/features.json), every module
  imported from there is forgotten, so that the build, and every fence it runs, imports
  them as they are now.
- ``reading()``, ``start_page`` and ``reads``: the files a fence or a page's build opened
  or imported (hooks/rebuild.py rebuilds a page when one of them changes).

This module and the entry (hooks/main.py) are never forgotten: mkdocs holds the entry, and
this module holds what the builds share.
"""

import contextlib
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB_PYTHON = ROOT / "web" / "python"
CODE = [ROOT / name for name in ("micrograd", "hooks", "web/python", "scripts")]
CONFIG = [ROOT / "web" / "features.json", ROOT / "mkdocs.yml"]
NOT_SOURCES = [
    ROOT / n for n in (".venv", ".cache", "build", "site", "node_modules", ".git")
]
KEEP = {ROOT / "hooks" / name for name in ("__init__.py", "main.py", "load.py")}

_stamps = {}
changed = set()  # the files that changed before this build (all of them, at the first)
reads = {}  # a page's src_uri: the files its last build read
_readers = []  # the sets of files being recorded, innermost last


def web_module(name):
    """Module or package ``name`` of the page's Python (web/python/)."""
    if name in sys.modules:
        return sys.modules[name]
    path = WEB_PYTHON / name
    if path.is_dir():
        spec = importlib.util.spec_from_file_location(
            name, path / "__init__.py", submodule_search_locations=[str(path)]
        )
    else:
        spec = importlib.util.spec_from_file_location(name, path.with_suffix(".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _audit(event, args):
    if event == "open" and _readers and isinstance(args[0], str | os.PathLike):
        for found in _readers:
            found.add(os.fspath(args[0]))


sys.addaudithook(_audit)  # once: this module is never imported again


def _stop(found):
    _readers[:] = [r for r in _readers if r is not found]


@contextlib.contextmanager
def reading():
    """The set of the files opened inside the block, filled as they are opened."""
    found = set()
    _readers.append(found)
    try:
        yield found
    finally:
        _stop(found)


def start_page(src_uri):
    """Record what this page's build reads, until ``stop_page``, in ``reads``."""
    reads[src_uri] = set()
    _readers.append(reads[src_uri])


def stop_page(src_uri):
    """Stop recording, and keep the files of the repository the page read."""
    found = reads.get(src_uri, set())
    _stop(found)
    reads[src_uri] = {p for p in map(source, found) if p is not None}


def source(path):
    """``path`` as a source file of the repository, or None if it is not one (a file of
    the tools, of a cache, of the build's output, or outside the repository)."""
    path = Path(path).resolve()
    if not path.is_file() or not path.is_relative_to(ROOT):
        return None
    if any(path.is_relative_to(folder) for folder in NOT_SOURCES):
        return None
    return path


def note_read(paths):
    """Files read without being opened now (modules imported earlier): for every reader."""
    for found in _readers:
        found.update(map(os.fspath, paths))


def _stamp():
    files = [p for folder in CODE for p in folder.rglob("*.py")] + CONFIG
    files += [p for page in reads.values() for p in page]
    return {p: p.stat().st_mtime_ns if p.exists() else None for p in files}


def _forgettable(module):
    file = getattr(module, "__file__", None)
    if file is None or Path(file) in KEEP:
        return False
    return any(Path(file).is_relative_to(folder) for folder in CODE)


def refresh():
    """The files changed since the last call; the repository's modules forgotten if one of
    them is code."""
    global _stamps, changed
    _readers.clear()  # a build that failed may have left some open
    now = _stamp()
    changed = {p for p in now.keys() | _stamps.keys() if now.get(p) != _stamps.get(p)}
    _stamps = now
    if any(
        p.suffix == ".py" and any(p.is_relative_to(c) for c in CODE) for p in changed
    ):
        for name, module in list(sys.modules.items()):
            if _forgettable(module):
                del sys.modules[name]
    return changed
