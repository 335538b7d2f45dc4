"""Loss functions and a metric, built from :class:`~micrograd.engine.Value` operations.

A loss turns a model's outputs into one Value: the number training makes smaller.
``hinge_loss`` and ``l2_penalty`` repeat the original micrograd demo's expressions
operation for operation, so they give bit-identical losses and gradients.
"""

from micrograd.engine import Value  # noqa: F401 (the examples below use it)

__all__ = ["hinge_loss", "mse_loss", "l2_penalty", "accuracy"]


def _check_lengths(first, second, first_name, second_name):
    """Raise ValueError unless the two sequences are non-empty and equally long."""
    if len(first) != len(second):
        raise ValueError(
            f"got {len(first)} {first_name} but {len(second)} {second_name}: need one each"
        )
    if not first:
        raise ValueError(f"got no {first_name} and no {second_name}: need at least one")


def _check_labels(labels):
    for yi in labels:
        if yi not in (-1, 1):
            raise ValueError(f"labels must be -1 or +1, got {yi!r}")


# --8<-- [start:hinge]
def hinge_loss(scores, labels):
    """SVM "max-margin" loss: the mean of ``max(0, 1 - y * s)``, labels ``y`` in {-1, +1}.

    A score on the right side of 0 by a margin of at least 1 costs nothing.

    >>> scores = [Value(2.0), Value(-0.5), Value(0.3)]
    >>> loss = hinge_loss(scores, [1, 1, -1])  # costs 0, 1.5 and 1.3
    >>> round(loss.data, 4)
    0.9333
    """
    scores, labels = list(scores), list(labels)
    _check_lengths(scores, labels, "scores", "labels")
    _check_labels(labels)
    losses = [
        (1 + -yi * scorei).relu() for yi, scorei in zip(labels, scores, strict=True)
    ]
    return sum(losses) * (1.0 / len(losses))
    # --8<-- [end:hinge]


# --8<-- [start:mse]
def mse_loss(preds, targets):
    """Mean squared error: the mean of ``(p - t) ** 2``.

    >>> loss = mse_loss([Value(1.0), Value(3.0)], [0.0, 1.0])  # (1 + 4) / 2
    >>> loss.data
    2.5
    """
    preds, targets = list(preds), list(targets)
    _check_lengths(preds, targets, "predictions", "targets")
    errors = [(p - t) ** 2 for p, t in zip(preds, targets, strict=True)]
    return sum(errors) * (1.0 / len(errors))
    # --8<-- [end:mse]


# --8<-- [start:l2]
def l2_penalty(parameters, alpha=1e-4):
    """L2 regularization: ``alpha`` times the sum of the squared parameters.

    Added to the loss, it pulls every weight a little towards 0.

    >>> penalty = l2_penalty([Value(1.0), Value(-2.0)], alpha=0.1)
    >>> round(penalty.data, 12)
    0.5
    """
    parameters = list(parameters)
    if not parameters:
        raise ValueError("got no parameters: need at least one")
    return alpha * sum(p * p for p in parameters)
    # --8<-- [end:l2]


# --8<-- [start:accuracy]
def accuracy(scores, labels):
    """The fraction of scores on the right side of 0: ``(y > 0) == (s.data > 0)``.

    >>> accuracy([Value(2.0), Value(-0.5), Value(0.3)], [1, 1, -1])
    0.3333333333333333
    """
    scores, labels = list(scores), list(labels)
    _check_lengths(scores, labels, "scores", "labels")
    right = [
        (yi > 0) == (scorei.data > 0) for yi, scorei in zip(labels, scores, strict=True)
    ]
    return sum(right) / len(right)
    # --8<-- [end:accuracy]
