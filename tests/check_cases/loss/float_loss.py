# ruff: noqa
"""Mistake: the loss is computed from .data: a float, with no graph."""


def hinge_loss(scores, labels):
    losses = [max(0.0, 1 - y * s.data) for s, y in zip(scores, labels)]
    return sum(losses) / len(losses)


def l2_penalty(params, alpha):
    return alpha * sum(p * p for p in params)
