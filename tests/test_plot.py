"""Plots: what is drawn where, the accessible name and description, colours as CSS variables,
panels, and clear errors. The SVG is parsed as XML and measured, not compared as text."""

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from micrograd.engine import Value
from micrograd.nn import MLP
from micrograd.plot import (
    FONT,
    WIDTH,
    Figure,
    Plot,
    compare,
    curves,
    decision_boundary,
    html,
)

SVG = "{http://www.w3.org/2000/svg}"
X = [[-1.0, 0.5], [0.0, 1.0], [1.0, 0.0], [2.0, -0.5]]
Y = [-1, -1, 1, 1]


def parse(markup):
    """The markup as an element tree (it is well-formed XML)."""
    return ET.fromstring(markup)


def svgs(markup):
    return [e for e in parse(markup).iter() if e.tag == SVG + "svg"]


def paths(svg, style=""):
    """The ``d`` of every path drawn on the panel (not in its legend) whose style
    mentions ``style``."""
    return [
        e.get("d")
        for e in svg.findall(SVG + "path")
        if style in (e.get("style") or "") and e.get("d")
    ]


def numbers(d):
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]


def frame(svg):
    """(left, top, right, bottom) of the plotting area: the panel's one rect."""
    (rect,) = svg.iter(SVG + "rect")
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def texts(svg):
    return [e.text for e in svg.iter(SVG + "text")]


def subpaths(d):
    """Each ``M...`` piece of a path as a list of absolute points (M, L, H, V only)."""
    pieces = []
    for piece in re.findall(r"M[^M]*", d):
        points, x, y = [], 0.0, 0.0
        for cmd, args in re.findall(r"([MLHV])([^MLHVz]*)", piece):
            v = numbers(args)
            if cmd in "ML":
                x, y = v[0], v[1]
            elif cmd == "H":
                x = v[0]
            else:
                y = v[0]
            points.append((x, y))
        pieces.append(points)
    return pieces


# ------------------------------------------------------------------------- decision boundary


def test_decision_boundary_asks_the_model_over_the_data_plus_a_margin():
    asked = []

    def model(p):
        assert type(p) is list and all(type(c) is float for c in p)
        asked.append(p)
        return Value(p[0] - p[1])

    plot = decision_boundary(model, X, Y, resolution=0.5, title="x1 > x2")
    xs, ys = sorted({p[0] for p in asked}), sorted({p[1] for p in asked})
    assert (xs[0], xs[-1], ys[0], ys[-1]) == (-2.0, 3.0, -1.5, 2.0)
    assert len(asked) == len(xs) * len(ys) == 11 * 8
    assert (plot.xlabel, plot.ylabel, plot.title) == ("x1", "x2", "x1 > x2")
    assert plot.xlim == (-2.0, 3.0) and plot.ylim == (-1.5, 2.0)


def test_decision_boundary_is_a_grid_of_rectangles_covering_the_plot():
    """A model positive right of x1 = 0.5: each row is one orange and one blue rectangle,
    split where the model changes sign, and together they fill the plotting area."""
    plot = decision_boundary(lambda p: [Value(p[0] - 0.5)], X, Y, resolution=0.5)
    (svg,) = svgs(html(plot, alt="a vertical boundary"))
    left, top, right, bottom = frame(svg)
    (orange,) = paths(svg, "mg-orange, #d95f02);fill-opacity")
    (blue,) = paths(svg, "mg-blue, #1b6ac9);fill-opacity")
    rows = 8  # one rectangle per row and class
    assert len(subpaths(orange)) == len(subpaths(blue)) == rows
    area = 0.0
    for rect in subpaths(orange) + subpaths(blue):
        xs, ys = [p[0] for p in rect], [p[1] for p in rect]
        assert (
            left <= min(xs)
            and max(xs) <= right
            and top <= min(ys)
            and max(ys) <= bottom
        )
        area += (max(xs) - min(xs)) * (max(ys) - min(ys))
    assert area == pytest.approx((right - left) * (bottom - top), rel=0.01)
    x_split = left + (0.75 - -2.0) / 5.0 * (right - left)  # between nodes 0.5 and 1.0
    for rect in subpaths(orange):
        assert max(p[0] for p in rect) == pytest.approx(x_split, abs=0.1)


