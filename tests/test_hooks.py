"""The site's build hooks (hooks/course.py): math to MathML, notebook pages made light."""

import logging
from types import SimpleNamespace

from hooks import course


def page(src_uri, url):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def test_math_becomes_mathml():
    html = (
        '<p>slope <span class="arithmatex">\\(\\frac{dL}{da} &lt; 0\\)</span></p>'
        '<div class="arithmatex">\\[x^2\\]</div>'
    )
    out = course.on_page_content(html, page("a/b.md", "a/b/"), {}, None)
    assert "arithmatex" not in out and "\\frac" not in out
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in out
    assert 'display="block"' in out and "<mfrac>" in out and "&#x0003C;" in out


def test_tex_that_cannot_be_rendered_is_reported(caplog):
    bad = (
        '<div class="arithmatex">\\[\\begin{aligned} a &amp;= b \\end{aligned}\\]</div>'
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.math"):
        course.on_page_content(bad, page("x.md", "x/"), {}, None)
        course.on_page_content(
            '<span class="arithmatex">\\(\\nosuch x\\)</span>',
            page("y.md", "y/"),
            {},
            None,
        )
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "x.md" in messages[0] and "'&'" in messages[0]
    assert "y.md" in messages[1] and "\\nosuch" in messages[1]


def test_lab_pages_lose_cdn_mathjax_and_inline_css():
    html = (
        "<style>.jp-Cell{color:red}</style><!-- Load mathjax -->"
        '<script src="https://cdn.example/mathjax.js"> </script>'
        "<!-- End of mathjax configuration --><div class='jp-Cell'>1</div>"
    )
    out = course.on_page_content(html, page("labs/lab1.py", "labs/lab1/"), {}, None)
    assert "mathjax" not in out.lower() and "<style" not in out
    assert out.startswith('<link rel="stylesheet" href="../../assets/notebook.css">')
    assert ".jp-Cell{color:red}" in course._notebook_css
