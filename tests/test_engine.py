"""The engine: every operation against PyTorch, random graphs, deep graphs, errors."""

import gc
import math
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pytest import approx

from micrograd.engine import Value
from micrograd.gradcheck import gradcheck


@pytest.fixture(scope="module")
def torch():
    import torch  # installed by `make setup` (the `torch` extra): never skipped

    return torch


def readme_example(a, b):
    """The example from the original micrograd README (works on Values and on tensors)."""
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    return g


# (name, function, inputs): every function works on Values and on torch tensors alike.
SIGNED = [-2.5, -0.3, 0.7, 3.0]
POSITIVE = [0.2, 1.0, 2.5]
PAIRS = [(-2.5, 1.5), (0.7, -0.3), (3.0, 2.0), (-1.0, -4.0)]
CASES = [
    ("add", lambda a, b: a + b, PAIRS),
    ("sub", lambda a, b: a - b, PAIRS),
    ("mul", lambda a, b: a * b, PAIRS),
    ("div", lambda a, b: a / b, PAIRS),
    ("pow 2", lambda a: a**2, SIGNED),
    ("pow 3", lambda a: a**3, SIGNED),
    ("pow -1", lambda a: a**-1, SIGNED),
    ("pow 0", lambda a: a**0, SIGNED),
    ("pow 0.5", lambda a: a**0.5, POSITIVE),
    ("pow -1.5", lambda a: a**-1.5, POSITIVE),
    ("pow Value", lambda a, b: a**b, [(0.2, 1.5), (1.0, -2.0), (2.5, 0.3)]),
    ("2 + v", lambda a: 2 + a, SIGNED),
    ("2 * v", lambda a: 2 * a, SIGNED),
    ("2 - v", lambda a: 2 - a, SIGNED),
    ("2 / v", lambda a: 2 / a, SIGNED),
    ("2 ** v", lambda a: 2**a, SIGNED),
    ("neg", lambda a: -a, SIGNED),
    ("relu", lambda a: a.relu(), SIGNED),
    ("tanh", lambda a: a.tanh(), SIGNED),
    ("exp", lambda a: a.exp(), SIGNED),
    ("log", lambda a: a.log(), POSITIVE),
    ("sigmoid", lambda a: a.sigmoid(), SIGNED),
    ("readme", readme_example, [(-4.0, 2.0), (1.5, -0.5)]),
    (
        "neuron",
        lambda x1, x2, w1, w2, b: (x1 * w1 + x2 * w2 + b).tanh(),
        [(2, 0, -3, 1, 6.88)],
    ),
    ("reuse", lambda a: a * a.tanh() - (a**3).relu() + 2 ** (a / 2) - a / a, SIGNED),
    (
        "mixed",
        lambda a, b: (
            ((a * b).sigmoid() + (a - b).exp() / (1 + b * b)).log()
            * (b.relu() + 1) ** a
        ),
        PAIRS,
    ),
]
TORCH_CASES = [
    pytest.param(fn, x if isinstance(x, tuple) else (x,), id=f"{name}-{x}")
    for name, fn, inputs in CASES
    for x in inputs
]


@pytest.mark.parametrize("fn, xs", TORCH_CASES)
def test_values_and_gradients_match_pytorch(torch, fn, xs):
    values = [Value(x) for x in xs]
    out = fn(*values)
    out.backward()

    tensors = [
        torch.tensor(float(x), dtype=torch.float64, requires_grad=True) for x in xs
    ]
    expected = fn(*tensors)
    expected.backward()

    assert out.data == approx(expected.item(), rel=1e-12, abs=1e-12)
    for v, t in zip(values, tensors, strict=True):
        t_grad = 0.0 if t.grad is None else t.grad.item()
        assert v.grad == approx(t_grad, rel=1e-12, abs=1e-12)


def test_readme_example_gives_the_published_numbers():
    a, b = Value(-4.0), Value(2.0)
    g = readme_example(a, b)
    g.backward()
    assert g.data == approx(24.7041, abs=5e-5)
    assert a.grad == approx(138.8338, abs=5e-5)
    assert b.grad == approx(645.5773, abs=5e-5)


