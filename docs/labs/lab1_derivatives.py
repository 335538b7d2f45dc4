# %% [markdown]
# # Lab: derivatives by hand
#
# Measure slopes with finite differences, find the step size that works, and check the chain
# rule by hand against micrograd's `Value.backward()`.
#
# [Download this lab as a notebook](../lab1_derivatives.ipynb) or
# [open it in Colab](https://colab.research.google.com/github/micrograd-course/micrograd-course/blob/main/docs/labs/lab1_derivatives.ipynb).
#
# Every cell runs as it is. Cells marked **Try it** are for you to edit and re-run: change the
# numbers, and the `assert` lines tell you whether what the lesson claims still holds. Cells
# marked **Your turn** ask you to write a piece of code before the lab shows its own.

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

# %% [markdown]
# ## 1. A slope from two evaluations
#
# The function of the lesson, f(x) = 3x² − 4x + 5, and its exact slope 6x − 4 (from the power
# rule), for comparison. A forward difference nudges x by a small h and divides the change of
# f by h.


# %%
def f(x):
    return 3 * x**2 - 4 * x + 5


def exact_slope(x):
    return 6 * x - 4


def forward_difference(fn, x, h):
    return (fn(x + h) - fn(x)) / h


x, h = 3.0, 1e-6
estimate = forward_difference(f, x, h)
print(f"estimate {estimate:.8f}   exact {exact_slope(x)}")
assert abs(estimate - exact_slope(x)) < 1e-4

# %% [markdown]
# **Try it.** Pick other points: a negative x, the lowest point x = 2/3, a large x. Predict the
# sign and the size of the slope before you run the cell.

# %%
for x in [-1.0, 2 / 3, 10.0]:  # edit these
    estimate = forward_difference(f, x, 1e-6)
    exact = exact_slope(x)
    where = f"x = {x:7.3f}   f(x) = {f(x):8.3f}"  # the value: not the slope!
    print(f"{where}   slope ≈ {estimate:9.4f}   exact {exact:9.4f}")
    assert abs(estimate - exact) < 1e-3 * max(1.0, abs(exact))

# %% [markdown]
# ## 2. The step-size experiment
#
# Shrink h by factors of ten and watch the error of the forward difference. For large h the
# estimate is the slope of a chord, not of the tangent (for this f the error is exactly 3h).
# For tiny h, f(x + h) − f(x) subtracts two nearly equal numbers and the rounding error of
# floating point takes over.

# %%
x = 3.0
steps = [10.0**-k for k in range(0, 17)]
forward_errors = [abs(forward_difference(f, x, h) - exact_slope(x)) for h in steps]
for h, err in zip(steps, forward_errors):
    print(f"h = {h:7.0e}   error {err:9.2e}")

best = steps[forward_errors.index(min(forward_errors))]
print("best step:", best)
assert 1e-10 <= best <= 1e-6  # neither too large nor too small
assert (
    forward_errors[0] > 1 and forward_errors[-1] > 1
)  # h = 1 and h = 1e-16 both fail badly

# %% [markdown]
# ## 3. Central differences
#
# Looking both ways, (f(x + h) − f(x − h)) / 2h, cancels the first-order error.
#
# **Your turn.** Write `central_difference(fn, x, h)` in the next cell: one line, in place of
# `raise NotImplementedError`. The cell after it tries your version on f at x = 3, where the
# slope is 14.


# %%
def central_difference(fn, x, h):
    """The slope of fn at x, estimated from one point on each side of x."""
    raise NotImplementedError  # your turn: replace this line


# %%
try:
    yours = central_difference(f, 3.0, 1e-5)
except NotImplementedError:
    print("Not written yet: write central_difference above, then run both cells again.")
else:
    print(f"your estimate at x = 3: {yours:.10f}   exact: 14")
    assert abs(yours - 14) < 1e-6, (
        "far from 14: which two points does your version use?"
    )

# %% [markdown]
# Here is the lab's version, in the next cell. For a parabola the first-order error is all there
# is, so the cell uses a curvier function to compare the two estimates: tanh, whose exact slope
# is 1 − tanh(x)².

# %%
import math

from micrograd.plot import Plot, html


def central_difference(fn, x, h):
    return (fn(x + h) - fn(x - h)) / (2 * h)


x = 0.5
exact = 1 - math.tanh(x) ** 2
steps = [10.0**-k for k in range(1, 16)]
fwd = [abs(forward_difference(math.tanh, x, h) - exact) for h in steps]
ctr = [abs(central_difference(math.tanh, x, h) - exact) for h in steps]

print(f"forward: best error {min(fwd):.1e} at h = {steps[fwd.index(min(fwd))]:.0e}")
print(f"central: best error {min(ctr):.1e} at h = {steps[ctr.index(min(ctr))]:.0e}")
assert min(ctr) < min(fwd) / 10  # central is much more accurate...
assert (
    steps[ctr.index(min(ctr))] > steps[fwd.index(min(fwd))]
)  # ...and at a larger step

