"""The ``capstone`` exercise, the final project: the learner's own Value, Neuron, Layer,
MLP, hinge loss and training loop, run together.

Its checks are the other exercises' (run on the learner's own pieces: the Neuron built on
the learner's Value), then its own: the network is made of the learner's Value, a few
training steps match a correct run, and training on the circles data set ends as a
correct run does.
"""

from dataclasses import replace

from micrograd.check.exercises import loss, mlp, neuron, train, value
from micrograd.check.spec import Check, Exercise, Wrong, include

START = (
    "model = MLP(2, [{}])\n"
    "rng = random.Random(0)\n"
    "values = [rng.uniform(-1, 1) for _ in model.parameters()]\n"
    "for p, v in zip(model.parameters(), values):\n"
    "    p.data = v\n"
)
STEPS = (
    "X, y = make_circles(8, noise=0.05, seed=1)\n"
    + START.format("4, 4, 1")
    + "losses = train(model, X, y, 3, 0.1)\n"
    + "params = [p.data for p in model.parameters()]"
)
CIRCLES = (
    "X, y = make_circles(40, noise=0.05, seed=1)\n"
    + START.format("8, 8, 1")
    + "losses = train(model, X, y, 40, 0.1)\n"
    + "accuracy = sum((model(x).data > 0) == (t > 0) for x, t in zip(X, y)) / len(y)"
)
OWN_VALUE = Wrong(
    "own-code",
    "The parameters are Values of another class than yours (the course's?): build on "
    "your own Value.",
    {"Value": type("Value", (), {})},
)
FLOATS = Wrong(
    "neuron-weights",
    "Your neuron's weights, or its bias, are plain numbers, not Values of your class.",
    {"Neuron": neuron.neuron(floats=True)},
)
# 1 - y·s in a hinge loss: a plain number on the left of a Value's minus.
NUMBER_MINUS = (
    Wrong(
        "reflected-operators",
        "Your hinge loss computes 1 - y·s, a plain number minus a Value, and your Value "
        "has no __rsub__ for Python to turn to.",
        {"Value": value.mistaken(reversed="none"), "hinge_loss": loss.hinge(margin=1)},
    ),
    Wrong(
        "reflected-operators",
        "Your losses match a hinge loss whose 1 - y·s computes y·s - 1: your __rsub__ "
        "swaps the number and the Value.",
        {
            "Value": value.mistaken(reversed="swapped"),
            "hinge_loss": loss.hinge(margin=1),
        },
    ),
)


def _with_wrongs(checks, id, wrongs):
    """``checks``, the one named ``id`` knowing ``wrongs`` as well."""
    return tuple(
        replace(c, wrong=(*c.wrong, *wrongs)) if c.id == id else c for c in checks
    )


CHECKS = (
    *include("value", "your Value", value.CHECKS),
    Check(
        "own-neuron",
        "your Neuron is made of your Value",
        "own-code",
        (
            (
                "n = Neuron(2)",
                (
                    "all(type(p) is Value for p in n.parameters())",
                    "all(hasattr(p, 'grad') for p in n.parameters())",
                ),
            ),
        ),
        wrong=(FLOATS, OWN_VALUE),
        requires=("value.neuron",),
    ),
    *include("neuron", "your Neuron", neuron.CHECKS, after=("own-neuron",)),
    *include("mlp", "your Layer and MLP", mlp.CHECKS, after=("neuron.value-inputs",)),
    *_with_wrongs(
        include(
            "loss",
            "your hinge loss",
            [c for c in loss.CHECKS if not c.optional],
            after=("value.neuron",),
        ),
        "loss.hinge",
        NUMBER_MINUS,
    ),
    Check(
        "own-value",
        "your network is made of your Value",
        "own-code",
        (
            (
                "model = MLP(2, [4, 1])",
                ("all(type(p) is Value for p in model.parameters())",),
            ),
        ),
        wrong=(OWN_VALUE,),
        requires=("mlp.mlp-gradients", "loss.hinge-gradient"),
    ),
    Check(
        "steps",
        "three training steps with your pieces",
        "training-loop",
        ((STEPS, ("losses", "params")),),
        wrong=train.WRONGS,
        requires=("own-value",),
        seconds=20.0,
    ),
    Check(
        "circles",
        "40 steps on 40 circles end as a correct run does",
        "training-loop",
        ((CIRCLES, ("losses", "accuracy")),),
        wrong=train.WRONGS,
        requires=("steps",),
        seconds=90.0,
    ),
)


def _reference():
    from micrograd.engine import Value
    from micrograd.losses import hinge_loss

    return {
        "Value": Value,
        "Neuron": neuron.neuron(),
        **mlp.network_world(),
        "hinge_loss": hinge_loss,
        "train": train.trainer(),
    }


EXERCISE = Exercise(
    name="capstone",
    order=6,
    about="the final project: your own pieces train a classifier",
    names=("Value", "Neuron", "Layer", "MLP", "hinge_loss", "train"),
    reference=_reference,
    checks=CHECKS,
    given={
        "random": "random",
        "make_circles": "micrograd.data:make_circles",
    },
    library={
        "Value": ("micrograd.engine:Value",),
        "Neuron": ("micrograd.nn:Neuron",),
        "Layer": ("micrograd.nn:Layer",),
        "MLP": ("micrograd.nn:MLP",),
        "hinge_loss": ("micrograd.losses:hinge_loss",),
        "train": ("micrograd.check.exercises.train:trainer",),
    },
    objectives=(
        "run your own Value, Neuron, Layer, MLP, hinge loss and training loop together",
        "train a classifier on the circles data set, end to end, on your own engine",
        "observe training: which learning rates diverge, how many steps it takes, the "
        "final accuracy",
    ),
    lessons=("exercises/capstone/",),
    compare=tuple(  # each piece, in its own lesson
        path
        for piece in (value, neuron, mlp, loss, train)
        for path in piece.EXERCISE.compare
    ),
    seconds=180.0,
)
