"""Exercise: a neuron.

Write a class Neuron on top of micrograd's Value: it multiplies each input by a weight,
adds a bias, and (usually) applies ReLU.

Check your work with:

    python -m micrograd.check neuron neuron.py

What the checker expects:

- Neuron(nin, nonlin=True) has nin weights in self.w, a list of Values, each starting at
  a random number between -1 and 1 of its own (two neurons never start the same), and a
  bias self.b, a Value starting at 0.
- n(x), for a list x of nin inputs (numbers or Values), returns a Value: the sum of
  w[i] * x[i], plus b, then through ReLU when nonlin is True, unchanged when it is False.
- n.parameters() returns a list of the weights, then the bias: the Value objects
  themselves, so that training can change them.

The checker sets the weights and the bias itself, so your random start values do not
matter for the results.
"""

import random  # noqa: F401 (for the random start values)

from micrograd.engine import Value  # noqa: F401 (the weights and the bias are Values)
from micrograd.nn import Module


class Neuron(Module):
    def __init__(self, nin, nonlin=True):
        # TODO: self.w, self.b and self.nonlin
        raise NotImplementedError

    def __call__(self, x):
        # TODO
        raise NotImplementedError

    def parameters(self):
        # TODO
        raise NotImplementedError
