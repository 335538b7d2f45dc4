"""The single-file micrograd: the engine and the nn library as one module.

The site serves it at ``downloads/micrograd.py`` for readers who want the whole thing on
one screen. It is made from the package's source while the site builds, never committed:
``micrograd/engine.py``, then ``micrograd/nn.py``, with their imports gathered at the top,
the nn library's import of the engine dropped, and the snippet markers (which only the
lessons use) left out.

    python hooks/single_file.py > micrograd.py   # the same file, without building the site
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("micrograd/engine.py", "micrograd/nn.py")
TARGET = "downloads/micrograd.py"
MARKER = re.compile(r"\s*# --8<-- \[(start|end):[\w-]+\]\s*")

HEADER = """micrograd in one file: the autograd engine and the neural-network library.

Generated from micrograd-course {version}: {sources}.
{copyright}. MIT License.

Save it as micrograd.py next to your code, then:

    from micrograd import Value, MLP
"""


def _parts(source):
    """A module's docstring, imports, ``__all__`` names, and the lines of its code."""
    tree = ast.parse(source)
    doc = ast.get_docstring(tree)
    imports, names, moved = [], [], set()
    for i, node in enumerate(tree.body):
        if i == 0 and doc is not None:
            pass  # the docstring: it goes into the file's docstring
        elif isinstance(node, ast.Import | ast.ImportFrom):
            if not (getattr(node, "module", None) or "").startswith("micrograd"):
                imports.append(node)  # gathered at the top; micrograd's own are dropped
        elif _is_all(node):
            names += ast.literal_eval(node.value)  # merged into one __all__
        else:
            continue  # code: kept as it is
        moved.update(range(node.lineno - 1, node.end_lineno))
    code = [
        line
        for i, line in enumerate(source.splitlines())
        if i not in moved and not MARKER.fullmatch(line)
    ]
    return doc, imports, names, code


def _is_all(node):
    targets = getattr(node, "targets", [])
    return [getattr(target, "id", None) for target in targets] == ["__all__"]


def _merge_imports(nodes):
    """``import x`` lines, then ``from x import a, b`` lines, each sorted, none twice."""
    plain = sorted(
        {alias.name for n in nodes if isinstance(n, ast.Import) for alias in n.names}
    )
    froms = {}
    for n in nodes:
        if isinstance(n, ast.ImportFrom):
            froms.setdefault(n.module, set()).update(alias.name for alias in n.names)
    return [f"import {name}" for name in plain] + [
        f"from {module} import {', '.join(sorted(froms[module]))}"
        for module in sorted(froms)
    ]


def _tidy(lines):
    """``lines`` joined, without blank lines at either end or more than two in a row."""
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{4,}", "\n\n\n", text)


def single_file(root=ROOT):
    """The text of the single-file micrograd, made from the package under ``root``."""
    root = Path(root)
    docs, imports, names, bodies = [], [], [], []
    for path in SOURCES:
        doc, found, exported, body = _parts((root / path).read_text(encoding="utf-8"))
        docs.append(doc)
        imports += found
        names += exported
        bodies.append(_tidy(body))
    init = (root / "micrograd/__init__.py").read_text(encoding="utf-8")
    version = re.search(r'__version__ = "([^"]+)"', init)[1]
    license_text = (root / "LICENSE").read_text(encoding="utf-8")
    copyright_line = next(
        line for line in license_text.splitlines() if "Copyright" in line
    )
    header = HEADER.format(
        version=version, sources=", then ".join(SOURCES), copyright=copyright_line
    )
    docstring = "\n\n".join([header.strip(), *docs])
    head = "\n\n".join(
        [
            f'"""{docstring}\n"""',
            "\n".join(_merge_imports(imports)),
            f"__all__ = {names!r}".replace("'", '"'),
        ]
    )
    return "\n\n\n".join([head, *bodies]) + "\n"


def add(files, config):
    """Add ``downloads/micrograd.py`` to the site, made from the package as it is now."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, TARGET, content=single_file()))
    return files


if __name__ == "__main__":
    sys.stdout.write(single_file())