# Random expression graphs. Every operation is smooth (no kinks), and keeps values
# bounded: a + b at most doubles them, everything else squashes or keeps them.
OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b.tanh(),
    "div": lambda a, b: a / (1 + b * b),
    "pow": lambda a, b: (b.sigmoid() + 0.5) ** a.tanh(),
    "sqrt": lambda a, b: (a * a + 1) ** 0.5,
    "rpow": lambda a, b: 2 ** a.tanh() - b,
    "rsub": lambda a, b: 3 - 2 * a,
    "rdiv": lambda a, b: 1 / (2 + a.sigmoid()),
    "neg": lambda a, b: -a * b.sigmoid(),
    "exp": lambda a, b: a.tanh().exp(),
    "log": lambda a, b: (a * a + 1).log(),
}
programs = st.lists(
    st.tuples(st.sampled_from(sorted(OPS)), st.integers(0, 99), st.integers(0, 99)),
    min_size=1,
    max_size=15,
)


def run(program, inputs):
    """All the nodes of ``program``: each step applies an operation to two earlier nodes."""
    nodes = list(inputs)
    for op, i, j in program:
        nodes.append(OPS[op](nodes[i % len(nodes)], nodes[j % len(nodes)]))
    return nodes


@settings(max_examples=100, deadline=None)
@given(program=programs, xs=st.lists(st.floats(-3, 3), min_size=1, max_size=4))
def test_random_graphs_match_numerical_gradients(program, xs):
    assume(all(abs(node.data) < 1e3 for node in run(program, [Value(x) for x in xs])))
    result = gradcheck(lambda *inputs: run(program, inputs)[-1], xs)
    assert result.ok, f"\n{result}"


def test_a_400_000_node_graph_backpropagates_without_recursion():
    x = Value(1.0)
    y = x
    steps = 200_000  # each step adds 3 nodes: the constant 1.0, a product and a sum
    for _ in range(steps):
        y = y * 1.0 + x
    y.backward()
    assert y.data == steps + 1
    assert x.grad == steps + 1  # every one of the 200,001 paths to x is counted once
    assert sys.getrecursionlimit() < steps


def test_second_backward_adds_to_leaves_and_resets_intermediates():
    x = Value(3.0)
    xx = x * x
    y = xx + x
    y.backward()
    assert x.grad == 7.0
    y.backward()
    assert x.grad == 14.0  # leaves accumulate
    assert xx.grad == 1.0 and y.grad == 1.0  # intermediates start again from 0


def cyclic_garbage(build):
    """How many objects only the cycle collector can free after ``build()`` returns."""
    gc.collect()
    gc.disable()
    try:
        build()
        return gc.collect()
    finally:
        gc.enable()


def test_graphs_hold_no_reference_cycles():
    def build():
        a, b = Value(1.5), Value(-0.5)
        out = (
            a * b + a / b - 2**a + (a ** b.relu()).tanh() + b.exp().log() - b.sigmoid()
        ) ** 2
        out = -out + 2 * b - 3 / a
        out.backward()

    assert cyclic_garbage(build) == 0


def test_cyclic_garbage_does_find_a_cycle():
    def build():
        v = Value(1.0)
        v._prev = (v,)  # what a node pointing back at itself would leave behind

    assert cyclic_garbage(build) > 0


@pytest.mark.parametrize(
    "bad, type_name",
    [("3", "str"), (None, "NoneType"), ([1.0], "list"), (1j, "complex")],
)
def test_value_rejects_what_is_not_a_real_number(bad, type_name):
    with pytest.raises(TypeError, match=type_name):
        Value(bad)


@pytest.mark.parametrize(
    "op",
    [
        lambda v: v + "a",
        lambda v: "a" + v,
        lambda v: v * "a",
        lambda v: v - None,
        lambda v: v / [2],
        lambda v: v ** "x",
        lambda v: "x" ** v,
    ],
)
def test_operations_reject_non_numbers(op):
    with pytest.raises(TypeError):
        op(Value(2.0))


@pytest.mark.parametrize("x", [0, -1])
def test_log_outside_its_domain_names_log_and_x(x):
    with pytest.raises(ValueError, match=rf"log.*x={x}"):
        Value(x).log()


