# ruff: noqa
"""Mistake: p = p - lr * p.grad builds a new Value and leaves the model unchanged."""


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
            p = p - lr * p.grad
        losses.append(loss.data)
    return losses
