"""The site's build (hooks/): each pass on its own, the page model, and the joins.

Math to MathML, code blocks and tables, labs made light, descriptions and the 404 page; one
fence-option parser with markdown-exec's truth table; one marker syntax whose dispatcher
refuses what it does not know; links made from MkDocs' files; feature names from one file;
fences that run once and print what the page's Python prints; what ``mkdocs serve`` builds
again. All under CPython, without building the site.
"""

import json
import logging
import os
import random
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from markdown_exec import formatter, validator
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hooks import (
    blocks,
    execution,
    exercises,
    features,
    fences,
    labs,
    load,
    main,
    markers,
    mathml,
    model,
    pages,
    passes,
    rebuild,
    runtime,
    urls,
)
from micrograd.check.hosts import limits

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FILES = Files(
    [
        File(p.relative_to(DOCS).as_posix(), str(DOCS), "/site", True)
        for p in DOCS.rglob("*.md")
    ]
)


def page(src_uri, meta=None):
    """A page as the hooks see it: its file, its URL and its meta."""
    url = File(src_uri, str(DOCS), "/site", True).url
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=src_uri, abs_src_path=str(DOCS / src_uri)),
        url=url,
        meta=meta or {},
    )


# --- math, code blocks, tables ----------------------------------------------------------


def test_math_becomes_mathml():
    html = (
        '<p>slope <span class="arithmatex">\\(\\frac{dL}{da} &lt; 0\\)</span></p>'
        '<div class="arithmatex">\\[x^2\\]</div>'
    )
    out = mathml.convert(html, "a/b.md")
    assert "arithmatex" not in out and "\\frac" not in out
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in out
    assert 'display="block"' in out and "<mfrac>" in out and "&#x0003C;" in out


def test_a_display_formula_scrolls_in_its_own_focusable_box():
    html = '<p>a</p><div class="arithmatex">\\[x^2\\]</div><span class="arithmatex">\\(y\\)</span>'
    out = mathml.convert(html, "a/b.md")
    assert out.count('<div class="math-display" tabindex="0"><math') == 1
    assert out.count("<math") == 2  # the inline one is not boxed


