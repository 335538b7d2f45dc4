"""Plots for the course pages: decision boundaries and training curves, as inline PNGs.

Everything is drawn on :class:`matplotlib.figure.Figure` objects, so no window or GUI
backend is ever needed, and :func:`html` turns a figure into an ``<img>`` tag::

    from micrograd.plot import curves, html

    print(html(curves({"loss": [1.0, 0.6, 0.4, 0.3]}), alt="the loss goes down"))

Needs matplotlib (``pip install 'micrograd-course[viz]'``).
"""

import base64
import io
import math
import sys
from html import escape

__all__ = ["decision_boundary", "curves", "compare", "html"]

NEGATIVE, POSITIVE = (
    "#d95f02",
    "#1b6ac9",
)  # orange and blue: told apart with any colour vision


def _new_axes(ax=None, ncols=1, figsize=(4.5, 3.2)):
    """An Axes (or a row of them) on a Figure that needs no GUI backend."""
    if ax is not None:
        return ax.figure, [ax]
    try:
        from matplotlib.figure import Figure
    except ImportError as e:
        raise ImportError(
            "plots need matplotlib: pip install 'micrograd-course[viz]'"
        ) from e
    fig = Figure(figsize=figsize, layout="constrained")
    return fig, list(fig.subplots(1, ncols, squeeze=False)[0])


def _score(out):
    """A model's output (a Value, a float, or a one-element list) as a float."""
    if isinstance(out, list | tuple):
        (out,) = out
    return float(getattr(out, "data", out))


def decision_boundary(model, X, y, *, ax=None, resolution=0.25, title=None):
    """Colour the plane by the sign of ``model(point)`` and draw the labelled points on it.

    ``model`` is called on ``[x1, x2]`` (a list of floats) at every node of a grid with
    step ``resolution`` covering the data plus a margin of 1, as in the original demo:
    about 400 forward passes for the moons. ``y`` holds labels -1 and +1.

    >>> f = lambda p: p[0] - p[1]  # any callable works, a trained MLP too
    >>> fig = decision_boundary(f, [[0.0, 1.0], [1.0, 0.0]], [-1, 1], title="x1 > x2")
    >>> [a.get_xlabel() for a in fig.axes], fig.axes[0].get_title()
    (['$x_1$'], 'x1 > x2')
    """
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} points but y has {len(y)} labels")
    fig, (ax,) = _new_axes(ax, figsize=(4.0, 3.4))
    import numpy as np  # comes with matplotlib

    pts = np.asarray(X, dtype=float)
    x1 = np.arange(
        pts[:, 0].min() - 1, pts[:, 0].max() + 1 + resolution / 2, resolution
    )
    x2 = np.arange(
        pts[:, 1].min() - 1, pts[:, 1].max() + 1 + resolution / 2, resolution
    )
    xx, yy = np.meshgrid(x1, x2)
    grid = zip(xx.ravel().tolist(), yy.ravel().tolist(), strict=True)
    zz = np.array([_score(model([a, b])) > 0 for a, b in grid]).reshape(xx.shape)
    ax.contourf(
        xx, yy, zz, levels=[-0.5, 0.5, 1.5], colors=[NEGATIVE, POSITIVE], alpha=0.25
    )
    labels = np.asarray(y)
    for label, colour, marker in ((-1, NEGATIVE, "o"), (1, POSITIVE, "s")):
        p = pts[labels == label]
        style = dict(c=colour, marker=marker, s=18, edgecolors="black", linewidths=0.4)
        ax.scatter(p[:, 0], p[:, 1], label=f"y = {label:+d}", **style)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", xlim=(x1[0], x1[-1]), ylim=(x2[0], x2[-1]))
    ax.legend(loc="upper right", fontsize="small")
    if title:
        ax.set_title(title)
    return fig


def curves(history, *, title=None):
    """One panel per series of ``history`` (e.g. loss and accuracy) against the step.

    >>> fig = curves({"loss": [0.9, 0.5, 0.3], "accuracy": [0.5, 0.8, 0.9]})
    >>> [a.get_ylabel() for a in fig.axes]
    ['loss', 'accuracy']
    """
    if not history:
        raise ValueError(
            "history is empty: pass e.g. {'loss': [...], 'accuracy': [...]}"
        )
    fig, axes = _new_axes(ncols=len(history), figsize=(3.2 * len(history) + 0.8, 2.8))
    for ax, (name, values) in zip(axes, history.items(), strict=True):
        ax.plot(range(len(values)), values, color=POSITIVE)
        ax.set(xlabel="step", ylabel=name)
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title)
    return fig


def compare(runs, *, ylabel="loss", logy=False, title=None):
    """Several runs on one plot, one line each, e.g. the loss for three learning rates.

    Values that are not finite (a run that blew up) are left out of the line.

    >>> fig = compare({"lr=0.01": [1.0, 0.9, 0.8], "lr=0.5": [1.0, 0.3, 0.2]}, logy=True)
    >>> ax = fig.axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()], ax.get_yscale()
    (['lr=0.01', 'lr=0.5'], 'log')
    """
    if not runs:
        raise ValueError(
            "runs is empty: pass e.g. {'lr=0.1': losses, 'lr=1.0': losses2}"
        )
    fig, (ax,) = _new_axes(figsize=(4.5, 3.0))
    for name, values in runs.items():
        ys = [v if math.isfinite(v) else math.nan for v in map(float, values)]
        ax.plot(range(len(ys)), ys, label=name)
    ax.set(xlabel="step", ylabel=ylabel)
    if logy:
        ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    if title:
        ax.set_title(title)
    return fig


def html(fig, alt, *, dpi=100):
    """An ``<img>`` tag with the figure inlined as a PNG; the figure is closed afterwards.

    ``alt`` describes the picture for readers who cannot see it, and is required.
    At the default ``dpi`` a plot weighs some 10 to 40 KB.

    >>> tag = html(curves({"loss": [3.0, 2.0, 1.0]}), alt="loss falls")
    >>> tag.startswith('<img alt="loss falls" src="data:image/png;base64,iVBORw0KGgo')
    True
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(
            "html() needs alt text describing the figure, for accessibility"
        )
    from PIL import Image  # Pillow comes with matplotlib

    rendered = io.BytesIO()
    try:
        fig.savefig(rendered, format="png", dpi=dpi)
    finally:
        # a figure that pyplot made stays open until it is closed
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close(fig)
    # 256 colours are plenty for a plot, and make the PNG several times smaller
    image = Image.open(rendered).convert("RGB").quantize(256)
    buf = io.BytesIO()
    image.save(buf, format="png", optimize=True)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'
