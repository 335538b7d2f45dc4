"""Break a training run and read the instruments: the lesson's network (``MLP(2, [8, 8, 1])``
on 30 moons points, 40 steps of the course's loop) with a learning rate, a scale for the
starting weights and one fault of the loop chosen by the reader, watched by
``micrograd.monitor``: its four panels and its diagnosis.

A run is trained once, a little at a time: ``view`` trains for at most ``TIME_BOX`` seconds
and answers ``{"pending": …}`` until the run is done (the page asks again). Finished runs
are kept, with their picture: going back to a setting seen before only shows it.
"""

import time

from micrograd.data import make_moons
from micrograd.losses import hinge_loss, l2_penalty
from micrograd.nn import MLP

from .controls import Choice
from .show import WatchedRun, data

NAME = "faults"
TITLE = "Break it: a run that will not train"
STEPS, TIME_BOX = 40, 0.25
FAULTS = (
    ("none", "nothing"),
    ("no-zero", "forget zero_grad()"),
    ("uphill", "+= instead of −="),
    ("biases", "first-layer biases at −4"),
)
CONTROLS = (
    Choice(
        "lr",
        "Learning rate",
        (("0.0001", "0.0001"), ("0.01", "0.01"), ("0.3", "0.3"), ("3", "3")),
        "0.3",
    ),
    Choice(
        "scale",
        "Starting weights",
        (
            ("1", "between −1 and 1"),
            ("0.01", "100 times smaller"),
            ("10", "10 times larger"),
        ),
        "1",
    ),
    Choice("fault", "Break one thing in the loop", FAULTS, "none"),
)


class Run(WatchedRun):
    """One training run of the lesson's loop, with its settings."""

    def __init__(self, lr, scale, fault):
        self.lr, self.fault = float(lr), fault
        self.X, self.y = make_moons(30, noise=0.1, seed=0)
        model = MLP(2, [8, 8, 1], seed=0)
        for p in model.parameters():
            p.data *= float(scale)
        if fault == "biases":
            for neuron in model.layers[0].neurons:
                neuron.b.data = -4.0
        super().__init__(model, STEPS)

    def advance(self):
        """One step of the lesson's loop, with the fault planted in it."""
        model = self.model
        loss = hinge_loss([model(x) for x in self.X], self.y)
        loss = loss + l2_penalty(model.parameters(), alpha=1e-4)
        if self.fault != "no-zero":
            model.zero_grad()
        loss.backward()
        self.monitor.record(loss)
        sign = 1.0 if self.fault == "uphill" else -1.0
        for p in model.parameters():
            p.data += sign * self.lr * p.grad


_runs = {}  # (lr, scale, fault) -> Run: a run never changes once trained


def run(lr, scale, fault):
    key = lr, scale, fault
    if key not in _runs:
        _runs[key] = Run(lr, scale, fault)
    return _runs[key]


def _readout(r):
    """The diagnosis, with the numbers it rests on."""
    history, findings = r.monitor.history, r.monitor.diagnose()
    first, last = history[0].loss, history[-1].loss
    ratios = [layer.update for s in history for layer in s.layers if layer.update]
    looked = next(s for s in reversed(history) if s.leftover is not None)  # a walk
    dead = [layer.dead for layer in looked.layers[:2]]
    said = (
        f"The loss went from {data(first, name='loss-first')} to"
        f" {data(last, name='loss-last')} in {STEPS} steps; the largest update was"
        f" {data(max(ratios, default=0.0), 3, name='update-max')} of the weights' size;"
        f" at the last look, {data(dead[0], text=f'{dead[0]:.0%}', name='dead-1')} of"
        f" the first layer's ReLUs and {data(dead[1], text=f'{dead[1]:.0%}', name='dead-2')}"
        " of the second's were dead."
    )
    if not findings:
        return f"<strong>The monitor finds nothing wrong.</strong> {said}"
    items = "".join(
        f'<li><code>{f.concept}</code> <span data-concept="{f.concept}">{f.message}</span>'
        "</li>"
        for f in findings
    )
    return f"<strong>The monitor's diagnosis:</strong><ul>{items}</ul>{said}"


def view(lr, scale, fault):
    r = run(lr, scale, fault)
    began = time.perf_counter()
    while not r.done:
        r.advance()
        if not r.done and time.perf_counter() - began > TIME_BOX:
            step = len(r.monitor.history)
            return {"pending": f"Training in the page: step {step} of {STEPS}…"}
    return {"readout": _readout(r), "figure": r.panels()}