def test_tex_that_cannot_be_rendered_is_reported(caplog):
    bad = (
        '<div class="arithmatex">\\[\\begin{aligned} a &amp;= b \\end{aligned}\\]</div>'
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.math"):
        mathml.convert(bad, "x.md")
        mathml.convert('<span class="arithmatex">\\(\\nosuch x\\)</span>', "y.md")
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "x.md" in messages[0] and "'&'" in messages[0]
    assert "y.md" in messages[1] and "\\nosuch" in messages[1]


def test_a_table_takes_focus_to_scroll_on_a_narrow_screen_in_a_box_of_its_own():
    html = "<p>a</p><table>\n<thead></thead></table><p>b</p><table>x</table>"
    assert blocks.focusable_tables(html) == (
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
    out = blocks.light_code(CODE)
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
    out = blocks.light_code(CODE + '<pre class="x"><code>b</code></pre>' + CODE)
    targets = re.findall(r'data-clipboard-target="#([\w-]+)"', out)
    ids = re.findall(r'<code id="([\w-]+)">', out)
    assert targets == ids == ["mg-code-1", "mg-code-2", "mg-code-3"]
    assert out.count('<nav class="md-code__nav"><button class="md-code__button"') == 3
    assert '<pre class="x"><nav class="md-code__nav">' in out


# --- labs ---------------------------------------------------------------------------------

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
    out = labs.content(NOTEBOOK, page("labs/lab1.py"))
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
    out = labs.content(NOTEBOOK, page("labs/lab1.py"))
    block = (
        '<div class="language-python highlight"><pre><span></span><code>'
        '<span class="n">x</span> = 1\n'
        "</code></pre></div>"
    )
    assert block in out
    assert "x = 1" not in out  # the plain-text copy for the copy button is gone
    assert "highlight-ipynb" not in out


def test_a_lab_text_output_is_a_code_block_too():
    out = labs.content(NOTEBOOK, page("labs/lab1.py"))
    assert (
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">'
        '<div class="highlight"><pre><span></span><code>1</code></pre></div></div>'
    ) in out


def test_a_lab_leaves_keyboard_focus_to_the_code_blocks():
    out = labs.content(NOTEBOOK, page("labs/lab1.py"))
    assert (
        "tabindex" not in out
    )  # the theme makes a code block focusable when it scrolls
    assert '<a class="headerlink" href="#step">' in out
    assert 'alt="The plot drawn by the code cell above"' in out


def test_a_page_without_a_notebook_under_labs_fails_the_build():
    with pytest.raises(ValueError, match="labs/lab9.py"):
        labs.content("<p>x</p>", page("labs/lab9.py"))


def test_lab_cells_run_up_to_the_first_that_cannot():
    cell = '<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-{}">code</div>'
    html = "".join(cell.format(i) for i in range(3))
    sources = ["x = 1", "import matplotlib.pyplot as plt", "print(x)"]
    out = labs.mark_cells(html, sources, "labs/l.py")
    assert out.count('data-course="cell"') == 1 and 'data-course="cell" class' in out
    assert out.index("From here on, this lab") < out.index('id="cell-1"')
    assert labs.mark_cells(html, ["x = 1"] * 3, "labs/l.py").count("data-course") == 3
    with pytest.raises(ValueError, match="3 code cells in the page, 2 in the lab"):
        labs.mark_cells(html, ["x = 1"] * 2, "labs/l.py")


def test_a_lab_is_read_once_per_build(monkeypatch):
    reads = []
    monkeypatch.setattr(labs.jupytext, "read", lambda path: reads.append(path) or "nb")
    lab = page("labs/lab1_derivatives.py")
    assert labs.notebook(lab) == labs.notebook(lab) == "nb"
    assert len(reads) == 1


# --- descriptions and the 404 page --------------------------------------------------------


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
    own = page("a.md", meta={"description": 'Says "hi" & more'})
    pages.set_description("<p>" + "x " * 40 + ".</p>", own)
    assert own.meta["description"] == Markup("Says &quot;hi&quot; &amp; more")
    made = page("b.md")
    pages.set_description(
        "<p>Tom &amp; Jerry's long chase, told in full, then again.</p>", made
    )
    assert made.meta["description"] == (
        "Tom &amp; Jerry&#x27;s long chase, told in full, then again."
    )
    empty = page("c.md")
    pages.set_description("<p>too short</p>", empty)
    assert "description" not in empty.meta


def test_the_404_page_is_rendered_with_relative_urls():
    config = {"site_url": "https://example.org/micrograd-course/"}
    context = pages.not_found_context(
        {"base_url": "/micrograd-course"}, "404.html", config
    )
    assert (
        context["base_url"] == "." and context["project_path"] == "/micrograd-course/"
    )
    other = pages.not_found_context({"base_url": ".."}, "main.html", config)
    assert other == {"base_url": ".."}


# --- fences: one parser, markdown-exec's truth ----------------------------------------------

MD = markdown.Markdown(
    extensions=["pymdownx.superfences", "attr_list"],
    extension_configs={
        "pymdownx.superfences": {
            "custom_fences": [
                {
                    "name": "python",
                    "class": "python",
                    "validator": validator,
                    "format": formatter,
                }
            ]
        }
    },
)
INFOS = [
    'python exec="on"',
    'python exec="ON"',
    'python exec="True"',
    'python exec="yes"',
    'python exec="1"',
    'python exec="anything"',
    'python exec="0"',
    'python exec="off"',
    'python exec="Off"',
    'python exec="NO"',
    'python exec="false"',
    'python exec=""',
    "python",
    '{.python exec="on"}',
    '{.python exec="False"}',
    "{.python notest}",
    'py exec="on"',
    'python source="above" exec="on" html="Yes"',
]


@pytest.mark.parametrize("info", INFOS)
def test_a_fence_runs_at_build_time_exactly_when_markdown_exec_runs_it(info):
    """Rendered by markdown-exec itself: whether it ran is what ``executed`` says."""
    html = MD.reset().convert(f"```{info}\nprint('RAN' + '-MARK')\n```\n")
    ran = "RAN-MARK" in html
    (fence,) = fences.fences(f"```{info}\nprint('RAN' + '-MARK')\n```\n")
    assert fence.executed == ran, html


def test_options_are_read_in_either_form_and_any_case():
    lang, options, flags = fences.parse_info(
        'python exec="on" source="above" result=text'
    )
    assert (lang, options, flags) == (
        "python",
        {"exec": "on", "source": "above", "result": "text"},
        frozenset(),
    )
    assert fences.parse_info("{.python notest}") == (
        "python",
        {},
        frozenset({"notest"}),
    )
    assert fences.parse_info('{.bash .x #id k="a b"}') == (
        "bash",
        {"k": "a b"},
        frozenset(),
    )
    (fence,) = fences.fences('```python exec="on" norun="Yes" source="below"\nx\n```\n')
    assert fence.has("norun") and fence.shows_code and not fence.html
    (fence,) = fences.fences('```python exec="on" norun="off"\nx\n```\n')
    assert not fence.has("norun") and not fence.shows_code
    for value in ("", "no", "off", "false", "0", "NO", "Off", "FALSE"):
        assert not fences.to_bool(value), value
    for value in ("on", "yes", "true", "1", "ON", "y", "2"):
        assert fences.to_bool(value), value


def test_fences_are_found_with_their_info_and_nested_ones_skipped():
    fence = "```"
    text = (
        "Intro\n\n````markdown\n```python\nprint('shown, not run')\n```\n````\n\n"
        f'{fence}python exec="on" source="above" result="text"\nprint(1)\n{fence}\n'
        f"{fence}{{.python notest}}\nx\n{fence}\n"
    )
    found = fences.fences(text)
    assert [f.lang for f in found] == ["markdown", "python", "python"]
    assert found[1].source == "print(1)" and found[1].executed
    assert found[2].has("notest") and not found[2].has("test")
    assert fences.inside(text) == {2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13}
    assert 2 not in fences.inside(text, info=False)


# --- markers ---------------------------------------------------------------------------------


def read(text, src="04-training/loss-functions.md"):
    p = page(src)
    return markers.read(text, p, FILES), p


def test_a_pitfalls_marker_becomes_its_list_items_attributes():
    text = "- **A pitfall.** More words.\n  <!-- course:concepts zero-grad grad-accumulation -->\n"
    out, p = read(text)
    assert out == (
        "- **A pitfall.** More words.\n"
        '  { data-course="pitfall" data-concepts="zero-grad grad-accumulation" }\n'
    )
    html = markdown.markdown(out, extensions=["attr_list"])
    assert html.startswith(
        '<ul>\n<li data-concepts="zero-grad grad-accumulation" data-course'
    )
    assert model.data(p).args("concepts") == ["zero-grad", "grad-accumulation"]


def test_an_exercise_marker_becomes_the_editor_with_the_pages_concepts():
    text = (
        "```bash\npython -m micrograd.check loss loss.py\n```\n<!-- course:exercise loss -->\n\n"
        "- pitfall\n  <!-- course:concepts zero-grad -->\n"
    )
    out, p = read(text)
    assert "<!-- course:exercise loss -->" in out  # replaced once the page is HTML
    html = markers.write(markdown.markdown(out, extensions=["attr_list"]), p, FILES)
    assert "<!--" not in html
    attribute = html.split('data-course-data="')[1].split('"')[0]
    data = json.loads(attribute.replace("&quot;", '"').replace("&#x27;", "'"))
    assert data["exercise"] == "loss" and data["root"] == "../../"
    assert data["limits"] == limits("loss") and set(data["limits"]) == {
        "seconds",
        "load",
        "cases",
    }
    assert data["progress"] == "../../exercises/progress/"
    assert data["watch"]["zero-grad"]["lesson"].startswith("../../03-neural-network/")
    assert data["watch"]["loss-mean"]["lesson"].startswith("./#")  # this very page
    assert "error" not in data["watch"]  # no fallbacks
    assert "def hinge_loss(scores, labels):" in html  # the starter, as code
    assert 'data-course="exercise"' in html


def test_the_progress_marker_lists_exercises_and_concepts_relative_to_its_page():
    out, p = read("# Progress\n\n<!-- course:progress -->\n", "exercises/progress.md")
    html = markers.write(markdown.markdown(out), p, FILES)
    assert html.count('data-course="progress"') == 1 and "JavaScript" in html
    data = json.loads(
        html.split('data-course-data="')[1].split('"')[0].replace("&quot;", '"')
    )
    pages_ = [e["page"] for e in data["exercises"]]
    assert "../../02-value/wrapping-scalars/" in pages_ and "../capstone/" in pages_


def test_a_playground_marker_becomes_the_playground():
    text = "<p>a</p>\n\n<!-- course:playground descent -->\n"
    out, p = read(text, "04-training/gradient-descent.md")
    html = markers.write(out, p, FILES)
    assert 'data-playground="descent"' in html and "<!--" not in html
    assert 'id="pg1-descent' in html


def test_markers_in_code_are_text():
    text = "```markdown\n<!-- course:nope x -->\n```\nWrite `<!-- course:exercise x -->`.\n"
    out, p = read(text)
    assert out == text and model.data(p).markers == []


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("<!-- course:nope x -->\n", "3: <!-- course:nope x -->: no such marker"),
        ("<!-- course:exercise nope -->\n", "no exercise 'nope'"),
        ("<!-- course:exercise loss train -->\n", "one exercise name, not 2"),
        ("<!-- course:playground nope -->\n", "name one playground of: descent"),
        ("- a\n  <!-- course:concepts no-such -->\n", "unknown concept id(s) no-such"),
        ("- a <!-- course:concepts zero-grad -->\n", "it stands alone on its line"),
        ("<!-- course:progress all -->\n", "it takes no arguments"),
        (
            "<!-- playground: descent -->\n",
            "not a marker: write <!-- course:NAME ARGS -->",
        ),
        ('```{.bash exercise="value"}\nx\n```\n', "3: not a marker"),
        ('- a\n  { data-concepts="zero-grad" }\n', "not a marker"),
        ("<!-- course: exercise value -->\n", "not a marker"),
    ],
)
def test_the_dispatcher_refuses_what_it_does_not_know_and_says_where(text, says):
    def build():
        out, p = read("# T\n\n" + text)
        markers.write(markdown.markdown(out, extensions=["attr_list"]), p, FILES)

    with pytest.raises(PluginError) as error:
        build()
    assert "04-training/loss-functions.md:" in str(error.value)
    assert says in str(error.value)


