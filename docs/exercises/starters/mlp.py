"""Exercise: layers and a multi-layer perceptron.

Write a Layer (neurons side by side, all reading the same inputs) and an MLP (layers one
after the other), on top of micrograd's Neuron (or your own from the neuron exercise).

Check your work with:

    python -m micrograd.check mlp mlp.py

What the checker expects:

- Layer(nin, nout, nonlin=True) keeps nout neurons in self.neurons, each a
  Neuron(nin, nonlin=nonlin).
- layer(x) returns the list of the neurons' outputs on x, or the single output itself when
  the layer has one neuron.
- layer.parameters() returns every neuron's parameters, neuron by neuron.
- MLP(nin, nouts), with nouts a list such as [16, 16, 1], keeps its layers in
  self.layers: layer k has nouts[k] neurons. Every layer applies ReLU except the last one,
  which is linear (nonlin=False).
- model(x) feeds x through the layers in order and returns the last layer's output.
- model.parameters() returns every layer's parameters, layer by layer.
"""

from micrograd.nn import Module, Neuron  # noqa: F401 (Neuron: the building block)


class Layer(Module):
    def __init__(self, nin, nout, nonlin=True):
        # TODO: self.neurons
        raise NotImplementedError

    def __call__(self, x):
        # TODO
        raise NotImplementedError

    def parameters(self):
        # TODO
        raise NotImplementedError


class MLP(Module):
    def __init__(self, nin, nouts):
        # TODO: self.layers
        raise NotImplementedError

    def __call__(self, x):
        # TODO
        raise NotImplementedError

    def parameters(self):
        # TODO
        raise NotImplementedError
