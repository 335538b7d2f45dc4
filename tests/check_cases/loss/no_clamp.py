# ruff: noqa
"""Mistake: 1 - y * s without relu: points beyond the margin cost less than 0."""


def hinge_loss(scores, labels):
    losses = [(1 - y * s) for s, y in zip(scores, labels)]
    return sum(losses) * (1.0 / len(losses))


def l2_penalty(params, alpha):
    return alpha * sum(p * p for p in params)