def test_a_marker_that_does_not_reach_the_html_fails():
    out, p = read("<!-- course:progress -->\n")
    with pytest.raises(PluginError, match="did not reach the HTML"):
        markers.write("<p>the marker was dropped</p>", p, FILES)


def test_every_marker_of_the_lessons_is_one_the_dispatcher_knows():
    names = set()
    for path in DOCS.rglob("*.md"):
        for line in path.read_text().splitlines():
            names |= {m["name"] for m in markers.MARKER.finditer(line)}
    assert names == markers.IN_MARKDOWN.keys() | markers.IN_HTML.keys()


# --- links, features ---------------------------------------------------------------------------


def test_links_are_relative_and_made_from_the_sites_own_files():
    assert urls.root(page("02-value/backpropagation.md")) == "../../"
    assert urls.root(page("index.md")) == ""
    here = page("exercises/progress.md")
    assert urls.link("exercises/capstone/", here, FILES) == "../capstone/"
    assert urls.link("02-value/backpropagation/#why", here, FILES) == (
        "../../02-value/backpropagation/#why"
    )
    with pytest.raises(ValueError, match="'02-value/nowhere/' is no page of the site"):
        urls.link("02-value/nowhere/", here, FILES)


def test_feature_names_come_from_one_file_that_features_js_follows():
    table = (ROOT / "web" / "features.js").read_text()
    loader = r'^\s*"?([\w-]+)"?: \(\) => import\("\./([\w-]+\.js)"\)'
    loaders = dict(re.findall(loader, table, re.M))
    assert set(loaders) == set(features.FEATURES), (
        "web/features.js and web/features.json differ"
    )
    for feature in features.FEATURES.values():
        assert all((ROOT / "web" / style).is_file() for style in feature["styles"])
    assert features.attribute("cell") == 'data-course="cell"'
    with pytest.raises(ValueError, match="no page feature 'cel'"):
        features.attribute("cel")
    with pytest.raises(ValueError, match="a.md: no page feature nope"):
        features.used('<div data-course="nope">', "a.md")


