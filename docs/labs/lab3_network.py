# %% [markdown]
# # Lab: a network by hand
#
# You will compute a neuron and a tiny two-layer network with pencil-and-paper arithmetic, then
# check every number (outputs, parameter counts, gradients) against micrograd.
#
# [Download this lab as a notebook](../lab3_network.ipynb) or
# [open it in Colab](https://colab.research.google.com/github/micrograd-course/micrograd-course/blob/main/docs/labs/lab3_network.ipynb).
#
# **How to use it.** Cells marked *Try it* have values you can change. Edit them, re-run the
# cell and the cells below it. The `assert` lines check the lab's claims for whatever values you
# pick: if one fails, you have found something worth a closer look. Cells marked *Your turn* ask
# you to write a piece of code before the lab shows its own.

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
from micrograd.engine import Value
from micrograd.nn import MLP, Neuron
from micrograd.viz import draw_dot

# %% [markdown]
# ## 1. One neuron, by hand
#
# A neuron computes z = w1·x1 + w2·x2 + b, then out = ReLU(z) = max(0, z).
#
# **Try it:** change the inputs, the weights and the bias. Before running, work out `z` and `out`
# on paper.

# %%
x1, x2 = 2.0, -1.0  # inputs
w1, w2 = 0.5, 1.5  # weights: how much each input counts
b = 1.0  # bias: the threshold

z = w1 * x1 + w2 * x2 + b  # plain Python floats: the arithmetic you did on paper
by_hand = max(0.0, z)
print(f"z = {z}, out = {by_hand}")

# %% [markdown]
# Now the same neuron in micrograd. `Neuron(2)` draws random weights; overwrite them with yours.

# %%
n = Neuron(2)
n.w[0].data, n.w[1].data, n.b.data = w1, w2, b

x = [Value(x1, label="x1"), Value(x2, label="x2")]
out = n(x)
print(n, "->", out)

assert abs(out.data - by_hand) < 1e-12, "micrograd and the hand computation disagree"

# %% [markdown]
# ## 2. The neuron's gradients
#
# Predict first. When z > 0 the ReLU passes gradients through (slope 1), so
# d(out)/d(w1) = x1, d(out)/d(w2) = x2, d(out)/d(b) = 1 and d(out)/d(x1) = w1.
# When z ≤ 0 the slope is 0. Which gradients does that change?

# %%
n.zero_grad()  # start from zero, so that re-running this cell gives the same numbers
for xi in x:
    xi.grad = 0.0  # the inputs are not parameters: zero them too
out.backward()

print("w grads:", [w.grad for w in n.w])
print("b grad: ", n.b.grad)
print("x grads:", [xi.grad for xi in x])

slope = 1.0 if z > 0 else 0.0  # ReLU's local derivative
assert [w.grad for w in n.w] == [slope * x1, slope * x2]
assert n.b.grad == slope
assert [xi.grad for xi in x] == [slope * w1, slope * w2]

# %% [markdown]
# **Try it:** set the bias above to `-5.0` and re-run sections 1 and 2. Which gradients survive?

# %% [markdown]
# ## 3. A tiny MLP, traced by hand
#
# `MLP(2, [2, 1])`: two inputs, a hidden layer of two ReLU neurons, one linear output neuron.
# Name the parameters in the order `parameters()` lists them:
#
# - hidden neuron 1: weights w11, w12, bias b1
# - hidden neuron 2: weights w21, w22, bias b2
# - output neuron: weights v1, v2, bias c
#
# The forward pass is
#
#     h1  = ReLU(w11·x1 + w12·x2 + b1)
#     h2  = ReLU(w21·x1 + w22·x2 + b2)
#     out = v1·h1 + v2·h2 + c            (no ReLU: the last layer is linear)
#
# **Try it:** change the nine numbers or the input, and predict `h1`, `h2` and `out` first.

# %%
params = [
    1.0,
    -1.0,
    0.0,  # hidden neuron 1: w11, w12, b1
    0.5,
    0.5,
    -1.0,  # hidden neuron 2: w21, w22, b2
    2.0,
    -3.0,
    0.5,  # output neuron:   v1,  v2,  c
]
x1, x2 = 3.0, 1.0

w11, w12, b1, w21, w22, b2, v1, v2, c = params
h1 = max(0.0, w11 * x1 + w12 * x2 + b1)
h2 = max(0.0, w21 * x1 + w22 * x2 + b2)
out_by_hand = v1 * h1 + v2 * h2 + c
print(f"by hand: h1 = {h1}, h2 = {h2}, out = {out_by_hand}")

# %% [markdown]
# Load the same numbers into a micrograd MLP and run its layers one at a time, so that you can see
# the hidden values it computes.

# %%
model = MLP(2, [2, 1])
names = ["w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c"]
for p, value, name in zip(model.parameters(), params, names, strict=True):
    p.data, p.label = value, name

