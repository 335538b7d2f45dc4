"""Graph pictures: what is drawn, what is cut or folded, how they read to a screen reader,
what the theme controls, and the error messages."""

import re
import xml.etree.ElementTree as ET

import pytest

from micrograd.engine import Value
from micrograd.nn import MLP
from micrograd.viz import MAX_NODES, Graph, draw_dot, set_renderer, svg

SVG = "{http://www.w3.org/2000/svg}"


def counts(dot):
    """(Values, operations, cut markers) drawn in a Digraph."""
    src = dot.source
    return tuple(
        len(re.findall(rf"^\tv\d+{kind} \[", src, re.M)) for kind in ("", "op", "cut")
    )


@pytest.fixture
def lecture():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    e = a * b
    e.label = "e"
    L = (e + a).tanh()
    L.label = "L"
    L.backward()
    return L


def test_svg_shows_labels_data_and_grads(lecture):
    text = svg(lecture)
    assert "<?xml" not in text and "DOCTYPE" not in text and "<!--" not in text
    assert " id=" not in text  # several pictures on one page must not repeat ids
    for label in (">a<", ">b<", ">e<", ">L<"):
        assert label in text
    for number in (
        "data 2.0000",
        "data &#45;3.0000",
        "data &#45;6.0000",
        "grad 1.0000",
    ):
        assert number in text
    for op in (">*<", ">+<", ">tanh<"):
        assert op in text


def test_the_picture_is_a_named_image_in_a_focusable_scroller(lecture):
    root = ET.fromstring(svg(lecture))
    name = "Computation graph of L: 5 values, 3 operations"
    assert root.tag == "div" and root.get("class") == "mg-graph"
    assert root.get("tabindex") == "0" and root.get("role") == "group"
    assert root.get("aria-label") == name
    (picture,) = root
    assert picture.tag == SVG + "svg" and picture.get("role") == "img"
    title, desc = list(picture)[:2]  # the first children: name, then description
    assert (title.tag, desc.tag) == (SVG + "title", SVG + "desc")
    assert title.text == name
    assert len(list(picture.iter(SVG + "title"))) == 1  # Graphviz's own are left out


def test_the_description_lists_every_value_and_operation(lecture):
    desc = ET.fromstring(svg(lecture)).find(f"{SVG}svg/{SVG}desc").text
    values, operations = desc.split(" Operations: ")
    assert values.startswith("Values: ")
    for entry in (
        "a: data 2.0000, grad -0.0027",
        "b: data -3.0000, grad 0.0027",
        "e: data -6.0000, grad 0.0013",
        "value 1: data -4.0000, grad 0.0013",  # e + a has no label
        "L: data -0.9993, grad 1.0000",
    ):
        assert entry in values
    assert operations == "e = a * b; value 1 = e + a; L = tanh(value 1)."


def test_the_description_names_powers_sums_and_what_is_cut_off():
    x = Value(3.0, label="x")
    y = x**2
    y.label = "y"
    assert "y = x**2" in draw_dot(y).describe()
    xs = [Value(float(i), label=f"x{i}") for i in range(4)]
    total = sum(xs[1:], xs[0])
    total.label = "total"
    folded = draw_dot(total, fold_sums=True)
    assert "total = the sum of x0, x1, x2, x3." in folded.describe()
    assert folded.title == "Computation graph of total: 5 values, 1 operation"
    cut = draw_dot(total, depth=0)
    assert cut.describe().endswith("total = + of values not drawn.")
    assert draw_dot(x).title == "Computation graph of x: 1 value, 0 operations"
    assert draw_dot(Value(1.0) * 2).title.startswith("Computation graph of the output:")


def test_a_hand_made_graph_is_described_by_its_nodes_and_edges():
    dot = Graph("network")
    dot.node("a", "x1")
    dot.node("b", "ReLU")
    dot.edge("a", "b")
    assert dot.describe() == "2 nodes: x1, ReLU. 1 edge: x1 to ReLU."
    root = ET.fromstring(dot.svg())
    assert root.get("aria-label") == "network"
    named = Graph("n", title="A network", description="Two inputs, one unit.")
    named.node("a", "x1")
    picture = ET.fromstring(named.svg()).find(SVG + "svg")
    assert picture.find(SVG + "title").text == "A network"
    assert picture.find(SVG + "desc").text == "Two inputs, one unit."


def test_the_theme_not_graphviz_chooses_background_and_font(lecture):
    source = draw_dot(lecture).source
    assert 'bgcolor="transparent"' in source
    assert 'fontname="Helvetica,Arial,sans-serif"' in source
    text = svg(lecture)
    assert "Times" not in text and 'fill="white"' not in text
    style = Graph(
        "g", graph_attr={"bgcolor": "white"}, node_attr={"fontname": "Courier"}
    )
    assert 'bgcolor="white"' in style.source and 'fontname="Courier"' in style.source


def test_one_box_per_value_one_circle_per_operation(lecture):
    assert counts(draw_dot(lecture)) == (5, 3, 0)  # a, b, e, e+a, L; *, +, tanh


def test_a_value_used_twice_is_drawn_once_with_two_edges():
    x = Value(3.0, label="x")
    dot = draw_dot(x * x)
    assert counts(dot) == (2, 1, 0)
    assert dot.source.count("-> v0op") == 2


def test_record_characters_in_labels_are_escaped():
    v = Value(1.0, label="{a|b}<c>")
    assert r"\{a\|b\}\<c\>" in draw_dot(v).source
    assert "{a|b}&lt;c&gt;" in svg(v)


