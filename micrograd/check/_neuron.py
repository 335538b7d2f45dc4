"""Checks for the ``neuron`` exercise: ``Neuron(nin, nonlin=True)`` on micrograd's Value.

The checker sets the weights and the bias itself (through ``n.w`` and ``n.b``), so that the
expected outputs are known; the random start values do not matter.
"""

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

W, B = [0.5, -1.0, 2.0], 0.5
X_ON = [1.0, 2.0, 1.5]  # w·x + b = 2.0: the ReLU lets it through
X_OFF = [2.0, 1.0, -1.0]  # w·x + b = -1.5: the ReLU gives 0
SETUP = "n = Neuron(3); n.w[0].data, n.w[1].data, n.w[2].data = 0.5, -1.0, 2.0; n.b.data = 0.5"
SETUP_LINEAR = SETUP.replace("Neuron(3)", "Neuron(3, nonlin=False)")
MISSING = object()


def _dot(x, bias=True):
    return sum(w * xi for w, xi in zip(W, x, strict=True)) + (B if bias else 0.0)


ACTIVATIONS = {
    "relu": lambda z: max(z, 0.0),
    "none": lambda z: z,
    "tanh": math.tanh,
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)),
}


def _fresh(N, **kwargs):
    """A new neuron with the checker's weights and bias."""
    n = N(3, **kwargs)
    for wi, v in zip(n.w, W, strict=True):
        wi.data = v
    n.b.data = B
    return n


def _output(out, what="n(x)"):
    if not value_like(out):
        raise Problem(
            "neuron-output",
            "A neuron returns a Value",
            got=f"{what} is {kind(out)}: {fmt(out)}",
            expected=f"{what} is a Value",
            hint="Compute the output with Value operations from the weights, the inputs and "
            "the bias, and return that Value: backward() needs it to reach the weights. "
            "Using .data gives a plain number, with no graph behind it.",
        )
    return number_of(out.data, f"{what}.data")


