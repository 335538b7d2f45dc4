"""The ``neuron`` exercise: ``Neuron(nin, nonlin=True)`` on micrograd's Value.

The examples set the weights and the bias themselves, so that the expected outputs are
known; the random start values are checked by what they must satisfy. The known mistakes
come from :func:`neuron`, a Neuron that makes the mistakes it is asked to make.
"""

import random

from micrograd.check.spec import Check, Exercise, Wrong, example

ACTIVATIONS = {
    "relu": lambda z: z.relu(),
    "none": lambda z: z,
    "tanh": lambda z: z.tanh(),
    "sigmoid": lambda z: 1 / (1 + (-z).exp()),
}


def neuron(
    *,
    act="relu",
    bias="added",
    weights="uniform",
    start_bias=0.0,
    parameters="weights, bias",
    data=False,
    output="value",
    floats=False,
):
    """A Neuron class with the given mistakes; ``neuron()`` makes none. ``bias`` is
    "added", "none" or "after" (the activation); ``weights`` "uniform", "zero", "wide",
    "positive" (between 0 and 1), "seeded" (the same in every neuron) or "repeated" (one
    Value nin times); ``parameters`` "weights, bias", "bias, weights", "weights",
    "nested" (the list of weights, then the bias) or "copies"; ``data`` computes the sum
    from .data (the graph is cut); ``act`` is applied even with nonlin=False when it ends
    with "!"; ``output`` is "value", "float" or "list"; with ``floats`` the weights and
    the bias are plain numbers."""
    from micrograd.engine import Value

    number = float if floats else Value

    def start(nin):
        rng = random.Random(0) if weights == "seeded" else random
        if weights == "repeated":
            return [number(rng.uniform(-1, 1))] * nin
        low, high = {"zero": (0, 0), "wide": (-3, 3), "positive": (0, 1)}.get(
            weights, (-1, 1)
        )
        return [number(rng.uniform(low, high)) for _ in range(nin)]

    class Neuron:
        def __init__(self, nin, nonlin=True):
            self.w = start(nin)
            self.b = number(random.uniform(-1, 1) if start_bias is None else start_bias)
            self.nonlin = nonlin

        def __call__(self, x):
            if data:
                z = sum(wi.data * getattr(xi, "data", xi) for wi, xi in zip(self.w, x))
                z = Value(z + (self.b.data if bias != "none" else 0.0))
            else:
                z = sum((wi * xi for wi, xi in zip(self.w, x)), Value(0.0))
                z = z + self.b if bias == "added" else z
            if self.nonlin or act.endswith("!"):
                z = ACTIVATIONS[act.rstrip("!")](z)
            z = z + self.b if bias == "after" else z
            return {"value": z, "float": z.data, "list": [z]}[output]

        def parameters(self):
            return {
                "weights, bias": lambda: self.w + [self.b],
                "bias, weights": lambda: [self.b] + self.w,
                "weights": lambda: list(self.w),
                "nested": lambda: [self.w, self.b],
                "copies": lambda: [Value(p.data) for p in self.w + [self.b]],
            }[parameters]()

    return Neuron


def _no_nonlin():
    base = neuron()

    class Neuron(base):
        def __init__(self, nin):
            super().__init__(nin)

    return Neuron


SET_WEIGHTS = "n.w[0].data, n.w[1].data, n.w[2].data = 0.5, -1.0, 2.0"
SET = f"{SET_WEIGHTS}\nn.b.data = 0.5"
SETUP = f"n = Neuron(3)\n{SET}"
INPUTS = ([1.0, 2.0, 1.5], [2.0, 1.0, -1.0], [0.0, 0.5, 0.5])  # w·x + b: 2.0, -1.5, 1.0


def _wrong(concept, found, **mistake):
    return Wrong(concept, found, {"Neuron": neuron(**mistake)})


