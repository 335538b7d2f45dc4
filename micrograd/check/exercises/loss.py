"""The ``loss`` exercise: ``hinge_loss(scores, labels)`` and, if written,
``l2_penalty(params, alpha)``.

A wrong hinge loss is one of the sixteen losses made by getting any of four things wrong
(the sign of y·s, the clamp at 0, the margin 1, the mean); on the examples below the
sixteen all differ, so the learner's numbers say which went wrong. Two examples of
different sizes tell a mean from a sum divided by a fixed number.
"""

import itertools

from micrograd.check.spec import Check, Exercise, Wrong
from micrograd.engine import Value

CASES = (
    ([2.0, -0.5, 0.3, -3.0], [1, 1, -1, 1]),
    ([0.5, -2.0, 1.5], [-1, -1, 1]),
)


def hinge(
    sign=1, clamp="relu", margin=1.0, divide="count", output="value", labels=True
):
    """A hinge loss with the given mistakes; ``hinge()`` makes none. ``clamp`` is "relu",
    "none" or "max" (which cannot compare Values); ``divide`` is "count", 1 (the sum) or
    any fixed number; ``output`` "value", "float" (computed from .data), "cut" (that
    float in a new Value), "list" (the costs) or "data" (relu() called on a number);
    without ``labels``, the cost is relu(1 - s). ``margin`` is the number on the left of
    the cost, as the learner writes it (1 - y·s: a plain number minus a Value)."""

    def hinge_loss(scores, ys):
        ys = ys if labels else [1] * len(ys)
        if output in ("float", "cut"):
            costs = [max(0.0, margin - sign * y * s.data) for s, y in zip(scores, ys)]
            mean = sum(costs) / len(costs)
            return mean if output == "float" else Value(mean)
        if output == "data":  # raises, as the learner's does: a number has no relu()
            return [(margin - sign * y * s.data).relu() for s, y in zip(scores, ys)]
        elif clamp == "max":
            costs = [max(0, margin - sign * y * s) for s, y in zip(scores, ys)]
        else:
            costs = [margin - sign * y * s for s, y in zip(scores, ys)]
            costs = [c.relu() for c in costs] if clamp == "relu" else costs
        if output == "list":
            return costs
        return sum(costs) * (1.0 / (len(costs) if divide == "count" else divide))

    return hinge_loss


def _costs(k):
    scores, labels = CASES[k]
    return sum(max(0.0, 1 - y * s) for s, y in zip(scores, labels))


PARTS = {  # what each wrong part of a hinge loss is, and its concept
    "sign": ("loss-sign", "relu(1 + y·s): the sign of y·s flipped"),
    "clamp": ("loss-clamp", "1 - y·s, never clamped at 0"),
    "margin": ("loss-margin", "relu(-y·s): no margin"),
    "mean": ("loss-mean", "the sum of the costs, not their mean"),
}


def _hinge_wrongs():
    """Every combination of wrong parts, the fewest first."""
    combos = itertools.product((1, -1), ("relu", "none"), (1.0, 0.0), ("count", 1))
    combos = sorted(
        combos,
        key=lambda c: (c[0] == -1) + (c[1] == "none") + (c[2] == 0) + (c[3] == 1),
    )
    for sign, clamp, margin, divide in combos[1:]:
        wrong = [
            p
            for p, bad in zip(
                PARTS, (sign < 0, clamp == "none", margin == 0, divide == 1)
            )
            if bad
        ]
        what = "; ".join(PARTS[p][1] for p in wrong)
        yield Wrong(
            PARTS[wrong[0]][0],
            f"In both examples, your loss matches {what}.",
            {"hinge_loss": hinge(sign, clamp, margin, divide)},
        )
    yield Wrong(
        "loss-mean",
        "Your loss is the sum of the costs divided by the same number in both examples, "
        "not by the number of examples.",
        lambda seen: {"hinge_loss": hinge(divide=_costs(0) / seen[0]["data"])},
    )
    yield Wrong(
        "loss-clamp",
        "Your loss compares Values with max(), which Values do not support.",
        {"hinge_loss": hinge(clamp="max")},
    )
    yield Wrong(
        "returns-value",
        "Your loss is a plain number, computed from .data.",
        {"hinge_loss": hinge(output="float")},
    )
    yield Wrong(
        "graph-broken",
        "Your loss takes a score's .data, a plain number, which has no relu().",
        {"hinge_loss": hinge(output="data")},
    )
    yield Wrong(
        "loss-mean",
        "Your hinge_loss returns the list of the costs, not one Value: their mean.",
        {"hinge_loss": hinge(output="list")},
    )
    yield Wrong(
        "loss-value",
        "In both examples, your loss matches relu(1 - s): the labels are left out.",
        {"hinge_loss": hinge(labels=False)},
    )


