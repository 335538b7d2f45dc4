"""Plots for the course, drawn as SVG by plain Python: no matplotlib, no numpy.

The same code draws at build time, in a notebook and in a web page that runs Python::

    from micrograd.plot import Plot, html

    plot = Plot(xlabel="step", ylabel="loss")
    plot.line([1.0, 0.6, 0.4, 0.3])
    print(html(plot, alt="The loss falls from 1.0 to 0.3 in four steps"))

- :class:`Plot` is one panel: :meth:`~Plot.line`, :meth:`~Plot.points`,
  :meth:`~Plot.classes` (points labelled -1 and +1), :meth:`~Plot.hline`, :meth:`~Plot.vline`.
- :class:`Figure` lays several panels out in a row, stacked on narrow screens.
- :func:`curves`, :func:`compare` and :func:`decision_boundary` make the course's usual plots.
- :func:`html` gives the markup for a page, with the alt text that every figure needs. A plot or
  a figure that is the last expression of a notebook cell shows itself.

Colours are CSS custom properties with fallbacks (``var(--mg-blue, #1b6ac9)``), and text takes
the page's colour and font: the site's stylesheet adapts them to its light and dark schemes, and
an SVG saved on its own still looks right. Text is 14 units high in a panel 264 units wide: it
stays at least 11 CSS pixels wherever a panel is at least 208 pixels wide (the output of a lab's
cell on a 320-pixel phone is 216).
"""

import hashlib
import math
from dataclasses import dataclass
from html import escape

__all__ = ["Figure", "Plot", "compare", "curves", "decision_boundary", "html"]

WIDTH = 264  # a panel's width, in SVG units
FONT = 14  # the size of all text, in SVG units
LINE = 18  # the height of a line of text
PLOT_HEIGHT = 150  # the height of the plotting area, unless its aspect is equal

COLOURS = {
    "blue": "var(--mg-blue, #1b6ac9)",
    "orange": "var(--mg-orange, #d95f02)",
    "green": "var(--mg-green, #1b9e77)",
    "purple": "var(--mg-purple, #7570b3)",
    "grey": "var(--mg-grey, #b4b4b4)",
    "text": "currentColor",
}
# the colours handed in turn to lines and points that are not given one
SERIES = ("blue", "orange", "green", "purple")
# the colours of the classes -1 and +1, which are told apart by their markers too
NEGATIVE, POSITIVE = "orange", "blue"
MARKERS = ("circle", "square", "cross", "plus")
STYLES = {"solid": "", "dashed": "6 4", "dotted": "1.5 3"}
MARKER_SIZE = 3.5  # half the width of a marker
_ROOT_STYLE = (
    "color:var(--md-typeset-color,var(--jp-content-font-color1,#1f2328));"
    "font-family:var(--md-text-font-family,system-ui,sans-serif)"
)


@dataclass
class _Mark:
    """Something drawn on a panel."""

    kind: str  # "line", "points", "cells" (rectangles), "hline" or "vline"
    xs: list = ()
    ys: list = ()
    label: str | None = None
    colour: str = COLOURS["text"]
    dash: str = ""
    width: float = 2.0
    marker: str | None = None
    value: float = 0.0  # where a reference line is
    rects: list = ()  # (x0, x1, y0, y1) of each rectangle