def test_rankdir_is_passed_on(lecture):
    assert 'rankdir="TB"' in draw_dot(lecture, rankdir="TB").source


def test_depth_keeps_the_values_near_the_root(lecture):
    assert counts(draw_dot(lecture, depth=0)) == (1, 1, 1)  # L, its tanh, and "…"
    assert counts(draw_dot(lecture, depth=1)) == (2, 2, 1)
    assert counts(draw_dot(lecture, depth=2)) == (4, 3, 1)  # e's inputs are cut off
    assert counts(draw_dot(lecture, depth=3)) == counts(draw_dot(lecture))
    assert 'style="dashed"' in draw_dot(lecture, depth=1).source


def test_depth_counts_the_shortest_path():
    x = Value(1.0, label="x")
    y = x * 2.0
    for _ in range(5):
        y = y + 1.0
    z = y * x  # x is one operation from z, though also six away through y
    assert ">x<" in svg(z, depth=1)


def test_fold_sums_draws_a_sum_as_one_node():
    xs = [Value(float(i), label=f"x{i}") for i in range(10)]
    total = sum(xs[1:], xs[0])
    total.label = "total"
    assert counts(draw_dot(total)) == (19, 9, 0)  # 10 terms, 8 partial sums, total
    folded = draw_dot(total, fold_sums=True)
    assert counts(folded) == (11, 1, 0)
    assert "Σ (10 terms)" in folded.source
    assert ">Σ (10 terms)<" in svg(total, fold_sums=True)


def test_fold_sums_keeps_labelled_and_shared_partial_sums():
    a, b, c, d = (Value(float(i)) for i in range(4))
    ab = a + b
    ab.label = "ab"
    folded = draw_dot(ab + c + d, fold_sums=True)
    assert "Σ (3 terms)" in folded.source and counts(folded) == (
        6,
        2,
        0,
    )  # Σ(ab, c, d); a + b
    s = a + b  # used twice: its value matters on its own
    folded = draw_dot((s + c) * s, fold_sums=True)
    assert "Σ" not in folded.source and counts(folded) == (6, 3, 0)


def test_big_graphs_are_refused_with_a_hint():
    loss = MLP(2, [16, 16, 1], seed=0)([1.0, 2.0])
    with pytest.raises(ValueError) as err:
        draw_dot(loss)
    message = str(err.value)
    assert "1009 Values" in message and f"max_nodes={MAX_NODES}" in message
    assert "depth=" in message and "fold_sums=" in message
    assert counts(draw_dot(loss, max_nodes=None))[0] == 1009
    assert counts(draw_dot(loss, fold_sums=True, max_nodes=None))[0] == 738
    assert counts(draw_dot(loss, depth=3, fold_sums=True)) == (
        66,
        49,
        16,
    )  # out, 16 w*h, 16 w, 16 h, 16 cut sums


def test_deep_graphs_draw_without_recursion():
    x = Value(1.0)
    for _ in range(20_000):
        x = x * 1.0001 + 0.5
    assert counts(draw_dot(x, depth=4, fold_sums=True)) == (9, 5, 1)
    with pytest.raises(ValueError, match="80001 Values"):
        draw_dot(x)


def test_negative_depth_is_an_error(lecture):
    with pytest.raises(ValueError, match="depth"):
        draw_dot(lecture, depth=-1)


def test_a_registered_renderer_draws_instead_of_dot(monkeypatch, lecture):
    seen = []

    def render(source):  # what viz.js (Graphviz 16) writes, in short
        seen.append(source)
        return (
            '<?xml version="1.0"?>\n<!-- Generated by graphviz version 16 -->\n'
            '<svg width="62pt" height="44pt" viewBox="0 0 62 44">\n'
            '<g id="graph0" class="graph">\n<title>computation graph</title>\n'
            '<g id="node1" class="node">\n<title>v0</title>\n'
            '<polygon fill="none" stroke="black" points="0,0 1,1"/>\n</g>\n</g>\n</svg>\n'
        )

    set_renderer(render)
    try:
        monkeypatch.setenv("PATH", "")  # no dot program: the renderer alone draws
        text = svg(lecture)
    finally:
        set_renderer(None)
    assert seen == [draw_dot(lecture).source]
    name = "Computation graph of L: 5 values, 3 operations"
    assert text.startswith(
        f'<div class="mg-graph" role="group" tabindex="0" aria-label="{name}">'
        f'<svg width="62pt" height="44pt" viewBox="0 0 62 44" role="img">'
        f"<title>{name}</title><desc>Values: b: data -3.0000"
    )
    assert text.endswith(
        "Operations: e = a * b; value 1 = e + a; L = tanh(value 1).</desc>\n"
        '<g class="graph">\n<g class="node">\n'
        '<polygon fill="none" stroke="black" points="0,0 1,1"/>\n</g>\n</g>\n</svg>\n</div>'
    )


def test_a_graph_shows_itself_in_a_notebook(lecture):
    dot = draw_dot(lecture)
    assert dot._repr_html_() == svg(lecture)
    assert dot._repr_svg_().startswith("<svg ") and dot._repr_svg_() in svg(lecture)


def test_quotes_and_backslashes_in_labels_reach_the_picture():
    v = Value(1.0, label='say "hi" \\ bye')
    assert 'say "hi" \\ bye' in svg(v).replace("&quot;", '"')


def test_missing_dot_program_says_how_to_install(monkeypatch, lecture):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(RuntimeError) as err:
        svg(lecture)
    assert "apt-get install graphviz" in str(err.value)
    assert "brew install graphviz" in str(err.value)
