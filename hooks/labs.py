"""Labs: jupytext notebooks (docs/labs/*.py) that mkdocs-jupyter runs and renders.

Each lab is read once (``notebook``), and its page is made light and runnable:

- nbconvert's page head (590 KB of stylesheets, MathJax and Mermaid loaders from CDNs,
  a copy-button script) is dropped. Code cells and their text output become the site's
  own code blocks, as on the lessons: the same colours in both schemes, copy button and
  keyboard scrolling, and each cell's code reaches the page (and the search index) once.
  What is left is plain HTML that the theme styles: lab pages need no notebook stylesheet.
- Each code cell becomes a runnable cell (``data-course="cell"``) while it and every cell
  before it can run in the page (hooks/runnable.py); the first that cannot says why.
- The notebook is written next to the page, ``site/labs/<name>.ipynb``, for download.
"""

import hashlib
import itertools
import re
import shutil
from html import escape
from pathlib import Path

import jupytext

from hooks import features, load, model, runnable
from hooks.runtime import NOTE

# nbconvert's output for one lab, in the order the edits below meet it.
_NOTEBOOK_START = '<div class="jupyter-wrapper">'
_COPY_WIDGETS = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
    r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>',
    re.DOTALL,
)
_CODE_CELL = re.compile(
    r'<div class="highlight-ipynb hl-(?P<lang>\w+)"><pre>(?:<span></span>)?(?P<code>.*?)</pre>'
    r"</div>",
    re.DOTALL,
)
_TEXT_OUTPUT = re.compile(
    r'(?P<open><div class="jp-RenderedText[^>]*>)\s*<pre>(?P<text>.*?)</pre>', re.DOTALL
)
# nbconvert makes cells and outputs focusable to let them scroll; here code blocks do that.
_CELL_TABINDEX = re.compile(r'(<div class="jp-[^"]*"[^>]*?)\s+tabindex="0"')
_MERMAID = re.compile(
    r'<script type="module">(?:(?!</script>).)*?mermaid.*?</script>', re.S
)  # a dormant loader of a CDN's script
# nbformat gives each cell a random id, which nbconvert writes: numbered in order instead,
# so that two builds of a lab are the same bytes.
_CELL_ID = re.compile(r'(<div class="jp-Cell [^"]*" id=")cell-id=[\w-]+"')
_LAB_CELL = re.compile(r'<div class="jp-Cell jp-CodeCell jp-Notebook-cell[^"]*" id="')


CACHE = load.ROOT / ".cache" / "mkdocs-jupyter"


def cache_dir():
    """Where mkdocs-jupyter keeps the labs it ran: a folder per version of the package, as
    it keys a lab on the notebook alone (older folders are removed)."""
    package = sorted((load.ROOT / "micrograd").rglob("*.py"))
    code = "".join(load.digest(p, "code") for p in package)  # comments do not count
    sha = hashlib.sha256(code.encode()).hexdigest()[:16]
    for old in CACHE.glob("*"):
        if old.name != sha:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    return str(CACHE / sha)


def keep_cache(config):
    """mkdocs-jupyter removes the labs it kept that a build did not use; a build under
    ``mkdocs serve --dirty`` uses only those of the labs it makes again. The folder of
    this version of the package (``cache_dir``) keeps them all."""
    if jupyter := config.plugins.get("mkdocs-jupyter"):
        folder = Path(jupyter.config["cache_dir"])
        jupyter._used_cache_paths.update(folder.glob("*.json"))


def is_lab(page):
    return page.file.src_uri.startswith("labs/") and page.file.src_uri.endswith(".py")


def notebook(page):
    """The lab's notebook, read once per build."""
    data = model.data(page)
    if data.notebook is None:
        data.notebook = jupytext.read(page.file.abs_src_path)
    return data.notebook


def content(html, page):
    """A lab page's notebook HTML, reduced to its cells, with the site's code blocks."""
    start = html.find(_NOTEBOOK_START)
    if start < 0:
        raise ValueError(
            f"{page.file.src_uri}: no notebook in the page ({_NOTEBOOK_START})"
        )
    html = _MERMAID.sub("", _COPY_WIDGETS.sub("", html[start:]))
    html = _CODE_CELL.sub(
        r'<div class="language-\g<lang> highlight"><pre><span></span><code>\g<code>'
        r"</code></pre></div>",
        html,
    )
    html = _TEXT_OUTPUT.sub(
        r'\g<open><div class="highlight"><pre><span></span><code>\g<text></code></pre></div>',
        html,
    )
    html = _CELL_TABINDEX.sub(r"\1", html)
    count = itertools.count(1)
    html = _CELL_ID.sub(lambda m: f'{m[1]}lab-cell-{next(count)}"', html)
    html = html.replace('class="anchor-link"', 'class="headerlink"')
    return html.replace(
        'alt="No description has been provided for this image"',
        'alt="The plot drawn by the code cell above"',
    )


def mark_cells(html, sources, where):
    """Mark a notebook's code cells as runnable, up to the first that cannot run."""
    starts = [m.start() for m in _LAB_CELL.finditer(html)]
    if len(starts) != len(sources):
        raise ValueError(
            f"{where}: {len(starts)} code cells in the page, {len(sources)} in the lab"
        )
    why = next(
        ((i, w) for i, s in enumerate(sources) if (w := runnable.why_static(s))), None
    )
    runs = len(sources) if why is None else why[0]
    cell = f" {features.attribute('cell')}"
    for i in reversed(range(len(starts))):
        at = starts[i] + len("<div")
        if i < runs:
            html = html[:at] + cell + html[at:]
        elif i == runs:
            note = NOTE.format(why=escape(why[1])).replace(
                "This code does not", "From here on, this lab's code does not"
            )
            html = html[: starts[i]] + note + html[starts[i] :]
    return html


def page_content(html, page):
    """The lab's page: light, with runnable cells."""
    sources = ["".join(c.source) for c in notebook(page).cells if c.cell_type == "code"]
    for source in sources:  # what its outputs were made from (hooks/rebuild.py)
        load.note_imported(runnable.needs(runnable.imported(source))[1])
    return mark_cells(content(html, page), sources, page.file.src_uri)


def write_notebook(page, site_dir):
    """``site/labs/<name>.ipynb``, next to the lab's page."""
    name = Path(page.file.src_uri).with_suffix(".ipynb").name
    folder = Path(site_dir) / "labs"
    folder.mkdir(parents=True, exist_ok=True)
    lab = notebook(page)
    for number, cell in enumerate(
        lab.cells, 1
    ):  # not nbformat's random ids: same bytes
        cell.id = f"lab-cell-{number}"
    jupytext.write(lab, folder / name)