CHECKS = (
    Check(
        "weights",
        "Neuron(3) has 3 weights, each a Value of its own",
        "neuron-weights",
        (
            ("n = Neuron(3)", ("len(n.w)", "all(isinstance(w, Value) for w in n.w)")),
            (f"n = Neuron(3)\n{SET_WEIGHTS}", ("n.w",)),
        ),
        wrong=(
            _wrong(
                "weight-init", "Your weights are one Value, thrice.", weights="repeated"
            ),
            _wrong(
                "neuron-weights",
                "Your weights are plain numbers, not Values: a number has no .data to "
                "set, and no gradient.",
                floats=True,
            ),
        ),
    ),
    Check(
        "bias",
        "a bias n.b, a Value starting at 0",
        "neuron-weights",
        example("n = Neuron(3)", "isinstance(n.b, Value)", "n.b.data == 0"),
        wrong=(
            _wrong("bias-init", "Your bias does not start at 0.", start_bias=None),
            _wrong("neuron-weights", "Your bias is a plain number.", floats=True),
        ),
    ),
    Check(
        "init",
        "weights start random, between -1 and 1",
        "weight-init",
        (
            ("n = Neuron(3)", ("len({w.data for w in n.w}) == 3",)),
            (  # 60 weights: any distribution but the uniform one shows
                "ns = [Neuron(3) for _ in range(20)]",
                (
                    "all(-1 <= w.data <= 1 for n in ns for w in n.w)",
                    "any(w.data < 0 for n in ns for w in n.w)",
                ),
            ),
        ),
        wrong=(
            _wrong(
                "weight-init",
                "Of 60 starting weights, not one is negative: yours start between 0 "
                "and 1.",
                weights="positive",
            ),
        ),
        requires=("weights",),
    ),
    Check(
        "symmetry",
        "two neurons start with different weights",
        "symmetry",
        example(
            "n1 = Neuron(3); n2 = Neuron(3)",
            "[w.data for w in n1.w] == [w.data for w in n2.w]",
        ),
        wrong=(
            _wrong(
                "symmetry",
                "Every neuron starts with the same weights.",
                weights="seeded",
            ),
        ),
        requires=("init",),
    ),
    Check(
        "parameters",
        "n.parameters() gives the weights, then the bias",
        "parameters",
        example(SETUP, "n.parameters()", "n.w", "n.b"),
        wrong=(
            _wrong(
                "parameter-order",
                "Your list has the bias first.",
                parameters="bias, weights",
            ),
            _wrong(
                "parameters", "Your list leaves out the bias.", parameters="weights"
            ),
            _wrong(
                "parameters",
                "Your list holds copies, not the neuron's own Values.",
                parameters="copies",
            ),
            _wrong(
                "parameters",
                "Your list holds two things, the list of weights and the bias: the "
                "weights are not in it one by one.",
                parameters="nested",
            ),
        ),
        requires=("weights", "bias"),
    ),
    Check(
        "forward",
        "n(x) = relu(w·x + b)",
        "neuron-forward",
        tuple((f"{SETUP}\nout = n({x})", ("out",)) for x in INPUTS),
        wrong=(
            *(
                _wrong(
                    "activation",
                    f"Your outputs match {what} of w·x + b, not ReLU.",
                    act=act,
                )
                for act, what in (
                    ("none", "no activation"),
                    ("tanh", "tanh"),
                    ("sigmoid", "a sigmoid"),
                )
            ),
            _wrong(
                "neuron-bias", "Your outputs match w·x without the bias.", bias="none"
            ),
            _wrong(
                "bias-before-activation",
                "Your outputs match relu(w·x) + b.",
                bias="after",
            ),
            _wrong(
                "returns-value", "Your neuron returns a plain number.", output="float"
            ),
            _wrong(
                "returns-value",
                "Your neuron returns a list holding its output, not the output itself.",
                output="list",
            ),
        ),
        requires=("weights", "bias"),
    ),
    Check(
        "linear",
        "Neuron(3, nonlin=False) gives w·x + b",
        "activation",
        example(f"n = Neuron(3, nonlin=False)\n{SET}\nout = n({INPUTS[1]})", "out"),
        wrong=(
            _wrong(
                "activation",
                "Your neuron applies ReLU even with nonlin=False.",
                act="relu!",
            ),
            Wrong(
                "nonlin-argument",
                "Your Neuron takes no nonlin argument.",
                {"Neuron": _no_nonlin()},
            ),
        ),
        requires=("forward",),
    ),
    Check(
        "gradients",
        "gradients reach the weights and the bias",
        "gradient",
        example(
            f"{SETUP}\nout = n({INPUTS[0]}); out.backward()",
            "[w.grad for w in n.w]",
            "n.b.grad",
        ),
        wrong=(
            _wrong(
                "graph-broken",
                "The output is a new Value made from numbers.",
                data=True,
            ),
        ),
        requires=("forward",),
    ),
    Check(
        "value-inputs",
        "inputs that are Values (as in a network)",
        "gradient",
        example(
            f"{SETUP}\nx = [Value(1.0), Value(2.0), Value(1.5)]\nout = n(x); out.backward()",
            "out.data",
            "[xi.grad for xi in x]",
        ),
        wrong=(
            _wrong(
                "graph-broken", "The inputs are used through their .data.", data=True
            ),
        ),
        requires=("gradients",),
    ),
)


EXERCISE = Exercise(
    name="neuron",
    order=2,
    about="a Neuron built on micrograd's Value",
    names=("Neuron",),
    reference=lambda: {"Neuron": neuron()},
    checks=CHECKS,
    given={"Value": "micrograd.engine:Value"},
    library={"Neuron": ("micrograd.nn:Neuron",)},
    objectives=(
        "keep one weight per input and a bias, as Values, starting where the contract "
        "says",
        "compute relu(w·x + b) with Value operations, so that gradients reach every "
        "weight, the bias and the inputs",
        "list the parameters: the weights, then the bias",
    ),
    lessons=("03-neural-network/neuron/",),
    compare=("03-neural-network/neuron/#exercise-1-write-your-own-neuron",),
)