def test_decision_boundary_draws_both_classes_by_colour_and_marker():
    plot = decision_boundary(MLP(2, [4, 1], seed=0), X, Y)
    (svg,) = svgs(html(plot, alt="two classes"))
    (circles,) = [d for d in paths(svg, "fill:var(--mg-orange") if "a" in d]
    (squares,) = [d for d in paths(svg, "fill:var(--mg-blue") if "h" in d and "z" in d]
    assert circles.count("a") == 2 * 2  # two arcs per circle
    assert squares.count("h") == 2 * 2 and "a" not in squares  # two sides per square
    assert texts(svg)[-2:] == ["y = -1", "y = +1"]  # the legend


def test_decision_boundary_checks_its_input():
    with pytest.raises(ValueError, match="4 points but y has 3"):
        decision_boundary(lambda p: p[0], X, Y[:3])
    with pytest.raises(ValueError, match="resolution"):
        decision_boundary(lambda p: p[0], X, Y, resolution=0)
    with pytest.raises(ValueError, match="empty"):
        decision_boundary(lambda p: p[0], [], [])
    with pytest.raises(ValueError, match=r"-1 or \+1, got \[0\]"):
        decision_boundary(lambda p: p[0], X, [0, 1, 1, 1])


# ------------------------------------------------------------------------- accessible markup


def test_one_panel_is_an_image_named_and_described():
    plot = Plot("falling", xlabel="step", ylabel="loss").line([3.0, 2.0, 1.0])
    markup = html(plot, alt='the loss "falls" <fast>')
    root = parse(markup)
    assert root.tag == "div" and root.get("class") == "mg-figure"
    (svg,) = svgs(markup)
    assert svg.get("role") == "img"
    title, desc = list(svg)[:2]  # the first children: name, then description
    assert title.tag == SVG + "title" and desc.tag == SVG + "desc"
    assert title.text == "Plot of loss against step: falling"
    assert desc.text == 'the loss "falls" <fast>'
    assert "&lt;fast&gt;" in markup  # escaped in the markup


def test_html_needs_alt_text_and_a_plot():
    for alt in ("", "   ", None):
        with pytest.raises(ValueError, match="alt"):
            html(Plot().line([1.0]), alt=alt)
    with pytest.raises(TypeError, match="Plot or a Figure, got dict"):
        html({"loss": [1.0]}, alt="a loss")


def test_several_panels_are_one_image_with_one_svg_per_panel():
    fig = Figure(
        Plot("left").line([1, 2]), Plot("right").line([2, 1]), title="two", columns=2
    )
    markup = html(fig, alt="two lines cross")
    root = parse(markup)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "2 plots, two: left; right"
    assert "--mg-columns:2" in root.get("style")
    (description,) = [e for e in root.iter("p") if e.get("id")]
    assert root.get("aria-describedby") == description.get("id")
    assert description.text == "two lines cross" and description.get("hidden") == ""
    panels = svgs(markup)
    assert len(panels) == 2
    assert all(p.get("aria-hidden") == "true" and p.get("role") is None for p in panels)
    assert [texts(p)[-1] for p in panels] == ["left", "right"]  # each panel's title
    other = html(Figure(Plot().line([1, 2]), Plot().line([0, 1])), alt="other")
    assert parse(other).get("aria-describedby") != root.get("aria-describedby")


