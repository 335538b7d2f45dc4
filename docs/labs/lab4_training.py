# %% [markdown]
# # Lab: train a tiny model
#
# Write the training loop, try learning rates, and watch the loss curve of a small network
# learning the moons data.
#
# [Download this lab as a notebook](../lab4_training.ipynb) or
# [open it in Colab](https://colab.research.google.com/github/micrograd-course/micrograd-course/blob/main/docs/labs/lab4_training.ipynb).
#
# The cells run from top to bottom in a few seconds. Cells marked **Your turn** ask you to write
# a piece of code before the lab shows its own. Cells marked **Try it** are meant to be edited
# and run again: change a value, re-run the cell, and compare.

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
from micrograd.data import make_moons
from micrograd.losses import accuracy, hinge_loss, l2_penalty
from micrograd.nn import MLP
from micrograd.optim import SGD, linear_schedule
from micrograd.plot import compare, curves, html

X, y = make_moons(30, noise=0.1, seed=0)
print(len(X), "points; the first one:", [round(v, 3) for v in X[0]], "with label", y[0])

# %% [markdown]
# ## 1. One step by hand
#
# Before the loop, a single step, in the course's order: compute the loss (forward), clear the
# gradients, call `backward()`, move every parameter against its gradient; then compute the
# loss again. If the step went downhill, the second loss is smaller.
#
# The loss is the hinge loss of the scores plus a small L2 penalty on the weights.


# %%
def total_loss(model):
    """The hinge loss of the model's scores on X, plus a small L2 penalty."""
    scores = [model(x) for x in X]
    return hinge_loss(scores, y) + l2_penalty(model.parameters())


model = MLP(2, [8, 1], seed=0)
loss = total_loss(model)
model.zero_grad()
loss.backward()
for p in model.parameters():
    p.data -= 0.5 * p.grad

before, after = loss.data, total_loss(model).data
print(f"loss before the step: {before:.4f}   after: {after:.4f}")
assert after < before, "one step against the gradient should lower the loss"

# %% [markdown]
# ## 2. The loop
#
# Training is that step, repeated.
#
# **Your turn.** Write `train(lr, steps=30)`: build a fresh `MLP(2, [8, 1], seed=0)` and, at
# every step, compute the scores and the loss (`total_loss` does both), clear the gradients,
# call `backward()` and update the parameters. Return the model and the list of the losses
# (floats: `loss.data`). The check cell below tries it.


# %%
def train(lr, steps=30):
    """Train a fresh MLP(2, [8, 1], seed=0) on X, y; return (model, losses)."""
    raise NotImplementedError  # your turn


# %%
try:
    _, your_losses = train(lr=0.5)[:2]
except NotImplementedError:
    print("Not written yet: write train above, then run both cells again.")
else:
    print(
        f"your loss: {your_losses[0]:.3f} at the start, {your_losses[-1]:.3f} at the end"
    )
    assert len(your_losses) == 30, "one loss per step"
    assert your_losses[-1] < your_losses[0] / 2, "the loss should at least halve"

# %% [markdown]
# Compare with the lab's version. It also records the accuracy of each step.


# %%
def train(lr, steps=30):
    model = MLP(2, [8, 1], seed=0)  # the same starting weights every time
    losses, accuracies = [], []
    for _ in range(steps):
        scores = [model(x) for x in X]  # 1. forward: the scores...
        loss = hinge_loss(scores, y) + l2_penalty(model.parameters())  # ...and the loss
        model.zero_grad()  # 2. clear the old gradients
        loss.backward()  # 3. gradients
        for p in model.parameters():  # 4. a step downhill
            p.data -= lr * p.grad
        losses.append(loss.data)
        accuracies.append(accuracy(scores, y))
    return model, losses, accuracies


model, losses, accuracies = train(lr=0.5)
print(f"loss: {losses[0]:.3f} at the start, {losses[-1]:.3f} after {len(losses)} steps")
print(f"accuracy: {accuracies[0]:.0%} at the start, {accuracies[-1]:.0%} at the end")
assert losses[-1] < losses[0] / 2, "with lr = 0.5 the loss should at least halve"

# %% [markdown]
# ## 3. Watch the loss curve
#
# A plot of every step says more than a few printed numbers. Look for the steep start and the
# slow tail, and notice that the loss keeps falling after the accuracy has stopped changing.