# smaller steps to the right: the axis runs from 1 down to 1e-16
plot = Plot(xlabel="step h", ylabel="error", logx=True, logy=True, xlim=(1, 1e-16))
plot.line(steps, fwd, marker="circle", label="forward")
plot.line(steps, ctr, marker="square", label="central")
html(
    plot,
    alt="Error of the forward and the central difference of tanh at 0.5 against the "
    "step h, both on log scales, smaller steps to the right. Both curves form a V: the "
    "error falls as h shrinks, until rounding error takes over and it rises again. The "
    "forward curve bottoms out near 1e-9 at h = 1e-8, the central one near 1e-11 at "
    "h = 1e-5.",
)

# %% [markdown]
# **Try it.** Replace `math.tanh` by `math.exp` or `math.sin` (exact slopes: exp(x) and cos(x))
# and x by another point. Does the central difference still win?

# %%
fn, dfn, x = math.sin, math.cos, 1.0  # edit these
for h in [1e-2, 1e-5, 1e-8]:
    print(
        f"h = {h:.0e}   forward error {abs(forward_difference(fn, x, h) - dfn(x)):.1e}"
        f"   central error {abs(central_difference(fn, x, h) - dfn(x)):.1e}"
    )
central_error = abs(central_difference(fn, x, 1e-5) - dfn(x))
forward_error = abs(forward_difference(fn, x, 1e-5) - dfn(x))
tie = "a tie: is the second derivative 0 at this x (the curve locally straight)?"
assert central_error < forward_error, tie

# %% [markdown]
# ## 4. The chain rule by hand
#
# Feed one function into another: u = g(x) = x², then y = f(u). The chain rule says
# dy/dx = f′(u) · g′(x): the local slopes multiply. Write the two local derivatives by hand,
# multiply them, and compare with a finite difference of the whole composition.


# %%
def g(x):
    return x**2


def g_slope(x):  # by hand: the derivative of x² is 2x
    return 2 * x


def f_slope(u):  # by hand: the derivative of 3u² − 4u + 5 is 6u − 4
    return 6 * u - 4


x = 1.5
u = g(x)
by_hand = f_slope(u) * g_slope(x)  # f′ is evaluated at u, not at x
measured = central_difference(lambda t: f(g(t)), x, 1e-6)
print(f"u = {u}   f'(u) = {f_slope(u)}   g'(x) = {g_slope(x)}")
print(f"by hand {by_hand}   measured {measured:.6f}")
assert abs(by_hand - measured) < 1e-6

# %% [markdown]
# ## 5. The same with micrograd
#
# `Value` records every operation and its local derivative; `backward()` multiplies them from
# the output back to the input. Every intermediate value gets its own gradient: `u.grad` is
# dy/du, and `x.grad` is dy/dx.

# %%
from micrograd.engine import Value

xv = Value(1.5)
uv = xv**2
yv = 3 * uv**2 - 4 * uv + 5
yv.backward()
print(f"y = {yv.data}   dy/du = {uv.grad}   dy/dx = {xv.grad}")
assert abs(uv.grad - f_slope(u)) < 1e-12
assert abs(xv.grad - by_hand) < 1e-12

# %% [markdown]
# **Try it.** Build your own composition of three steps, for example
# x → a = 2x + 1 → b = a² → y = tanh(b / 10). Write the three local derivatives by hand
# (tanh′ is 1 − tanh²), multiply them, and check the product against `backward()` and against a
# central difference. Then change x and see whether your hand-written derivatives still agree.

# %%
x = 0.3  # edit this, and the functions below


def chain_by_hand(x):
    a = 2 * x + 1
    b = a**2
    t = math.tanh(b / 10)
    return 2 * (2 * a) * ((1 - t**2) / 10)  # da/dx · db/da · dy/db


def chain_value(xv):
    a = 2 * xv + 1
    b = a**2
    return (b / 10).tanh()


xv = Value(x)
chain_value(xv).backward()
measured = central_difference(lambda t: chain_value(Value(t)).data, x, 1e-6)
print(
    f"by hand {chain_by_hand(x):.8f}   backward {xv.grad:.8f}   measured {measured:.8f}"
)
assert abs(chain_by_hand(x) - xv.grad) < 1e-9
assert abs(measured - xv.grad) < 1e-6

# %% [markdown]
# ## What you found
#
# - A finite difference gives a slope from two evaluations; the step h must be neither too large
#   (chord, not tangent) nor too small (rounding error).
# - Central differences are far more accurate than one-sided ones, for the same cost.
# - Through a composition, local derivatives multiply, and `backward()` does exactly that, with
#   exact local derivatives instead of estimates.
#
# Next, module 2 opens up `Value` and builds it from scratch.