def test_a_plot_shows_itself_in_a_notebook_with_a_description_from_its_data():
    plot = compare({"lr = 0.1": [1.0, 0.5], "lr = 1": [1.0, 2.0]})
    (svg,) = svgs(plot._repr_html_())
    desc = svg.find(SVG + "desc").text
    assert desc.startswith("Plot of loss against step: x from ")
    assert desc.endswith("shows lr = 0.1, lr = 1.")
    fig = curves({"loss": [1.0, 0.5]})
    assert fig._repr_html_() == html(fig, alt=svgs(fig._repr_html_())[0][1].text)
    tag = html(plot, alt="two runs")
    assert tag._repr_html_() == str(tag) and repr(tag).startswith("<figure markup, ")


# --------------------------------------------------------------------------- scheme, legibility


def test_colours_are_css_variables_with_fallbacks():
    plot = decision_boundary(lambda p: p[0], X, Y, title="colours")
    plot.line([0, 1], [0, 1], colour="green").line([1, 0], [0, 1], colour="purple")
    plot.hline(0).vline(0)
    markup = html(plot, alt="everything at once")
    attrs = re.findall(r' (?:fill|stroke)="([^"]*)"', markup)
    assert set(attrs) <= {"none", "currentColor"}, set(attrs)  # nothing fixed
    colours = set(re.findall(r"(?:fill|stroke):(var\([^)]*\)|\w+)", markup))
    assert colours == {
        "var(--mg-orange, #d95f02)",
        "var(--mg-blue, #1b6ac9)",
        "var(--mg-green, #1b9e77)",
        "var(--mg-purple, #7570b3)",
    }
    (svg,) = svgs(markup)
    style = svg.get("style")
    assert "color:var(--md-typeset-color," in style
    assert "font-family:var(--md-text-font-family," in style
    assert "white" not in markup and "<rect" in markup and 'fill="none"' in markup


def test_text_is_one_size_that_stays_legible_on_a_phone():
    markup = html(curves({"loss": [1.0, 0.5], "accuracy": [0.5, 0.9]}), alt="curves")
    sizes = set(re.findall(r'font-size="([^"]*)"', markup))
    assert sizes == {str(FONT)}
    for svg in svgs(markup):
        assert svg.get("viewBox").startswith(f"0 0 {WIDTH} ")
    # figures.css stacks panels rather than show them narrower than 212 CSS pixels, and
    # the narrowest place a plot goes is a lab's output on a 320-pixel phone, 216 pixels
    assert FONT * 208 / WIDTH >= 11


# ------------------------------------------------------------------------------------ lines


def test_a_line_goes_through_its_points_inside_the_frame():
    plot = Plot(xlim=(0, 4), ylim=(0, 2)).line([0, 2, 4], [0, 2, 0])
    (svg,) = svgs(html(plot, alt="a tent"))
    left, top, right, bottom = frame(svg)
    (d,) = paths(svg, "stroke:var(--mg-blue")
    (points,) = subpaths(d)
    assert points == [
        (pytest.approx(left, abs=0.1), pytest.approx(bottom, abs=0.1)),
        (pytest.approx((left + right) / 2, abs=0.1), pytest.approx(top, abs=0.1)),
        (pytest.approx(right, abs=0.1), pytest.approx(bottom, abs=0.1)),
    ]


def test_values_that_are_not_finite_break_the_line():
    plot = compare({"blew up": [1.0, 2.0, math.inf, 3.0, 2.0, math.nan, 1.0]})
    (svg,) = svgs(html(plot, alt="a run with gaps"))
    (d,) = paths(svg, "stroke:var(--mg-blue")
    assert [len(p) for p in subpaths(d)] == [
        2,
        2,
    ]  # 1-2 and 3-2; the lone 1 has no segment


def test_a_log_axis_leaves_out_values_that_are_not_positive():
    plot = Plot(logy=True).line([1.0, 10.0, 0.0, -5.0, 100.0, 1000.0])
    assert plot.limits()[1] == pytest.approx((10**-0.15, 10**3.15))
    (svg,) = svgs(html(plot, alt="three decades"))
    (d,) = paths(svg, "stroke:var(--mg-blue")
    assert [len(p) for p in subpaths(d)] == [2, 2]
    assert {"1", "10", "100", "1000"} <= set(texts(svg))


