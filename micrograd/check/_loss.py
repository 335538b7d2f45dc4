"""Checks for the ``loss`` exercise: ``hinge_loss(scores, labels)`` and, when the learner
writes it, ``l2_penalty(params, alpha)``.

A wrong hinge loss is compared with the sixteen losses one gets by getting any of four things
wrong (the sign of y·s, the clamp at 0, the margin 1, the mean): on the example below the
sixteen are all different, so the learner's number says which of the four went wrong.
"""

import itertools
import math

from micrograd.check._core import (
    Problem,
    close,
    fmt,
    fmt_list,
    kind,
    number_of,
    value_like,
)

SCORES = [2.0, -0.5, 0.3, -3.0]
LABELS = [1, 1, -1, 1]
EXAMPLE = (
    f"scores = [Value(2.0), Value(-0.5), Value(0.3), Value(-3.0)]; labels = {LABELS}; "
    "loss = hinge_loss(scores, labels)"
)
PARAMS = [1.0, -2.0, 0.5]
ALPHA = 0.1
L2_EXAMPLE = (
    "params = [Value(1.0), Value(-2.0), Value(0.5)]; penalty = l2_penalty(params, 0.1)"
)


def _hinge(sign=1, clamp=True, margin=1.0, mean=True):
    terms = [margin - sign * y * s for s, y in zip(SCORES, LABELS, strict=True)]
    if clamp:
        terms = [max(t, 0.0) for t in terms]
    return sum(terms) / (len(terms) if mean else 1)


EXPECTED = _hinge()
GRADS = [
    (-y / len(SCORES) if 1 - y * s > 0 else 0.0)
    for s, y in zip(SCORES, LABELS, strict=True)
]

MISTAKES = {
    "sign": (
        "loss-sign",
        "The sign of y * s is flipped",
        "A score on the right side has the same sign as its label, so y * s is large and "
        "positive, and such a point should cost nothing: the cost falls as y * s grows. Your "
        "loss grows with y * s instead: look at the sign in front of y * s.",
    ),
    "clamp": (
        "loss-clamp",
        "Points beyond the margin must cost 0, not less",
        "The hinge loss is relu(1 - y * s): a point already on the right side by more than "
        "the margin costs exactly 0. Without the clamp at 0, such points give negative costs "
        "that hide the mistakes of the others.",
    ),
    "margin": (
        "loss-margin",
        "The margin is 1",
        "The hinge loss is relu(1 - y * s), not relu(-y * s): a point must be on the right "
        "side by at least 1 to cost nothing. Without the margin, a score of 0.001 on the right "
        "side would already be perfect.",
    ),
    "mean": (
        "loss-mean",
        "The loss is the mean over the examples, not the sum",
        "Divide the sum of the costs by the number of examples: with the mean, the loss (and "
        "the size of the gradient steps) does not grow with the size of the data set.",
    ),
}


def _scores():
    from micrograd.engine import Value

    return [Value(s) for s in SCORES]


def _clamp_error(exc):
    if isinstance(exc, TypeError) and "not supported between instances" in str(exc):
        return Problem(
            "loss-clamp",
            "Clamp at 0 with relu, not with max or a comparison",
            got=f"{type(exc).__name__}: {exc}",
            expected=f"loss.data = {fmt(EXPECTED)}",
            hint="Values cannot be compared with < or passed to max(). The clamp at 0 is "
            "exactly what relu() does, and relu() keeps the graph, so the gradient flows.",
        )
    return None


def run(ctx, hinge_loss, l2_penalty=None, learner_file=None):
    def output():
        loss = hinge_loss(_scores(), list(LABELS))
        if not value_like(loss):
            raise Problem(
                "loss-output",
                "The loss is a Value",
                got=f"loss is {kind(loss)}: {fmt(loss)}",
                expected="loss is a Value",
                hint="Build the loss from the scores with Value operations and return that "
                "Value: training calls loss.backward(). A number made from .data has no graph.",
            )

    if (
        ctx.run("hinge_loss returns a Value", EXAMPLE, output, on_error=_clamp_error)
        == "pass"
    ):
        if _value(ctx, hinge_loss) == "pass":
            _gradients(ctx, hinge_loss)
    if l2_penalty is None:
        ctx.note("l2_penalty: not defined (optional), not checked")
    else:
        _l2(ctx, l2_penalty)


def _value(ctx, hinge_loss):
    def check():
        got = number_of(hinge_loss(_scores(), list(LABELS)).data, "loss.data")
        if close(got, EXPECTED):
            return
        options = {
            (sign, clamp, margin, mean): _hinge(sign, clamp, margin, mean)
            for sign, clamp, margin, mean in itertools.product(
                (1, -1), (True, False), (1.0, 0.0), (True, False)
            )
        }
        match = [k for k, v in options.items() if close(got, v)]
        costs = ", ".join(
            fmt(max(1 - y * s, 0.0)) for s, y in zip(SCORES, LABELS, strict=True)
        )
        if len(match) != 1:
            raise Problem(
                "loss-value",
                "The hinge loss gives a wrong number",
                got=f"loss.data = {fmt(got)}",
                expected=f"loss.data = {fmt(EXPECTED)}",
                hint=f"Each example costs relu(1 - y * s): here {costs}. The loss is their mean.",
            )
        sign, clamp, margin, mean = match[0]
        wrong = [
            name
            for name, bad in (
                ("sign", sign != 1),
                ("clamp", not clamp),
                ("margin", margin != 1.0),
                ("mean", not mean),
            )
            if bad
        ]
        concept, headline, hint = MISTAKES[wrong[0]]
        if len(wrong) > 1:
            others = ", ".join(MISTAKES[w][0] for w in wrong[1:])
            hint += f" Your number also points to: {others}."
        raise Problem(
            concept,
            headline,
            got=f"loss.data = {fmt(got)}",
            expected=f"loss.data = {fmt(EXPECTED)}  (costs {costs}, then the mean)",
            hint=hint,
        )

    return ctx.run(
        "hinge_loss: the mean of relu(1 - y * s)", EXAMPLE, check, on_error=_clamp_error
    )


