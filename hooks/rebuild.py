"""What a build under ``mkdocs serve --dirty`` (``make serve``) makes again.

MkDocs' dirty build remakes a page only when its Markdown is newer than its HTML. A page
is made of more than its Markdown: the fences it runs read the package, its snippets and
starters are files, its markers' markup comes from the checker and the playgrounds. So
each page's build is recorded (hooks/load.py: every file it opened or imported, and what
its markers are made from), and before the next build the HTML of every page that read a
changed file is removed, which makes MkDocs build it again. A change to the build itself
(hooks/, mkdocs.yml, web/features.json) remakes every page. A full build is unchanged:
its site folder starts empty.
"""

from pathlib import Path

from hooks import load

ROOT = Path(__file__).resolve().parent.parent
EVERY_PAGE = [ROOT / "hooks", ROOT / "mkdocs.yml", ROOT / "web" / "features.json"]


def _touches_all(changed):
    return any(p == e or p.is_relative_to(e) for p in changed for e in EVERY_PAGE)


def forget_stale(files):
    """Remove the HTML of each page that the last build of it read a changed file for."""
    changed = load.changed
    every = _touches_all(load.changed)
    for file in files.documentation_pages():
        read = load.reads.get(file.src_uri)
        if every or read is None or read & changed:
            Path(file.abs_dest_path).unlink(missing_ok=True)
