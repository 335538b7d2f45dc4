# %% [markdown]
# # Lab: build a Value
#
# You will build a small autograd class of your own, one feature per step, and check it against
# micrograd's `Value` and against numerical gradients.
#
# [Download this lab as a notebook](../lab2_value.ipynb) or
# [open it in Colab](https://colab.research.google.com/github/micrograd-course/micrograd-course/blob/main/docs/labs/lab2_value.ipynb).
#
# Run the cells from top to bottom. Cells marked **Your turn** ask you to write a piece before
# the lab shows its own version: write it, run the check cell below it, then compare. Cells
# marked **Try it** are for you to change and run again. The `assert` lines check what the lab
# claims; if one fails after your change, its message says what no longer holds.

# %%
# The course's package, micrograd-course, of the version this lab was written for: installed
# from the course's site where micrograd is missing (in Colab, for example), another
# version, or another package of the same import name (Karpathy's micrograd, removed).
import importlib
import subprocess
import sys

VERSION = "0.1.0"
WHEEL = (
    "https://micrograd-course.github.io/micrograd-course/downloads/"
    f"micrograd_course-{VERSION}-py3-none-any.whl"
)
try:
    import micrograd

    found = getattr(micrograd, "__version__", None) or "without a version (Karpathy's?)"
except ImportError:
    found = None
if found != VERSION:
    pip = [sys.executable, "-m", "pip", "-q"]
    if found is not None:
        print(f"micrograd {found} is not micrograd-course {VERSION}: replacing it")
        installed = ["micrograd", "micrograd-course"]
        subprocess.run([*pip, "uninstall", "-y", *installed], check=True)
    subprocess.run([*pip, "install", WHEEL], check=True)
    for name in [m for m in sys.modules if m.partition(".")[0] == "micrograd"]:
        del sys.modules[name]  # imported again, now from the course's package
    importlib.invalidate_caches()

# %%
import math

from micrograd.engine import Value
from micrograd.gradcheck import numerical_grad
from micrograd.plot import Plot, html

# %% [markdown]
# ## Step 1: a number that remembers
#
# Our class is called `Scalar`, so that it is never confused with micrograd's `Value`. It holds
# the same information: the number (`data`), the gradient that `backward()` will fill in
# (`grad`), the values it was computed from (`prev`), one local derivative per input (`local`),
# and the operation's name (`op`), for printing.


# %%
class Scalar:
    def __init__(self, data, prev=(), local=(), op=""):
        self.data = float(data)
        self.grad = 0.0
        self.prev = prev  # the Scalars this one was computed from
        self.local = local  # d(self)/d(input), one number per input
        self.op = op

    def __repr__(self):
        return f"Scalar({self.data}, grad={self.grad})"


a = Scalar(2.0)
print(a, a.prev, a.local)

# %% [markdown]
# ## Step 2: `+` and `*` build the graph
#
# Python calls `a.__add__(b)` for `a + b` and `a.__mul__(b)` for `a * b`. Each method returns a
# new `Scalar` that remembers its inputs and the local derivatives:
#
# - for a sum, the derivative with respect to each input is 1;
# - for a product, it is the *other* input's value.
#
# A method can be attached to a class after the class is written. The lab uses that to add one
# feature per cell; in a file of your own you would write them all inside `class Scalar:`.
#
# **Your turn.** Write `add` and `mul` for two Scalars, in place of the
# `raise NotImplementedError` lines, then run the check cell below.


# %%
def add(self, other):
    """self + other: a new Scalar with the sum, its two inputs and their local derivatives."""
    raise NotImplementedError  # your turn


def mul(self, other):
    """self * other: a new Scalar with the product, its inputs and their local derivatives."""
    raise NotImplementedError  # your turn


# %%
Scalar.__add__, Scalar.__mul__ = add, mul
try:
    d = Scalar(2.0) * Scalar(-3.0) + Scalar(10.0)
except NotImplementedError:
    print("Not written yet: write add and mul above, then run both cells again.")
else:
    print("d =", d, "made by", d.op, "with local derivatives", d.local)
    assert d.data == 4.0, "the forward pass: 2 * -3 + 10 is 4"
    assert d.local == (1.0, 1.0), "a sum's local derivatives are 1 and 1"
    assert d.prev[0].local == (-3.0, 2.0), "a product's are the other input's values"

# %% [markdown]
# Here is the lab's version. It also accepts a plain number on either side: `as_scalar` wraps it,
# and the reflected versions (`__radd__`, `__rmul__`) make `2 * a` and `1 + a` work. Python calls
# them when the number on the left does not know what to do with a `Scalar`.


# %%
def as_scalar(x):
    return x if isinstance(x, Scalar) else Scalar(x)


def add(self, other):
    other = as_scalar(other)
    return Scalar(self.data + other.data, (self, other), (1.0, 1.0), "+")


def mul(self, other):
    other = as_scalar(other)
    return Scalar(self.data * other.data, (self, other), (other.data, self.data), "*")