class Plot:
    """One panel: axes, and the lines, points and regions drawn on them.

    Limits left out are fitted to what is drawn; ``xlim=(hi, lo)`` runs the axis backwards.
    ``logx``/``logy`` make an axis logarithmic (values that are not positive are left out),
    and ``equal=True`` gives both axes the same scale. Every drawing method returns the plot.

    >>> p = Plot("a parabola", xlabel="x", ylabel="y").line([-1, 0, 1], [1, 0, 1])
    >>> p.hline(0).name()
    'Plot of y against x: a parabola'
    """

    def __init__(
        self,
        title=None,
        *,
        xlabel=None,
        ylabel=None,
        xlim=None,
        ylim=None,
        logx=False,
        logy=False,
        equal=False,
    ):
        self.title, self.xlabel, self.ylabel = title, xlabel, ylabel
        self.logx, self.logy, self.equal = logx, logy, equal
        self.xlim = _check_limits(xlim, logx, "xlim")
        self.ylim = _check_limits(ylim, logy, "ylim")
        self._marks = []  # what is drawn, bottom to top
        self._auto = 0  # how many colours have been handed out

    def line(
        self,
        xs,
        ys=None,
        *,
        label=None,
        colour=None,
        style="solid",
        width=2,
        marker=None,
    ):
        """A line through the points; ``line(ys)`` draws against 0, 1, 2, ...

        Points that are not finite break the line: a run that blew up simply stops.
        ``style`` is solid, dashed or dotted; ``marker`` also marks every point.
        """
        if style not in STYLES:
            raise ValueError(f"style must be one of {list(STYLES)}, got {style!r}")
        xs, ys = _pairs(xs, ys)
        marker = _check_marker(marker, none_ok=True)
        colour, dash, width = self._colour(colour), STYLES[style], float(width)
        self._marks.append(_Mark("line", xs, ys, label, colour, dash, width, marker))
        return self

    def points(self, xs, ys, *, label=None, colour=None, marker="circle"):
        """A mark at each point: a circle, a square, a cross or a plus."""
        xs, ys = _pairs(xs, ys)
        colour, marker = self._colour(colour), _check_marker(marker)
        self._marks.append(_Mark("points", xs, ys, label, colour, marker=marker))
        return self

    def classes(self, X, y, *, markers=("circle", "square"), name="y"):
        """Points ``X`` (pairs x1, x2) labelled -1 or +1 in ``y``: told apart by colour and
        by marker (``markers`` for -1 and +1), each class with a legend entry."""
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} points but y has {len(y)} labels")
        if wrong := sorted({t for t in y if t not in (-1, 1)}):
            raise ValueError(f"labels must be -1 or +1, got {wrong}")
        for label, colour, marker in zip((-1, 1), (NEGATIVE, POSITIVE), markers):
            group = [p for p, t in zip(X, y) if t == label]
            xs, ys = [p[0] for p in group], [p[1] for p in group]
            self.points(
                xs, ys, label=f"{name} = {label:+d}", colour=colour, marker=marker
            )
        return self

    def hline(self, y):
        """A thin horizontal reference line at ``y``, across the whole panel."""
        self._marks.append(_Mark("hline", value=float(y)))
        return self

    def vline(self, x):
        """A thin vertical reference line at ``x``, across the whole panel."""
        self._marks.append(_Mark("vline", value=float(x)))
        return self

    def name(self):
        """The accessible name: what the plot shows, from its axis labels and title."""
        axes = (
            f" of {self.ylabel} against {self.xlabel}"
            if self.xlabel and self.ylabel
            else ""
        )
        return f"Plot{axes}: {self.title}" if self.title else f"Plot{axes}"

    def subject(self):
        """What the plot shows, in a few words, or "" when it has no labels or title."""
        axes = (
            f"{self.ylabel} against {self.xlabel}"
            if self.xlabel and self.ylabel
            else ""
        )
        return ": ".join(filter(None, (axes, self.title)))

    def limits(self):
        """``(xlim, ylim)``: the limits given, or fitted to what is drawn."""
        xs, ys = self._extent()
        xlim = self.xlim or _fit(xs, self.logx)
        ylim = self.ylim or _fit(ys, self.logy)
        return xlim, ylim

    def _repr_html_(self):
        return Figure(self)._repr_html_()

    def _colour(self, colour):
        if colour is None:
            colour = SERIES[self._auto % len(SERIES)]
            self._auto += 1
        if colour not in COLOURS:
            raise ValueError(f"colour must be one of {list(COLOURS)}, got {colour!r}")
        return COLOURS[colour]

    def _extent(self):
        """The x and y values that the fitted limits must show."""
        xs, ys = [], []
        for m in self._marks:
            if m.kind in ("line", "points"):
                pairs = zip(m.xs, m.ys)
                ok = [(x, y) for x, y in pairs if _usable(x, self.logx, y, self.logy)]
                xs += [x for x, _ in ok]
                ys += [y for _, y in ok]
            elif m.kind == "cells":
                for x0, x1, y0, y1 in m.rects:
                    xs += [x0, x1]
                    ys += [y0, y1]
            else:
                (ys if m.kind == "hline" else xs).append(m.value)
        return xs, ys


