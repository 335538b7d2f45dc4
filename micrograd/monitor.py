"""Instruments for a training run: what to look at when a network will not train.

Record every step, after ``loss.backward()`` and before the update; then ask what went wrong:

>>> from micrograd.data import make_moons
>>> from micrograd.losses import hinge_loss
>>> from micrograd.nn import MLP
>>> X, y = make_moons(30, noise=0.1, seed=0)
>>> model = MLP(2, [8, 8, 1], seed=0)
>>> monitor = Monitor(model)
>>> for step in range(10):
...     loss = hinge_loss([model(x) for x in X], y)
...     model.zero_grad()
...     loss.backward()
...     monitor.record(loss)  # after backward(), before the update
...     for p in model.parameters():
...         p.data += 0.1 * p.grad  # a mistake: += climbs the loss
>>> [(f.concept, f.step, f.layer) for f in monitor.diagnose()]
[('update-direction', 0, None)]
>>> print(monitor.diagnose()[0])  # doctest: +NORMALIZE_WHITESPACE
[update-direction] at step 0 the parameters moved along their gradient, uphill
(cosine +1.00); so did 9 of 9 updates

``history`` holds, for every step, the loss and three instruments per layer:

- ``grad``, the size (norm) of the gradient: how hard the loss pulls on the layer;
- ``update``, the update ratio: how far the step moved the parameters, relative to their size;
- ``dead``, the fraction of the layer's ReLUs that fired on no example of the step: they
  output 0 whatever the input, and pass back no gradient.

The gradient and the update are read from the parameters, at every step. The dead ReLUs, and
whether the gradients hold this step's backward pass and nothing else, are read from the
step's graph, walked once more: that costs about half a step, so it is done on the
first two steps and then every ``INSPECT_EVERY`` steps.
"""

import math
from dataclasses import dataclass

from micrograd.engine import Value, topological_order
from micrograd.plot import Figure, Plot

__all__ = ["Monitor", "Finding", "Step", "Reading"]

INSPECT_EVERY = 8  # the graph is walked at steps 0, 1, 8, 16, 24, ...
# the usual update ratio of a large network; a tiny one trains well at 1e-2 to 1e-1
GUIDE = 1e-3
TOO_HIGH = 1.0  # an update as large as the weights it moves
JUMP = 10.0  # the loss grew this many times in one step
TOO_LOW = 0.01  # in the whole run, no layer moved by 1% of its size
MOSTLY_DEAD = 0.5  # more than half of a layer's ReLUs fired on no example,
LAST_LOOKS = 2  # on each of the last two walks of the graph
LEFTOVER = 1e-6  # gradients that differ from the step's own by more than this are stale
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


@dataclass
class Reading:
    """One layer's instruments at one step."""

    grad: float  # the norm of the gradient of the layer's parameters
    update: float | None = None  # |change| / |parameters|: known at the next record
    dead: float | None = None  # the fraction of its ReLUs that never fired, if walked


@dataclass
class Step:
    """One recorded step: the loss, each layer's instruments, and two checks of the loop."""

    loss: float
    layers: list
    direction: float | None = None  # cosine of the update and the gradient: -1 for SGD
    leftover: float | None = None  # |gradient - this step's own| / |this step's own|


@dataclass
class Finding:
    """What went wrong: a concept id, where it was seen, and the evidence in a sentence."""

    concept: str
    step: int
    layer: int | None  # an index into the model's layers, or None for the whole model
    message: str

    def __str__(self):
        return f"[{self.concept}] {self.message}"


