"""Exercise: the training loop.

Write train(model, X, y, steps, lr): full-batch gradient descent on the hinge loss.

Check your work with:

    python -m micrograd.check train train.py

What the checker expects:

- model is a micrograd.nn.MLP whose output is one score (a Value) per input; X is a list of
  inputs (each a list of numbers), y the list of their labels, +1 or -1.
- train runs exactly `steps` steps. In each step, on the whole data set: reset the
  gradients, score every input, compute the mean hinge loss of the scores against y,
  backpropagate, and move every parameter of the model with plain gradient descent, step
  size lr.
- It changes the model it is given (nothing is returned but the losses) and returns the
  list of the `steps` losses, as floats: each step's loss, before that step's update.
"""

from micrograd.losses import hinge_loss  # noqa: F401 (or your own, from the loss exercise)


def train(model, X, y, steps, lr):
    losses = []
    # TODO
    raise NotImplementedError
    return losses
