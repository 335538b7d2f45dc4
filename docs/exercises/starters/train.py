"""Exercise: the training loop.

Write train(model, X, y, steps, lr): full-batch gradient descent on the hinge loss.

Check your work with:

    python -m micrograd.check train train.py

What the checker expects:

- model is micrograd's MLP, whose output is one score (a Value) per input; X is a list of
  inputs (each a list of numbers), y the list of their labels, +1 or -1.
- train runs exactly `steps` steps. Each step, on the whole data set and in the course's
  order: the forward pass (score every input, then the mean hinge loss of the scores
  against y), zero_grad, backward, and the update: every parameter of the model moves by
  plain gradient descent, step size lr.
- It changes the model it is given (nothing is returned but the losses) and returns the
  list of the `steps` losses, as floats: each step's loss, the one backward() was called on.

The checker's model counts how many times a parameter's .data is set, to tell an update
that changes nothing from one that never runs.
"""

from micrograd.losses import hinge_loss  # noqa: F401 (or your own, from the loss exercise)


def train(model, X, y, steps, lr):
    losses = []
    # TODO
    raise NotImplementedError
    return losses
