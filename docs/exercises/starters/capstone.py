"""Final project: your own engine trains a classifier.

Put your own pieces together in this file, every one of them yours, the network built on
your own Value. (Or import them from your exercise files kept beside this one, as in
`from value import Value`: your own modules are yours, whatever their names.)

- Value, from the value exercise. The hinge loss needs 1 - y * s, so give your Value
  __neg__, __sub__ and __rsub__ too (or write the cost as (1 + (-y) * s).relu()).
- Neuron, Layer and MLP, from the neuron and mlp exercises, with every weight and bias a
  Value of yours, and a zero_grad() (a small Module base class, as in micrograd.nn, gives
  it to all three).
- hinge_loss(scores, labels), from the loss exercise.
- train(model, X, y, steps, lr), from the train exercise, on your hinge_loss.

Check your work with:

    python -m micrograd.check capstone capstone.py

The checker first runs the exercises' checks on your pieces, then trains networks of yours
on the circles data set and compares every loss with a correct run. Then run this file
itself, `python capstone.py 0.1` (the learning rate), and fill in the lab notebook on the
final project's page.
"""

import math  # noqa: F401 (tanh and exp will need it)
import random  # noqa: F401 (for the weights' start values)
import sys


class Value:
    def __init__(self, data, _children=(), _op="", _local=()):
        # TODO: your Value, from the value exercise
        raise NotImplementedError


class Neuron:
    def __init__(self, nin, nonlin=True):
        # TODO: your Neuron, on your Value
        raise NotImplementedError


class Layer:
    def __init__(self, nin, nout, nonlin=True):
        # TODO
        raise NotImplementedError


class MLP:
    def __init__(self, nin, nouts):
        # TODO
        raise NotImplementedError


def hinge_loss(scores, labels):
    # TODO
    raise NotImplementedError


def train(model, X, y, steps, lr):
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    from micrograd.data import make_circles

    lr = float(sys.argv[1]) if len(sys.argv) > 1 else 0.1
    X, y = make_circles(60, noise=0.05, seed=1)
    model = MLP(2, [8, 8, 1])
    losses = train(model, X, y, 50, lr)
    for step in range(0, len(losses), 10):
        print(f"step {step:3d}   loss {losses[step]:.4f}")
    right = sum((model(x).data > 0) == (label > 0) for x, label in zip(X, y))
    print(
        f"after {len(losses)} steps at lr={lr}: loss {losses[-1]:.4f}, "
        f"accuracy {right / len(y):.0%}"
    )