def test_a_page_links_the_stylesheets_of_its_features_only():
    head = '<head><link rel="stylesheet" href="../../assets/course/course.css"></head>'
    out = runtime.link_styles(
        head + '<div data-course="progress"></div>', page("a/b.md")
    )
    assert out.count("exercises.css") == 1 and "playgrounds.css" not in out
    assert (
        'course.css"><link rel="stylesheet" href="../../assets/course/exercises.css">'
        in out
    )
    assert runtime.link_styles(head + "<p>x</p>", page("a/b.md")) == head + "<p>x</p>"

    def linked(*names):
        html = "".join(f'<div data-course="{name}"></div>' for name in names)
        out = runtime.link_styles(head + html, page("a/b.md"))
        return re.findall(r'assets/course/([\w-]+\.css)">', out)

    # A lesson's own-words question links its few rules, not the editors' stylesheet; a
    # page of reviews, which ask it again, links both; a feature's style comes once.
    assert linked("cell", "own-words") == ["course.css", "own-words.css"]
    assert linked("reviews") == ["course.css", "exercises.css", "own-words.css"]
    assert linked("own-words", "reviews", "progress") == linked("reviews")
    with pytest.raises(ValueError, match="no assets/course/course.css"):
        runtime.link_styles("<p>x</p>", page("a/b.md"))