# %%
html(
    curves({"loss": losses, "accuracy": accuracies}),
    alt=f"Two panels against the step. The loss falls steeply from {losses[0]:.2f}, "
    f"then slowly to {losses[-1]:.2f}. The accuracy climbs from {accuracies[0]:.0%} "
    f"and ends at {accuracies[-1]:.0%}.",
)

# %% [markdown]
# ## 4. Try it: learning rates
#
# Edit the list and re-run the cell. Look for three behaviours: a rate so small that the loss
# barely moves, one that falls fast and settles, and one so large that the loss jumps around.
# Where does "too large" start for this network? Try 1, 2, 3, 4 and 6.

# %%
LEARNING_RATES = [0.02, 0.5, 6.0]  # Try it: add or change values

runs = {lr: train(lr)[1] for lr in LEARNING_RATES}

for lr, run_losses in runs.items():
    print(f"lr = {lr:<5}  final loss {run_losses[-1]:.3f}")
if 0.02 in runs and 0.5 in runs:
    assert runs[0.5][-1] < runs[0.02][-1], (
        "0.5 should get further than 0.02 in 30 steps"
    )

html(
    compare({f"lr = {lr}": run_losses for lr, run_losses in runs.items()}),
    alt="The loss against the step for each learning rate: "
    + "; ".join(
        f"lr = {lr} from {run[0]:.2f} to {run[-1]:.2f}, "
        f"between {min(run):.2f} and {max(run):.2f}"
        for lr, run in runs.items()
    ),
)

# %% [markdown]
# ## 5. Try it: the order of the steps
#
# The four moves only work in the right order. Here each move has a letter: **F** forward and
# loss, **Z** `zero_grad()`, **B** `backward()`, **U** update. `train_in_order("FZBU")` runs them
# in the order you give, at every step; leave a letter out to skip that move.
#
# Predict first, then run: which of `"FZBU"`, `"FUZB"`, `"FBUZ"`, `"BZUF"`... trains? Try also
# `"FBZU"` (clearing in the wrong place) and `"FBU"` (never clearing).

# %%
ORDER = "FUZB"  # Try it: change the order


def train_in_order(order, lr=0.5, steps=30):
    model = MLP(2, [8, 1], seed=0)
    loss, losses = None, []
    for _ in range(steps):
        for letter in order:
            if letter == "F":
                loss = total_loss(model)
                losses.append(loss.data)
            elif letter == "Z":
                model.zero_grad()
            elif letter == "B" and loss is not None:  # nothing to go back from yet
                loss.backward()
            elif letter == "U":
                for p in model.parameters():
                    p.data -= lr * p.grad
    return losses


right = train_in_order("FZBU")
yours = train_in_order(ORDER)
print(f"FZBU: loss {right[0]:.3f} -> {right[-1]:.3f}")
print(f"{ORDER}: loss {yours[0]:.3f} -> {yours[-1]:.3f}")
assert right[-1] < right[0], "the usual order trains"
assert train_in_order("FBZU")[-1] == right[0], (
    "clearing before the update: nothing moves"
)

# %% [markdown]
# ## 6. Try it: a learning-rate schedule
#
# `SGD` does the clearing and the update for you, and accepts a schedule instead of a fixed
# learning rate. `linear_schedule(start, end, total_steps)` falls in a straight line from
# `start` to `end`. Compare a constant rate with a falling one: which ends lower, and which
# curve is smoother at the end? Change the numbers.

# %%
START, END = 2.5, 0.1  # Try it


def train_sgd(lr, steps=30):
    model = MLP(2, [8, 1], seed=0)
    optimizer = SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = total_loss(model)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.data)
    return losses


constant = train_sgd(START)
falling = train_sgd(linear_schedule(START, END, 30))
print(f"constant {START}:        final loss {constant[-1]:.4f}")
print(f"{START} falling to {END}: final loss {falling[-1]:.4f}")
assert train_sgd(0.5) == train(0.5)[1], (
    "SGD does exactly what the hand-written loop does"
)

# %% [markdown]
# ## What you saw
#
# - One step against the gradient lowers the loss; the loop repeats it.
# - The learning rate decides how fast and whether training works at all: too small crawls,
#   too large jumps around.
# - The order of the moves matters (forward, `zero_grad()`, `backward()`, update), and a wrong
#   order usually raises no error: the loss curve is how you notice.
#
# Next, module 5 ("The full picture") trains a bigger network on the full moons data and looks
# at what it learned.