def test_lines_are_cut_at_the_limits():
    plot = compare({"a": [0.1, 0.5, 0.9, 0.3]}, ylim=(0.2, 0.6))
    (svg,) = svgs(html(plot, alt="cut at 0.6"))
    left, top, right, bottom = frame(svg)
    (d,) = paths(svg, "stroke:var(--mg-blue")
    points = [p for piece in subpaths(d) for p in piece]
    assert all(top - 0.1 <= y <= bottom + 0.1 for _, y in points)
    assert len(subpaths(d)) == 2  # out of the top in the middle, back in after


def test_limits_given_backwards_run_the_axis_backwards():
    plot = Plot(logx=True, xlim=(1, 1e-16)).points([1e-2, 1e-10], [1.0, 1.0])
    (svg,) = svgs(html(plot, alt="small steps to the right"))
    (d,) = paths(svg, "fill:var(--mg-blue")
    x_of_1e_2, x_of_1e_10 = (numbers(m)[0] for m in re.findall(r"M[^M]*", d))
    assert x_of_1e_10 > x_of_1e_2
    x_of = {e.text: float(e.get("x")) for e in svg.iter(SVG + "text")}
    assert x_of["10⁰"] < x_of["10⁻⁵"] < x_of["10⁻¹⁵"]  # ticks from left to right


def test_styles_markers_and_reference_lines():
    plot = Plot(xlim=(-1, 1), ylim=(-1, 1))
    plot.line([-1, 1], [0, 1], style="dashed", marker="square", label="dashed")
    plot.line([-1, 1], [1, 0], style="dotted", width=3, label="dotted")
    plot.points([0.5], [0.5], marker="cross").points([0.2], [0.2], marker="plus")
    plot.hline(0).vline(0).hline(5)  # 5 is outside the limits: not drawn
    markup = html(plot, alt="styles")
    assert markup.count('stroke-dasharray="6 4"') == 2  # the line and its legend entry
    assert markup.count('stroke-dasharray="1.5 3"') == 2
    assert markup.count('stroke-width="3"') == 2
    assert markup.count('stroke-opacity=".55"') == 2  # the two reference lines inside
    assert texts(svgs(markup)[0])[-2:] == ["dashed", "dotted"]
    with pytest.raises(ValueError, match="style must be one of"):
        plot.line([1], style="wavy")
    with pytest.raises(ValueError, match="marker must be one of"):
        plot.points([1], [1], marker="star")
    with pytest.raises(ValueError, match="colour must be one of"):
        plot.line([1], colour="#ff0000")
    with pytest.raises(ValueError, match="3 x values but 2 y values"):
        plot.line([1, 2, 3], [1, 2])


def test_ticks_are_round_numbers_inside_the_limits():
    (svg,) = svgs(html(Plot(xlim=(-0.1, 4.2), ylim=(0.2, 0.6)).line([0, 1]), alt="t"))
    labels = texts(svg)
    assert labels[:3] == ["0", "2", "4"]
    assert labels[3:8] == ["0.2", "0.3", "0.4", "0.5", "0.6"]
    (svg,) = svgs(html(Plot(ylim=(-1.5, 2), xlim=(0, 1)).line([0, 1]), alt="t"))
    assert "\u22121" in texts(svg)  # a real minus sign


def test_equal_aspect_gives_both_axes_the_same_scale():
    plot = Plot(equal=True, xlim=(-2, 3), ylim=(-1.5, 2)).points([0], [0])
    (svg,) = svgs(html(plot, alt="square units"))
    left, top, right, bottom = frame(svg)
    assert (right - left) / 5 == pytest.approx((bottom - top) / 3.5, rel=0.01)


def test_legends_wrap_under_the_panel():
    labels = [f"a rather long label {i}" for i in range(3)]
    plot = Plot()
    for i, label in enumerate(labels):
        plot.line([0, i], label=label)
    (svg,) = svgs(html(plot, alt="three lines"))
    rows = [float(e.get("y")) for e in svg.iter(SVG + "text") if e.text in labels]
    assert len(set(rows)) == 3  # one per row: two do not fit side by side
    height = float(svg.get("viewBox").split()[3])
    assert max(rows) < height


