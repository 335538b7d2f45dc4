# ruff: noqa
"""Mistake: the list keeps the loss Values, not their numbers."""


def hinge_loss(scores, labels):
    losses = [(1 - y * s).relu() for s, y in zip(scores, labels)]
    return sum(losses) * (1.0 / len(losses))


def train(model, X, y, steps, lr):
    losses = []
    for _ in range(steps):
        model.zero_grad()
        loss = hinge_loss([model(x) for x in X], y)
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad
        losses.append(loss)
    return losses
