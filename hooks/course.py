"""Build hooks for the course site.

- Math: pymdownx.arithmatex marks formulas; here they become MathML, which browsers render
  natively. No script and no font is loaded from anywhere, and no raw LaTeX reaches the reader.
- Labs: notebook pages lose nbconvert's MathJax loader (it would fetch a script from a CDN);
  the ~600 KB of notebook CSS that every lab page would carry inline goes into one shared
  stylesheet, assets/notebook.css; and each lab is also written out as an ``.ipynb`` beside
  its page for download.
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
_MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script[^>]*mathjax[^>]*>\s*</script>",
    re.DOTALL | re.IGNORECASE,
)
# What latex2mathml leaves behind for TeX it does not know: a command or an alignment `&`.
_UNCONVERTED = re.compile(r"<m[io]>(\\[A-Za-z]+|&)</m[io]>")
log = logging.getLogger(
    "mkdocs.hooks.math"
)  # a warning here fails `mkdocs build --strict`
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
_notebook_css = {}  # the notebook pages' inline style blocks, each kept once, in order


def _to_mathml(match, where):
    tex = html.unescape(match["tex"]).strip()
    display = "block" if match["open"] == "[" else "inline"
    mathml = convert(tex, display=display)
    if left := _UNCONVERTED.search(mathml):
        log.warning(f"{where}: TeX that cannot be rendered ({left[1]!r}) in: {tex}")
    return mathml


def on_page_content(content, page, config, files):
    content = _MATH.sub(lambda m: _to_mathml(m, page.file.src_uri), content)
    if page.file.src_uri.startswith("labs/"):
        content = _MATHJAX.sub("", content)
        content = content.replace(
            'alt="No description has been provided for this image"',
            'alt="The plot drawn by the code cell above"',
        )
        for css in _STYLE.findall(content):
            _notebook_css.setdefault(css, None)
        root = "../" * page.url.count("/")
        link = f'<link rel="stylesheet" href="{root}assets/notebook.css">'
        content = link + _STYLE.sub("", content)
    return content


def on_post_build(config):
    """Write every lab as a notebook, next to its page: site/labs/<name>.ipynb."""
    docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
    (site / "assets" / "notebook.css").write_text(
        "\n".join(_notebook_css), encoding="utf-8"
    )
    for source in sorted((docs / "labs").glob("*.py")):
        notebook = jupytext.read(source)
        jupytext.write(notebook, site / "labs" / f"{source.stem}.ipynb")
