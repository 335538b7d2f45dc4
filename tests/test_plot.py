"""Plots: the right artists on the right axes, and small, valid inline PNGs."""

import base64
import math
import subprocess
import sys

import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from micrograd.engine import Value
from micrograd.nn import MLP
from micrograd.plot import compare, curves, decision_boundary, html

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
X = [[-1.0, 0.5], [0.0, 1.0], [1.0, 0.0], [2.0, -0.5]]
Y = [-1, -1, 1, 1]


def png_of(tag):
    prefix = 'src="data:image/png;base64,'
    assert tag.startswith("<img ") and prefix in tag and tag.endswith('">')
    return base64.b64decode(tag.split(prefix)[1][:-2], validate=True)


def test_decision_boundary_asks_the_model_over_the_data_plus_a_margin():
    asked = []

    def model(p):
        assert type(p) is list and all(type(c) is float for c in p)
        asked.append(p)
        return Value(p[0] - p[1])

    fig = decision_boundary(model, X, Y, resolution=0.5, title="x1 > x2")
    xs, ys = sorted({p[0] for p in asked}), sorted({p[1] for p in asked})
    assert (xs[0], xs[-1], ys[0], ys[-1]) == (-2.0, 3.0, -1.5, 2.0)
    assert len(asked) == len(xs) * len(ys) == 11 * 8
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == (
        "$x_1$",
        "$x_2$",
        "x1 > x2",
    )
    assert ax.get_xlim() == (-2.0, 3.0)


def test_decision_boundary_draws_both_classes_and_the_regions():
    fig = decision_boundary(MLP(2, [4, 1], seed=0), X, Y)
    ax = fig.axes[0]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [len(c.get_offsets()) for c in points] == [2, 2]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["y = -1", "y = +1"]
    assert len(ax.collections) > len(points)  # the filled regions


def test_decision_boundary_draws_on_a_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    assert decision_boundary(lambda p: [p[0]], X, Y, ax=ax) is fig
    assert fig.axes == [ax]


def test_decision_boundary_checks_lengths():
    with pytest.raises(ValueError, match="4 points but y has 3"):
        decision_boundary(lambda p: p[0], X, Y[:3])


def test_curves_one_panel_per_series():
    fig = curves({"loss": [3.0, 2.0, 1.5], "accuracy": [0.5, 0.7, 0.9]}, title="run")
    assert [ax.get_ylabel() for ax in fig.axes] == ["loss", "accuracy"]
    assert [ax.get_xlabel() for ax in fig.axes] == ["step", "step"]
    assert list(fig.axes[1].lines[0].get_ydata()) == [0.5, 0.7, 0.9]
    assert fig.get_suptitle() == "run"
    assert len(curves({"loss": [1.0, 0.5]}).axes) == 1
    with pytest.raises(ValueError, match="empty"):
        curves({})


def test_compare_one_line_per_run():
    runs = {
        "lr=0.001": [1.0, 0.99, 0.98],
        "lr=0.1": [1.0, 0.5, 0.2],
        "lr=10": [1.0, 50.0, math.inf],
    }
    fig = compare(runs, ylabel="total loss", logy=True, title="learning rates")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == list(runs)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(runs)
    assert ax.get_ylabel() == "total loss" and ax.get_yscale() == "log"
    assert math.isnan(
        ax.lines[2].get_ydata()[2]
    )  # the blow-up is left out, not plotted
    assert compare({"a": [1, 2]}).axes[0].get_yscale() == "linear"
    with pytest.raises(ValueError, match="empty"):
        compare({})


def test_html_is_a_small_valid_png():
    fig = decision_boundary(MLP(2, [8, 8, 1], seed=1), X, Y, resolution=0.1)
    tag = html(fig, alt='points "in" <two> classes')
    assert tag.startswith('<img alt="points &quot;in&quot; &lt;two&gt; classes" ')
    png = png_of(tag)
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) < 40_000
    assert len(tag) < 60_000


def test_html_needs_alt_text():
    for alt in ("", "   ", None):
        with pytest.raises(ValueError, match="alt"):
            html(curves({"loss": [1.0]}), alt=alt)


def test_html_closes_pyplot_figures():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    decision_boundary(lambda p: p[1], X, Y, ax=ax)
    assert plt.fignum_exists(fig.number)
    assert png_of(html(fig, alt="boundary")).startswith(PNG_SIGNATURE)
    assert not plt.fignum_exists(fig.number)


def test_plots_need_no_gui_backend():
    code = (
        "import sys\n"
        "from micrograd.plot import compare, curves, decision_boundary, html\n"
        "html(curves({'loss': [2.0, 1.0]}), alt='a')\n"
        "html(decision_boundary(lambda p: p[0], [[0.0, 0.0], [1.0, 1.0]], [-1, 1]), alt='b')\n"
        "html(compare({'r': [1.0, 0.5]}), alt='c')\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    env = {"MPLBACKEND": "qtagg", "PATH": ""}  # a GUI backend that cannot start here
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