def _example(k, then=""):
    scores, labels = CASES[k]
    values = ", ".join(f"Value({s})" for s in scores)
    return f"scores = [{values}]; labels = {labels}\nloss = hinge_loss(scores, labels){then}"


L2_CASES = (([1.0, -2.0, 0.5], 0.1), ([3.0, -1.0], 0.5))
L2_WRONGS = (  # (concept, what the learner's penalty then matches, that penalty)
    (
        "l2-square",
        "alpha times the sum of the parameters, not of their squares",
        lambda ps, alpha: alpha * sum(ps),
    ),
    (
        "l2-square",
        "alpha times the sum of their absolute values (that is L1)",
        lambda ps, alpha: alpha * sum(p.relu() + (-p).relu() for p in ps),
    ),
    (
        "l2-square",
        "alpha times the length of the parameter vector (a square root)",
        lambda ps, alpha: alpha * sum(p * p for p in ps) ** 0.5,
    ),
    (
        "l2-square",
        "alpha times the square of the sum of the parameters, not the sum of their "
        "squares",
        lambda ps, alpha: alpha * sum(ps) ** 2,
    ),
    (
        "l2-alpha",
        "the sum of squares alone, without alpha",
        lambda ps, alpha: sum(p * p for p in ps),
    ),
    (
        "l2-alpha",
        "half of alpha times the sum of squares",
        lambda ps, alpha: 0.5 * alpha * sum(p * p for p in ps),
    ),
    (
        "l2-sum",
        "alpha times the mean of the squares, not their sum",
        lambda ps, alpha: alpha * sum(p * p for p in ps) * (1.0 / len(ps)),
    ),
)


def _l2_from_data(result):
    """An L2 penalty of the right number, from the parameters' .data: a ``result``."""
    return lambda ps, alpha: result(alpha * sum(p.data**2 for p in ps))


CHECKS = (
    Check(
        "hinge",
        "hinge_loss: the mean of relu(1 - y·s)",
        "loss-value",
        tuple((_example(k), ("loss",)) for k in range(len(CASES))),
        wrong=tuple(_hinge_wrongs()),
    ),
    Check(
        "hinge-gradient",
        "the gradient flows back to the scores",
        "gradient",
        ((_example(0, "; loss.backward()"), ("[s.grad for s in scores]",)),),
        wrong=(
            Wrong(
                "graph-broken",
                "No gradient reaches the scores: the loss is a new Value made from "
                "numbers.",
                {"hinge_loss": hinge(output="cut")},
            ),
        ),
        requires=("hinge",),
    ),
    Check(
        "l2",
        "l2_penalty: alpha times the sum of squares, and its gradient",
        "l2-value",
        tuple(
            (
                f"params = [{', '.join(f'Value({p})' for p in ps)}]\n"
                f"penalty = l2_penalty(params, {a}); penalty.backward()",
                ("penalty.data", "[p.grad for p in params]"),
            )
            for ps, a in L2_CASES
        ),
        wrong=(
            *(
                Wrong(
                    concept,
                    f"In both examples, your penalty matches {what}.",
                    {"l2_penalty": f},
                )
                for concept, what, f in L2_WRONGS
            ),
            Wrong(
                "graph-broken",
                "Your penalty has the right number, but no gradient reaches the "
                "parameters: it is a new Value made from their .data.",
                {"l2_penalty": _l2_from_data(Value)},
            ),
            Wrong(
                "returns-value",
                "Your penalty is a plain number, computed from the parameters' .data.",
                {"l2_penalty": _l2_from_data(float)},
            ),
        ),
        needs=("l2_penalty",),
        optional=True,
    ),
)


def _reference():
    from micrograd.losses import hinge_loss, l2_penalty

    return {"hinge_loss": hinge_loss, "l2_penalty": l2_penalty}


EXERCISE = Exercise(
    name="loss",
    order=4,
    about="the hinge loss (and, optionally, the L2 penalty)",
    names=("hinge_loss",),
    optional_names=("l2_penalty",),
    reference=_reference,
    checks=CHECKS,
    given={"Value": "micrograd.engine:Value"},
    library={
        "hinge_loss": ("micrograd.losses:hinge_loss",),
        "l2_penalty": ("micrograd.losses:l2_penalty",),
    },
    objectives=(
        "turn scores and labels into one Value: the mean of relu(1 - y·s)",
        "keep the graph, so that the gradient reaches every score",
        "optionally, alpha times the sum of the squared parameters",
    ),
    lessons=("04-training/loss-functions/",),
    compare=(
        "04-training/loss-functions/#exercise-1-write-the-hinge-loss-and-the-penalty",
    ),
)
