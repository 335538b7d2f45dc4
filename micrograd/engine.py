"""A scalar-valued autograd engine.

Every arithmetic operation on a :class:`Value` creates a new node that remembers
its inputs (``_prev``) and the *local derivative* of its output with respect to
each input (``_local``). ``backward()`` walks the graph from the output back to
the leaves and applies the chain rule at every node::

    input.grad += local_derivative * output.grad

>>> a = Value(2.0)
>>> b = Value(-3.0)
>>> c = a * b + a
>>> c.backward()
>>> a.grad, b.grad
(-2.0, 2.0)
"""

import gc
import math
import numbers
from collections.abc import Mapping

__all__ = ["Value"]

# A training step builds and drops tens of thousands of Values. They never form reference
# cycles (no node refers back to its output), so reference counting frees them and the cycle
# collector has nothing to find in them; yet each *full* collection walks every live node, and
# with the default settings one runs every step or so. Make full collections rarer (young
# collections are unchanged): that alone made the moons demo's training about 2.5 times faster.
_young, _middle, _full = gc.get_threshold()
gc.set_threshold(_young, _middle, max(_full, 1000))


def _to_float(x):
    """Return ``x`` as a float, or raise TypeError naming its type."""
    if isinstance(x, numbers.Real):  # int, float, bool, Fraction, NumPy scalars
        return float(x)
    raise TypeError(f"Value needs a real number, got {type(x).__name__}: {x!r}")


def _check_sequence(x, name):
    """Raise TypeError unless ``x`` is a sequence, such as a list, a tuple or an array.

    Refused: what has no order or no length (a set, a generator, None), and what
    iterates over something else than its items (a string, bytes, a dict's keys).
    """
    if type(x) is list or type(x) is tuple:
        return
    if isinstance(x, str | bytes | Mapping) or not (
        hasattr(x, "__len__") and hasattr(x, "__getitem__")
    ):
        raise TypeError(
            f"{name} must be a sequence, such as a list, got {type(x).__name__}"
        )


class Value:
    """A scalar, the operation that produced it, and the gradient flowing into it."""

    __slots__ = ("data", "grad", "_prev", "_op", "_local", "label")

    # --8<-- [start:init]
    def __init__(self, data, _children=(), _op="", _local=(), label=""):
        self.data = data if type(data) is float else _to_float(data)
        self.grad = 0.0  # d(output)/d(self), filled in by backward()
        self._prev = _children  # the Values this one was computed from
        self._op = _op  # the operation's name, for drawing the graph
        self._local = _local  # d(self)/d(child), one number per child
        self.label = label  # an optional name, shown in graph pictures
        # --8<-- [end:init]

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    # --8<-- [start:add-mul]
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        # d(a + b)/da = 1 and d(a + b)/db = 1
        return Value(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        a, b = self.data, other.data
        # d(a * b)/da = b and d(a * b)/db = a
        return Value(a * b, (self, other), "*", (b, a))
        # --8<-- [end:add-mul]

    def __sub__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data - other.data, (self, other), "-", (1.0, -1.0))

    def __truediv__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        a, b = self.data, other.data
        if b == 0.0:
            raise ZeroDivisionError(f"division by zero: {a} / {b}")
        return Value(a / b, (self, other), "/", (1.0 / b, -a / b / b))

    def __neg__(self):
        return Value(-self.data, (self,), "neg", (-1.0,))

    # --8<-- [start:pow]
    def __pow__(self, other):
        if isinstance(other, Value):
            return self._pow_value(other)
        n = _to_float(other)
        x = self.data
        out = _power(x, n)
        # d(x**n)/dx = n * x**(n-1)
        local = n * _power(x, n - 1, derivative=True) if n != 0.0 else 0.0
        return Value(out, (self,), f"**{other}", (local,))
        # --8<-- [end:pow]

    def _pow_value(self, other):
        x, y = self.data, other.data
        out = _power(x, y)
        dx = y * _power(x, y - 1, derivative=True) if y != 0.0 else 0.0
        # d(x**y)/dy = x**y * ln(x): defined for x > 0; 0 at x == 0 (as PyTorch); NaN below
        dy = out * math.log(x) if x > 0 else (0.0 if x == 0 else math.nan)
        return Value(out, (self, other), "**", (dx, dy))

    # Reflected operations, so that a plain number can stand on the left: 2 * v.
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value(other) - self

    def __rtruediv__(self, other):
        return Value(other) / self

    def __rpow__(self, other):
        return Value(other) ** self

    # --8<-- [start:activations]
    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), "tanh", (1.0 - t * t,))

    def relu(self):
        x = self.data
        return Value(0.0 if x < 0 else x, (self,), "ReLU", (1.0 if x > 0 else 0.0,))
        # --8<-- [end:activations]

    # --8<-- [start:exp-log]
    def exp(self):
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp overflows for x={self.data}") from None
        return Value(e, (self,), "exp", (e,))

    def log(self):
        x = self.data
        if x <= 0:
            raise ValueError(f"log is undefined for x <= 0, got x={x}")
        return Value(math.log(x), (self,), "log", (1.0 / x,))
        # --8<-- [end:exp-log]

    def sigmoid(self):
        x = self.data
        if x >= 0:  # two forms, so that exp never overflows
            s = 1.0 / (1.0 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1.0 + e)
        return Value(s, (self,), "sigmoid", (s * (1.0 - s),))

    # --8<-- [start:backward]
    def backward(self):
        """Fill in ``grad`` of every Value this one depends on.

        Leaves accumulate (``+=``): call ``zero_grad()`` between training steps.
        Intermediate nodes are reset first, so a second call adds exactly one
        more gradient to every leaf. A local derivative of 0 passes nothing back,
        not even an infinite or NaN gradient (``0 * inf`` would be NaN).
        """
        topo = topological_order(self)
        for node in topo:
            if node._prev:
                node.grad = 0.0
        self.grad += 1.0  # d(self)/d(self)
        for node in reversed(topo):
            for child, local in zip(node._prev, node._local):
                if local:  # 0: the output does not move with this input
                    child.grad += local * node.grad  # the chain rule
        # --8<-- [end:backward]


# --8<-- [start:topo]
def topological_order(root):
    """Every node reachable from ``root``, each listed after all its inputs.

    An explicit stack instead of recursion: deep graphs never hit the recursion limit.
    """
    topo, visited = [], set()
    stack = [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            topo.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            for child in node._prev:
                if child not in visited:
                    stack.append((child, False))
    return topo
    # --8<-- [end:topo]


def _power(x, n, derivative=False):
    """``x ** n`` as a real number, with a clear error where there is none.

    For a derivative, where the true value is infinite (``x ** -0.5`` at 0, or an overflow),
    return a signed infinity instead of raising, as PyTorch does.
    """
    if x < 0 and not n.is_integer():
        raise ValueError(
            f"a negative base to a fractional power is not real: ({x}) ** {n}"
        )
    if x == 0 and n < 0:
        if derivative:
            return math.inf
        raise ZeroDivisionError(f"0 cannot be raised to a negative power: 0 ** {n}")
    try:
        return x**n
    except OverflowError:
        if derivative:
            return -math.inf if x < 0 and n % 2 == 1 else math.inf
        raise OverflowError(f"** overflows: ({x}) ** {n}") from None
