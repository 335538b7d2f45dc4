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


def test_numerical_grad_is_exact_for_polynomials_up_to_degree_four():
    # Central differences at steps s and s/2, combined (Richardson), cancel the s**2 error.
    assert numerical_grad(lambda x: x**3, [1.0], h=0.5) == approx([3.0], abs=1e-9)
    assert numerical_grad(lambda x: x**4 - x, [2.0], h=0.1) == approx([31.0], rel=1e-9)


def test_numerical_grad_is_accurate_even_with_a_large_step():
    # A plain central difference with h = 0.01 is off by h**2 / 6 * e**2, about 1e-4.
    (estimate,) = numerical_grad(lambda x: x.exp(), [2.0], h=0.01)
    assert estimate == approx(math.exp(2.0), rel=1e-9)


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
    with pytest.raises(ValueError, match="h must be a number > 0, got 0"):
        numerical_grad(lambda x: x, [1.0], h=0)
    with pytest.raises(ValueError, match="h must be a number > 0, got -1e-06"):
        gradcheck(lambda x: x, [1.0], h=-1e-6)


@pytest.mark.parametrize(
    "f, x",
    [
        (lambda v: v * v, 1e10),  # a step of 1e-6 is below the rounding error of 1e20
        (lambda v: v * v, -3e12),
        (lambda v: v**3, 1e5),
        (lambda v: v.log(), 1e-4),  # log bends on the scale of x itself
        (lambda v: v.log(), 3e-9),
        (lambda v: 1 / v, 2e-5),
        (lambda v: v**0.5, 1e-10),
        (lambda v: v.log(), 1e-7),  # within 1e-6 of 0: x - 1e-6 is outside log's domain
        (lambda v: v.log(), 1e-300),
        (lambda v: v**-2, -1e-8),
    ],
)
def test_the_step_is_scaled_to_the_input(f, x):
    result = gradcheck(f, [x])
    assert result.ok, f"\n{result}"
    assert result.max_rel_error < 1e-7


@pytest.mark.parametrize("x", [1e-300, 5e-324, 1e-8, 0.0, -1e-12])
def test_a_small_input_next_to_a_large_value_keeps_a_large_step(x):
    # Nudging 1e-300 by 1e-306 would change nothing in 1 + x: the absolute step is kept.
    result = gradcheck(lambda v: (v + 1) * 3 - v.tanh(), [x])
    assert result.ok, f"\n{result}"


def test_at_a_boundary_of_the_domain_one_sided_differences_are_used():
    # x ** 1.5 is undefined left of 0; its slope at 0 is 0.
    result = gradcheck(lambda v: v**1.5, [0.0])
    assert result.ok, f"\n{result}"
    assert result.numeric[0] == approx(0.0, abs=1e-5)
    # (x - 2) ** 2.5 at 2 from the right, and (2 - x) ** 2.5 at 2 from the left
    assert gradcheck(lambda v: (v - 2) ** 2.5 + v, [2.0]).ok
    assert gradcheck(lambda v: (2 - v) ** 2.5 + v, [2.0]).ok


def test_a_kink_still_fails():
    # at 0 the estimate averages relu's two slopes, 0 and 1
    result = gradcheck(lambda v: v.relu(), [0.0])
    assert not result.ok
    assert result.numeric == approx([0.5])


def test_undefined_on_both_sides_is_a_clear_error():
    with pytest.raises(ValueError, match=r"input 0 .*x=0.0.*undefined on both sides"):
        numerical_grad(lambda v: (-(v * v)) ** 0.5, [0.0])


def test_undefined_at_xs_raises_the_functions_own_error():
    with pytest.raises(ValueError, match="log is undefined"):
        gradcheck(lambda v: v.log(), [-1.0])
    with pytest.raises(ValueError, match="log is undefined"):
        numerical_grad(lambda v: v.log(), [0.0])


def test_only_domain_errors_mean_outside_the_domain():
    def f(v):
        if v.data != 1.0:
            raise RuntimeError("a bug in f")
        return v

    with pytest.raises(RuntimeError, match="a bug in f"):
        numerical_grad(f, [1.0])


@pytest.mark.parametrize("tol", [-1e-5, math.nan, math.inf, 0])
def test_tol_must_be_a_positive_finite_number(tol):
    with pytest.raises(ValueError, match="tol must be a number > 0"):
        gradcheck(lambda v: v, [1.0], tol=tol)
    with pytest.raises(ValueError, match="tol must be a number > 0"):
        GradcheckResult([1.0], [1.0], tol=tol)


@pytest.mark.parametrize("tol", ["1e-5", None])
def test_tol_must_be_a_number(tol):
    with pytest.raises(TypeError, match="tol must be a number"):
        gradcheck(lambda v: v, [1.0], tol=tol)


@pytest.mark.parametrize("h", [math.nan, math.inf, 0.0])
def test_h_must_be_a_positive_finite_number(h):
    with pytest.raises(ValueError, match="h must be a number > 0"):
        numerical_grad(lambda v: v, [1.0], h=h)


@pytest.mark.parametrize(
    "xs, type_name",
    [
        ({0: 1.0}, "dict"),
        ((x for x in [1.0]), "generator"),
        ("1", "str"),
        (None, "NoneType"),
        (1.0, "float"),
    ],
)
def test_xs_must_be_a_sequence(xs, type_name):
    with pytest.raises(TypeError, match=f"xs must be a sequence.*got {type_name}"):
        gradcheck(lambda v: v, xs)


@pytest.mark.parametrize(
    "bad, type_name", [("3", "str"), (None, "NoneType"), (1j, "complex")]
)
def test_xs_must_hold_real_numbers(bad, type_name):
    with pytest.raises(TypeError, match=f"xs must hold real numbers, got {type_name}"):
        numerical_grad(lambda a, b: a * b, [1.0, bad])


def test_f_must_be_a_function():
    with pytest.raises(TypeError, match="f must be a function"):
        gradcheck(Value(1.0), [1.0])


def test_xs_may_be_a_tuple_or_an_array():
    import numpy as np

    for xs in [(0.5, -1.5), np.array([0.5, -1.5])]:
        assert gradcheck(lambda a, b: a * b.exp(), xs).ok


def test_a_step_too_small_for_f_to_resolve_is_not_trusted():
    # a is lost next to b in a + b, so f is exactly 0 near a's tiny value: a step of
    # h * |a| would see no change at all and estimate 0 (with no visible error).
    a, b = 1.5510657535057705e-276, 5.856718498879061e-129
    result = gradcheck(lambda a, b: b - (a + b), [a, b])
    assert result.ok, f"\n{result}"