Scalar.__add__ = add
Scalar.__mul__ = mul
Scalar.__radd__ = add  # 1 + a  ->  a.__radd__(1): a sum does not care about the order
Scalar.__rmul__ = mul  # 2 * a  ->  a.__rmul__(2)

a, b, c = Scalar(2.0), Scalar(-3.0), Scalar(10.0)
d = a * b + c
print("d =", d, "made by", d.op, "with local derivatives", d.local)
print("its first input:", d.prev[0], "made by", d.prev[0].op, "with", d.prev[0].local)
assert d.data == 4.0 and d.op == "+" and d.prev[0].op == "*"
assert d.prev[0].local == (-3.0, 2.0), "the local derivatives of a*b are (b, a)"

# %% [markdown]
# ## Step 3: `backward()`
#
# Three moves:
#
# 1. List the graph's nodes so that every node comes after its inputs (a topological order).
# 2. Set the output's gradient to 1: the output changes one-for-one with itself.
# 3. Walk the list backwards. Every node adds `local * node.grad` to each input's `grad`.
#    Adding (`+=`) matters: a value used twice receives two contributions.
#
# **Your turn.** Write `backward` in the next cell, then run the check cell below it.


# %%
def backward(self):
    """Fill in the grad of every Scalar that self was computed from."""
    raise NotImplementedError  # your turn


# %%
Scalar.backward = backward
try:
    a, b, c = Scalar(2.0), Scalar(-3.0), Scalar(10.0)
    (a * b + c + a).backward()
except NotImplementedError:
    print("Not written yet: write backward above, then run both cells again.")
else:
    print("a.grad =", a.grad, " b.grad =", b.grad, " c.grad =", c.grad)
    assert (a.grad, b.grad, c.grad) == (-2.0, 2.0, 1.0), "a is used twice: did you add?"

# %% [markdown]
# The lab's version. Its recursive sort is fine for small graphs; micrograd uses an explicit
# stack so that graphs thousands of operations deep do not hit Python's recursion limit.


# %%
def topological_order(root):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for child in node.prev:
                visit(child)
            order.append(node)  # after all of its inputs

    visit(root)
    return order


def backward(self):
    self.grad = 1.0
    for node in reversed(topological_order(self)):
        for child, local in zip(node.prev, node.local):
            child.grad += local * node.grad


Scalar.backward = backward

a, b, c = Scalar(2.0), Scalar(-3.0), Scalar(10.0)
d = a * b + c
d.backward()
print("a.grad =", a.grad, " b.grad =", b.grad, " c.grad =", c.grad)
assert (a.grad, b.grad, c.grad) == (-3.0, 2.0, 1.0)

# %% [markdown]
# ## Step 4: compare with micrograd
#
# One function, written once, works with both classes, since it only uses `+` and `*`. Build it
# with `Scalar`s and with `Value`s, run `backward()` on both, and compare the gradients.


# %%
def expression(a, b, c, f):
    return (a * b + c) * f * a + 2 * b


def grads_with(cls, numbers):
    inputs = [cls(x) for x in numbers]
    out = expression(*inputs)
    out.backward()
    return out.data, [x.grad for x in inputs]


numbers = [2.0, -3.0, 10.0, -2.0]
mine = grads_with(Scalar, numbers)
theirs = grads_with(Value, numbers)
print("Scalar:", mine)
print("Value: ", theirs)
assert mine == theirs, "the two classes disagree"

# %% [markdown]
# **Try it.** Change the numbers, or the body of `expression` in the cell above (only `+`, `*`,
# numbers and reusing inputs for now), and run both cells again. The assert must still pass.

# %% [markdown]
# ## Step 5: what goes wrong with `=`
#
# Here is `backward()` with a single character changed: `=` instead of `+=`. For `a + a`, the
# gradient of `a` must be 2 (one for each use). With `=`, the second contribution overwrites the
# first.


# %%
def backward_assigning(self):
    self.grad = 1.0
    for node in reversed(topological_order(self)):
        for child, local in zip(node.prev, node.local):
            child.grad = local * node.grad  # the bug


a = Scalar(3.0)
backward_assigning(a + a)
print("with = :", a.grad)
a = Scalar(3.0)
(a + a).backward()
print("with +=:", a.grad)
assert a.grad == 2.0

# %% [markdown]
# ## Step 6: more operations
#
# Each new operation only needs its value and its local derivative:
#
# - `x ** n` for a number `n`: the local derivative is n · x^(n − 1);
# - `exp(x)`: the local derivative is exp(x), the output itself;
# - `tanh(x)`: the local derivative is 1 − t², where t = tanh(x) is the output;
# - `relu(x)`: 1 where x > 0, else 0.
#
# Subtraction can be built from operations we already have: `a - b` is `a + (-1) * b`. Its
# gradient then comes out right by itself, through the rules of `+` and `*`.
#
# **Your turn.** Write `tanh` first, then run the check cell below it.


# %%
def tanh(self):
    """tanh(self): the output, its input, and the local derivative 1 - t²."""
    raise NotImplementedError  # your turn


