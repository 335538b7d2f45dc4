# ruff: noqa
"""A correct training loop, in the course's order: forward, zero_grad, backward, update."""


def hinge_loss(scores, labels):
    losses = [(1 - y * s).relu() for s, y in zip(scores, labels)]
    return sum(losses) * (1.0 / len(losses))


def train(model, X, y, steps, lr):
    losses = []
    for _ in range(steps):
        scores = [model(x) for x in X]
        loss = hinge_loss(scores, y)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad
        losses.append(loss.data)
    return losses
