# %% [markdown]
# # Lab: the moons, end to end
#
# Generate the moons, hold some points back, train a small network, check it on points it never
# saw, look at its decision boundary and inside its hidden layers, then change the settings.
#
# [Download this lab as a notebook](../lab5_moons.ipynb) or
# [open it in Colab](https://colab.research.google.com/github/micrograd-course/micrograd-course/blob/main/docs/labs/lab5_moons.ipynb).
#
# The whole lab runs in a few seconds: the network and the data are smaller than on the lesson
# pages. Cells marked **Your turn** ask you to write a piece of code before the lab shows its
# own. Cells marked **Try it** are meant to be edited and run again; their `assert` lines
# check what the lab claims, and tell you when your settings break a claim.

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
from micrograd.data import make_moons, train_test_split
from micrograd.losses import accuracy, hinge_loss, l2_penalty
from micrograd.nn import MLP
from micrograd.optim import SGD, linear_schedule
from micrograd.plot import Figure, Plot, decision_boundary, html

# %% [markdown]
# ## 1. Data, and points held back
#
# 60 moons points with a little noise. A quarter of them go into a test set that training never
# sees: the honest measure of what the network learnt. Labels are -1 and +1, as the hinge loss
# needs.

# %%
X, y = make_moons(60, noise=0.1, seed=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.25, seed=0)
print(f"{len(X_train)} training points, {len(X_test)} test points")
print("labels used:", sorted(set(y)))
assert set(y) == {-1, 1}

# %% [markdown]
# **Your turn.** A trained model is judged on points it never saw. Write
# `evaluate(model, X, y)`: the fraction of the points of `X` whose score, `model(x).data`, has
# the sign of their label in `y`. The check cell compares it with micrograd's `accuracy` on an
# untrained network.


# %%
def evaluate(model, X, y):
    """The fraction of the points of X that the model puts on the side of their label."""
    raise NotImplementedError  # your turn


# %%
untrained = MLP(2, [8, 1], seed=1)
try:
    yours = evaluate(untrained, X_test, y_test)
except NotImplementedError:
    print("Not written yet: write evaluate above, then run both cells again.")
else:
    expected = accuracy([untrained(x) for x in X_test], y_test)
    print(f"your accuracy: {yours:.3f}   micrograd's: {expected:.3f}")
    assert abs(yours - expected) < 1e-12, "count the points where score and label agree"

# %% [markdown]
# ## 2. The whole training run as one function
#
# Everything from the lessons in one place: the model, the loss (hinge plus L2 penalty), SGD with
# a learning rate that falls linearly, and a record of the loss and training accuracy at every
# step. It returns the trained model and that history.
#
# With only 15 test points, each one is worth almost 7 percentage points: the test accuracy can
# even come out higher than the training accuracy. Small test sets give rough estimates.


# %%
def train(X, y, hidden=(8, 8), steps=40, lr_start=1.0, lr_end=0.1, alpha=1e-4, seed=0):
    model = MLP(2, [*hidden, 1], seed=seed)
    optimizer = SGD(model.parameters(), lr=linear_schedule(lr_start, lr_end, steps))
    history = {"loss": [], "accuracy": []}
    for _ in range(steps):
        scores = [model(x) for x in X]
        loss = hinge_loss(scores, y) + l2_penalty(model.parameters(), alpha=alpha)
        history["loss"].append(loss.data)
        history["accuracy"].append(accuracy(scores, y))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model, history


def evaluate(model, X, y):  # the lab's version: micrograd's accuracy does the counting
    return accuracy([model(x) for x in X], y)


model, history = train(X_train, y_train)
train_acc, test_acc = evaluate(model, X_train, y_train), evaluate(model, X_test, y_test)
print(f"loss {history['loss'][0]:.3f} -> {history['loss'][-1]:.3f}")
print(f"training accuracy {train_acc:.0%}, test accuracy {test_acc:.0%}")
assert history["loss"][-1] < history["loss"][0] / 3, (
    "the loss should fall a lot in 40 steps"
)
assert train_acc >= 0.9 and test_acc >= 0.8

# %% [markdown]
# ## 3. Look at it
#
# Left, the loss at every step. Right, the decision boundary of the trained network, with the
# training points (circles and squares) and the test points (marked with an x, coloured by their
# true class). Is the boundary made of straight pieces? Where are the test points it gets wrong,
# if any?

# %%
loss_plot = Plot("training loss", xlabel="step", ylabel="loss").line(history["loss"])
plane = decision_boundary(model, X_train, y_train, title="decision boundary")
plane.classes(X_test, y_test, markers=("cross", "plus"), name="test y")
wrong = sum((model(x).data > 0) != (t > 0) for x, t in zip(X_test, y_test))
html(
    Figure(loss_plot, plane),
    alt=f"Left, the training loss falls from {history['loss'][0]:.2f} to "
    f"{history['loss'][-1]:.2f} in {len(history['loss'])} steps. Right, the decision "
    "boundary bends between the two moons; the test points are drawn as crosses "
    f"(y = -1) and pluses (y = +1), and {wrong} of the {len(X_test)} fall on the wrong "
    "side.",
)

