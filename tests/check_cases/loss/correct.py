# ruff: noqa
"""A correct hinge loss and L2 penalty."""


def hinge_loss(scores, labels):
    losses = [(1 - y * s).relu() for s, y in zip(scores, labels)]
    return sum(losses) * (1.0 / len(losses))


def l2_penalty(params, alpha):
    return alpha * sum(p * p for p in params)