# --- fences that run while the site builds -----------------------------------------------------


@pytest.fixture
def fence_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(execution, "CACHE", tmp_path / "fences")
    return tmp_path / "fences"


def test_a_fence_prints_as_python_prints(fence_cache):
    assert execution.run("print(1, 2, sep='-', end='!')\nprint('x')") == "1-2!x\n"
    code = "from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\nprint(P(1))"
    assert execution.run(code) == "P(x=1)\n"


def test_a_fence_runs_once_until_its_code_or_what_it_reads_changes(
    fence_cache, monkeypatch, tmp_path
):
    data = tmp_path / "repo" / "data.txt"
    data.parent.mkdir()
    data.write_text("one")
    monkeypatch.setattr(load, "ROOT", tmp_path / "repo")
    monkeypatch.setattr(execution, "ROOT", tmp_path / "repo")
    code = f"import random\nrandom.seed(1)\nprint(open({str(data)!r}).read(), random.random() < 2)"
    runs = []
    real = execution._execute
    monkeypatch.setattr(execution, "_execute", lambda c: runs.append(c) or real(c))
    assert execution.run(code) == "one True\n"
    assert len(runs) == 2  # quick: run twice, to see it prints the same
    assert execution.run(code) == "one True\n" and len(runs) == 2  # kept
    data.write_text("two")
    assert execution.run(code) == "two True\n" and len(runs) == 4
    assert len(list(fence_cache.glob("*.json"))) == 1