def run(ctx, Neuron, learner_file=None):  # noqa: N803 (the learner's class)
    N = Neuron
    if not isinstance(N, type):
        raise TypeError(f"neuron() needs your Neuron class, got {kind(N)}")

    def construct():
        n = N(3)
        w = getattr(n, "w", MISSING)
        if w is MISSING or not isinstance(w, list):
            raise Problem(
                "neuron-weights",
                "A neuron keeps its weights in a list, n.w",
                got="n has no attribute w" if w is MISSING else f"n.w is {kind(w)}",
                expected="n.w is a list of 3 Values",
                hint="In __init__, make one weight per input: a list of nin Values.",
            )
        if len(w) != 3 or not all(value_like(wi) for wi in w):
            got = (
                f"n.w has {len(w)} items"
                if len(w) != 3
                else "n.w holds " + ", ".join(kind(wi) for wi in w)
            )
            raise Problem(
                "neuron-weights",
                "One weight per input, each a Value",
                got=got,
                expected="n.w is a list of 3 Values",
                hint="Neuron(nin) has nin weights, one for each input, each a Value so that "
                "it gets a gradient.",
            )
        if len({id(wi) for wi in w}) < 3:
            raise Problem(
                "weight-init",
                "Each weight must be a Value of its own",
                got="n.w holds the same Value several times",
                expected="3 different Values",
                hint="A list written as [something] * nin repeats one object nin times: all "
                "the weights would be one and the same Value. Make a new Value for each.",
            )
        b = getattr(n, "b", MISSING)
        if b is MISSING or not value_like(b):
            raise Problem(
                "neuron-bias",
                "A neuron has a bias, n.b, a Value",
                got="n has no attribute b" if b is MISSING else f"n.b is {kind(b)}",
                expected="n.b is a Value",
                hint="Besides its weights, a neuron has one bias: a Value added to the "
                "weighted sum, which lets it shift its output.",
            )

    if (
        ctx.run(
            "Neuron(3) has 3 weights (n.w) and a bias (n.b)", "n = Neuron(3)", construct
        )
        != "pass"
    ):
        return

    def init():
        n1, n2 = N(3), N(3)
        ws = [number_of(w.data, "a weight's data") for w in n1.w + n2.w]
        if len(set(ws)) == 1:
            raise Problem(
                "weight-init",
                "Weights start random, not all equal",
                got=f"the weights of two neurons are all {fmt(ws[0])}",
                expected="random numbers between -1 and 1",
                hint="If all neurons start the same, they compute the same thing and receive "
                "the same gradient: they stay identical forever. Start each weight at a "
                "random number between -1 and 1.",
            )
        if any(abs(w) > 1.0 for w in ws):
            raise Problem(
                "weight-init",
                "Weights start between -1 and 1",
                got=f"weights {fmt_list(ws)}",
                expected="random numbers between -1 and 1",
                hint="Draw each weight uniformly between -1 and 1.",
            )

    ctx.run(
        "weights start random, between -1 and 1", "n1 = Neuron(3); n2 = Neuron(3)", init
    )

    def parameters():
        n = N(3)
        params = n.parameters()
        wanted = list(n.w) + [n.b]
        _same_parameters(
            params, wanted, "n.parameters()", "n.w + [n.b]", "weights, then the bias"
        )

    ctx.run(
        "n.parameters() gives the weights, then the bias",
        "n = Neuron(3); n.parameters()",
        parameters,
    )

    # forward with ReLU -----------------------------------------------------------------------
    example = f"{SETUP}; n({X_ON}); n({X_OFF})"

    def forward():
        n = _fresh(N)
        on = _output(n(list(X_ON)), f"n({X_ON})")
        off = _output(n(list(X_OFF)), f"n({X_OFF})")
        expected = (max(_dot(X_ON), 0.0), max(_dot(X_OFF), 0.0))
        if close(on, expected[0]) and close(off, expected[1]):
            return
        got = f"{fmt(on)} and {fmt(off)}"
        want = f"{fmt(expected[0])} and {fmt(expected[1])}"
        matches = [
            (act, bias)
            for act, f in ACTIVATIONS.items()
            for bias in (True, False)
            if close(on, f(_dot(X_ON, bias))) and close(off, f(_dot(X_OFF, bias)))
        ]
        act, bias = matches[0] if len(matches) == 1 else (None, None)
        if bias is False:
            raise Problem(
                "neuron-bias",
                "The bias is missing from the output",
                got=got,
                expected=want,
                hint="Your outputs match w·x without the bias. A neuron computes the weighted "
                "sum of its inputs plus its bias, then the activation.",
            )
        if act is not None:
            what = {
                "none": "no activation at all",
                "tanh": "tanh",
                "sigmoid": "a sigmoid",
            }[act]
            raise Problem(
                "activation",
                "The activation is not ReLU",
                got=got,
                expected=want,
                hint=f"Your outputs match {what} applied to w·x + b. In this exercise (as in "
                "micrograd.nn) a neuron with nonlin=True applies ReLU: negative sums become "
                "0, positive ones pass unchanged.",
            )
        raise Problem(
            "neuron-forward",
            "The neuron's output is wrong",
            got=got,
            expected=want,
            hint="A neuron multiplies each input by its weight, adds up the products and the "
            "bias, and applies ReLU (when nonlin is True). Here w·x + b is "
            f"{fmt(_dot(X_ON))} and {fmt(_dot(X_OFF))}.",
        )

    forward_ok = ctx.run("n(x) = relu(w·x + b)", example, forward) == "pass"
    if not forward_ok and ctx.items[-1].concept != "activation":
        ctx.skipped("Neuron(3, nonlin=False) gives w·x + b")
        ctx.skipped("gradients reach the weights and the bias")
        return

    def linear():
        n = _fresh(N, nonlin=False)
        off = _output(n(list(X_OFF)), f"n({X_OFF})")
        if not close(off, _dot(X_OFF)):
            raise Problem(
                "activation",
                "With nonlin=False the neuron is linear",
                got=fmt(off),
                expected=fmt(_dot(X_OFF)),
                hint="Neuron(nin, nonlin=False) returns w·x + b unchanged, with no ReLU: the "
                "last layer of a network needs negative outputs too.",
            )

    def linear_error(exc):
        if isinstance(exc, TypeError) and "nonlin" in str(exc):
            return Problem(
                "neuron-signature",
                "Neuron takes a second argument, nonlin",
                got=f"{type(exc).__name__}: {exc}",
                expected="Neuron(3, nonlin=False) works",
                hint="Neuron(nin, nonlin=True): remember nonlin, and apply ReLU only when it "
                "is True.",
            )
        return None

    ctx.run(
        "Neuron(3, nonlin=False) gives w·x + b",
        f"{SETUP_LINEAR}; n({X_OFF})",
        linear,
        on_error=linear_error,
    )

    if not forward_ok:
        ctx.skipped("gradients reach the weights and the bias")
        return

    def gradients():
        n = _fresh(N)
        out = n(list(X_ON))
        out.backward()
        got = [number_of(w.grad, "w.grad") for w in n.w] + [
            number_of(n.b.grad, "b.grad")
        ]
        expected = list(X_ON) + [1.0]
        if all(close(g, e) for g, e in zip(got, expected, strict=True)):
            return
        if all(g == 0.0 for g in got):
            raise Problem(
                "graph-broken",
                "No gradient reaches the weights",
                got=f"gradients of w, then b: {fmt_list(got)}",
                expected=f"gradients of w, then b: {fmt_list(expected)}",
                hint="The output must be computed from the weight and bias Values themselves. "
                "If the sum is made of .data (plain numbers) and wrapped in a new Value "
                "afterwards, the graph is cut and backward() cannot reach the weights.",
            )
        raise Problem(
            "gradient",
            "The gradients of the weights and the bias are wrong",
            got=f"gradients of w, then b: {fmt_list(got)}",
            expected=f"gradients of w, then b: {fmt_list(expected)}",
            hint="With an active ReLU, d(out)/d(w_i) is the input x_i and d(out)/db is 1. "
            "Check that each weight is multiplied by its own input.",
        )

    ctx.run(
        "gradients reach the weights and the bias",
        f"{SETUP}; out = n({X_ON}); out.backward()",
        gradients,
    )

    def value_inputs():
        from micrograd.engine import Value

        n = _fresh(N)
        xs = [Value(x) for x in X_ON]
        out = n(xs)
        on = _output(out, "n(x)")
        if not close(on, _dot(X_ON)):
            raise Problem(
                "neuron-forward",
                "Inputs can be Values too",
                got=fmt(on),
                expected=fmt(_dot(X_ON)),
                hint="In a network, a neuron's inputs are the outputs of the previous layer: "
                "Values. Work with the inputs as they are, without reading their .data.",
            )
        out.backward()
        got = [number_of(x.grad, "x.grad") for x in xs]
        if not all(close(g, w) for g, w in zip(got, W, strict=True)):
            raise Problem(
                "graph-broken",
                "The gradient must reach Value inputs too",
                got=f"gradients of x: {fmt_list(got)}",
                expected=f"gradients of x: {fmt_list(W)}",
                hint="In a network the inputs of a neuron are Values from the layer before, "
                "and the gradient has to flow through them. Use the inputs themselves, not "
                "their .data.",
            )

    ctx.run(
        "inputs that are Values (as in a network)",
        f"{SETUP}; x = [Value(1.0), Value(2.0), Value(1.5)]; out = n(x); out.backward()",
        value_inputs,
    )


