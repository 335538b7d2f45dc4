"""The final project's learning-rate sweep, run in the page: ``capstone.py``'s run (an
``MLP(2, [8, 8, 1])`` on 60 circles points, 50 steps of the hinge loss) at each of five
learning rates, with the course's ``micrograd``, each run watched by ``micrograd.monitor``.

It shows the lab notebook's table for the five runs (the loss at step 0 and at step 40, the
final accuracy, what the monitor finds) and the four panels of the run the reader chooses.
The runs are trained once, one after the other and a little at a time: ``view`` trains
for at most ``TIME_BOX`` seconds and answers ``{"pending": …}`` with the sweep's progress
until every run is done (the page asks again).
"""

import time

from micrograd.data import make_circles
from micrograd.losses import hinge_loss
from micrograd.nn import MLP

from .controls import Choice
from .show import WatchedRun, data, table

NAME = "sweep"
TITLE = "The learning-rate sweep, in the page"
RATES = ("0.01", "0.1", "0.5", "1.0", "2.0")
STEPS, LOOK, TIME_BOX = 50, 40, 0.25  # LOOK: the table's second loss
CONTROLS = (
    Choice(
        "lr", "Panels of the run at the learning rate", tuple(zip(RATES, RATES)), "0.5"
    ),
)


class Run(WatchedRun):
    """``capstone.py``'s run at one learning rate."""

    def __init__(self, lr):
        self.lr = float(lr)
        self.X, self.y = make_circles(60, noise=0.05, seed=1)
        super().__init__(MLP(2, [8, 8, 1], seed=0), STEPS)

    def advance(self):
        """One step of the final project's training loop."""
        loss = hinge_loss([self.model(x) for x in self.X], self.y)
        self.model.zero_grad()
        loss.backward()
        self.monitor.record(loss)
        for p in self.model.parameters():
            p.data -= self.lr * p.grad

    def accuracy(self):
        right = sum((self.model(x).data > 0) == (t > 0) for x, t in zip(self.X, self.y))
        return right / len(self.y)


_runs = {lr: None for lr in RATES}  # trained once: a run never changes after


def _train(chosen):
    """Train the runs, the chosen one first, for at most TIME_BOX seconds; the progress
    in words while some run is not done, else None."""
    began = time.perf_counter()
    order = [chosen] + [lr for lr in RATES if lr != chosen]
    for n, lr in enumerate(order, 1):
        run = _runs[lr] = _runs[lr] or Run(lr)
        while not run.done:
            run.advance()
            step = len(run.monitor.history)
            if time.perf_counter() - began > TIME_BOX and (
                step < STEPS or n < len(order)
            ):
                return (
                    f"The sweep: run {n} of {len(order)}, learning rate {lr},"
                    f" step {step} of {STEPS}…"
                )
    return None


def _row(lr):
    run = _runs[lr]
    history, found = run.monitor.history, run.monitor.diagnose()
    accuracy = run.accuracy()
    concepts = ", ".join(dict.fromkeys(f"<code>{f.concept}</code>" for f in found))
    return (
        lr,
        data(history[0].loss, name=f"loss-0-{lr}"),
        data(history[LOOK].loss, name=f"loss-{LOOK}-{lr}"),
        data(accuracy, text=f"{accuracy:.0%}", name=f"accuracy-{lr}"),
        concepts or "nothing",
    )


def view(lr):
    pending = _train(lr)
    if pending:
        return {"pending": pending}
    run = _runs[lr]
    found = run.monitor.diagnose()
    said = "; ".join(f.message for f in found) or "nothing wrong"
    readout = (
        f"At learning rate {lr}: the loss went from {data(run.monitor.history[0].loss)} to"
        f" {data(run.monitor.history[-1].loss, name='loss-last')} in {STEPS} steps, and the"
        f" model classifies {data(run.accuracy(), text=f'{run.accuracy():.0%}')} of the"
        f" points right. The monitor finds: {said}."
    )
    headers = (
        "Learning rate",
        "Loss at step 0",
        f"Loss at step {LOOK}",
        "Accuracy",
        "The monitor finds",
    )
    rows = [_row(rate) for rate in RATES]
    caption = f"The sweep: five runs of {STEPS} steps, one per learning rate"
    return {
        "readout": readout,
        "figure": run.panels(),
        "table": table(caption, headers, rows),
    }
