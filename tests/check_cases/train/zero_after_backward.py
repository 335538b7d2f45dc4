# ruff: noqa
"""Mistake: the gradients are reset between backward() and the update."""


def hinge_loss(scores, labels):
    losses = [(1 - y * s).relu() for s, y in zip(scores, labels)]
    return sum(losses) * (1.0 / len(losses))


def train(model, X, y, steps, lr):
    losses = []
    for _ in range(steps):
        loss = hinge_loss([model(x) for x in X], y)
        loss.backward()
        model.zero_grad()
        for p in model.parameters():
            p.data -= lr * p.grad
        losses.append(loss.data)
    return losses
