"""Exercise: the hinge loss (and the L2 penalty).

Write the function that turns a model's scores into the one number training makes smaller
and, if you like, the penalty that keeps the weights small.

Check your work with:

    python -m micrograd.check loss loss.py

What the checker expects:

- hinge_loss(scores, labels): scores is a list of Values (one score per example), labels a
  list of numbers, +1 or -1. Each example costs relu(1 - label * score); the loss is the
  mean of these costs (whatever their number), returned as a Value, so that
  loss.backward() reaches the scores.
- Optional: l2_penalty(params, alpha), alpha times the sum of the squares of the
  parameters (a list of Values), returned as a Value. It is checked once you write it.
"""


def hinge_loss(scores, labels):
    # TODO
    raise NotImplementedError


def l2_penalty(params, alpha):
    # TODO (optional)
    raise NotImplementedError
