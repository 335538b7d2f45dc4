"""The decision boundary forming during training: the lesson's run (``MLP(2, [8, 8, 1])`` on
50 moons points, learning rate falling from 1.0 to 0.1) next to a run at another learning
rate, at any step from 0 to 100, with the loss and the accuracy at that step.

Runs are trained in the page, once, a little at a time: ``view`` trains for at most
``TIME_BOX`` seconds, and until the step asked for is reached it answers ``{"pending": …}``
(the page asks again). The parameters after every step are kept, so scrubbing back and forth
only draws.
"""

import time

from micrograd.data import make_moons
from micrograd.losses import accuracy, hinge_loss, l2_penalty
from micrograd.nn import MLP
from micrograd.optim import SGD, linear_schedule
from micrograd.plot import Figure, decision_boundary, html

from .controls import Buttons, Choice, Range
from .show import data, loss_plot, num

NAME = "boundary"
TITLE = "Training, step by step"
STEPS, TIME_BOX = 100, 0.25
RESOLUTION = 0.35  # a coarser grid than decision_boundary's 0.25: a quicker redraw
LESSON = "lesson"
RATES = {
    LESSON: ("1.0 falling to 0.1", linear_schedule(1.0, 0.1, STEPS)),
    "small": ("0.05", 0.05),
    "jumpy": ("2.0", 2.0),
    "dead": ("3.0", 3.0),
}
CONTROLS = (
    Range("step", "Training step", 0, STEPS, 1, 0, digits=0),
    Buttons("step", (("play", "Play", "Play the training"),)),
    Choice(
        "compare",
        "Next to the lesson's run, a learning rate of",
        (
            ("small", "0.05: too small"),
            ("jumpy", "2.0: too large, the loss jumps"),
            ("dead", "3.0: far too large, the ReLUs die"),
        ),
        "dead",
    ),
)
LOSS_LIM = (0.002, 3.0)


class Run:
    """One training run, as the lesson trains: its parameters, loss and accuracy after
    every step taken so far."""

    def __init__(self, name):
        self.label = RATES[name][0]
        self.X, self.y = make_moons(50, noise=0.1, seed=0)
        self.model = MLP(2, [8, 8, 1], seed=0)
        self.optimizer = SGD(self.model.parameters(), lr=RATES[name][1])
        self.params, self.losses, self.accuracies = [], [], []
        self._drawn = {}  # step -> (boundary panel, units on): a step never changes

    @property
    def reached(self):
        """The last step whose numbers are known (-1 before the first)."""
        return len(self.losses) - 1

    def advance(self):
        """The numbers at the next step, and the update that leads to the one after."""
        model = self.model
        scores = [model(x) for x in self.X]
        penalty = l2_penalty(model.parameters(), alpha=1e-4)
        loss = hinge_loss(scores, self.y) + penalty
        self.params.append([p.data for p in model.parameters()])
        self.losses.append(loss.data)
        self.accuracies.append(accuracy(scores, self.y))
        if self.reached < STEPS:
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()

    def model_at(self, step):
        """A copy of the model as it was after ``step`` steps."""
        model = MLP(2, [8, 8, 1], seed=0)
        for p, value in zip(model.parameters(), self.params[step]):
            p.data = value
        return model

    def drawn_at(self, step):
        """The decision boundary after ``step`` steps (a Plot), and how many units of each
        hidden layer are on for some point; kept, so that scrubbing back only draws."""
        if step not in self._drawn:
            model, title = self.model_at(step), f"lr {self.label}, step {step}"
            plot = decision_boundary(
                model, self.X, self.y, resolution=RESOLUTION, title=title
            )
            self._drawn[step] = plot, units_on(model, self.X)
        return self._drawn[step]


_runs = {}  # trained once per page: a run's steps never change


def run(name):
    if name not in _runs:
        _runs[name] = Run(name)
    return _runs[name]


def train(names, step, seconds):
    """Train the runs ``names`` towards ``step``, one step at a time, until ``seconds``
    have passed; whether they reached it. Step 0, the starting picture, is always reached:
    it does not wait on the clock (a busy machine builds the site as a quiet one does)."""
    began = time.perf_counter()
    runs = [run(name) for name in names]
    while (behind := min(runs, key=lambda r: r.reached)).reached < step:
        behind.advance()
        if behind.reached > 0 and time.perf_counter() - began > seconds:
            break
    return min(r.reached for r in runs) >= step


def units_on(model, X):
    """How many units of each hidden layer are on for at least one point."""
    on, inputs = [], X
    for layer in model.layers[:-1]:
        inputs = [layer(x) for x in inputs]
        on.append(
            sum(any(h[j].data > 0 for h in inputs) for j in range(len(inputs[0])))
        )
        inputs = [[v.data for v in h] for h in inputs]
    return on


def _summary(name, step, key):
    """A run's loss and accuracy at ``step``; ``key`` names the numbers in the markup."""
    r = run(name)
    loss, right = r.losses[step], r.accuracies[step]
    return (
        f"learning rate {r.label}: loss {data(loss, name=f'{key}-loss')},"
        f" accuracy {data(right, text=f'{right:.0%}', name=f'{key}-accuracy')}"
    )


def _figure(names, step):
    """Both runs' decision boundaries after ``step`` steps, and their losses so far."""
    lesson, other = runs = [run(name) for name in names]
    loss = loss_plot("loss so far", STEPS, LOSS_LIM)
    for r, colour in zip(runs, ("blue", "orange")):
        loss.line(r.losses[: step + 1], label=f"lr {r.label}", colour=colour)
        loss.points([step], [r.losses[step]], colour=colour)
    loss.vline(step)
    alt = (
        f"Decision boundaries after {step} training steps. Left, the lesson's run: loss"
        f" {num(lesson.losses[step])}, accuracy {lesson.accuracies[step]:.0%}. Right,"
        f" learning rate {other.label}: loss {num(other.losses[step])}, accuracy"
        f" {other.accuracies[step]:.0%}. Third, the loss of both runs up to this step."
    )
    panels = [r.drawn_at(step)[0] for r in runs]
    return html(Figure(*panels, loss), alt=alt)


def view(step, compare):
    names = (LESSON, compare)
    if not train(names, step, TIME_BOX):
        reached = min(run(n).reached for n in names)
        return {"pending": f"Training in the page: step {max(reached, 0)} of {step}…"}
    first, second = run(compare).drawn_at(step)[1]
    readout = (
        f"<strong>Step {step} of {STEPS}.</strong> The lesson's run,"
        f" {_summary(LESSON, step, 'lesson')}. Next to it,"
        f" {_summary(compare, step, 'other')}; units on for some point: {first} of 8"
        f" in the first layer, {second} of 8 in the second."
    )
    return {"readout": readout, "figure": _figure(names, step)}
