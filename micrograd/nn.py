"""A small neural-network library on top of :class:`~micrograd.engine.Value`.

Same API, defaults and parameter order as the original micrograd:

>>> model = MLP(2, [16, 16, 1], seed=0)
>>> len(model.parameters())
337
>>> model([1.0, -2.0])  # doctest: +ELLIPSIS
Value(data=..., grad=0.0)
"""

import random

from micrograd.engine import Value

__all__ = ["Module", "Neuron", "Layer", "MLP"]


def _rng(seed, rng):
    if rng is not None and seed is not None:
        raise ValueError("pass either seed or rng, not both")
    if rng is not None:
        return rng
    # by default, the global generator, as in the original
    return random.Random(seed) if seed is not None else random


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
        rng = _rng(seed, rng)
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)
        self.nonlin = nonlin

    def __call__(self, x):
        if len(x) != len(self.w):
            raise ValueError(f"this neuron takes {len(self.w)} inputs, got {len(x)}")
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
        rng = _rng(seed, rng)
        sizes = [nin] + list(nouts)
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