# %%
Scalar.tanh = tanh
try:
    x = Scalar(0.5)
    x.tanh().backward()
except NotImplementedError:
    print("Not written yet: write tanh above, then run both cells again.")
else:
    print("gradient of tanh at 0.5:", x.grad, " expected:", 1 - math.tanh(0.5) ** 2)
    assert math.isclose(x.grad, 1 - math.tanh(0.5) ** 2), "is it built from the output?"

# %% [markdown]
# The lab's versions of all of them:


# %%
def power(self, n):
    if not isinstance(n, int | float):
        raise TypeError("this lab's ** only takes a number exponent")
    return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")


def exp(self):
    e = math.exp(self.data)
    return Scalar(e, (self,), (e,), "exp")


def tanh(self):
    t = math.tanh(self.data)
    return Scalar(t, (self,), (1.0 - t * t,), "tanh")


def relu(self):
    return Scalar(
        max(self.data, 0.0), (self,), (1.0 if self.data > 0 else 0.0,), "relu"
    )


def sub(self, other):
    return self + (-1.0) * as_scalar(other)


Scalar.__pow__ = power
Scalar.exp = exp
Scalar.tanh = tanh
Scalar.relu = relu
Scalar.__sub__ = sub

x = Scalar(0.5)
t = x.tanh()
t.backward()
print("tanh(0.5) =", t.data, " gradient:", x.grad, " 1 - t*t:", 1 - t.data**2)
assert math.isclose(x.grad, 1 - math.tanh(0.5) ** 2)

# %% [markdown]
# ## Step 7: check against numerical gradients
#
# A gradient can be estimated without any calculus: nudge one input by a small h up and down, and
# divide the change of the output by 2h. Here is that estimate for `Scalar`s, next to micrograd's
# own `numerical_grad` (which does the same with `Value`s) and to your `backward()`.


# %%
def numerical(f, numbers, h=1e-6):
    grads = []
    for i in range(len(numbers)):
        up, down = list(numbers), list(numbers)
        up[i] += h
        down[i] -= h
        change = f(*map(Scalar, up)).data - f(*map(Scalar, down)).data
        grads.append(change / (2 * h))
    return grads


def neuron(x1, x2, w1, w2, b):
    return (x1 * w1 + x2 * w2 + b).tanh() + (w1**2 + w2**2) * 0.1 - (x1 - w2).relu()


point = [1.5, -0.5, 0.8, -1.2, 0.1]
inputs = [Scalar(v) for v in point]
neuron(*inputs).backward()
analytic = [v.grad for v in inputs]
estimate = numerical(neuron, point)
reference = numerical_grad(neuron, point)

print(f"{'input':>6} {'backward()':>12} {'numerical':>12} {'micrograd est.':>15}")
for name, g, n, r in zip(["x1", "x2", "w1", "w2", "b"], analytic, estimate, reference):
    print(f"{name:>6} {g:12.6f} {n:12.6f} {r:15.6f}")
    assert math.isclose(g, n, rel_tol=1e-5, abs_tol=1e-6), (
        f"{name}: backward() and estimate differ"
    )

# %% [markdown]
# **Try it.** Break a rule on purpose: in Step 6, change tanh's local derivative to `1.0 - t`
# (the square forgotten) and run Step 6 again: its own check already fails. Run this cell too:
# its assert names the first input whose gradient went wrong. Put the square back, and rerun
# both cells.
#
# A picture of the same check over a whole range: the gradient of tanh from your `backward()`
# (line) and from the numerical estimate (dots).

# %%
xs = [i / 4 for i in range(-16, 17)]
from_backward = []
for value in xs:
    x = Scalar(value)
    x.tanh().backward()
    from_backward.append(x.grad)
from_estimate = [numerical(lambda x: x.tanh(), [value])[0] for value in xs]

assert all(
    math.isclose(g, n, abs_tol=1e-6) for g, n in zip(from_backward, from_estimate)
)

plot = Plot(xlabel="x", ylabel="d tanh(x) / dx")
plot.line(xs, from_backward, label="backward()")
plot.points(xs, from_estimate, label="numerical estimate")
html(
    plot,
    alt="The gradient of tanh from x = -4 to 4: a bell that is 1 at x = 0 and nearly 0 "
    "past |x| = 3. The line from backward() passes through every dot of the numerical "
    "estimate.",
)

# %% [markdown]
# ## What micrograd adds
#
# Your `Scalar` already does what `Value` does at heart. micrograd's version adds:
#
# - division, `log`, `sigmoid`, and powers whose exponent is itself a `Value`;
# - clear errors where a function is undefined (`log` of a negative number, `exp` overflow);
# - an iterative topological sort (no recursion limit) and a reset of intermediate gradients,
#   so that a second `backward()` adds exactly one more gradient to the leaves;
# - labels and `micrograd.viz.draw_dot`, to draw the graph.
#
# Ready for the full exercise? Write a complete `Value` class in a file and run the checker on
# it: `python -m micrograd.check value value.py` (see the last lesson of this module, *More
# operations*).