class Figure:
    """Several panels side by side, in ``columns`` columns (all in one row by default).

    Each panel is its own ``<svg>``; on a narrow screen the panels stack. ``share`` gives the
    panels the same limits: ``"x"``, ``"y"`` or ``True`` for both.

    >>> left = Plot("before").line([3, 2, 1])
    >>> right = Plot("after").line([1, 0.5, 0.2])
    >>> Figure(left, right, share="y").name()
    '2 plots: before; after'
    """

    def __init__(self, *plots, title=None, columns=None, share=False):
        if not plots:
            raise ValueError("a Figure needs at least one Plot")
        if bad := [type(p).__name__ for p in plots if not isinstance(p, Plot)]:
            raise TypeError(f"a Figure holds Plots, got {', '.join(bad)}")
        if share not in (False, True, "x", "y"):
            raise ValueError(f"share must be False, True, 'x' or 'y', got {share!r}")
        if columns is not None and not (isinstance(columns, int) and columns >= 1):
            raise ValueError(f"columns must be a whole number from 1, got {columns!r}")
        self.plots, self.title, self.share = list(plots), title, share
        self.columns = columns or len(plots)

    def name(self):
        """The accessible name: how many panels, the figure's title, each panel's name."""
        if len(self.plots) == 1:
            only = self.plots[0].name()
            return f"{only}, {self.title}" if self.title else only
        title = f", {self.title}" if self.title else ""
        panels = "; ".join(
            p.subject() or f"panel {i}" for i, p in enumerate(self.plots, start=1)
        )
        return f"{len(self.plots)} plots{title}: {panels}"

    def limits(self):
        """Each panel's limits, made equal across panels on the shared axes."""
        limits = [list(p.limits()) for p in self.plots]
        for axis in (0, 1):
            if self.share in (True, "xy"[axis]):
                lo = min(min(lim[axis]) for lim in limits)
                hi = max(max(lim[axis]) for lim in limits)
                for lim in limits:  # an axis that runs backwards keeps doing so
                    backwards = lim[axis][0] > lim[axis][1]
                    lim[axis] = (hi, lo) if backwards else (lo, hi)
        return limits

    def _repr_html_(self):
        return self._html(_summary(self.plots))

    def _html(self, alt):
        """One panel: its accessible ``<svg>`` in a ``div``. Several: a container that is
        the image, named and described, holding one ``<svg>`` per panel."""
        limits = self.limits()
        if len(self.plots) == 1:
            svg = _render(self.plots[0], limits[0], self.name(), alt)
            return f'<div class="mg-figure">{svg}</div>'
        panels = "".join(_render(p, lim) for p, lim in zip(self.plots, limits))
        key = "mg-" + hashlib.sha1((alt + panels).encode()).hexdigest()[:12]
        heading = (
            f'<p class="mg-figure-title">{escape(self.title)}</p>' if self.title else ""
        )
        return (
            f'<div class="mg-figure mg-panels" role="img" aria-label="{escape(self.name())}"'
            f' aria-describedby="{key}" style="--mg-columns:{self.columns}">{heading}'
            f'<div class="mg-panel-grid">{panels}</div>'
            f'<p class="mg-description" id="{key}" hidden="">{escape(alt)}</p></div>'
        )


class Markup(str):
    """HTML text (a ``str``) that a notebook shows as what it is: a figure."""

    def _repr_html_(self):
        return str(self)

    def __repr__(self):
        return f"<figure markup, {len(self)} characters>"


