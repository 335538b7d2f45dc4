"""A neuron with two inputs, tuned by hand: sliders for its weights and bias and a choice of
activation move its output for the lesson's input x = (2, −1), and its decision line over the
lesson's 30 points, labelled by the rule x1 + x2 > 1.
"""

import random

from micrograd.engine import Value
from micrograd.losses import accuracy
from micrograd.nn import Neuron
from micrograd.plot import Figure, Plot, decision_boundary, html

from .controls import Choice, Range
from .show import data, num

NAME = "neuron"
TITLE = "A neuron, tuned by hand"
ACTIVATIONS = {
    "relu": ("ReLU", lambda z: z.relu()),
    "tanh": ("tanh", lambda z: z.tanh()),
    "linear": ("linear", lambda z: z),
}
CONTROLS = (
    Range("w1", "Weight w1", -2.0, 2.0, 0.1, 0.5, digits=1),
    Range("w2", "Weight w2", -2.0, 2.0, 0.1, 1.5, digits=1),
    Range("b", "Bias b", -3.0, 3.0, 0.1, 1.0, digits=1),
    Choice(
        "activation",
        "Activation",
        tuple((k, v[0]) for k, v in ACTIVATIONS.items()),
        "relu",
    ),
)
INPUT = [2.0, -1.0]
ZLIM = (-9.0, 9.0)  # |w1 x1 + w2 x2 + b| <= 2 * 2 + 2 * 1 + 3 for the input above
OUTLIM = {"relu": (-1.0, 9.0), "tanh": (-1.2, 1.2), "linear": ZLIM}


def points():
    """The lesson's 30 points and their labels: +1 where x1 + x2 > 1."""
    rng = random.Random(0)
    X = [[rng.uniform(-1.5, 2.5), rng.uniform(-1.5, 2.5)] for _ in range(30)]
    return X, [1 if x1 + x2 > 1 else -1 for x1, x2 in X]


def neuron(w1, w2, b, activation):
    """The neuron as a function of its inputs: micrograd's linear ``Neuron`` holding these
    numbers, then the activation, as the lesson's table of activations builds it."""
    # seeded: the reader's own random numbers stay as they were
    linear = Neuron(2, nonlin=False, seed=0)
    linear.w[0].data, linear.w[1].data, linear.b.data = w1, w2, b
    act = ACTIVATIONS[activation][1]
    return linear, lambda x: act(linear(x))


def _draw_line(plot, w1, w2, b):
    """The line w1 x1 + w2 x2 + b = 0, dashed, across the plot (none if w = 0)."""
    (lo, hi), _ = plot.limits()
    if w2:
        plot.line(
            [lo, hi],
            [-(b + w1 * lo) / w2, -(b + w1 * hi) / w2],
            style="dashed",
            colour="text",
            width=1,
        )
    elif w1:
        plot.vline(-b / w1)


def _figure(values, model, z, out):
    """The half-plane where the neuron is on, over the points; its activation, with the
    input's z and output marked."""
    w1, w2, b, activation = values
    X, y = points()
    title = f"w = ({num(w1)}, {num(w2)}), b = {num(b)}"
    left = decision_boundary(model, X, y, resolution=0.25, title=title)
    _draw_line(left, w1, w2, b)
    left.points(INPUT[:1], INPUT[1:], label="input x", colour="text", marker="cross")
    name, act = ACTIVATIONS[activation]
    right = Plot(
        f"{name}: out against z",
        xlabel="z",
        ylabel="out",
        xlim=ZLIM,
        ylim=OUTLIM[activation],
    )
    zs = [ZLIM[0] + (ZLIM[1] - ZLIM[0]) * i / 90 for i in range(91)]
    right.line(zs, [act(Value(v)).data for v in zs], colour="blue")
    right.points([z], [out], colour="orange", marker="square")
    alt = (
        f"Left: the plane shaded where the neuron with {title} is on, over 30 points"
        f" labelled by x1 + x2 > 1, and the input x = (2, −1). Right: the {name}"
        f" activation, with the input's z = {num(z)} and out = {num(out)} marked."
    )
    return html(Figure(left, right), alt=alt)


def _term(value):
    """A number in a sum, in parentheses when it is negative."""
    return f"({data(value, 2)})" if value < 0 else data(value, 2)


def view(w1, w2, b, activation):
    linear, model = neuron(w1, w2, b, activation)
    z = linear(INPUT)
    out = ACTIVATIONS[activation][1](z)
    X, y = points()
    scores = [model(x) for x in X]
    on = sum(s.data > 0 for s in scores)
    right = round(accuracy(scores, y) * len(X))
    products = [f"{_term(w)} × {_term(x)}" for w, x in zip((w1, w2), INPUT)]
    terms = " + ".join([*products, _term(b)])
    readout = (
        f"z = w1 x1 + w2 x2 + b = {terms} = {data(z.data, name='z')};"
        f" <strong>out = {ACTIVATIONS[activation][0]}(z) ="
        f" {data(out.data, name='out')}</strong>. The neuron is on (out &gt; 0) for"
        f" {on} of {len(X)} points; {right} of {len(X)} are on their own side (on for"
        " +1, off for −1)."
    )
    values = (w1, w2, b, activation)
    return {"readout": readout, "figure": _figure(values, model, z.data, out.data)}