def _gradients(ctx, hinge_loss):
    def check():
        scores = _scores()
        hinge_loss(scores, list(LABELS)).backward()
        got = [number_of(s.grad, "a score's grad") for s in scores]
        if all(close(g, e) for g, e in zip(got, GRADS, strict=True)):
            return
        broken = all(g == 0.0 for g in got)
        raise Problem(
            "graph-broken" if broken else "gradient",
            "The gradient must flow back to the scores",
            got=f"scores' grads: {fmt_list(got)}",
            expected=f"scores' grads: {fmt_list(GRADS)}",
            hint=(
                "No gradient reaches the scores: the loss must be computed from the score "
                "Values themselves, not from their .data."
                if broken
                else "Each score's gradient is -y / n where its cost is positive, and 0 where "
                "the point costs nothing. Compute every step with Value operations."
            ),
        )

    ctx.run(
        "the gradient flows back to the scores", EXAMPLE + "; loss.backward()", check
    )


def _l2(ctx, l2_penalty):
    from micrograd.engine import Value

    expected = ALPHA * sum(p * p for p in PARAMS)

    def check():
        params = [Value(p) for p in PARAMS]
        penalty = l2_penalty(params, ALPHA)
        if not value_like(penalty):
            raise Problem(
                "loss-output",
                "The penalty is a Value",
                got=f"penalty is {kind(penalty)}: {fmt(penalty)}",
                expected="penalty is a Value",
                hint="It is added to the loss before backward(), so it must be a Value built "
                "from the parameters.",
            )
        got = number_of(penalty.data, "penalty.data")
        if not close(got, expected):
            squares = sum(p * p for p in PARAMS)
            known = [
                (
                    ALPHA * sum(PARAMS),
                    "l2-square",
                    "The parameters must be squared",
                    "Your number is alpha times the sum of the parameters: square each one, so "
                    "that negative weights are pulled towards 0 too.",
                ),
                (
                    ALPHA * sum(abs(p) for p in PARAMS),
                    "l2-square",
                    "The parameters must be squared",
                    "Your number is alpha times the sum of absolute values (that is L1). L2 "
                    "squares each parameter.",
                ),
                (
                    ALPHA * math.sqrt(squares),
                    "l2-square",
                    "The sum of squares, not its root",
                    "Your number is alpha times the length of the parameter vector: leave out "
                    "the square root.",
                ),
                (
                    squares,
                    "l2-alpha",
                    "Multiply by alpha",
                    "Your number is the sum of squares alone: alpha sets how strongly the "
                    "penalty counts, multiply by it.",
                ),
                (
                    ALPHA / 2 * squares,
                    "l2-alpha",
                    "alpha times the sum, without 1/2",
                    "Some books halve the penalty; here it is alpha times the sum of squares.",
                ),
                (
                    ALPHA * squares / len(PARAMS),
                    "l2-sum",
                    "The sum over the parameters, not the mean",
                    "Add up the squares of all the parameters, without dividing.",
                ),
            ]
            for value, concept, headline, hint in known:
                if close(got, value):
                    raise Problem(
                        concept,
                        headline,
                        got=f"penalty.data = {fmt(got)}",
                        expected=f"penalty.data = {fmt(expected)}",
                        hint=hint,
                    )
            raise Problem(
                "l2-value",
                "The L2 penalty gives a wrong number",
                got=f"penalty.data = {fmt(got)}",
                expected=f"penalty.data = {fmt(expected)}",
                hint="The penalty is alpha times the sum of the squared parameters.",
            )
        penalty.backward()
        grads = [number_of(p.grad, "a parameter's grad") for p in params]
        want = [2 * ALPHA * p for p in PARAMS]
        if not all(close(g, w) for g, w in zip(grads, want, strict=True)):
            broken = all(g == 0.0 for g in grads)
            raise Problem(
                "graph-broken" if broken else "gradient",
                "The gradient must flow back to the parameters",
                got=f"parameters' grads: {fmt_list(grads)}",
                expected=f"parameters' grads: {fmt_list(want)}",
                hint="Compute the penalty from the parameter Values themselves (not their "
                ".data), so that backward() reaches them: each gets 2 * alpha * p.",
            )

    status = ctx.run(
        "l2_penalty: alpha times the sum of squares, and its gradient",
        L2_EXAMPLE + "; penalty.backward()",
        check,
        optional=True,
    )
    if status == "todo":
        ctx.note("l2_penalty: not written yet (optional), not checked")
