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
- Code blocks, made light for the browser, which restyles a whole page several times as it
  starts: Pygments' spans around names and spaces are unwrapped (the theme draws both in the
  code's own colour; on a long lesson they are a fifth of the page's elements), and each block's
  copy button is written here, with Material's markup, rather than added by the theme's script
  one block at a time, each addition followed by a measure of the page (content.code.copy is
  off; the theme's clipboard handler serves these buttons all the same).
"""

import html
import itertools
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


_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
_CODE_START = re.compile(r"(?P<pre><pre[^>]*>(?:<span></span>)?)<code>")


def light_code(content):
    """Code blocks with the spans that change nothing unwrapped, and their copy buttons."""
    content = _PLAIN_TOKEN.sub(r"\1", content)
    number = itertools.count(1)

    def with_button(match):
        target = f"mg-code-{next(number)}"
        return (
            f'{match["pre"]}<nav class="md-code__nav"><button class="md-code__button"'
            f' title="Copy to clipboard" data-clipboard-target="#{target}"'
            f' data-md-type="copy"></button></nav><code id="{target}">'
        )

    return _CODE_START.sub(with_button, content)


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


_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)


def _focusable_table(match):
    """A table scrolls sideways on a narrow screen, inside the box the theme wraps it in:
    focusable, the table lets a keyboard scroll that box. The theme's script moves each table
    into that box as the page starts; in a box of its own (div.mg-table), the move restyles
    that box only, not the whole article."""
    return f'<div class="mg-table"><table tabindex="0">{match[1]}</table></div>'


def on_files(files, config):
    """The scripts in overrides/partials/ are written into each page, not files of the site."""
    for file in [
        f
        for f in files
        if f.src_uri.startswith("partials/") and f.src_uri.endswith(".js")
    ]:
        files.remove(file)
    return files


def on_page_content(content, page, config, files):
    content = _MATH.sub(lambda m: _to_mathml(m, page.file.src_uri), content)
    content = _TABLE.sub(_focusable_table, content)
    if page.file.src_uri.startswith("labs/"):
        content = lab_content(content, page)
    return content


def on_post_page(output, page, config):
    """Every code block of the finished page (the other hooks add some) made light."""
    return light_code(output)


def on_post_build(config):
    """Write every lab as a notebook, next to its page: site/labs/<name>.ipynb."""
    docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
    for source in sorted((docs / "labs").glob("*.py")):
        notebook = jupytext.read(source)
        jupytext.write(notebook, site / "labs" / f"{source.stem}.ipynb")