def html(fig, alt):
    """The markup of a :class:`Plot` or :class:`Figure` for a web page, as a string.

    ``alt`` describes the picture for readers who cannot see it, and is required. A single
    panel is an ``<svg role="img">`` whose ``<title>`` names it and whose ``<desc>`` is
    ``alt``; several panels sit in a container that carries the name and the description.
    Print it in a page, or end a notebook cell with it to show the figure.

    >>> tag = html(Plot(xlabel="step", ylabel="loss").line([3.0, 2.0, 1.0]), alt="loss falls")
    >>> tag.startswith('<div class="mg-figure"><svg '), '<desc>loss falls</desc>' in tag
    (True, True)
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(
            "html() needs alt text describing the figure, for accessibility"
        )
    if isinstance(fig, Plot):
        fig = Figure(fig)
    if not isinstance(fig, Figure):
        raise TypeError(f"html() draws a Plot or a Figure, got {type(fig).__name__}")
    return Markup(fig._html(alt.strip()))


def _summary(plots):
    """A description made from the data, for a figure shown without alt text."""
    parts = []
    for p in plots:
        (x0, x1), (y0, y1) = p.limits()
        labels = [m.label for m in p._marks if m.label]
        drawn = f"; shows {', '.join(labels)}" if labels else ""
        parts.append(
            f"{p.name()}: x from {x0:.3g} to {x1:.3g}, y from {y0:.3g} to {y1:.3g}{drawn}."
        )
    return " ".join(parts)


# ---------------------------------------------------------------------------- the usual plots


def curves(history, *, logy=False, title=None):
    """One panel per series of ``history`` (e.g. loss and accuracy) against the step.

    >>> fig = curves({"loss": [0.9, 0.5, 0.3], "accuracy": [0.5, 0.8, 0.9]})
    >>> [p.ylabel for p in fig.plots]
    ['loss', 'accuracy']
    """
    if not history:
        raise ValueError(
            "history is empty: pass e.g. {'loss': [...], 'accuracy': [...]}"
        )
    plots = [
        Plot(xlabel="step", ylabel=name, logy=logy).line(values)
        for name, values in history.items()
    ]
    return Figure(*plots, title=title)


def compare(runs, *, ylabel="loss", logy=False, ylim=None, title=None):
    """Several runs on one plot, one line each, e.g. the loss for three learning rates.

    Values that are not finite (a run that blew up) are left out of the line.

    >>> p = compare({"lr=0.01": [1.0, 0.9, 0.8], "lr=0.5": [1.0, 0.3, 0.2]}, logy=True)
    >>> p.name(), p.logy
    ('Plot of loss against step', True)
    """
    if not runs:
        raise ValueError(
            "runs is empty: pass e.g. {'lr=0.1': losses, 'lr=1.0': losses2}"
        )
    plot = Plot(title, xlabel="step", ylabel=ylabel, logy=logy, ylim=ylim)
    for name, values in runs.items():
        plot.line(values, label=name)
    return plot


def decision_boundary(model, X, y, *, resolution=0.25, title=None):
    """Colour the plane by the sign of ``model(point)`` and draw the labelled points on it.

    ``model`` is called on ``[x1, x2]`` (a list of floats) at every node of a grid with
    step ``resolution`` covering the data plus a margin of 1, as in the original demo:
    about 400 forward passes for the moons. ``y`` holds labels -1 and +1. Each node colours
    the square around it: the boundary is drawn as a grid of rectangles.

    >>> f = lambda p: p[0] - p[1]  # any callable works, a trained MLP too
    >>> p = decision_boundary(f, [[0.0, 1.0], [1.0, 0.0]], [-1, 1], title="x1 > x2")
    >>> p.name(), p.xlim
    ('Plot of x2 against x1: x1 > x2', (-1.0, 2.0))
    """
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} points but y has {len(y)} labels")
    if not X:
        raise ValueError("X is empty: there is nothing to draw")
    if not resolution > 0:
        raise ValueError(f"resolution must be positive, got {resolution}")
    gx = _grid([p[0] for p in X], resolution)
    gy = _grid([p[1] for p in X], resolution)
    plot = Plot(
        title, xlabel="x1", ylabel="x2", xlim=(gx[0], gx[-1]), ylim=(gy[0], gy[-1])
    )
    half, cells = resolution / 2, {NEGATIVE: [], POSITIVE: []}
    for b in gy:
        row = [POSITIVE if _score(model([a, b])) > 0 else NEGATIVE for a in gx]
        start = 0
        for i in range(1, len(row) + 1):  # one rectangle per run of equal cells
            if i == len(row) or row[i] != row[start]:
                rect = (gx[start] - half, gx[i - 1] + half, b - half, b + half)
                cells[row[start]].append(rect)
                start = i
    for colour, rects in cells.items():
        plot._marks.append(_Mark("cells", colour=COLOURS[colour], rects=rects))
    return plot.classes(X, y)


def _grid(values, step):
    """Nodes from min - 1 to max + 1 (inclusive, to half a step), ``step`` apart."""
    start, stop = min(values) - 1, max(values) + 1 + step / 2
    return [start + k * step for k in range(math.ceil((stop - start) / step))]


def _score(out):
    """A model's output (a Value, a float, or a one-element list) as a float."""
    if isinstance(out, list | tuple):
        (out,) = out
    return float(getattr(out, "data", out))


