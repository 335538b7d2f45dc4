"""The course's usual plots: :func:`curves` of a training history, :func:`compare` of several
runs, and the :func:`decision_boundary` of a model on the plane."""

import math

from micrograd.plot.figure import Figure, Mark, Plot
from micrograd.plot.style import COLOURS, NEGATIVE, POSITIVE


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
        plot.marks.append(Mark("cells", colour=COLOURS[colour], rects=rects))
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