@pytest.mark.parametrize(
    "op",
    [
        lambda: Value(0) ** -1,
        lambda: Value(0.0) ** Value(-2.0),
        lambda: Value(1.0) / 0,
        lambda: 2 / Value(0),
        lambda: Value(1) / Value(0),
    ],
    ids=["0 ** -1", "0 ** Value(-2)", "v / 0", "2 / Value(0)", "Value(1) / Value(0)"],
)
def test_division_by_zero(op):
    with pytest.raises(ZeroDivisionError):
        op()


@pytest.mark.parametrize(
    "op", [lambda: Value(-8) ** (1 / 3), lambda: Value(-8) ** Value(1 / 3)]
)
def test_negative_base_to_a_fraction_is_an_error_never_complex(op):
    with pytest.raises(ValueError, match="negative"):
        op()


def test_exp_overflow_names_exp_and_the_input():
    with pytest.raises(OverflowError, match=r"exp.*1000"):
        Value(1000).exp()


@pytest.mark.parametrize("x", [-1000.0, 1000.0])
@pytest.mark.parametrize("squash", ["tanh", "sigmoid"])
def test_squashing_functions_stay_finite_far_out(squash, x):
    v = Value(x)
    out = getattr(v, squash)()
    out.backward()
    assert math.isfinite(out.data) and math.isfinite(v.grad)
    low = -1.0 if squash == "tanh" else 0.0
    assert out.data == (1.0 if x > 0 else low)


@pytest.mark.parametrize("kind", ["float64", "float32", "int64"])
def test_numpy_scalars_as_data_and_operands(kind):
    import numpy as np

    two = getattr(np, kind)(2)
    assert type(Value(two).data) is float and Value(two).data == 2.0
    x = Value(3.0)
    results = [
        (x + two, 5.0),
        (two + x, 5.0),
        (x - two, 1.0),
        (two - x, -1.0),
        (x * two, 6.0),
        (two * x, 6.0),
        (x / two, 1.5),
        (two / x, 2 / 3),
        (x**two, 9.0),
        (two**x, 8.0),
    ]
    for out, expected in results:
        assert isinstance(out, Value) and type(out.data) is float
        assert out.data == approx(expected)
    (two * x).backward()
    assert x.grad == 2.0


INF_UPSTREAM = [  # each sends an infinite or NaN gradient down to a ReLU (or to x ** 0)
    ("relu ** 0.5", lambda a: a.relu() ** 0.5, [-1.0, 0.0, 4.0]),
    ("relu * nan", lambda a: a.relu() * math.nan, [-1.0, 0.0, 4.0]),
    ("relu * inf", lambda a: a.relu() * math.inf, [-1.0, 0.0, 4.0]),
    ("(relu - 4) ** 0.5", lambda a: (a.relu() - 4) ** 0.5, [4.0]),  # on: inf passes
    ("pow 0 * inf", lambda a: a**0 * math.inf, [-1.0, 0.0, 4.0]),
]


@pytest.mark.parametrize(
    "fn, x",
    [
        pytest.param(fn, x, id=f"{name}-{x}")
        for name, fn, xs in INF_UPSTREAM
        for x in xs
    ],
)
def test_relu_stops_an_infinite_or_nan_gradient_as_pytorch_does(torch, fn, x):
    v = Value(x)
    out = fn(v)
    out.backward()
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    expected = fn(t)
    expected.backward()
    assert out.data == approx(expected.item(), nan_ok=True)
    assert v.grad == approx(t.grad.item(), nan_ok=True)


def test_a_zero_local_derivative_passes_nothing_back():
    # The example: relu is flat at -1, so x has no effect on the output.
    x = Value(-1.0)
    (x.relu() ** 0.5).backward()
    assert x.grad == 0.0
    # The same holds for any operation whose local derivative is exactly 0: a * 0 does
    # not depend on a, so d/da of sqrt(a * 0) is 0. (PyTorch multiplies, 0 * inf = nan.)
    a = Value(2.0)
    ((a * 0.0) ** 0.5).backward()
    assert a.grad == 0.0
    # A non-zero local derivative still passes an infinite gradient on.
    b = Value(0.0)
    (b**0.5).backward()
    assert b.grad == math.inf
