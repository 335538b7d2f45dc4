"""Math: pymdownx.arithmatex marks formulas; here they become MathML, which browsers render
natively. No script and no font is loaded from anywhere, and no raw LaTeX reaches the
reader. A display formula sits in its own box that scrolls sideways on a narrow screen and
can be focused, so that a keyboard can scroll it too.
"""

import html
import logging
import re

from latex2mathml.converter import convert as to_mathml

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


def _formula(match, where):
    tex = html.unescape(match["tex"]).strip()
    display = "block" if match["open"] == "[" else "inline"
    mathml = to_mathml(tex, display=display)
    if left := _UNCONVERTED.search(mathml):
        log.warning(f"{where}: TeX that cannot be rendered ({left[1]!r}) in: {tex}")
    if display == "block":
        return f'<div class="math-display" tabindex="0">{mathml}</div>'
    return mathml


def convert(content, where):
    """``content`` (a page's HTML) with every formula in MathML."""
    return _MATH.sub(lambda m: _formula(m, where), content)