def _same_parameters(params, wanted, what, standard, order_words):
    """Raise a Problem unless ``params`` is ``wanted``: the same objects in the same order."""
    if not isinstance(params, (list, tuple)):
        raise Problem(
            "parameters",
            f"{what} returns a list",
            got=f"{what} is {kind(params)}",
            expected=f"a list of {len(wanted)} Values",
            hint="parameters() returns a list of the Value objects that training updates.",
        )
    ids = {id(p) for p in wanted}
    params = list(params)
    if all(id(p) in ids for p in params) and len(params) == len(wanted):
        if all(p is q for p, q in zip(params, wanted, strict=True)):
            return
        if len({id(p) for p in params}) == len(wanted):
            raise Problem(
                "parameter-order",
                "The parameters come in the standard order",
                got=f"{what} holds the right Values, in another order",
                expected=f"the standard order: {order_words}",
                hint="The order does not change training, but it matters whenever parameters "
                "are saved, loaded or compared: keep the standard order.",
            )
    foreign = [p for p in params if id(p) not in ids]
    if foreign and all(value_like(p) for p in foreign):
        raise Problem(
            "parameters",
            "parameters() returns the Values themselves, not copies",
            got=f"{what} holds {len(foreign)} Value(s) that are not the model's own",
            expected=f"the very Values of {standard}",
            hint="The optimizer changes .data of what parameters() returns. New Values built "
            "from the parameters would be updated instead of the model's own.",
        )
    if foreign:
        raise Problem(
            "parameters",
            "parameters() returns Values",
            got=f"{what} holds {kind(foreign[0])}",
            expected=f"the Values of {standard}",
            hint="Return the Value objects themselves: training reads their .grad and changes "
            "their .data.",
        )
    raise Problem(
        "parameters",
        "parameters() returns every parameter once",
        got=f"{what} has {len(params)} items",
        expected=f"{len(wanted)}: {standard}",
        hint="A parameter missing from the list is never trained (a forgotten bias is a "
        "classic); one listed twice is updated twice.",
    )
