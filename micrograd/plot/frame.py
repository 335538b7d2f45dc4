"""Where a panel's plotting area sits, from its labels and title, and how data maps onto it."""

from micrograd.plot.scale import Scale, usable
from micrograd.plot.style import FONT, LINE, PLOT_HEIGHT, WIDTH


def text_width(text):
    """About how wide ``text`` is, in SVG units: an average character is 0.58 of the font."""
    return len(text) * FONT * 0.58


def _wrap(text, width):
    """``text`` in lines that fit ``width`` units."""
    lines = []
    for word in str(text).split():
        if lines and text_width(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


class Frame:
    """Where the plotting area sits in a panel, and how data maps onto it."""

    def __init__(self, plot, limits):
        xlim, ylim = limits
        probe = Scale(ylim, plot.logy, 0, 1).ticks()
        label_w = max((text_width(t) for _, t in probe), default=0)
        self.left = 8 + (LINE if plot.ylabel else 0) + label_w + 6
        self.right = WIDTH - 14
        self.titles = _wrap(plot.title, WIDTH - 16) if plot.title else []
        self.top = 10 + LINE * len(self.titles)
        width = self.right - self.left
        height = PLOT_HEIGHT
        if plot.equal and not (plot.logx or plot.logy):
            xlim, ylim, height = _equal_aspect(xlim, ylim, width)
        self.bottom = self.top + height
        self.x = Scale(xlim, plot.logx, self.left, self.right)
        self.y = Scale(ylim, plot.logy, self.bottom, self.top)

    def inside(self, x, y):
        """Whether a point on the page is in the plotting area."""
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    def usable(self, x, y):
        """Whether a data point can be drawn on these axes."""
        return usable(x, self.x.log, y, self.y.log)


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
