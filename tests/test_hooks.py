"""The site's build hooks: math to MathML, lab pages made light, descriptions, the 404 page."""

import logging
import re
from types import SimpleNamespace

from markupsafe import Markup

from hooks import course, pages


def page(src_uri, url, meta=None):
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=src_uri), url=url, meta=meta or {}
    )


def test_math_becomes_mathml():
    html = (
        '<p>slope <span class="arithmatex">\\(\\frac{dL}{da} &lt; 0\\)</span></p>'
        '<div class="arithmatex">\\[x^2\\]</div>'
    )
    out = course.on_page_content(html, page("a/b.md", "a/b/"), {}, None)
    assert "arithmatex" not in out and "\\frac" not in out
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in out
    assert 'display="block"' in out and "<mfrac>" in out and "&#x0003C;" in out


def test_a_display_formula_scrolls_in_its_own_focusable_box():
    html = '<p>a</p><div class="arithmatex">\\[x^2\\]</div><span class="arithmatex">\\(y\\)</span>'
    out = course.on_page_content(html, page("a/b.md", "a/b/"), {}, None)
    assert out.count('<div class="math-display" tabindex="0"><math') == 1
    assert out.count("<math") == 2  # the inline one is not boxed


def test_a_table_takes_focus_to_scroll_on_a_narrow_screen_in_a_box_of_its_own():
    html = "<p>a</p><table>\n<thead></thead></table><p>b</p><table>x</table>"
    out = course.on_page_content(html, page("a.md", "a/"), {}, None)
    assert out == (
        '<p>a</p><div class="mg-table"><table tabindex="0">\n<thead></thead></table></div>'
        '<p>b</p><div class="mg-table"><table tabindex="0">x</table></div>'
    )


CODE = (
    '<div class="highlight"><pre><span></span><code><span class="n">a</span>'
    '<span class="w"> </span><span class="o">=</span><span class="w"> </span>'
    '<span class="n">Value</span><span class="p">(</span><span class="mf">2.0</span>'
    '<span class="p">)</span>\n</code></pre></div>'
)


def test_code_keeps_its_text_and_colours_with_fewer_spans():
    out = course.light_code(CODE)
    text = lambda h: re.sub(r"<[^>]+>", "", h)  # noqa: E731
    assert text(out) == text(CODE) == "a = Value(2.0)\n"
    assert 'class="n"' not in out and 'class="w"' not in out
    for token in (
        '<span class="o">=</span>',
        '<span class="mf">2.0</span>',
        'class="p"',
    ):
        assert token in out  # coloured tokens stay


def test_every_code_block_gets_its_own_copy_button():
    out = course.light_code(CODE + '<pre class="x"><code>b</code></pre>' + CODE)
    targets = re.findall(r'data-clipboard-target="#([\w-]+)"', out)
    ids = re.findall(r'<code id="([\w-]+)">', out)
    assert targets == ids == ["mg-code-1", "mg-code-2", "mg-code-3"]
    assert out.count('<nav class="md-code__nav"><button class="md-code__button"') == 3
    assert '<pre class="x"><nav class="md-code__nav">' in out


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


# nbconvert's markup for a lab, as mkdocs-jupyter 0.26 writes it (abridged).
NOTEBOOK = """<script>clipboard()</script><style>.jp-Cell{color:red}</style>
<!-- Load mathjax --><script src="https://cdn.example/mathjax.js"> </script>
<!-- End of mathjax configuration --><script type="module">import("https://cdn.example/m.mjs")
</script><div class="jupyter-wrapper">
<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell">
<div class="jp-Cell-inputWrapper" tabindex="0">
<h2 id="step">Step<a class="anchor-link" href="#step">¶</a></h2>
</div></div>
<div class="jp-Cell jp-CodeCell jp-Notebook-cell">
<div class="jp-Cell-inputWrapper" tabindex="0">
<div class="CodeMirror cm-s-jupyter">
<div class="zeroclipboard-container">
<clipboard-copy for="cell-1"><div><span class="notice" hidden="">Copied!</span>
<svg><path d="M0"></path></svg>
</div></clipboard-copy>
</div>
<div class="highlight-ipynb hl-python"><pre><span></span><span class="n">x</span> = 1
</pre></div>
<div class="clipboard-copy-txt" id="cell-1">x = 1</div>
</div></div>
<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">
<pre>1</pre></div>
<div class="jp-RenderedImage jp-OutputArea-output" tabindex="0">
<img alt="No description has been provided for this image" src="data:image/png;base64,AA"/>
</div></div></div>"""