class Monitor:
    """Watches a model's layers (``model.layers``, each with ``neurons``) while it trains.

    A neuron is a ReLU neuron when its ``nonlin`` is true, as in ``micrograd.nn``.
    """

    def __init__(self, model):
        if not hasattr(model, "parameters"):
            raise TypeError(f"Monitor watches a Module, got {type(model).__name__}")
        layers = getattr(model, "layers", [model])
        self.layers = [layer.parameters() for layer in layers]
        if not any(self.layers):
            raise ValueError("the model has no parameters to watch")
        self.neuron_of = {}  # each parameter: (layer, neuron) of the neuron it belongs to
        self.relus = []  # each layer: which of its neurons are ReLUs
        for i, layer in enumerate(layers):
            neurons = getattr(layer, "neurons", [layer])
            for j, neuron in enumerate(neurons):
                self.neuron_of.update(dict.fromkeys(neuron.parameters(), (i, j)))
            self.relus.append(
                [j for j, n in enumerate(neurons) if getattr(n, "nonlin", 0)]
            )
        self.history = []
        self._last = None  # every parameter's data and gradient at the last record

    # --8<-- [start:record]
    def record(self, loss):
        """Read one step: call it after ``loss.backward()`` and before the update."""
        if not isinstance(loss, Value):
            raise TypeError(f"record() needs the loss Value, got {type(loss).__name__}")
        if loss.grad == 0:
            raise ValueError(
                "record(loss) reads the gradients: call loss.backward() first"
            )
        data = [[p.data for p in layer] for layer in self.layers]
        grads = [[p.grad for p in layer] for layer in self.layers]
        if self._last:
            self._measure_update(data)
        step = Step(loss.data, [Reading(_norm(g)) for g in grads])
        if len(self.history) < 2 or len(self.history) % INSPECT_EVERY == 0:
            self._inspect(loss, step)
        self.history.append(step)
        self._last = data, grads

    def _measure_update(self, data):
        """The update made after the last record: its size per layer, relative to the
        parameters, and its direction, relative to the gradient it was made from."""
        before, grads = self._last
        changes = [[a - b for a, b in zip(new, old)] for new, old in zip(data, before)]
        last = self.history[-1]
        for layer, change, old in zip(last.layers, changes, before):
            layer.update = _ratio(_norm(change), _norm(old))
        change, grad = sum(changes, []), sum(grads, [])
        if sizes := _norm(change) * _norm(grad):
            last.direction = math.fsum(c * g for c, g in zip(change, grad)) / sizes
        # --8<-- [end:record]

    # --8<-- [start:inspect]
    def _inspect(self, loss, step):
        """Walk the step's graph: the gradient each parameter gets from this backward
        pass alone (the nodes inside the graph hold theirs), and which ReLUs fired."""
        own = {p: 0.0 for layer in self.layers for p in layer}
        fired = set()
        for node in topological_order(loss):
            for child, local in zip(node._prev, node._local):
                if local and child in own:
                    own[child] += local * node.grad  # the chain rule, as in backward()
            if node._op == "ReLU" and node._local[0]:
                fired.add(self._neuron_under(node))
        extra = _norm([p.grad - g for p, g in own.items()])
        step.leftover = _ratio(extra, _norm(own.values()))
        for i, (layer, relus) in enumerate(zip(step.layers, self.relus)):
            if relus:
                layer.dead = sum((i, j) not in fired for j in relus) / len(relus)

    def _neuron_under(self, relu):
        """The neuron whose ReLU this node is: the owner of the nearest parameter below."""
        level = [relu]
        while level:
            level = [c for node in level for c in node._prev if c._op != "ReLU"]
            for node in level:
                if node in self.neuron_of:
                    return self.neuron_of[node]
        return None
        # --8<-- [end:inspect]

    def diagnose(self):
        """What went wrong, as a list of :class:`Finding` by step: empty for a healthy run."""
        found = [
            Finding(_concept(rule), *seen)
            for rule in RULES
            for seen in rule(self.history)
        ]
        return sorted(found, key=lambda f: f.step)

    def plot(self):
        """The instruments as a :class:`~micrograd.plot.Figure` of four panels: the loss,
        then per layer the gradient, the update ratio (the guideline dashed) and the
        dead ReLUs. Print it with ``html(monitor.plot(), alt=monitor.describe())``."""
        return Figure(*_panels(self.history), columns=2)

    def describe(self):
        """The figure in words, for readers who cannot see it: what each panel shows."""
        return _describe(self.history, self.diagnose())


# ------------------------------------------------------------------------ the diagnoses


def lr_too_high(history):
    """The loss stops being finite or jumps up, or an update is as large as the weights."""
    for k, step in enumerate(history):
        before = history[k - 1].loss if k else math.nan
        if not math.isfinite(step.loss):
            why = f"at step {k} the loss was {step.loss}: the steps grew until it overflowed"
            return [(k, None, why)]
        if step.loss > JUMP * before > 0:
            why = (
                f"at step {k} the loss jumped {step.loss / before:.3g}× in one step,"
                f" from {before:.4g} to {step.loss:.4g}"
            )
            return [(k, None, why)]
        for i, layer in enumerate(step.layers):
            if layer.update is not None and layer.update >= TOO_HIGH:
                why = (
                    f"at step {k} the update of {_layer(i)} was {layer.update:.3g}×"
                    " the size of its weights"
                )
                return [(k, i, why)]
    return []


def lr_too_low(history):
    """Updates so small that, in the whole run, no layer moved by 1% of its size, while
    its ReLUs were alive (dead ones would explain the stillness)."""
    if len(history) < 2 or dead_relu(history):
        return []
    moved = [math.fsum(_series(history, i, "update")[1]) for i in _indices(history)]
    if not all(m < TOO_LOW for m in moved):  # NaN, after a blow-up, is not too low
        return []
    why = (
        f"in {len(history)} steps no layer's weights moved by more than"
        f" {max(moved):.2%} of their size: the loss cannot move"
    )
    return [(0, None, why)]


def dead_relu(history):
    """Most ReLUs of a layer dead on each of the last walks of the graph."""
    walked = [k for k, step in enumerate(history) if step.leftover is not None]
    found = []
    for i in _indices(history):
        dead = [history[k].layers[i].dead for k in walked]
        if len(dead) < LAST_LOOKS or None in dead:
            continue
        if min(dead[-LAST_LOOKS:]) > MOSTLY_DEAD:
            start = len(dead) - LAST_LOOKS
            while start and dead[start - 1] > MOSTLY_DEAD:  # back to where it began
                start -= 1
            why = (
                f"from step {walked[start]} on, most ReLUs of {_layer(i)} fired on no"
                f" example ({dead[-1]:.0%} at step {walked[-1]}): they pass back no gradient"
            )
            found.append((walked[start], i, why))
    return found