# ------------------------------------------------------------------------------ checking input


def _pairs(xs, ys):
    if ys is None:
        xs, ys = range(len(xs)), xs
    xs, ys = [float(v) for v in xs], [float(v) for v in ys]
    if len(xs) != len(ys):
        raise ValueError(f"{len(xs)} x values but {len(ys)} y values")
    return xs, ys


def _check_marker(marker, none_ok=False):
    if marker in MARKERS or (none_ok and marker is None):
        return marker
    raise ValueError(f"marker must be one of {list(MARKERS)}, got {marker!r}")


def _check_limits(lim, log, what):
    if lim is None:
        return None
    lo, hi = map(float, lim)
    if lo == hi or not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"{what} must be two different finite numbers, got {lim}")
    if log and min(lo, hi) <= 0:
        raise ValueError(f"{what} of a log axis must be positive, got {lim}")
    return lo, hi


def _usable(x, logx, y, logy):
    """Whether a point can be drawn: finite, and positive on a log axis."""
    return all(
        math.isfinite(v) and (v > 0 or not log) for v, log in ((x, logx), (y, logy))
    )


# ---------------------------------------------------------------------------- scales and ticks


def _fit(values, log):
    """Limits that show ``values`` with a margin of 5% on each side."""
    if not values:
        return (1.0, 10.0) if log else (0.0, 1.0)
    lo, hi = min(values), max(values)
    if log:
        lo, hi = math.log10(lo), math.log10(hi)
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    pad = (hi - lo) * 0.05
    lo, hi = lo - pad, hi + pad
    return (10**lo, 10**hi) if log else (lo, hi)


class _Scale:
    """Data coordinates along one axis mapped to ``start``..``end`` on the page."""

    def __init__(self, lim, log, start, end):
        self.lim, self.log, self.start, self.end = lim, log, start, end
        self.a, self.b = (math.log10(v) for v in lim) if log else lim

    def __call__(self, v):
        t = math.log10(v) if self.log else v
        return self.start + (t - self.a) / (self.b - self.a) * (self.end - self.start)

    def ticks(self, count=4):
        """About ``count`` round values inside the limits, with their labels: powers of
        ten on a log axis that spans at least two of them."""
        lo, hi = sorted(self.lim)
        if self.log and len(ticks := _log_ticks(lo, hi, count)) >= 2:
            return ticks
        return _linear_ticks(lo, hi, count)


