"""Checks for the ``train`` exercise: ``train(model, X, y, steps, lr)`` returns the losses.

The learner's loop trains a small ``micrograd.nn.MLP``; the checker trains an identical one
with a correct loop, and with each classic mistake, and compares the losses: the run whose
losses match names the mistake.
"""

from micrograd.check._core import Problem, close, fmt_list, is_number, kind

X = [
    [0.5, 1.0],
    [-1.0, 0.5],
    [1.5, -0.5],
    [-0.5, -1.5],
    [0.0, 2.0],
    [2.0, 1.0],
    [-1.5, -0.5],
    [1.0, -2.0],
]
Y = [1, -1, 1, -1, -1, 1, -1, 1]
STEPS, LR, SEED = 4, 0.1, 3
EXAMPLE = (
    "model = MLP(2, [4, 4, 1], seed=3); X, y = 8 points in 2D with labels +1/-1; "
    "losses = train(model, X, y, 4, 0.1)"
)


def _model():
    from micrograd.nn import MLP

    return MLP(2, [4, 4, 1], seed=SEED)


def _hinge(scores, labels):
    costs = [(1 - y * s).relu() for s, y in zip(scores, labels, strict=True)]
    return sum(costs) * (1.0 / len(costs))


def _reference(mode="correct", steps=STEPS):
    """Losses, final parameters and final gradients of a training run, right or wrong."""
    model = _model()
    params = model.parameters()
    losses = []
    for _ in range(steps):
        if mode != "no-zero-grad":
            model.zero_grad()
        loss = _hinge([model(x) for x in X], Y)
        loss.backward()
        if mode == "zero-between":
            model.zero_grad()
        step = {"wrong-sign": LR, "lr-ignored": -1.0}.get(mode, -LR)
        if mode != "no-update":
            for p in params:
                p.data += step * p.grad
        losses.append(loss.data)
    return losses, [p.data for p in params], [p.grad for p in params]


# Training loops with a known mistake: the losses they give, and how to name the mistake.
WRONG_LOOPS = [
    (
        "wrong-sign",
        "update-direction",
        "Step against the gradient",
        "Your loss goes up: the parameters move along their gradient instead of "
        "against it. The gradient points to where the loss grows; gradient descent "
        "takes a step of size lr the opposite way.",
    ),
    (
        "no-zero-grad",
        "zero-grad",
        "Reset the gradients before each backward pass",
        "Your losses match a loop that never sets the gradients back to 0. "
        "backward() adds to .grad, so each step's gradients pile up on top of the "
        "previous steps'. Zero every parameter's gradient (zero_grad) at the start "
        "of each step, before backward().",
    ),
    (
        "lr-ignored",
        "learning-rate",
        "Use the learning rate lr",
        "Your losses match steps of size 1 (lr left out): each parameter moves by "
        "lr times its gradient.",
    ),
]


def _same(a, b):
    return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))


def run(ctx, train, learner_file=None):
    if not callable(train):
        raise TypeError(f"train() needs your train function, got {kind(train)}")
    model = _model()
    result = {}

    def call():
        losses = train(model, [list(x) for x in X], list(Y), STEPS, LR)
        if not isinstance(losses, (list, tuple)):
            raise Problem(
                "loss-history",
                "train returns the list of losses",
                got=f"train returned {kind(losses)}",
                expected=f"a list of {STEPS} numbers, one loss per step",
                hint="Collect the loss of every step in a list and return it at the end: it "
                "is how you see whether training works.",
            )
        if losses and all(hasattr(v, "data") and hasattr(v, "grad") for v in losses):
            raise Problem(
                "loss-history",
                "Keep the loss's number, not the Value",
                got="a list of Values",
                expected=f"a list of {STEPS} numbers (floats)",
                hint="Store loss.data: a plain number. Keeping the Value also keeps its whole "
                "graph alive, step after step.",
            )
        if len(losses) != STEPS or not all(is_number(v) for v in losses):
            raise Problem(
                "loss-history",
                "One loss per step",
                got=f"{len(losses)} items"
                if len(losses) != STEPS
                else "items that are not all numbers",
                expected=f"{STEPS} numbers, for steps={STEPS}",
                hint="Run exactly `steps` steps and record each step's loss (a float).",
            )
        result["losses"] = [float(v) for v in losses]

    if ctx.run("train returns one loss per step", EXAMPLE, call) != "pass":
        return
    losses = result["losses"]
    right, right_params, _ = _reference()

    def first():
        if not close(losses[0], right[0]):
            later, _, _ = _reference(steps=STEPS + 1)
            if _same(losses, later[1:]):
                raise Problem(
                    "loss-history",
                    "Record each step's loss before the update",
                    got=f"losses = {fmt_list(losses)}",
                    expected=f"losses = {fmt_list(right)}",
                    hint="Your losses are each one step late: record the loss computed in "
                    "the step's forward pass, the one backward() was called on, not a new "
                    "one after the update.",
                )
            raise Problem(
                "training-loss",
                "The first loss is the mean hinge loss of the untrained model",
                got=f"losses[0] = {losses[0]:.6g}",
                expected=f"losses[0] = {right[0]:.6g}",
                hint="Each step scores every point with the model, then takes the mean hinge "
                "loss of those scores against the labels. Record the loss of a step before "
                "updating the parameters.",
            )

    if (
        ctx.run(
            "the first loss is the mean hinge loss of the untrained model",
            EXAMPLE,
            first,
        )
        != "pass"
    ):
        return

    def match():
        if _same(losses, right):
            return
        got, expected = f"losses = {fmt_list(losses)}", f"losses = {fmt_list(right)}"
        for mode, concept, title, hint in WRONG_LOOPS:
            if _same(losses, _reference(mode)[0]):
                raise Problem(concept, title, got=got, expected=expected, hint=hint)
        if _same(losses, [right[0]] * STEPS):
            grads = [p.grad for p in model.parameters()]
            if all(g == 0.0 for g in grads):
                raise Problem(
                    "update-order",
                    "Zero the gradients before backward(), not before the update",
                    got=got,
                    expected=expected,
                    hint="The loss never changes and every gradient is 0 at the end: the "
                    "gradients are reset between backward() and the update, so each update "
                    "adds lr * 0. The order in a step is: zero the gradients, forward, "
                    "backward, update.",
                )
            raise Problem(
                "update-in-place",
                "Change the model's parameters themselves",
                got=got,
                expected=expected,
                hint="The loss never changes: the model's parameters are not updated. A "
                "statement like p = p - lr * p.grad makes a new Value and leaves the model "
                "unchanged; change p.data, for each p in model.parameters().",
            )
        raise Problem(
            "training-loop",
            "The losses differ from a correct training run",
            got=got,
            expected=expected,
            hint="The first loss is right, so the forward pass and the loss are fine. Look "
            "at one step: zero the gradients, forward, loss, backward, then move every "
            "parameter by -lr times its gradient.",
        )

    if ctx.run("the losses match a correct training run", EXAMPLE, match) != "pass":
        return

    def in_place():
        final = [p.data for p in model.parameters()]
        if not _same(final, right_params):
            raise Problem(
                "update-in-place",
                "The model passed in is the one trained",
                got="the model's parameters differ from a correct run's",
                expected="the same parameters as after a correct run",
                hint="Train the model given as an argument, updating its parameters' .data "
                "in place, and run one update per step.",
            )

    ctx.run("the model's parameters are trained in place", EXAMPLE, in_place)
