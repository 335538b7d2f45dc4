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

The modules, from the outside in: ``figure`` (a :class:`Plot`, a :class:`Figure`, and
:func:`html`), ``charts`` (the usual plots), ``draw`` (one panel as SVG), ``frame`` (where
its plotting area sits), ``scale`` (limits and ticks) and ``style`` (sizes and colours).
"""

from micrograd.plot.charts import compare, curves, decision_boundary
from micrograd.plot.figure import Figure, Plot, html
from micrograd.plot.frame import Frame
from micrograd.plot.style import FONT, WIDTH

# the usual names, and those the playgrounds draw with: the text size, a panel's
# width, and the frame that maps data onto a panel
__all__ = [
    "Figure",
    "Plot",
    "compare",
    "curves",
    "decision_boundary",
    "html",
    "FONT",
    "WIDTH",
    "Frame",
]