def test_a_fence_whose_output_varies_fails_the_build(fence_cache):
    with pytest.raises(execution.ExecutionError, match="unseeded"):
        execution.run("import random\nprint(random.uniform(-1, 1))")
    with pytest.raises(execution.ExecutionError, match="printed something else"):
        execution.run("import time\nprint(time.perf_counter_ns())")
    assert not list(fence_cache.glob("*.json"))  # nothing kept


def test_a_slow_fence_runs_again_only_if_it_draws_unseeded(fence_cache, monkeypatch):
    monkeypatch.setattr(execution, "QUICK", 0.0)
    runs = []
    real = execution._execute
    monkeypatch.setattr(execution, "_execute", lambda c: runs.append(c) or real(c))
    assert (
        execution.run("import random\nrandom.seed(3)\nx = random.random()\nprint(1)")
        == "1\n"
    )
    assert len(runs) == 1
    with pytest.raises(execution.ExecutionError, match="unseeded"):
        execution.run("import random\nx = random.random()\nrandom.seed(3)\nprint(x)")
    assert len(runs) == 3
    state = random.getstate()
    assert random.seed is not None and random.getstate() == state  # the watch is gone


def test_a_fences_test_is_its_first_run_and_the_build_owes_it_only_the_second(
    fence_cache, monkeypatch
):
    runs = []
    real = execution._execute
    monkeypatch.setattr(execution, "_execute", lambda c: runs.append(c) or real(c))
    quick = "print(sorted({'b', 'a'}))"
    execution.test(quick)
    assert len(runs) == 1
    assert execution.run(quick) == "['a', 'b']\n" and len(runs) == 2  # run again
    assert execution.run(quick) == "['a', 'b']\n" and len(runs) == 2  # checked
    execution.test("import time\nprint(time.perf_counter_ns())")
    with pytest.raises(execution.ExecutionError, match="printed something else"):
        execution.run("import time\nprint(time.perf_counter_ns())")
    execution.test("import random\nprint(random.uniform(-1, 1))")
    with pytest.raises(execution.ExecutionError, match="unseeded"):
        execution.run("import random\nprint(random.uniform(-1, 1))")
    monkeypatch.setattr(execution, "QUICK", 0.0)  # every run is slow
    runs.clear()
    execution.test("print('slow')")
    assert execution.run("print('slow')") == "slow\n" and len(runs) == 1  # the test's


def test_a_failing_fence_shows_its_own_lines(fence_cache):
    with pytest.raises(execution.ExecutionError) as error:
        execution.run("x = 1\nprint('x is', x)\nraise ValueError('bad ' + str(x))")
    assert "x is 1" in str(error.value)  # what it printed before
    assert "raise ValueError('bad ' + str(x))" in str(error.value)
    assert "ValueError: bad 1" in str(error.value)


def test_output_written_by_hand_under_a_fence_fails_the_build():
    fence = "```"
    good = f"{fence}python\nprint(2)\n{fence}\n\nIt prints 2.\n\n{fence}bash\nls\n{fence}\n"
    execution.pasted(good, "a.md")
    for block in ("", "text", "output"):
        bad = f"{fence}python\nprint(1 + 1)\n{fence}\n\n{fence}{block}\n3\n{fence}\n"
        with pytest.raises(ValueError, match="a.md:5: output written by hand"):
            execution.pasted(bad, "a.md")


# --- mkdocs serve: fresh modules, the pages to build again -----------------------------


