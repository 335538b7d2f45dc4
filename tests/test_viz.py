"""Graph pictures: what is drawn, what is cut or folded, and the error messages."""

import re

import pytest

from micrograd.engine import Value
from micrograd.nn import MLP
from micrograd.viz import MAX_NODES, draw_dot, set_renderer, svg


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
    assert text.startswith("<svg") and text.rstrip().endswith("</svg>")
    assert "<?xml" not in text and "DOCTYPE" not in text and "<!--" not in text
    assert " id=" not in text  # several pictures on one page must not repeat ids
    assert text.count("<title>") == 1
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

    def render(source):
        seen.append(source)
        prolog = '<?xml version="1.0"?>\n'
        return (
            prolog
            + '<svg id="x"><!-- v0 -->\n<g class="node">\n<title>v0</title>\n</g></svg>'
        )

    set_renderer(render)
    try:
        monkeypatch.setenv("PATH", "")  # no dot program: the renderer alone draws
        text = svg(lecture)
    finally:
        set_renderer(None)
    assert seen == [draw_dot(lecture).source]
    assert text == '<svg><g class="node">\n</g></svg>'


def test_a_graph_shows_itself_in_a_notebook(lecture):
    assert draw_dot(lecture)._repr_svg_() == svg(lecture)


def test_quotes_and_backslashes_in_labels_reach_the_picture():
    v = Value(1.0, label='say "hi" \\ bye')
    assert 'say "hi" \\ bye' in svg(v).replace("&quot;", '"')


def test_missing_dot_program_says_how_to_install(monkeypatch, lecture):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(RuntimeError) as err:
        svg(lecture)
    assert "apt-get install graphviz" in str(err.value)
    assert "brew install graphviz" in str(err.value)
