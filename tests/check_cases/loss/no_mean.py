# ruff: noqa
"""Mistake: the sum of the costs instead of their mean."""


def hinge_loss(scores, labels):
    losses = [(1 - y * s).relu() for s, y in zip(scores, labels)]
    return sum(losses)


def l2_penalty(params, alpha):
    return alpha * sum(p * p for p in params)
