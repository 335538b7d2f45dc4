"""A small neural-network library on top of :class:`~micrograd.engine.Value`.

Same API, defaults and parameter order as the original micrograd:

>>> model = MLP(2, [16, 16, 1], seed=0)
>>> len(model.parameters())
337
>>> model([1.0, -2.0])  # doctest: +ELLIPSIS
Value(data=..., grad=0.0)
"""

import numbers
import random
from collections.abc import Iterable

from micrograd.engine import Value, _check_sequence

__all__ = ["Module", "Neuron", "Layer", "MLP"]


def _rng(seed, rng):
    if rng is not None and seed is not None:
        raise ValueError("pass either seed or rng, not both")
    if rng is not None:
        return rng
    # by default, the global generator, as in the original
    return random.Random(seed) if seed is not None else random


def _check_size(n, name):
    """Raise a clear error unless ``n`` (inputs or neurons) is a whole number >= 1."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(n).__name__}: {n!r}")
    if n < 1:
        raise ValueError(f"{name} must be at least 1, got {n}")


def _layer_sizes(nouts):
    """``nouts`` as a list of at least one layer size, each checked."""
    if isinstance(nouts, str | bytes) or not isinstance(nouts, Iterable):
        raise TypeError(
            "nouts must be a list of layer sizes, such as [16, 16, 1], "
            f"got {type(nouts).__name__}: {nouts!r}"
        )
    nouts = list(nouts)
    if not nouts:
        raise ValueError("an MLP needs at least one layer: nouts is empty")
    for i, n in enumerate(nouts):
        _check_size(n, f"nouts[{i}]")
    return nouts


def _check_inputs(x, n):
    """Raise a clear error unless ``x`` is a sequence of ``n`` inputs."""
    _check_sequence(x, "inputs")
    if len(x) != n:
        raise ValueError(f"this neuron takes {n} inputs, got {len(x)}")


# --8<-- [start:module]
class Module:
    """Anything with parameters: knows how to list them and how to zero their gradients."""

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0.0

    def parameters(self):
        return []
        # --8<-- [end:module]


# --8<-- [start:neuron]
class Neuron(Module):
    """``act(w · x + b)``: a weighted sum of the inputs plus a bias, through ReLU (or not)."""

    def __init__(self, nin, nonlin=True, *, seed=None, rng=None):
        _check_size(nin, "nin")
        rng = _rng(seed, rng)
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)
        self.nonlin = nonlin

    def __call__(self, x):
        _check_inputs(x, len(self.w))  # x: a sequence of len(self.w) numbers
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]
        # --8<-- [end:neuron]

    def __repr__(self):
        return f"{'ReLU' if self.nonlin else 'Linear'}Neuron({len(self.w)})"


# --8<-- [start:layer]
class Layer(Module):
    """``nout`` neurons that all read the same inputs."""

    def __init__(self, nin, nout, *, seed=None, rng=None, **kwargs):
        _check_size(nout, "nout")
        rng = _rng(seed, rng)
        self.neurons = [Neuron(nin, rng=rng, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]
        # --8<-- [end:layer]

    def __repr__(self):
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


# --8<-- [start:mlp]
class MLP(Module):
    """Layers in a row: ReLU hidden layers, a linear last layer."""

    def __init__(self, nin, nouts, *, seed=None, rng=None):
        nouts = _layer_sizes(nouts)  # a list of at least one size, each >= 1
        rng = _rng(seed, rng)
        sizes = [nin] + nouts
        self.layers = [
            Layer(sizes[i], sizes[i + 1], nonlin=i != len(nouts) - 1, rng=rng)
            for i in range(len(nouts))
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]
        # --8<-- [end:mlp]

    def __repr__(self):
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"