def test_a_changed_module_is_imported_afresh_by_the_next_build(tmp_path, monkeypatch):
    code = tmp_path / "code"
    code.mkdir()
    (code / "fresh_module_for_test.py").write_text("VALUE = 1\n")
    monkeypatch.setattr(load, "CODE", [code])
    monkeypatch.setattr(load, "CONFIG", [])
    monkeypatch.setattr(load, "_stamps", {})
    monkeypatch.syspath_prepend(str(code))
    import fresh_module_for_test

    assert load.refresh() == {code / "fresh_module_for_test.py"}
    assert "fresh_module_for_test" not in sys.modules  # forgotten at the first build
    import fresh_module_for_test  # noqa: F811

    assert load.refresh() == set() and "fresh_module_for_test" in sys.modules
    (code / "fresh_module_for_test.py").write_text("VALUE = 22\n")
    assert load.refresh() == {code / "fresh_module_for_test.py"}
    import fresh_module_for_test  # noqa: F811

    assert fresh_module_for_test.VALUE == 22
    assert "hooks.load" in sys.modules  # what the builds share stays


def test_a_page_is_built_again_when_what_it_read_changed(tmp_path, monkeypatch):
    site, repo = tmp_path / "site", tmp_path / "repo"
    names = ("a.md", "b.md", "c.md", "d.md")
    files = Files([File(n, str(DOCS), str(site), True) for n in names])

    def built():
        for file in files:
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            Path(file.abs_dest_path).write_text("built")

    repo.mkdir()
    module, text = repo / "module.py", repo / "starter.py"
    module.write_text("x = 1  # a comment\n")
    text.write_text("x = 1  # a comment\n")
    read = {
        "a.md": {module: ("code", load.digest(module, "code"))},
        "b.md": {text: ("text", load.digest(text, "text"))},
        "c.md": {},
    }
    monkeypatch.setattr(load, "pages", read)
    monkeypatch.setattr(load, "changed", set())
    built()
    rebuild.forget_stale(files)
    left = {f.src_uri for f in files if Path(f.abs_dest_path).exists()}
    assert left == {"a.md", "b.md", "c.md"}  # d.md was never built here
    module.write_text("x = 1  # another comment, longer\n")
    text.write_text("x = 1  # another comment, longer\n")
    built()
    rebuild.forget_stale(files)
    left = {f.src_uri for f in files if Path(f.abs_dest_path).exists()}
    assert left == {"a.md", "c.md"}  # a.md imports it: comments do not count
    module.write_text("x = 2\n")
    built()
    rebuild.forget_stale(files)
    assert {f.src_uri for f in files if Path(f.abs_dest_path).exists()} == {"c.md"}
    monkeypatch.setattr(load, "changed", {ROOT / "hooks" / "markers.py"})
    built()
    rebuild.forget_stale(files)
    assert not any(Path(f.abs_dest_path).exists() for f in files)  # the build changed


def test_a_pages_build_records_what_it_read(tmp_path):
    load.start_page("x.md")
    (ROOT / "micrograd" / "nn.py").read_text()
    (tmp_path / "elsewhere.txt").write_text("not the repository's")
    load.note_imported([ROOT / "micrograd" / "engine.py"])
    load.stop_page("x.md")
    package = ROOT / "micrograd"
    read = load.pages.pop("x.md")
    assert {p: kind for p, (kind, _) in read.items()} == {
        package / "nn.py": "text",
        package / "engine.py": "code",
    }


