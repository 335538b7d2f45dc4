"""Gradient descent on the lesson's parabola, f(x) = (x - 3)², from x = 0: a learning-rate
slider, the numbered steps on the curve, the loss per step and the first steps in a table.
The axes never change, so two rates can be compared by eye.
"""

from micrograd.engine import Value
from micrograd.plot import Figure, Plot, html

from .controls import Range
from .show import data, loss_plot, num, number_points, table

NAME = "descent"
TITLE = "Gradient descent: choose the learning rate"
CONTROLS = (Range("lr", "Learning rate η", 0.01, 1.5, 0.01, 0.3),)
START, MINIMUM, STEPS, ROWS = 0.0, 3.0, 12, 5
EDGE = 1.0  # 2 / curvature: above it every step lands farther from the minimum
XLIM, YLIM = (-4.0, 10.0), (-3.0, 50.0)
LOSS_LIM = (1e-6, 1e8)


def descend(lr, steps=STEPS, start=START):
    """The lesson's loop, step by step: ``(x, loss, slope, new x)`` for each step, where the
    slope is the gradient ``backward()`` leaves in ``x.grad``."""
    x = Value(start)
    found = []
    for _ in range(steps):
        loss = (x - MINIMUM) ** 2
        x.grad = 0.0
        loss.backward()
        before = x.data
        x.data -= lr * x.grad
        found.append((before, loss.data, x.grad, x.data))
    return found


def verdict(steps):
    """What the run does, read from its distances to the minimum."""
    far = [abs(x - MINIMUM) for x, *_ in steps] + [abs(steps[-1][3] - MINIMUM)]
    crosses = any((x - MINIMUM) * (new - MINIMUM) < 0 for x, _, _, new in steps)
    if far[1] == 0:
        return "lands on the minimum in one step"
    if far[-1] > far[0]:
        return "overshoots, then diverges" if crosses else "diverges"
    if far[-1] == far[0]:
        return "jumps from side to side, never closer"
    if crosses:
        return "overshoots, then settles: a zigzag that converges"
    return "converges from one side"


def _figure(lr, steps):
    xs = [x for x, *_ in steps] + [steps[-1][3]]
    losses = [(x - MINIMUM) ** 2 for x in xs]
    curve = Plot(
        "the steps on the curve", xlabel="x", ylabel="loss", xlim=XLIM, ylim=YLIM
    )
    grid = [XLIM[0] + (XLIM[1] - XLIM[0]) * i / 140 for i in range(141)]
    curve.line(grid, [(g - MINIMUM) ** 2 for g in grid], colour="grey")
    curve.line(xs, losses, colour="blue", width=1, marker="circle")
    curve.points(xs[:1], losses[:1], colour="text", marker="square")
    per_step = loss_plot("loss per step", STEPS, LOSS_LIM)
    per_step.line(losses, colour="blue", marker="circle")
    path = ", ".join(num(x, 3) for x in xs[1:6])
    alt = (
        f"Gradient descent on (x − 3)² with learning rate {lr:g}: from x = 0 the steps go"
        f" to {path} …; the loss goes from {num(losses[0])} to {num(losses[-1])}"
        f" in {STEPS} steps ({verdict(steps)})."
    )
    markup = html(Figure(curve, per_step), alt=alt)
    return number_points(markup, curve, list(zip(xs, losses)))


def view(lr):
    steps = descend(lr)
    factor = (steps[1][0] - MINIMUM) / (steps[0][0] - MINIMUM)
    last = steps[-1][3]
    side = "below" if lr < EDGE else "at" if lr == EDGE else "above"
    readout = (
        f"<strong>η = {lr:g}: {verdict(steps)}.</strong> Each step multiplies the"
        f" distance to the minimum by {data(factor, 3, name='factor')} ({side} the"
        f" edge, η = 1). After {STEPS} steps x = {data(last, 6, name='x')} and the"
        f" loss is {data((last - MINIMUM) ** 2, name='loss')}."
    )
    rows = [
        [str(k), data(x), data(slope), data(-lr * slope), data(new)]
        for k, (x, _, slope, new) in enumerate(steps[:ROWS])
    ]
    headers = ["step", "x", "slope", "−η × slope", "new x"]
    return {
        "readout": readout,
        "figure": _figure(lr, steps),
        "table": table(f"The first {ROWS} steps at η = {lr:g}", headers, rows),
    }
