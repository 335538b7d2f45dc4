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
import numbers
import sys
from dataclasses import dataclass

from micrograd.engine import Value, _check_sequence

__all__ = ["numerical_grad", "gradcheck", "GradcheckResult", "relative_error"]

_SHRINK = [10.0**-k for k in range(7)]  # steps tried: h * max(1, |x|) times these
# The rounding error of a value of f, relative to it, with room to spare.
_ROUNDING = 10 * sys.float_info.epsilon
_SETTLED = 1e-3  # an estimate has settled once its relative error is below this


def _evaluate(f, xs):
    """``f`` applied to one fresh Value per number in ``xs``: returns the inputs and the output."""
    inputs = [Value(x) for x in xs]
    out = f(*inputs)
    if not isinstance(out, Value):
        raise TypeError(f"f must return a Value, got {type(out).__name__}: {out!r}")
    return inputs, out


def _positive(x, name):
    """Raise a clear error unless ``x`` is a finite number > 0."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(x).__name__}: {x!r}")
    if not 0 < x < math.inf:
        raise ValueError(f"{name} must be a number > 0, got {x}")


def _check_inputs(f, xs, h):
    """``xs`` as a list of floats, after checking ``f``, ``xs`` and ``h``."""
    if not callable(f):
        raise TypeError(f"f must be a function of Values, got {type(f).__name__}")
    _check_sequence(xs, "xs")
    for x in xs:
        if isinstance(x, bool) or not isinstance(x, numbers.Real):
            raise TypeError(f"xs must hold real numbers, got {type(x).__name__}: {x!r}")
    if len(xs) == 0:
        raise ValueError("xs is empty: give one number per input of f")
    _positive(h, "the step h")
    return [float(x) for x in xs]


def numerical_grad(f, xs, h=1e-6):
    """Estimate the gradient of ``f`` at ``xs`` from values of ``f`` alone.

    ``f`` takes one Value per number in ``xs`` and returns a Value.

    >>> [round(g, 6) for g in numerical_grad(lambda a, b: a * b + b, [2.0, 3.0])]
    [3.0, 3.0]

    Each partial derivative comes from central differences. Their error shrinks as the
    step squared until rounding error takes over, so no single step suits every input:

    - the largest step is ``h * max(1, |x|)``, scaled to the input (1e10 moves by 1e4,
      not by less than its own rounding error); smaller ones follow, down to a millionth
      of it, then ``h * |x|``, where a function such as ``log`` bends on the scale of ``x``;
    - at each step ``s``, the differences over ``s`` and ``s/2`` give a better estimate
      and the size of its error (Richardson extrapolation); going down the steps, the
      estimate with the smallest error (rounding included) is kept; once one has settled
      to three digits, the search stops at the first that does not improve on it and
      agree with it;
    - a step at which ``f`` is undefined (raises ValueError or ArithmeticError, or gives
      inf or NaN) is skipped; at a boundary of ``f``'s domain, where no central
      difference fits, one-sided differences are used, from the side where ``f`` is
      defined.
    """
    xs = _check_inputs(f, xs, h)
    fx = _evaluate(f, xs)[1].data  # f must be defined at xs: its own error if it is not
    return [_partial(f, xs, i, h, abs(fx)) for i in range(len(xs))]


def _partial(f, xs, i, h, size):
    """The derivative of ``f`` with respect to ``xs[i]`` (see :func:`numerical_grad`)."""
    x = xs[i]

    def g(t):
        """How far ``xs[i]`` really moved (``t``, rounded) and ``f`` there; None if undefined."""
        moved = list(xs)
        moved[i] = x + t
        try:
            y = _evaluate(f, moved)[1].data
        except (ValueError, ArithmeticError):
            return None
        return (moved[i] - x, y) if math.isfinite(y) else None

    steps = [h * max(1.0, abs(x)) * k for k in _SHRINK]
    if x + h * abs(x) / 2 != x and abs(x) < 1:  # not lost in rounding (as at 5e-324)
        steps.append(h * abs(x))
    for side in (0, 1, -1):  # central; else one-sided, from the right, then the left
        best = None
        for s in steps:
            estimate = _estimate(g, s, side, size)
            if estimate is None:  # f is undefined somewhere at this step
                continue
            if best is None or _confirms(estimate, best):
                best = estimate
            elif best[1] <= _SETTLED:
                break  # rounding error has taken over: smaller steps would be worse
        if best is not None:
            return best[0]
    raise ValueError(
        f"cannot estimate the derivative for input {i} (x={x}): "
        "f is undefined on both sides of it"
    )


def _confirms(new, old):
    """Whether estimate ``new`` does better than ``old``: a smaller error and, once
    ``old`` has settled, a value that agrees with it. (A step so small that ``f`` no
    longer changes with it gives a wrong estimate, such as 0, with a tiny error.)
    """
    (value, error), (old_value, old_error) = new, old
    if old_error > _SETTLED:
        return error <= old_error
    agrees = abs(value - old_value) <= old_error * max(1.0, abs(old_value))
    return error <= old_error and agrees


def _estimate(g, s, side, size):
    """A derivative from ``g`` at step ``s``, and its relative error; None if undefined.

    ``side`` 0: central differences, whose error shrinks as ``s**2``; 1 or -1: one-sided,
    to the right or the left, whose error shrinks as ``s``.
    """
    lo, hi = (-1, 1) if side == 0 else (0, side)

    def slope(step):
        a, b = g(lo * step), g(hi * step)
        if a is None or b is None or a[0] == b[0]:
            return None
        return (b[1] - a[1]) / (b[0] - a[0])

    full, half = slope(s), slope(s / 2)
    if full is None or half is None:
        return None
    gain = 3 if side == 0 else 1  # halving s divides the error by 4 (central) or 2
    correction = (half - full) / gain
    estimate = half + correction
    error = abs(correction) + _ROUNDING * size / s
    return estimate, error / max(1.0, abs(estimate))


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

    def __post_init__(self):
        _positive(self.tol, "tol")

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
    _positive(tol, "tol")
    xs = _check_inputs(f, xs, h)
    inputs, out = _evaluate(f, xs)
    out.backward()
    analytic = [x.grad for x in inputs]
    return GradcheckResult(analytic, numerical_grad(f, xs, h), tol)
    # --8<-- [end:gradcheck]