def test_a_lab_keeps_its_cells_and_loses_nbconvert_page_head():
    out = course.lab_content(NOTEBOOK, page("labs/lab1.py", "labs/lab1/"))
    assert out.startswith('<div class="jupyter-wrapper">')
    for gone in (
        "<script",
        "<style",
        "<link",
        "mathjax",
        "cdn.example",
        "Copied!",
        "clipboard",
    ):
        assert gone not in out, gone


def test_a_lab_code_cell_becomes_the_sites_code_block_once():
    out = course.lab_content(NOTEBOOK, page("labs/lab1.py", "labs/lab1/"))
    block = (
        '<div class="language-python highlight"><pre><span></span><code>'
        '<span class="n">x</span> = 1\n'
        "</code></pre></div>"
    )
    assert block in out
    assert "x = 1" not in out  # the plain-text copy for the copy button is gone
    assert "highlight-ipynb" not in out


def test_a_lab_text_output_is_a_code_block_too():
    out = course.lab_content(NOTEBOOK, page("labs/lab1.py", "labs/lab1/"))
    assert (
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">'
        '<div class="highlight"><pre><span></span><code>1</code></pre></div></div>'
    ) in out


def test_a_lab_leaves_keyboard_focus_to_the_code_blocks():
    out = course.lab_content(NOTEBOOK, page("labs/lab1.py", "labs/lab1/"))
    assert (
        "tabindex" not in out
    )  # the theme makes a code block focusable when it scrolls
    assert '<a class="headerlink" href="#step">' in out
    assert 'alt="The plot drawn by the code cell above"' in out


def test_a_page_without_a_notebook_under_labs_fails_the_build():
    try:
        course.on_page_content("<p>x</p>", page("labs/lab9.py", "labs/lab9/"), {}, None)
    except ValueError as error:
        assert "labs/lab9.py" in str(error)
    else:
        raise AssertionError("no error")


def test_the_description_is_the_first_paragraph_that_reads_as_prose():
    html = (
        "<h1>Title</h1><p><a href='x.ipynb'>Download this lab</a></p>"
        "<p>A plain float forgets where it came from: <code>-6.0</code> could be "
        "<code>2 * -3</code>. We need numbers that remember. In this lesson you will see:</p>"
    )
    assert pages.describe(html) == (
        "A plain float forgets where it came from: -6.0 could be 2 * -3. "
        "We need numbers that remember."
    )


def test_a_long_description_is_cut_between_words():
    first = "Short start."
    long = " ".join(["word"] * 60) + "."
    text = pages.describe(f"<p>{first} {long}</p>")
    assert text.startswith(first) and text.endswith("word…")
    assert len(text) <= pages.MAX_CHARS
    whole = " ".join(["sentence"] * 12) + "."
    assert pages.describe(f"<p>{whole} {long}</p>") == whole


def test_front_matter_description_wins_and_every_description_is_escaped():
    own = page("a.md", "a/", meta={"description": 'Says "hi" & more'})
    pages.on_page_content("<p>" + "x " * 40 + ".</p>", own, {}, None)
    assert own.meta["description"] == Markup("Says &quot;hi&quot; &amp; more")
    made = page("b.md", "b/")
    pages.on_page_content(
        "<p>Tom &amp; Jerry's long chase, told in full, then again.</p>", made, {}, None
    )
    assert (
        made.meta["description"]
        == "Tom &amp; Jerry&#x27;s long chase, told in full, then again."
    )
    empty = page("c.md", "c/")
    pages.on_page_content("<p>too short</p>", empty, {}, None)
    assert "description" not in empty.meta


def test_the_404_page_is_rendered_with_relative_urls():
    config = {"site_url": "https://example.org/micrograd-course/"}
    context = pages.on_template_context(
        {"base_url": "/micrograd-course"}, "404.html", config
    )
    assert (
        context["base_url"] == "." and context["project_path"] == "/micrograd-course/"
    )
    other = pages.on_template_context({"base_url": ".."}, "main.html", config)
    assert other == {"base_url": ".."}
