"""The ``train`` exercise: ``train(model, X, y, steps, lr)`` returns the losses.

The learner's loop trains micrograd's MLP (:class:`MLP`, which also counts how often its
parameters' ``.data`` is set). The known mistakes come from :func:`trainer`, a loop that
makes them; the one whose losses, final parameters and count of updates all match names
the mistake.
"""

from micrograd import nn
from micrograd.check.spec import Check, Exercise, Wrong, example
from micrograd.engine import Value


class _Counted(Value):
    """micrograd's Value, telling its owner each time its ``.data`` is set."""

    __slots__ = ("owner",)

    def __init__(self, data, owner):
        super().__init__(data)
        self.owner = owner

    @property
    def data(self):
        return Value.data.__get__(self)

    @data.setter
    def data(self, number):
        Value.data.__set__(self, number)
        owner = getattr(self, "owner", None)
        if owner is not None:
            owner.updates += 1


class MLP(nn.MLP):
    """micrograd's MLP; ``updates`` counts how often a parameter's ``.data`` was set."""

    def __init__(self, nin, nouts, seed=None):
        super().__init__(nin, nouts, seed=seed)
        self.updates = 0
        for layer in self.layers:
            for n in layer.neurons:
                n.w = [_Counted(w.data, self) for w in n.w]
                n.b = _Counted(n.b.data, self)


def trainer(
    steps="forward zero backward update",
    *,
    once=False,
    sign=-1.0,
    rate=None,
    rebind=False,
    penalty=0.0,
    total=False,
    record="number",
):
    """A training loop with the given mistakes; ``trainer()`` makes none. ``steps`` is
    the order of one step; ``once``: the forward pass runs once, before the loop;
    ``rate``: a step size used whatever ``lr`` is given (None: ``lr``);
    ``penalty``: alpha of an L2 term added to the loss, or ("fit", first loss) to take
    alpha from a learner's first loss; ``total``: the loss is the sum of the costs, not
    their mean; ``record``: "number", "value" or "after" (the loss computed after the
    update)."""
    from micrograd.losses import hinge_loss

    fitted = {}  # the learner's alpha, from their first loss of the first run

    def train(model, X, y, n, lr):
        params, losses = model.parameters(), []

        def forward():
            loss = hinge_loss([model(x) for x in X], y) * (len(y) if total else 1)
            squares = sum(p * p for p in params)
            alpha = penalty
            if isinstance(penalty, tuple):
                alpha = fitted.setdefault(
                    "alpha", (penalty[1] - loss.data) / squares.data
                )
            return loss + alpha * squares if alpha else loss

        loss = forward() if once else None
        for _ in range(n):
            for action in steps.split():
                if action == "forward" and not once:
                    loss = forward()
                elif action == "zero":
                    for p in params:
                        p.grad = 0.0
                elif action == "backward":
                    loss.backward()
                elif action == "update" and not rebind:
                    for p in params:
                        p.data += sign * (lr if rate is None else rate) * p.grad
            after = forward().data if record == "after" else None
            losses.append({"number": loss.data, "value": loss, "after": after}[record])
        return losses

    return train


def _loop(found, concept="update-order", **mistake):
    return Wrong(concept, found, {"train": trainer(**mistake)})


WRONGS = (  # the known mistakes of a training loop, shared with the capstone
    _loop(
        "Your losses match a loop that never sets the gradients back to 0: each step's "
        "gradients pile up on the previous steps'.",
        "zero-grad",
        steps="forward backward update",
    ),
    _loop(
        "Your losses match a loop whose update runs before backward(), with the previous "
        "step's gradients.",
        steps="forward update zero backward",
    ),
    _loop(
        "Your losses match a loop that computes the scores and the loss once, before the "
        "loop: every step goes back through the first step's graph.",
        "forward-each-step",
        steps="zero backward update",
        once=True,
    ),
    _loop(
        "Your loss goes up: the parameters move along their gradient.",
        "update-direction",
        sign=1.0,
    ),
    _loop(
        "Your losses match steps of size 1: the learning rate is left out.",
        "learning-rate",
        rate=1.0,
    ),
    _loop(
        "Your losses match steps of 0.1 times the gradient whatever lr is given: the "
        "update uses a number of its own, not the argument lr.",
        "learning-rate",
        rate=0.1,
    ),
    _loop(
        "The model's parameters never change: their .data is never set.",
        "update-in-place",
        rebind=True,
    ),
    _loop(
        "Every update adds 0: when it runs, the gradients are 0 (reset between backward() "
        "and the update, or not computed yet).",
        steps="forward backward zero update",
    ),
    _loop(
        "Your losses match a loop that calls backward() twice in a step: every "
        "gradient is counted twice.",
        steps="forward zero backward backward update",
    ),
    _loop(
        "Your losses match the sum of the costs over the examples, not their mean.",
        "loss-mean",
        total=True,
    ),
    _loop(
        "Your losses are each one step late: they are computed after the update.",
        "loss-history",
        record="after",
    ),
    Wrong(
        "loss-penalty",
        "Your losses match the hinge loss plus an L2 penalty on the parameters.",
        lambda seen: {"train": trainer(penalty=("fit", seen[0][0]))},
    ),
)

EXAMPLE = (
    "X, y = make_moons(8, noise=0.1, seed=1)\n"
    "model = MLP(2, [4, 4, 1], seed=3)\n"
    "losses = train(model, X, y, 4, 0.1)\n"
    "params = [p.data for p in model.parameters()]"
)

# A second run at another rate and length: a loop that ignores lr or steps differs.
OTHER_RUN = (
    "X, y = make_moons(8, noise=0.1, seed=2)\n"
    "model = MLP(2, [4, 4, 1], seed=5)\n"
    "losses = train(model, X, y, 3, 0.05)\n"
    "params = [p.data for p in model.parameters()]"
)

CHECKS = (
    Check(
        "losses",
        "train returns one loss per step, as a number",
        "loss-history",
        ((EXAMPLE, ("len(losses)", "all(type(loss) is float for loss in losses)")),),
        wrong=(
            _loop(
                "Your list holds the loss Values, not their numbers.",
                "loss-history",
                record="value",
            ),
        ),
        seconds=10.0,
    ),
    Check(
        "run",
        "the losses, the trained parameters and the updates match a correct run",
        "training-loop",
        example(EXAMPLE, "losses", "params", "model.updates")
        + example(OTHER_RUN, "losses", "params", "model.updates"),
        wrong=WRONGS,
        requires=("losses",),
        seconds=10.0,
    ),
)


EXERCISE = Exercise(
    name="train",
    order=5,
    about="the training loop",
    names=("train",),
    reference=lambda: {"train": trainer()},
    checks=CHECKS,
    given={
        "MLP": "micrograd.check.exercises.train:MLP",
        "make_moons": "micrograd.data:make_moons",
    },
    objectives=(
        "one step: the forward pass (scores, then the loss), zero_grad, backward, and "
        "the update of every parameter by -lr times its gradient",
        "record each step's loss, as a number",
    ),
    lessons=("04-training/training-loop/", "04-training/gradient-descent/"),
    compare=("04-training/training-loop/#exercise-1-write-train",),
)