# %% [markdown]
# ## 4. Use the model
#
# A trained model is a function: give it a point, read the sign of its score. The size of the
# score is a rough measure of confidence: it is near 0 close to the boundary and grows away
# from it.
#
# **Try it.** Add points of your own: one inside each moon, one between the moon tips, one far
# away. Predict the class before you run the cell.

# %%
my_points = [[-0.5, 0.8], [1.5, -0.3], [0.5, 0.25], [4.0, 4.0]]  # Try it: edit these

for point in my_points:
    score = model(point).data
    predicted = +1 if score > 0 else -1
    print(f"point {point}   score {score:+7.3f}   class {predicted:+d}")

# inside the moons, the network must agree with the data
assert model([-0.5, 0.8]).data < 0 and model([1.5, -0.3]).data > 0

# %% [markdown]
# ## 5. Inside the hidden layers
#
# A ReLU unit is "on" for a point when its weighted sum is positive. A unit that is off for every
# training point is *dead*: it outputs 0 and gets no gradient, so it can no longer learn. Count,
# for each hidden layer, how many units are on for at least one training point.


# %%
def active_units(model, X):
    """For each hidden layer: how many of its units are on for at least one point of X."""
    counts = []
    inputs = [list(x) for x in X]
    for layer in model.layers[:-1]:  # the hidden layers
        outputs = [[neuron(x).data for neuron in layer.neurons] for x in inputs]
        alive = sum(
            any(out[j] > 0 for out in outputs) for j in range(len(layer.neurons))
        )
        counts.append((alive, len(layer.neurons)))
        inputs = outputs
    return counts


for i, (alive, total) in enumerate(active_units(model, X_train), start=1):
    print(f"hidden layer {i}: {alive} of {total} units are on for some training point")

# %% [markdown]
# ## 6. Try it: your own settings
#
# Change the settings and re-run. Some experiments to try:
#
# - `hidden=(2, 2)`: too few units to bend round the moons?
# - `hidden=()`: no hidden layer at all, a single linear neuron. Its boundary is a straight line.
# - `lr_start=8.0`: too large a first step. Check section 5's count for the new model.
# - `alpha=0.1`: a strong L2 penalty. What happens to the margins and the boundary?
# - `noise=0.3` in the data: can the test accuracy still reach 100%?

# %%
settings = dict(
    hidden=(8, 8), steps=40, lr_start=1.0, lr_end=0.1, alpha=1e-4, seed=0
)  # Try it
noise = 0.1  # Try it

X2, y2 = make_moons(60, noise=noise, seed=0)
X2_train, X2_test, y2_train, y2_test = train_test_split(
    X2, y2, test_fraction=0.25, seed=0
)
model2, history2 = train(X2_train, y2_train, **settings)
train_acc2, test_acc2 = (
    evaluate(model2, X2_train, y2_train),
    evaluate(model2, X2_test, y2_test),
)
print(f"final loss {history2['loss'][-1]:.3f}")
print(f"training accuracy {train_acc2:.0%}, test accuracy {test_acc2:.0%}")
print("units on:", active_units(model2, X2_train))

if settings["hidden"] == ():
    assert train_acc2 < 1.0, "a straight line cannot separate the moons"

title = f"{settings['hidden']}, noise {noise}"
html(
    decision_boundary(model2, X2_train, y2_train, title=title),
    alt=f"The decision boundary of the network with hidden layers {settings['hidden']}, "
    f"trained on moons with noise {noise}: {train_acc2:.0%} of the training points "
    "are on the side of their class.",
)

# %% [markdown]
# ## 7. Try it: how much does noise cost?
#
# Train the same network on moons with more and more noise, and test each one on 100 fresh points
# from the same distribution. The claim: the test accuracy falls as the noise grows, because the
# classes start to overlap and no boundary can be right everywhere.

# %%
noise_levels = [0.05, 0.2, 0.4]  # Try it: edit (keep them in increasing order)

results = {}
for level in noise_levels:
    Xn, yn = make_moons(40, noise=level, seed=1)
    Xf, yf = make_moons(100, noise=level, seed=2)  # fresh points, never trained on
    net, _ = train(Xn, yn, steps=30)
    results[level] = (evaluate(net, Xn, yn), evaluate(net, Xf, yf))
    on_train, on_fresh = results[level]
    print(f"noise {level:4}: training {on_train:4.0%}   fresh points {on_fresh:4.0%}")

lowest, highest = min(noise_levels), max(noise_levels)
if highest - lowest >= 0.2:
    assert results[lowest][1] > results[highest][1], (
        "more noise should cost test accuracy"
    )
