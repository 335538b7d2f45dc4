# ruff: noqa
"""Mistake: the neuron ignores nonlin and never applies ReLU."""

import random

from micrograd.engine import Value


class Neuron:
    def __init__(self, nin, nonlin=True):
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)
        self.nonlin = nonlin

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act

    def parameters(self):
        return self.w + [self.b]
