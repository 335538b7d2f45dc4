"""The run that never starts: a small network on 30 moons points, set up "to be
safe". Its loss stays level from the first step to the last, and the model
answers the same for every point.

Look at its instruments first: the monitor's panels on the challenge's page
(or run this file, then print micrograd.plot.html(monitor.plot()) to draw
them yourself).

(a) Name the cause: set CAUSE to one of the causes listed in the file.
(b) Fix the run: change what caused the trouble, and nothing else: the same
    data, the same model's size and the same number of steps. After 40
    steps the run must end with a loss of at most 0.4, an accuracy of at
    least 80%, and nothing found by monitor.diagnose().

Check your work with:

    python -m micrograd.check mystery_asleep mystery_asleep.py
"""

from micrograd.data import make_moons
from micrograd.losses import l2_penalty
from micrograd.monitor import Monitor
from micrograd.nn import MLP

# (a) The cause: one of "lr-too-high", "lr-too-low", "dead-relu",
#     "stale-grad", "update-direction", "wrong-labels".
CAUSE = ""


def hinge(scores, labels):
    """The mean of relu(1 - label * score) over the examples."""
    return sum((1 - t * s).relu() for s, t in zip(scores, labels)) / len(labels)


# (b) The run: fix its fault, and nothing else.
X, y = make_moons(30, noise=0.1, seed=3)
model = MLP(2, [8, 8, 1], seed=3)
for neuron in model.layers[0].neurons:
    neuron.b.data = -3.0  # every unit starts quiet, to be safe
monitor = Monitor(model)
for _ in range(40):
    loss = hinge([model(x) for x in X], y) + l2_penalty(model.parameters())
    model.zero_grad()
    loss.backward()
    monitor.record(loss)  # after backward(), before the update
    for p in model.parameters():
        p.data -= 0.3 * p.grad

accuracy = sum((model(x).data > 0) == (t > 0) for x, t in zip(X, y)) / len(y)
print(f"at the last step: loss {loss.data:.4f}, accuracy {accuracy:.0%}")
