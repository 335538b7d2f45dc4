"""Loss functions and a metric, built from :class:`~micrograd.engine.Value` operations.

A loss turns a model's outputs into one Value: the number training makes smaller.
``hinge_loss`` and ``l2_penalty`` repeat the original micrograd demo's expressions
operation for operation, so they give bit-identical losses and gradients.
"""

from collections.abc import Iterator

from micrograd.engine import Value, _check_sequence

__all__ = ["hinge_loss", "mse_loss", "l2_penalty", "accuracy"]


def _as_list(items, name):
    """``items`` as a list: from a sequence, or from an iterator such as a generator."""
    if not isinstance(items, Iterator):
        _check_sequence(items, name)
    return list(items)


def _as_values(items, name):
    """``items`` as a list of Values (a model's outputs, or its parameters)."""
    items = _as_list(items, name)
    for i, v in enumerate(items):
        if not isinstance(v, Value):
            raise TypeError(
                f"{name} must be Values, got {type(v).__name__}: {v!r} (item {i})"
            )
    return items


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
    scores, labels = _as_values(scores, "scores"), _as_list(labels, "labels")
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
    preds, targets = _as_values(preds, "predictions"), _as_list(targets, "targets")
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
    parameters = _as_values(parameters, "parameters")
    if not parameters:
        raise ValueError("got no parameters: need at least one")
    return alpha * sum(p * p for p in parameters)
    # --8<-- [end:l2]


# --8<-- [start:accuracy]
def accuracy(scores, labels):
    """The fraction of scores on the right side of 0: above 0 for +1, at most 0 for -1.

    A NaN score is on neither side: it counts as wrong.

    >>> accuracy([Value(2.0), Value(-0.5), Value(0.3)], [1, 1, -1])
    0.3333333333333333
    """
    scores, labels = _as_values(scores, "scores"), _as_list(labels, "labels")
    _check_lengths(scores, labels, "scores", "labels")
    _check_labels(labels)
    right = [
        scorei.data > 0 if yi > 0 else scorei.data <= 0
        for yi, scorei in zip(labels, scores, strict=True)
    ]
    return sum(right) / len(right)
    # --8<-- [end:accuracy]
