"""How the build loads this repository's code, and what it remembers from one build to
the next under ``mkdocs serve`` (which builds again in the same process after each edit).

- ``web_module(name)``: a module of the page's Python (web/python/), imported by its own
  name, as the page imports it. The one loader by path of the build.
- ``refresh()``, before each build: the files that changed since the last build. If one is
  code (micrograd/, hooks/, web/python/, scripts/, web/features.json), every module
  imported from there is forgotten, so that the build, and every fence it runs, imports
  them as they are now.
- ``reading()``, ``start_page`` and ``pages``: the files a fence or a page's build opened
  (their text counts) or imported (their code counts, not their comments), with their
  digests (hooks/rebuild.py rebuilds a page when one of them changed; hooks/execution.py
  runs a fence again).

This module and the entry (hooks/main.py) are never forgotten: mkdocs holds the entry, and
this module holds what the builds share.
"""

import ast
import contextlib
import functools
import hashlib
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
changed = set()  # the build's files that changed before this build (all, at the first)
pages = {}  # a page's src_uri: what its last build read, {path: (kind, digest)}
_readers = []  # the readers recording, innermost last


class Reader:
    """The files read while it records: ``opened`` (their text counts) and ``imported``
    (modules: their code counts, not their comments)."""

    def __init__(self):
        self.opened, self.imported = set(), set()

    def files(self):
        """{path: (kind, digest)} of the repository's files read."""
        found = {
            p: ("code", digest(p, "code")) for p in map(source, self.imported) if p
        }
        found |= {p: ("text", digest(p, "text")) for p in map(source, self.opened) if p}
        return found


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


_IMPORT_SYSTEM = "<frozen importlib._bootstrap_external>"


def _audit(event, args):
    if event == "open" and _readers and isinstance(args[0], str | os.PathLike):
        # The import system reads a module's code: its comments do not count.
        imports = sys._getframe(1).f_code.co_filename == _IMPORT_SYSTEM
        for reader in _readers:
            (reader.imported if imports else reader.opened).add(os.fspath(args[0]))


sys.addaudithook(_audit)  # once: this module is never imported again


def _stop(reader):
    _readers[:] = [r for r in _readers if r is not reader]


@contextlib.contextmanager
def reading():
    """A Reader of what is read inside the block."""
    reader = Reader()
    _readers.append(reader)
    try:
        yield reader
    finally:
        _stop(reader)


def module_source(path):
    """The source of a module, read to learn what it imports: recorded as its code, as
    an import would be, not as text that a page shows."""
    saved = _readers[:]
    _readers.clear()
    try:
        return Path(path).read_text(encoding="utf-8")
    finally:
        _readers[:] = saved
        note_imported([path])


def note_imported(paths):
    """Modules the code being recorded needs, imported earlier maybe: for every reader."""
    for reader in _readers:
        reader.imported.update(map(os.fspath, paths))


def start_page(src_uri):
    """Record what this page's build reads, until ``stop_page``."""
    pages[src_uri] = Reader()
    _readers.append(pages[src_uri])


def stop_page(src_uri):
    """Stop recording, and keep what the page read: ``pages[src_uri]``."""
    reader = pages.get(src_uri)
    if isinstance(reader, Reader):
        _stop(reader)
        pages[src_uri] = reader.files()


def source(path):
    """``path`` as a source file of the repository, or None if it is not one (a file of
    the tools, of a cache, of the build's output, or outside the repository)."""
    path = Path(path).resolve()
    if not path.is_file() or not path.is_relative_to(ROOT):
        return None
    if any(path.is_relative_to(folder) for folder in NOT_SOURCES):
        return None
    return None if path.suffix == ".pyc" else path  # compiled from a source it reads


@functools.cache
def _digest(path, kind, stamp):
    data = path.read_bytes()
    if kind == "code":
        try:  # what the code does: comments and layout do not count
            data = ast.dump(ast.parse(data)).encode()
        except (SyntaxError, ValueError):
            pass
    return hashlib.sha256(data).hexdigest()


def digest(path, kind="text"):
    """The sha256 of a file's text, or of its code (``kind="code"``); None if it is gone."""
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        return None
    return _digest(Path(path), kind, (stat.st_mtime_ns, stat.st_size))


def _stamp():
    files = [p for folder in CODE for p in folder.rglob("*.py")] + CONFIG
    return {p: p.stat().st_mtime_ns if p.exists() else None for p in files}


def _forgettable(module):
    file = getattr(module, "__file__", None)
    if file is None or Path(file) in KEEP:
        return False
    return any(Path(file).is_relative_to(folder) for folder in CODE)


def refresh():
    """The build's own files (code, configuration) changed since the last call; the
    repository's modules forgotten if one of them is code."""
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
