"""Stochastic gradient descent: move every parameter a small step against its gradient.

>>> from micrograd.engine import Value
>>> w = Value(3.0)
>>> opt = SGD([w], lr=0.1)
>>> loss = w * w  # d(loss)/dw = 2w = 6
>>> loss.backward()
>>> opt.step()  # w = 3 - 0.1 * 6
>>> round(w.data, 12), opt.steps
(2.4, 1)
"""

import math
import numbers
from collections.abc import Iterable

from micrograd.engine import Value

__all__ = ["SGD", "linear_schedule"]


def _check_lr(lr, where=""):
    """Raise a clear error unless ``lr`` is a finite number >= 0.

    0 is allowed, as in PyTorch: a step with it leaves the parameters where they are,
    which is where a schedule that decays to 0 ends (or a warm-up starts).
    """
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(
            f"the learning rate{where} must be a number, got {type(lr).__name__}: {lr!r}"
        )
    if not 0 <= lr < math.inf:
        raise ValueError(f"the learning rate{where} must be a number >= 0, got {lr}")


# --8<-- [start:sgd]
class SGD:
    """Plain gradient descent: ``p.data -= lr * p.grad`` for every parameter.

    ``lr`` is a number >= 0, or a schedule: a function of the step count
    (0 at the first step) that returns the learning rate.
    """

    def __init__(self, parameters, lr=0.1):
        if callable(parameters) or not isinstance(parameters, Iterable):
            raise TypeError(
                "pass the list of parameters, e.g. model.parameters() (with the ()), "
                f"got {type(parameters).__name__}"
            )
        self.parameters = list(parameters)
        if not self.parameters:
            raise ValueError("got no parameters to optimize")
        for p in self.parameters:
            if not isinstance(p, Value):
                raise TypeError(f"parameters must be Values, got {type(p).__name__}")
        if not callable(lr):
            _check_lr(lr)
        self.schedule = lr
        self.steps = 0  # how many times step() has run

    @property
    def lr(self):
        """The learning rate the next ``step()`` will use."""
        return self.schedule(self.steps) if callable(self.schedule) else self.schedule

    def step(self):
        """Update every parameter using the gradients that ``backward()`` left in it."""
        lr = self.lr
        _check_lr(lr, f" at step {self.steps}")
        for p in self.parameters:
            p.data -= lr * p.grad
        self.steps += 1

    def zero_grad(self):
        """Set every gradient to 0: ``backward()`` adds to them, it does not overwrite."""
        for p in self.parameters:
            p.grad = 0.0
            # --8<-- [end:sgd]


def linear_schedule(start, end, total_steps):
    """A learning rate that goes in a straight line from ``start`` to ``end``.

    ``lr(k) = start - (start - end) * k / total_steps``, then stays at ``end``.
    Both are numbers >= 0, as for :class:`SGD`: a decay may end at 0, a warm-up
    may start there. The original micrograd demo used ``1.0 - 0.9*k/100``:

    >>> lr = linear_schedule(1.0, 0.1, 100)
    >>> lr(0), lr(50), lr(100), lr(200)
    (1.0, 0.55, 0.1, 0.1)
    """
    _check_lr(start, " at the start")
    _check_lr(end, " at the end")
    if isinstance(total_steps, bool) or not isinstance(total_steps, numbers.Integral):
        raise TypeError(f"total_steps must be a whole number, got {total_steps!r}")
    if total_steps < 1:
        raise ValueError(f"total_steps must be at least 1, got {total_steps}")

    def lr(k):
        return start - (start - end) * k / total_steps if k < total_steps else end

    return lr