def _linear_ticks(lo, hi, count):
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * (1 - 1e-9))
    digits = next(d for d in range(12) if abs(round(step, d) - step) < step * 1e-6)
    first, ticks = math.ceil(lo / step - 1e-9), []
    while (value := (first + len(ticks)) * step) <= hi * (1 + 1e-12) + step * 1e-9:
        text = f"{value:.{digits}f}" if 1e-4 <= step < 1e5 else f"{value:.2g}"
        ticks.append((value, _minus(text)))
    return ticks


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _log_ticks(lo, hi, count):
    first, last = math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9)
    every = max(1, math.ceil((last - first + 1) / count))
    powers = [k for k in range(first, last + 1) if k % every == 0]
    plain = all(-3 <= k <= 4 for k in powers)

    def label(k):
        return f"{10.0**k:g}" if plain else "10" + str(k).translate(_SUPERSCRIPT)

    return [(10.0**k, label(k)) for k in powers]


def _minus(text):
    text = "0" if text.strip("-0.") == "" else text
    return text.replace("-", "\u2212")


# ------------------------------------------------------------------------------------ drawing


def _n(v):
    """A coordinate, to a tenth of a unit."""
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _text_width(text):
    return len(text) * FONT * 0.58


def _wrap(text, width):
    """``text`` in lines that fit ``width`` units."""
    lines = []
    for word in str(text).split():
        if lines and _text_width(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _text(x, y, text, anchor="middle", extra=""):
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


class _Frame:
    """Where the plotting area sits in a panel, and how data maps onto it."""

    def __init__(self, plot, limits):
        xlim, ylim = limits
        probe = _Scale(ylim, plot.logy, 0, 1).ticks()
        label_w = max((_text_width(t) for _, t in probe), default=0)
        self.left = 8 + (LINE if plot.ylabel else 0) + label_w + 6
        self.right = WIDTH - 14
        self.titles = _wrap(plot.title, WIDTH - 16) if plot.title else []
        self.top = 10 + LINE * len(self.titles)
        width = self.right - self.left
        height = PLOT_HEIGHT
        if plot.equal and not (plot.logx or plot.logy):
            xlim, ylim, height = _equal_aspect(xlim, ylim, width)
        self.bottom = self.top + height
        self.x = _Scale(xlim, plot.logx, self.left, self.right)
        self.y = _Scale(ylim, plot.logy, self.bottom, self.top)

    def inside(self, x, y):
        """Whether a point on the page is in the plotting area."""
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    def usable(self, x, y):
        """Whether a data point can be drawn on these axes."""
        return _usable(x, self.x.log, y, self.y.log)


def _equal_aspect(xlim, ylim, width, low=90, high=330):
    """Limits and a height that give both axes the same scale: the area's height follows
    the data's shape within ``low``..``high``; past that, one range widens around its middle."""
    xspan, yspan = abs(xlim[1] - xlim[0]), abs(ylim[1] - ylim[0])
    height = min(max(width * yspan / xspan, low), high)

    def widen(lim, span):
        mid, sign = (lim[0] + lim[1]) / 2, 1 if lim[1] > lim[0] else -1
        return mid - sign * span / 2, mid + sign * span / 2

    if height * xspan > width * yspan:  # too tall for the data: show more y
        ylim = widen(ylim, xspan * height / width)
    else:
        xlim = widen(xlim, yspan * width / height)
    return xlim, ylim, height


def _render(plot, limits, name=None, alt=None):
    """The ``<svg>`` of one panel: an image with a name and a description when given them,
    else hidden from assistive technology (the container around it speaks for it)."""
    f = _Frame(plot, limits)
    xticks, yticks = f.x.ticks(), f.y.ticks()
    entries, rows = _legend(plot)
    legend_top = f.bottom + 6 + LINE * (2 if plot.xlabel else 1)
    height = legend_top + LINE * rows + 8
    head = '<svg xmlns="http://www.w3.org/2000/svg" class="mg-plot"'
    if alt is None:
        head, about = head + ' aria-hidden="true"', ""
    else:
        head += ' role="img"'
        about = f"<title>{escape(name)}</title><desc>{escape(alt)}</desc>"
    frame = (
        f'<rect x="{_n(f.left)}" y="{_n(f.top)}" width="{_n(f.right - f.left)}"'
        f' height="{_n(f.bottom - f.top)}" fill="none" stroke="currentColor"'
        ' stroke-opacity=".6"/>'
    )
    return "".join(
        [
            f'{head} viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}"'
            f' height="{_n(height)}" font-size="{FONT}" style="{_ROOT_STYLE}">{about}',
            _draw_grid(f, xticks, yticks),
            *(_draw_mark(m, f) for m in plot._marks),
            frame,
            *_draw_labels(plot, f, xticks, yticks),
            *_draw_legend(entries, legend_top),
            "</svg>",
        ]
    )


def _draw_grid(f, xticks, yticks):
    d = [f"M{_n(f.x(v))} {_n(f.top)}V{_n(f.bottom)}" for v, _ in xticks]
    d += [f"M{_n(f.left)} {_n(f.y(v))}H{_n(f.right)}" for v, _ in yticks]
    return f'<path d="{"".join(d)}" stroke="currentColor" stroke-opacity=".14" fill="none"/>'


def _draw_labels(plot, f, xticks, yticks):
    """Tick labels, axis labels and the title."""
    yield '<g fill="currentColor">'
    for value, label in xticks:
        yield _text(f.x(value), f.bottom + LINE, label)
    for value, label in yticks:
        yield _text(f.left - 5, f.y(value) + FONT * 0.35, label, anchor="end")
    if plot.xlabel:
        yield _text((f.left + f.right) / 2, f.bottom + 2 * LINE + 2, plot.xlabel)
    if plot.ylabel:
        middle = (f.top + f.bottom) / 2
        yield _text(
            -middle, 8 + FONT * 0.8, plot.ylabel, extra=' transform="rotate(-90)"'
        )
    for i, line in enumerate(f.titles):
        yield _text(WIDTH / 2, 6 + FONT + LINE * i, line, extra=' font-weight="600"')
    yield "</g>"


def _draw_mark(m, f):
    if m.kind == "cells":
        d = "".join(_rect(rect, f) for rect in m.rects)
        style = f"fill:{m.colour};fill-opacity:var(--mg-shade,.2)"
        return f'<path d="{d}" style="{style}"/>' if d else ""
    if m.kind in ("hline", "vline"):
        return _draw_reference(m, f)
    points = [(f.x(x), f.y(y)) for x, y in zip(m.xs, m.ys) if f.usable(x, y)]
    drawn = _draw_line(m, f) if m.kind == "line" else ""
    if m.marker:
        inside = [p for p in points if f.inside(*p)]
        drawn += _markers(inside, m.marker, m.colour)
    return drawn


def _draw_reference(m, f):
    """A thin line across the plotting area, if its value is inside the limits."""
    if m.kind == "hline":
        y = f.y(m.value) if f.usable(f.x.lim[0], m.value) else -1
        d = f"M{_n(f.left)} {_n(y)}H{_n(f.right)}"
        visible = f.top <= y <= f.bottom
    else:
        x = f.x(m.value) if f.usable(m.value, f.y.lim[0]) else -1
        d = f"M{_n(x)} {_n(f.top)}V{_n(f.bottom)}"
        visible = f.left <= x <= f.right
    if not visible:
        return ""
    return f'<path d="{d}" stroke="currentColor" stroke-opacity=".55" fill="none"/>'


def _draw_line(m, f):
    """The line's visible pieces, clipped to the plotting area, as one path."""
    d, end = [], None
    box = (f.left, f.top, f.right, f.bottom)
    pairs = list(zip(m.xs, m.ys))
    for (x0, y0), (x1, y1) in zip(pairs, pairs[1:]):
        piece = None
        if f.usable(x0, y0) and f.usable(x1, y1):
            piece = _clip((f.x(x0), f.y(y0)), (f.x(x1), f.y(y1)), box)
        if piece is None:
            end = None  # a gap: the next visible piece starts a new subpath
            continue
        a, b = piece
        if end is None or math.dist(a, end) > 1e-6:
            d.append(f"M{_n(a[0])} {_n(a[1])}")
        d.append(f"L{_n(b[0])} {_n(b[1])}")
        end = b
    if not d:
        return ""
    dash = f' stroke-dasharray="{m.dash}"' if m.dash else ""
    return (
        f'<path d="{"".join(d)}" fill="none" stroke-width="{_n(m.width)}"{dash}'
        f' stroke-linejoin="round" style="stroke:{m.colour}"/>'
    )


def _clip(p, q, box):
    """The part of the segment p-q inside ``box`` (Liang-Barsky), or None."""
    (x0, y0), (x1, y1), (left, top, right, bottom) = p, q, box
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for step, room in (
        (-dx, x0 - left),
        (dx, right - x0),
        (-dy, y0 - top),
        (dy, bottom - y0),
    ):
        if step == 0:
            if room < 0:
                return None
            continue
        t = room / step
        if step < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)