# ------------------------------------------------------------------------ the usual plots


def test_curves_one_panel_per_series():
    fig = curves({"loss": [3.0, 2.0, 1.5], "accuracy": [0.5, 0.7, 0.9]}, title="run")
    assert [(p.xlabel, p.ylabel) for p in fig.plots] == [
        ("step", "loss"),
        ("step", "accuracy"),
    ]
    assert fig.title == "run" and fig.columns == 2
    panels = svgs(html(fig, alt="two curves"))
    assert len(panels) == 2
    assert curves({"loss": [1.0]}, logy=True).plots[0].logy
    with pytest.raises(ValueError, match="empty"):
        curves({})


def test_compare_one_line_per_run_with_a_legend():
    runs = {
        "lr=0.001": [1.0, 0.99, 0.98],
        "lr=0.1": [1.0, 0.5, 0.2],
        "lr=10": [1.0, 50.0],
    }
    plot = compare(runs, ylabel="total loss", logy=True, title="learning rates")
    assert (plot.ylabel, plot.logy, plot.title) == (
        "total loss",
        True,
        "learning rates",
    )
    (svg,) = svgs(html(plot, alt="three runs"))
    colours = ("mg-blue", "mg-orange", "mg-green")
    assert [len(paths(svg, f"stroke:var(--{c}")) for c in colours] == [1, 1, 1]
    legend = svg.find(SVG + "g[@class='legend']")
    swatches = [e.get("style") for e in legend.iter(SVG + "path")]
    assert [s.split(",")[0] for s in swatches] == [f"stroke:var(--{c}" for c in colours]
    assert texts(legend) == list(runs)
    with pytest.raises(ValueError, match="empty"):
        compare({})


def test_figures_share_limits_when_asked():
    a, b = Plot().line([0, 1]), Plot().line([0, 1, 2, 3], [5, 6, 7, 8])
    (xa, ya), (xb, yb) = Figure(a, b, share="y").limits()
    assert ya == yb == (pytest.approx(-0.05), pytest.approx(8.15))  # 0 to 8, + 5%
    assert xa != xb
    (xa, ya), (xb, yb) = Figure(a, b, share=True).limits()
    assert xa == xb and ya == yb
    with pytest.raises(ValueError, match="share"):
        Figure(a, share="z")
    with pytest.raises(TypeError, match="holds Plots, got str"):
        Figure(a, "b")
    with pytest.raises(ValueError, match="at least one"):
        Figure()
    with pytest.raises(ValueError, match="columns must be a whole number"):
        Figure(a, b, columns=0)
    assert Figure(a, b).name() == "2 plots: panel 1; panel 2"


def test_limits_must_make_sense():
    with pytest.raises(ValueError, match="two different finite numbers"):
        Plot(xlim=(1, 1))
    with pytest.raises(ValueError, match="log axis must be positive"):
        Plot(logy=True, ylim=(0, 1))


def test_plots_need_nothing_but_python():
    code = (
        "import sys\n"
        "from micrograd.plot import compare, curves, decision_boundary, html\n"
        "html(curves({'loss': [2.0, 1.0]}), alt='a')\n"
        "html(decision_boundary(lambda p: p[0], [[0.0, 0.0], [1.0, 1.0]], [-1, 1]), alt='b')\n"
        "html(compare({'r': [1.0, 0.5]}, logy=True), alt='c')\n"
        "heavy = {'matplotlib', 'numpy', 'PIL'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_a_dense_boundary_stays_small():
    from micrograd.data import make_moons

    X, y = make_moons(100, noise=0.1, seed=0)
    plot = decision_boundary(MLP(2, [8, 1], seed=1), X, y, resolution=0.05)
    assert len(html(plot, alt="8,000 cells, 100 points")) < 20_000