def test_what_the_import_system_reads_counts_as_code(tmp_path, monkeypatch):
    """An import (here after an edit, from its source) and a read of a module's imports
    record code, whose comments do not count; a file opened by other code, its text."""
    (tmp_path / "a_fresh_module.py").write_text("x = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "a_fresh_module", raising=False)
    nn = ROOT / "micrograd" / "nn.py"
    with load.reading() as reader:
        __import__("a_fresh_module")
        load.module_source(nn)
        (tmp_path / "a_fresh_module.py").read_text()
    module = str(tmp_path / "a_fresh_module.py")
    assert module in reader.imported and str(nn) in reader.imported
    assert reader.opened == {module}  # the read_text alone
    assert reader.files()[nn][0] == "code"


def test_a_dirty_build_keeps_the_labs_it_did_not_make_again(tmp_path):
    """mkdocs-jupyter itself would remove them after a build that made one lab."""
    from mkdocs_jupyter.plugin import Plugin

    jupyter = Plugin()
    jupyter.load_config({"cache_dir": str(tmp_path)})
    jupyter.on_pre_build({})
    kept = tmp_path / "another-lab.json"
    kept.write_text("{}")
    labs.keep_cache(SimpleNamespace(plugins={"mkdocs-jupyter": jupyter}))
    jupyter.on_post_build({})
    assert kept.exists()


def test_every_pass_is_an_event_of_the_one_hook_mkdocs_lists():
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert config["hooks"] == ["hooks/main.py"]
    events = {name for name in dir(passes) if name.startswith("on_")}
    assert events == {name for name in dir(main) if name.startswith("on_")}


def test_answers_wait_behind_a_gate_named_for_their_block():
    markdown = (
        "/// parsons\nlines\n///\n\n/// compare | Ours\ncode\n///\n/// hint\nh\n///\n"
    )
    gated = exercises.gates(markdown)
    assert "/// parsons\n    attrs: {data-course: gate, data-gate: parsons}\n" in gated
    assert (
        "/// compare | Ours\n    attrs: {data-course: gate, data-gate: compare}\n"
        in gated
    )
    assert "/// hint\nh\n" in gated  # other blocks are left as they are


def test_a_damaged_kept_output_is_run_again(fence_cache):
    code = "print(3)"
    assert execution.run(code) == "3\n"
    (kept,) = fence_cache.glob("*.json")
    for damaged in ("{", '{"files": {"a": "sha"}}', '{"files": [1], "output": "4"}'):
        kept.write_text(damaged)
        assert execution.run(code) == "3\n", damaged


def test_a_fence_the_build_cannot_run_is_an_error_not_plain_text(monkeypatch, caplog):
    """superfences would show it as text: the build's log says it, and --strict fails."""

    def broken(code, **options):
        raise KeyError("inside the build")

    monkeypatch.setattr(execution, "run", broken)
    html = MD_BUILD.reset().convert('```python exec="on"\nprint(1)\n```\n')
    assert "print(1)" in html  # superfences' own fallback
    assert "a python fence could not be run by the build: KeyError" in caplog.text


MD_BUILD = markdown.Markdown(
    extensions=["pymdownx.superfences"],
    extension_configs={
        "pymdownx.superfences": {
            "custom_fences": [
                {
                    "name": "python",
                    "class": "python",
                    "validator": validator,
                    "format": lambda source, language, css_class, options, md, **kw: (
                        execution.format_python(code=source, md=md, **options)
                    ),
                }
            ]
        }
    },
)


def test_a_labs_cells_are_numbered_not_given_random_ids():
    cell = '<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id={}">x</div>'
    built = [
        labs.content(
            '<div class="jupyter-wrapper">' + cell.format(a) + cell.format(b), None
        )
        for a, b in (("dd1283ca", "779c3e33"), ("4b9a2369", "fdfefc3c"))
    ]
    assert built[0] == built[1]
    assert 'id="lab-cell-1"' in built[0] and 'id="lab-cell-2"' in built[0]


def test_the_pages_python_is_the_same_bytes_whenever_it_is_built(tmp_path):
    engine = runtime.ROOT / "micrograd" / "engine.py"
    kept = engine.stat()
    runtime.write_package_zip(tmp_path / "first.zip")
    try:
        os.utime(engine, (kept.st_atime, kept.st_mtime + 86_400))  # edited a day later
        runtime.write_package_zip(tmp_path / "second.zip")
    finally:
        os.utime(engine, (kept.st_atime, kept.st_mtime))
    assert (tmp_path / "first.zip").read_bytes() == (
        tmp_path / "second.zip"
    ).read_bytes()