x = [Value(x1, label="x1"), Value(x2, label="x2")]
hidden = model.layers[0](x)  # a list: two hidden neurons
hidden[0].label, hidden[1].label = "h1", "h2"
out = model.layers[1](hidden)  # a single Value: the layer has one neuron
out.label = "out"
print("micrograd: h =", [h.data for h in hidden], " out =", out.data)

# rounding can differ in the last digit (micrograd adds the bias first), hence the tolerance
assert all(abs(h.data - expected) < 1e-12 for h, expected in zip(hidden, [h1, h2]))
assert abs(out.data - out_by_hand) < 1e-12
assert model([x1, x2]).data == out.data  # calling the model runs the same layers

# %% [markdown]
# ## 4. Inspect the gradients
#
# Call `backward()` and look at the whole graph: every box shows a value and its gradient.

# %%
model.zero_grad()  # start from zero, so that re-running this cell gives the same picture
out.backward()
draw_dot(out, fold_sums=True, rankdir="TB")

# %% [markdown]
# Check the picture against the chain rule. A hidden weight w_ji reaches the output through h_j
# only, so
#
#     d(out)/d(w_ji) = v_j · (slope of ReLU at neuron j) · x_i
#
# and the output weights' gradients are the hidden values: d(out)/d(v_j) = h_j. The cell checks
# all nine gradients against these formulas, then lists the parameters by how strongly the output
# reacts to them.

# %%
xs = [x1, x2]
hidden_neurons = model.layers[0].neurons
out_neuron = model.layers[1].neurons[0]
for j, neuron in enumerate(hidden_neurons):
    z_j = sum(w.data * xi for w, xi in zip(neuron.w, xs)) + neuron.b.data
    relu_slope = 1.0 if z_j > 0 else 0.0
    v_j = out_neuron.w[j].data
    for i, w in enumerate(neuron.w):
        assert w.grad == v_j * relu_slope * xs[i], (w.label, w.grad)
    assert neuron.b.grad == v_j * relu_slope
assert [w.grad for w in out_neuron.w] == [h.data for h in hidden]
assert out_neuron.b.grad == 1.0

for p in sorted(model.parameters(), key=lambda p: -abs(p.grad)):
    print(f"{p.label:>4}: data {p.data:+.2f}   grad {p.grad:+.2f}")

# %% [markdown]
# ## 5. Counting parameters
#
# A layer with n_in inputs and n_out neurons has n_out·(n_in + 1) parameters: one weight per input
# and one bias, for each neuron.
#
# **Your turn.** Write `count_parameters(nin, nouts)`, the number of parameters of
# `MLP(nin, nouts)`, from the formula alone: no model. The check cell compares it with a real
# model.


# %%
def count_parameters(nin, nouts):
    """How many parameters MLP(nin, nouts) has, by the formula."""
    raise NotImplementedError  # your turn


# %%
try:
    yours = count_parameters(2, [16, 16, 1])
except NotImplementedError:
    print("Not written yet: write count_parameters above, then run both cells again.")
else:
    print("your count:", yours, "  the model's:", len(MLP(2, [16, 16, 1]).parameters()))
    assert yours == 337, (
        "per layer: n_out * (n_in + 1), where n_in is the previous size"
    )

# %% [markdown]
# The lab's version, layer by layer.
#
# **Try it:** pick an architecture, write down your count in `my_count`, then run the cell.


# %%
def count_parameters(nin, nouts):
    sizes = [nin] + nouts
    per_layer = [sizes[i + 1] * (sizes[i] + 1) for i in range(len(nouts))]
    return sum(per_layer)


nin, nouts = 2, [16, 16, 1]
my_count = 337  # your answer, worked out on paper

actual = len(MLP(nin, nouts, seed=0).parameters())
print("by the formula:", count_parameters(nin, nouts), "  micrograd:", actual)
print("your count is", "right" if my_count == actual else f"off by {my_count - actual}")

assert count_parameters(nin, nouts) == actual

# %% [markdown]
# ## 6. Gradients accumulate: zero_grad
#
# `backward()` adds to every parameter's gradient. Run the tiny network's backward pass a second
# time, without zeroing, and watch the gradients double; `zero_grad()` sets them back to 0.

# %%
before = {p.label: p.grad for p in model.parameters()}
model([x1, x2]).backward()  # a second forward and backward pass, no zero_grad
after = {p.label: p.grad for p in model.parameters()}
print("v1 grad: once", before["v1"], " twice", after["v1"])
assert all(after[k] == 2 * before[k] for k in before)

model.zero_grad()
assert all(p.grad == 0.0 for p in model.parameters())
print("after zero_grad:", {p.grad for p in model.parameters()})

# %% [markdown]
# ## What you did
#
# - computed a neuron and a two-layer network by hand and matched micrograd to the last digit;
# - read gradients off a graph and checked them with the chain rule;
# - counted parameters with n_out·(n_in + 1) per layer;
# - saw gradients pile up without `zero_grad()`.
#
# Next, in module 4, a loss function turns the network's output into one number to minimise, and
# these gradients start moving the weights.
