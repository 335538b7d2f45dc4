"""What the playgrounds have in common on the page: numbers, tables and numbered points.

Every number a playground shows is a ``<data>`` element whose ``value`` is the exact
float (``repr``) and whose text is that float rounded for reading, so the tests can check
both against what the package computes under CPython.
"""

import math
from html import escape

from micrograd.monitor import Monitor
from micrograd.plot import FONT, Frame, Plot, html

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def num(value, digits=4):
    """A number for reading: ``digits`` significant digits and a true minus sign."""
    if not math.isfinite(value):
        return {math.inf: "∞", -math.inf: "−∞"}.get(value, "NaN")
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}×10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    return text.replace("-", "\u2212")


def data(value, digits=4, text=None, name=None):
    """A number as a ``<data>`` element: exact in ``value``, rounded in its text (or
    ``text``, such as a percentage); ``name`` (``data-name``) tells the key numbers apart."""
    named = f' data-name="{name}"' if name else ""
    return f'<data value="{value!r}"{named}>{text or num(value, digits)}</data>'


def loss_plot(title, steps, ylim):
    """An empty plot of a loss against the step, on a log scale: 0 to ``steps`` across."""
    return Plot(
        title, xlabel="step", ylabel="loss", logy=True, xlim=(0, steps), ylim=ylim
    )


def table(caption, headers, rows):
    """A small table of numbers in a box that scrolls sideways on a narrow screen and can
    take focus to do so. ``rows`` hold markup (use :func:`data` for numbers). The table has
    a class of its own: the theme leaves it alone (it wraps only tables without one, and
    only those on the page when it loads, not the ones a playground draws later)."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        f'<div class="mg-pg-table" tabindex="0" role="region"'
        f' aria-label="{escape(caption)}"><table class="mg-pg-steps">'
        f"<caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def number_points(markup, plot, points, gap=16):
    """``markup`` (drawn by ``html``) with the points of its first panel, ``plot``,
    numbered 0, 1, 2 … beside them. A point outside the plot, or too close to one already
    numbered, gets no number."""
    frame = Frame(plot, plot.limits())
    placed, labels = [], []
    for i, (x, y) in enumerate(points):
        if not frame.usable(x, y):
            continue
        px, py = frame.x(x), frame.y(y)
        if not frame.inside(px, py) or any(
            math.dist((px, py), p) < gap for p in placed
        ):
            continue
        placed.append((px, py))
        tx = px + 6 if px < frame.right - 20 else px - 6
        anchor = "start" if px < frame.right - 20 else "end"
        ty = max(py - 6, frame.top + FONT)
        labels.append(
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{i}</text>'
        )
    group = f'<g class="mg-pg-numbers" fill="currentColor">{"".join(labels)}</g>'
    at = markup.index("</svg>")
    return markup[:at] + group + markup[at:]


class WatchedRun:
    """A training run watched by ``micrograd.monitor``: a playground's own loop, one step
    per ``advance`` (a subclass's), until ``steps`` are recorded. Its four panels are drawn
    once, the first time they are asked for."""

    def __init__(self, model, steps):
        self.model, self.steps = model, steps
        self.monitor = Monitor(model)
        self._panels = None

    @property
    def done(self):
        return len(self.monitor.history) == self.steps

    def panels(self):
        if self._panels is None:
            self._panels = html(self.monitor.plot(), alt=self.monitor.describe())
        return self._panels
