"""Gradient checking: right derivatives pass, wrong ones are caught and shown."""

import math

import pytest
from pytest import approx

from micrograd.engine import Value
from micrograd.gradcheck import (
    GradcheckResult,
    gradcheck,
    numerical_grad,
    relative_error,
)


def bad_square(x):
    """x**2 with a wrong local derivative: 1 instead of 2x."""
    return Value(x.data**2, (x,), "sq", (1.0,))


def test_numerical_grad_of_known_functions():
    assert numerical_grad(lambda x: x**3, [2.0]) == approx([12.0], rel=1e-8)
    assert numerical_grad(lambda a, b: a * b.exp(), [3.0, 0.5]) == approx(
        [math.exp(0.5), 3.0 * math.exp(0.5)], rel=1e-8
    )
    assert numerical_grad(lambda a, b: a.tanh(), [0.5, 7.0]) == approx(
        [0.7864477329659274, 0]
    )


def test_numerical_grad_uses_central_differences_with_step_h():
    # for x**2 central differences are exact (up to rounding) whatever h is
    assert numerical_grad(lambda x: x**2, [3.0], h=0.5) == [6.0]
    # for x**3 they are off by h**2: ((x+h)**3 - (x-h)**3) / 2h = 3x**2 + h**2
    assert numerical_grad(lambda x: x**3, [1.0], h=0.5) == [3.25]


@pytest.mark.parametrize(
    "f, xs",
    [
        (lambda x: x.tanh(), [0.5]),
        (lambda x: x.sigmoid() * x.log(), [1.7]),
        (lambda a, b: (a / b) ** 2 - 2**a + b.exp(), [-0.3, 1.2]),
        (lambda a, b, c: (a * b + c).relu() ** 0.5, [1.0, 2.0, -0.5]),
    ],
)
def test_correct_gradients_pass(f, xs):
    result = gradcheck(f, xs)
    assert result.ok
    assert result.max_rel_error < 1e-7
    assert len(result.analytic) == len(result.numeric) == len(xs)


def test_a_wrong_derivative_is_caught():
    result = gradcheck(bad_square, [3.0])
    assert not result.ok
    assert result.analytic == [1.0]
    assert result.numeric == approx([6.0])
    assert result.max_rel_error == approx(5 / 6, rel=1e-6)


def test_only_the_wrong_input_is_flagged():
    result = gradcheck(lambda a, b: a * b + bad_square(b), [2.0, 3.0])
    assert result.errors[0] < 1e-8 and result.errors[1] > 0.1
    text = str(result)
    lines = text.splitlines()
    assert "analytic" in lines[0] and "numeric" in lines[0]
    assert "wrong" not in lines[1] and "wrong" in lines[2]
    assert lines[-1].startswith("FAILED")


def test_str_of_a_passing_check():
    text = str(gradcheck(lambda x: x.tanh(), [0.5]))
    assert "0.78644773" in text
    assert text.splitlines()[-1].startswith("passed")


def test_tolerance_decides():
    result = GradcheckResult(analytic=[1.0], numeric=[1.001])
    assert not result.ok
    assert GradcheckResult(analytic=[1.0], numeric=[1.001], tol=1e-2).ok
    assert gradcheck(bad_square, [3.0], tol=1.0).ok


def test_relative_error_is_relative_above_one_and_absolute_below():
    assert relative_error(1000.0, 1001.0) == approx(1 / 1001)
    assert relative_error(-1000.0, -1001.0) == approx(1 / 1001)
    assert relative_error(1e-9, 3e-9) == approx(2e-9)  # near 0: absolute
    assert relative_error(0.5, 0.25) == 0.25
    assert relative_error(2.0, 2.0) == 0.0
    assert relative_error(math.inf, math.inf) == 0.0
    assert relative_error(math.nan, 1.0) == math.inf
    assert relative_error(math.inf, 1.0) == math.inf


def test_nan_gradients_fail():
    assert not GradcheckResult(analytic=[math.nan], numeric=[1.0]).ok


def test_f_must_return_a_value():
    with pytest.raises(TypeError, match="must return a Value, got float"):
        gradcheck(lambda x: x.data * 2, [1.0])
    with pytest.raises(TypeError, match="must return a Value"):
        numerical_grad(lambda x: 3.0, [1.0])


def test_bad_arguments():
    with pytest.raises(ValueError, match="empty"):
        gradcheck(lambda: Value(1.0), [])
    with pytest.raises(ValueError, match="positive"):
        numerical_grad(lambda x: x, [1.0], h=0)
    with pytest.raises(ValueError, match="positive"):
        gradcheck(lambda x: x, [1.0], h=-1e-6)
