"""Exercise: your own Value.

Write a class Value that holds one number, records the operations that produce new numbers
from it, and computes gradients with backward(): the engine of module 2, from scratch.

Check your work with:

    python -m micrograd.check value value.py

What the checker expects:

- Value(x) keeps the number in .data and starts .grad at 0.
- a + b and a * b, where b is a Value or a plain number (int or float); also 1 + a and
  3 * a, with the plain number on the left.
- a ** n, for a plain number n: 3, 2, 0.5 and -1 are all tried.
- a.tanh(), a.exp() and a.relu() (ReLU: the input when it is positive, 0 otherwise; its
  slope at exactly 0 is taken to be 0).
- Every operation returns a new Value and leaves its inputs unchanged.
- out.backward() fills in the .grad of every Value that out depends on, out included, with
  the derivative of out with respect to it. It is called once, on a graph of new Values.
- Optional: -a, a - b, a / b, 5 - a and 1 / a are checked too when your class has them.

The design is the lessons' and micrograd's: each operation records, for each of its
inputs, the local derivative of its output with respect to that input: a plain number,
in _local, in the same order as the inputs in _prev. backward() then visits the nodes from
the output back, and at each node adds local derivative times the node's own gradient to
each input's gradient. (The checker looks only at .data, .grad and what the operations
return, so the other design, a _backward function stored on each node, passes too.)

Start with __add__ and run the check after each step: it says what is still missing.
"""

import math  # noqa: F401 (tanh and exp will need it)


class Value:
    def __init__(self, data, _children=(), _op="", _local=()):
        self.data = data
        self.grad = 0.0
        self._prev = _children  # the Values this one was computed from
        self._op = _op  # the operation that made it, for printing
        self._local = _local  # d(self)/d(input), one number per input of _prev

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    def __add__(self, other):
        """self + other, where other is a Value or a plain number."""
        # TODO: the output Value: its number, its inputs, and one local derivative per input
        raise NotImplementedError

    def __mul__(self, other):
        """self * other, where other is a Value or a plain number."""
        # TODO
        raise NotImplementedError

    def __pow__(self, n):
        """self ** n, for a plain number n (int or float)."""
        # TODO
        raise NotImplementedError

    def __radd__(self, other):
        """other + self, for a plain number other: Python calls this for 1 + a."""
        # TODO
        raise NotImplementedError

    def __rmul__(self, other):
        """other * self, for a plain number other: Python calls this for 3 * a."""
        # TODO
        raise NotImplementedError

    def tanh(self):
        # TODO
        raise NotImplementedError

    def exp(self):
        # TODO
        raise NotImplementedError

    def relu(self):
        # TODO
        raise NotImplementedError

    def backward(self):
        """Fill in .grad of every Value this one was computed from."""
        # TODO: in which order must the nodes be visited? What is this node's own
        # gradient? What does each node add to each of its inputs' gradients?
        raise NotImplementedError