def stale_grad(history):
    """Gradients that hold more than the step's own backward pass."""
    for k, step in enumerate(history):
        # every gradient 0: reset after backward(), an update that cannot move; not stale
        reset_late = not any(layer.grad for layer in step.layers)
        if _finite(step.leftover) and step.leftover > LEFTOVER and not reset_late:
            why = (
                f"at step {k} the gradients held more than this step's backward pass"
                f" gives: the extra, left from earlier steps, was {step.leftover:.3g}×"
                " the size of the step's own gradient"
            )
            return [(k, None, why)]
    return []


def update_direction(history):
    """Updates that moved the parameters along the gradient, uphill, half the time or more."""
    cosines = [(k, s.direction) for k, s in enumerate(history) if _finite(s.direction)]
    uphill = [(k, c) for k, c in cosines if c > 0]
    if not uphill or len(uphill) * 2 < len(cosines):
        return []
    k, c = uphill[0]
    why = (
        f"at step {k} the parameters moved along their gradient, uphill (cosine {c:+.2f});"
        f" so did {len(uphill)} of {len(cosines)} updates"
    )
    return [(k, None, why)]


# Each rule gives (step, layer, message) for what it saw; its name is the concept's id.
RULES = (lr_too_high, lr_too_low, dead_relu, stale_grad, update_direction)


def _concept(rule):
    return rule.__name__.replace("_", "-")


CONCEPTS = tuple(map(_concept, RULES))


# --------------------------------------------------------------------------- the figure

SERIES = ("blue", "orange", "green", "purple")


def _panels(history):
    """Four plots against the step: the loss, and per layer the gradient, the update
    ratio and the dead fraction (layers with ReLUs), one colour per layer."""
    steps = (0, max(len(history) - 1, 1))

    def panel(title, ylabel, **kwargs):
        return Plot(title, xlabel="step", ylabel=ylabel, xlim=steps, **kwargs)

    loss = panel("loss", "loss", logy=True)
    loss.line([s.loss for s in history], colour="text")
    grad = panel("gradient", "norm", logy=True)
    update = panel("update / weights", "ratio", logy=True)
    update.line(steps, [GUIDE] * 2, colour="grey", style="dashed", label="guide")
    dead = panel("dead ReLUs", "fraction", ylim=(0, 1))
    for i in _indices(history):
        colour, label = SERIES[i % len(SERIES)], _layer(i).removeprefix("the ")
        grad.line([s.layers[i].grad for s in history], colour=colour, label=label)
        update.line(*_series(history, i, "update"), colour=colour, label=label)
        if (fractions := _series(history, i, "dead"))[0]:  # a layer with ReLUs
            dead.line(*fractions, colour=colour, label=label, marker="circle")
    return loss, grad, update, dead


def _describe(history, findings):
    """What the four panels show, in words, and what the diagnosis says."""
    if not history:
        return "No step recorded yet: the four panels are empty."
    losses = [s.loss for s in history]
    parts = [
        f"Four panels against {len(history)} steps. The loss goes from {losses[0]:.3g}"
        f" to {losses[-1]:.3g} (highest {max(losses):.3g})."
    ]
    for i in _indices(history):
        grads = [s.layers[i].grad for s in history]
        ratios = _series(history, i, "update")[1]
        fractions = _series(history, i, "dead")[1]
        said = (
            f"{_layer(i).capitalize()}: gradient norm {grads[0]:.3g} to {grads[-1]:.3g}"
        )
        if ratios:
            said += f", update ratio {min(ratios):.2g} to {max(ratios):.2g}"
        if fractions:
            said += f", dead ReLUs {fractions[-1]:.0%} at the end"
        parts.append(said + ".")
    parts.append(f"The guideline for the update ratio is {GUIDE:g}.")
    verdict = "; ".join(f.message for f in findings) or "nothing wrong found"
    parts.append(f"Diagnosis: {verdict}.")
    return " ".join(parts)


def _series(history, i, name):
    """The steps at which layer ``i``'s instrument ``name`` is known, and its values."""
    known = [(k, getattr(s.layers[i], name)) for k, s in enumerate(history)]
    known = [(k, v) for k, v in known if v is not None]
    return [k for k, _ in known], [v for _, v in known]


def _indices(history):
    return range(len(history[0].layers)) if history else range(0)


def _layer(i):
    return f"the {ORDINALS[i]} layer" if i < len(ORDINALS) else f"layer {i + 1}"


def _finite(x):
    return x is not None and math.isfinite(x)


def _norm(values):
    """The Euclidean norm; ``fsum`` is exact, so every Python gives the same digits."""
    return math.sqrt(math.fsum(v * v for v in values))


def _ratio(a, b):
    return a / b if b else (0.0 if a == 0 else math.inf)
