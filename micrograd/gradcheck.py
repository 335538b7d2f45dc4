"""Check ``backward()`` against numerical derivatives (central differences).

The derivative of ``f`` at ``x`` is close to ``(f(x + h) - f(x - h)) / (2h)`` for a
small ``h``. If the gradients ``backward()`` computes disagree with these estimates,
a local derivative is wrong somewhere.

>>> print(gradcheck(lambda x: x.tanh(), [0.5]))  # doctest: +ELLIPSIS
 input      analytic       numeric     error
     0    0.78644773    0.78644773   ...
passed: largest error ... <= tol 1e-05
"""

import math
from dataclasses import dataclass

from micrograd.engine import Value

__all__ = ["numerical_grad", "gradcheck", "GradcheckResult", "relative_error"]


def _evaluate(f, xs):
    """``f`` applied to one fresh Value per number in ``xs``: returns the inputs and the output."""
    inputs = [Value(x) for x in xs]
    out = f(*inputs)
    if not isinstance(out, Value):
        raise TypeError(f"f must return a Value, got {type(out).__name__}: {out!r}")
    return inputs, out


def _check_inputs(xs, h):
    xs = [float(x) for x in xs]
    if not xs:
        raise ValueError("xs is empty: give one number per input of f")
    if not h > 0:
        raise ValueError(f"the step h must be positive, got {h}")
    return xs


def numerical_grad(f, xs, h=1e-6):
    """Estimate the gradient of ``f`` at ``xs`` by central differences.

    ``f`` takes one Value per number in ``xs`` and returns a Value.

    >>> [round(g, 6) for g in numerical_grad(lambda a, b: a * b + b, [2.0, 3.0])]
    [3.0, 3.0]
    """
    xs = _check_inputs(xs, h)
    grads = []
    for i in range(len(xs)):
        up, down = list(xs), list(xs)
        up[i] += h
        down[i] -= h
        grads.append((_evaluate(f, up)[1].data - _evaluate(f, down)[1].data) / (2 * h))
    return grads


def relative_error(a, b):
    """``|a - b| / max(1, |a|, |b|)``: relative for numbers above 1, absolute below.

    A pure relative error would blow up near 0, where the numerical estimate is
    mostly rounding noise. NaN (or inf against a finite number) counts as inf.

    >>> relative_error(1000.0, 1001.0), relative_error(1e-9, 2e-9)
    (0.000999000999000999, 1e-09)
    """
    if a == b:
        return 0.0
    error = abs(a - b) / max(1.0, abs(a), abs(b))
    return error if error == error else math.inf  # error != error only for NaN


@dataclass
class GradcheckResult:
    """Gradients from ``backward()`` (analytic) next to their numerical estimates."""

    analytic: list
    numeric: list
    tol: float = 1e-5

    @property
    def errors(self):
        """One :func:`relative_error` per input."""
        return [
            relative_error(a, n)
            for a, n in zip(self.analytic, self.numeric, strict=True)
        ]

    @property
    def max_rel_error(self):
        """The worst error over all inputs."""
        return max(self.errors)

    @property
    def ok(self):
        """True when every error is at most ``tol``."""
        return self.max_rel_error <= self.tol

    def __str__(self):
        rows = [f"{'input':>6} {'analytic':>13} {'numeric':>13} {'error':>9}"]
        for i, (a, n, e) in enumerate(
            zip(self.analytic, self.numeric, self.errors, strict=True)
        ):
            mark = "" if e <= self.tol else "  <-- wrong?"
            rows.append(f"{i:>6} {a:>13.8g} {n:>13.8g} {e:>9.1e}{mark}")
        verdict = "passed" if self.ok else "FAILED"
        sign = "<=" if self.ok else ">"
        rows.append(
            f"{verdict}: largest error {self.max_rel_error:.1e} {sign} tol {self.tol:g}"
        )
        return "\n".join(rows)


# --8<-- [start:gradcheck]
def gradcheck(f, xs, *, h=1e-6, tol=1e-5):
    """Compare the gradient ``backward()`` gives for ``f`` at ``xs`` with central differences.

    >>> result = gradcheck(lambda a, b: (a * b).exp() / b, [0.5, -1.5])
    >>> result.ok
    True
    >>> bad_square = lambda x: Value(x.data**2, (x,), "sq", (1.0,))  # d(x²)/dx is not 1
    >>> gradcheck(bad_square, [3.0]).ok
    False
    """
    xs = _check_inputs(xs, h)
    inputs, out = _evaluate(f, xs)
    out.backward()
    analytic = [x.grad for x in inputs]
    return GradcheckResult(analytic, numerical_grad(f, xs, h), tol)
    # --8<-- [end:gradcheck]
