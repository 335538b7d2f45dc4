"""What a build under ``mkdocs serve --dirty`` (``make serve``) makes again.

MkDocs' dirty build remakes a page only when its Markdown is newer than its HTML. A page
is made of more than its Markdown: the fences it runs import the package, its snippets
and starters are files, its markers' markup comes from the checker and the playgrounds.
So each page's build records what it read (hooks/load.py: the text of the files it
opened, the code of the modules it imported, comments aside), and before the next build
the HTML of every page that read something that changed since is removed, which makes
MkDocs build it again. A change to the build itself (hooks/, mkdocs.yml,
web/features.json) remakes every page. A full build is unchanged: its site folder starts
empty.
"""

from pathlib import Path

from hooks import load

ROOT = Path(__file__).resolve().parent.parent
EVERY_PAGE = [ROOT / "hooks", ROOT / "mkdocs.yml", ROOT / "web" / "features.json"]


def _stale(read):
    """Whether a page whose last build read ``read`` must be built again."""
    if not isinstance(read, dict):  # never built, or its build failed
        return True
    return any(load.digest(path, kind) != sha for path, (kind, sha) in read.items())


def forget_stale(files):
    """Remove the HTML of each page that read something that changed since its build."""
    every = any(p == e or p.is_relative_to(e) for p in load.changed for e in EVERY_PAGE)
    for file in files.documentation_pages():
        if every or _stale(load.pages.get(file.src_uri)):
            Path(file.abs_dest_path).unlink(missing_ok=True)
