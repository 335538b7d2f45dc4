"""Build hooks for the course site.

- Math: pymdownx.arithmatex marks formulas; here they become MathML, which browsers render
  natively. No script and no font is loaded from anywhere, and no raw LaTeX reaches the reader.
  A display formula sits in its own box that scrolls sideways on a narrow screen and can be
  focused, so that a keyboard can scroll it too; so can a table.
- Labs: nbconvert's page head (590 KB of stylesheets, MathJax and Mermaid loaders from CDNs,
  a copy-button script) is dropped. Code cells and their text output become the site's own
  code blocks, as on the lessons: the same colours in both schemes, copy button and keyboard
  scrolling, and each cell's code reaches the page (and the search index) once. What is left
  is plain HTML that the theme styles: lab pages need no notebook stylesheet at all. Each lab
  is also written out as an ``.ipynb`` for download.
"""

import html
import logging
import re
from pathlib import Path

import jupytext
from latex2mathml.converter import convert

_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"\\(?P<open>[\(\[])(?P<tex>.*?)\\[\)\]]\s*</(?P=tag)>",
    re.DOTALL,
)
# What latex2mathml leaves behind for TeX it does not know: a command or an alignment `&`.
_UNCONVERTED = re.compile(r"<m[io]>(\\[A-Za-z]+|&)</m[io]>")
log = logging.getLogger(
    "mkdocs.hooks.math"
)  # a warning here fails `mkdocs build --strict`

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


def _to_mathml(match, where):
    tex = html.unescape(match["tex"]).strip()
    display = "block" if match["open"] == "[" else "inline"
    mathml = convert(tex, display=display)
    if left := _UNCONVERTED.search(mathml):
        log.warning(f"{where}: TeX that cannot be rendered ({left[1]!r}) in: {tex}")
    if display == "block":
        return f'<div class="math-display" tabindex="0">{mathml}</div>'
    return mathml


def lab_content(content, page):
    """A lab page's notebook HTML, reduced to its cells, with the site's code blocks."""
    start = content.find(_NOTEBOOK_START)
    if start < 0:
        raise ValueError(
            f"{page.file.src_uri}: no notebook in the page ({_NOTEBOOK_START})"
        )
    content = _COPY_WIDGETS.sub("", content[start:])
    content = _CODE_CELL.sub(
        r'<div class="language-\g<lang> highlight"><pre><span></span><code>\g<code>'
        r"</code></pre></div>",
        content,
    )
    content = _TEXT_OUTPUT.sub(
        r'\g<open><div class="highlight"><pre><span></span><code>\g<text></code></pre></div>',
        content,
    )
    content = _CELL_TABINDEX.sub(r"\1", content)
    content = content.replace('class="anchor-link"', 'class="headerlink"')
    return content.replace(
        'alt="No description has been provided for this image"',
        'alt="The plot drawn by the code cell above"',
    )


def on_page_content(content, page, config, files):
    content = _MATH.sub(lambda m: _to_mathml(m, page.file.src_uri), content)
    # A table scrolls sideways on a narrow screen, inside the box the theme wraps it in:
    # focusable, the table lets a keyboard scroll that box.
    content = content.replace("<table>", '<table tabindex="0">')
    if page.file.src_uri.startswith("labs/"):
        content = lab_content(content, page)
    return content


def on_post_build(config):
    """Write every lab as a notebook, next to its page: site/labs/<name>.ipynb."""
    docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
    for source in sorted((docs / "labs").glob("*.py")):
        notebook = jupytext.read(source)
        jupytext.write(notebook, site / "labs" / f"{source.stem}.ipynb")