def _rect(rect, f):
    """A rectangle in data coordinates as a subpath, cut to the plotting area."""
    x0, x1, y0, y1 = rect
    x0, x1 = sorted(min(max(f.x(x), f.left), f.right) for x in (x0, x1))
    y0, y1 = sorted(min(max(f.y(y), f.top), f.bottom) for y in (y0, y1))
    if x1 - x0 < 1e-9 or y1 - y0 < 1e-9:
        return ""
    return f"M{_n(x0)} {_n(y0)}H{_n(x1)}V{_n(y1)}H{_n(x0)}z"


def _marker_path(marker, x, y, r=MARKER_SIZE):
    if marker == "circle":
        return f"M{_n(x - r)} {_n(y)}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0z"
    if marker == "square":
        r *= 0.9
        return f"M{_n(x - r)} {_n(y - r)}h{_n(2 * r)}v{_n(2 * r)}h{_n(-2 * r)}z"
    if marker == "cross":
        return f"M{_n(x - r)} {_n(y - r)}l{2 * r} {2 * r}m0 {-2 * r}l{-2 * r} {2 * r}"
    return f"M{_n(x - r)} {_n(y)}h{2 * r}M{_n(x)} {_n(y - r)}v{2 * r}"  # plus


def _markers(points, marker, colour):
    """All the markers of a series as one path: filled shapes edged in the text colour,
    or strokes for the cross and the plus."""
    if not points:
        return ""
    d = "".join(_marker_path(marker, x, y) for x, y in points)
    if marker in ("circle", "square"):
        style = f"fill:{colour}"
        return (
            f'<path d="{d}" stroke="currentColor" stroke-width=".7" stroke-opacity=".8"'
            f' style="{style}"/>'
        )
    return f'<path d="{d}" fill="none" stroke-width="2" style="stroke:{colour}"/>'


def _legend(plot):
    """The legend's entries, flowed in rows under the x axis: ((x, row), mark), and the
    number of rows."""
    entries, x, row = [], 8.0, 0
    for m in plot._marks:
        if not m.label:
            continue
        width = 26 + _text_width(m.label)
        if x > 8 and x + width > WIDTH - 8:
            x, row = 8.0, row + 1
        entries.append(((x, row), m))
        x += width + 14
    return entries, (row + 1 if entries else 0)


def _draw_legend(entries, top):
    if not entries:
        return
    yield '<g class="legend">'
    for (x, row), m in entries:
        y = top + LINE * row + LINE / 2
        if m.kind == "line":
            dash = f' stroke-dasharray="{m.dash}"' if m.dash else ""
            d = f"M{_n(x)} {_n(y)}h20"
            yield (
                f'<path d="{d}" fill="none" stroke-width="{_n(m.width)}"{dash}'
                f' style="stroke:{m.colour}"/>'
            )
        if m.marker:
            yield _markers([(x + 10, y)], m.marker, m.colour)
        yield _text(x + 25, y + FONT * 0.35, m.label, "start", ' fill="currentColor"')
    yield "</g>"
