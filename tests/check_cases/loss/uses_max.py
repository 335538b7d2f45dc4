# ruff: noqa
"""Mistake: max(0, ...) on Values, which cannot be compared."""


def hinge_loss(scores, labels):
    losses = [max(0, 1 - y * s) for s, y in zip(scores, labels)]
    return sum(losses) * (1.0 / len(losses))


def l2_penalty(params, alpha):
    return alpha * sum(p * p for p in params)
