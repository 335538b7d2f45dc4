"""What a figure is made of: a :class:`Plot` is one panel, its axes and the :class:`Mark`
records of what is drawn on it; a :class:`Figure` lays several panels out together; and
:func:`html` gives the markup of either for a page, with the text alternative every figure
needs."""

import hashlib
import math
from dataclasses import dataclass
from html import escape

from micrograd.plot.draw import render
from micrograd.plot.scale import fit, usable
from micrograd.plot.style import COLOURS, MARKERS, NEGATIVE, POSITIVE, SERIES, STYLES


@dataclass
class Mark:
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
        self.marks = []  # what is drawn, bottom to top
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
        self.marks.append(Mark("line", xs, ys, label, colour, dash, width, marker))
        return self

    def points(self, xs, ys, *, label=None, colour=None, marker="circle"):
        """A mark at each point: a circle, a square, a cross or a plus."""
        xs, ys = _pairs(xs, ys)
        colour, marker = self._colour(colour), _check_marker(marker)
        self.marks.append(Mark("points", xs, ys, label, colour, marker=marker))
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
        self.marks.append(Mark("hline", value=float(y)))
        return self

    def vline(self, x):
        """A thin vertical reference line at ``x``, across the whole panel."""
        self.marks.append(Mark("vline", value=float(x)))
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
        xlim = self.xlim or fit(xs, self.logx)
        ylim = self.ylim or fit(ys, self.logy)
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
        for m in self.marks:
            if m.kind in ("line", "points"):
                pairs = zip(m.xs, m.ys)
                ok = [(x, y) for x, y in pairs if usable(x, self.logx, y, self.logy)]
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
            svg = render(self.plots[0], limits[0], self.name(), alt)
            return f'<div class="mg-figure">{svg}</div>'
        panels = "".join(render(p, lim) for p, lim in zip(self.plots, limits))
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
        labels = [m.label for m in p.marks if m.label]
        drawn = f"; shows {', '.join(labels)}" if labels else ""
        parts.append(
            f"{p.name()}: x from {x0:.3g} to {x1:.3g}, y from {y0:.3g} to {y1:.3g}{drawn}."
        )
    return " ".join(parts)


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
