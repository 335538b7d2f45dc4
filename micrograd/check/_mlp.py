"""Checks for the ``mlp`` exercise: ``Layer(nin, nout, nonlin=True)`` and ``MLP(nin, nouts)``.

The checker reads the structure through ``layer.neurons``, ``model.layers`` and each neuron's
``w`` and ``b``, and sets the parameters itself so that the expected outputs are known.
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
from micrograd.check._neuron import _same_parameters

MISSING = object()
X3 = [1.0, 2.0, 1.5]
LAYER_PARAMS = [
    ([0.5, -1.0, 2.0], 0.5),
    ([-1.0, 0.5, -1.0], 0.25),
]  # sums 2.0 and -1.25
NOUTS = [4, 3, 1]
SHAPES = [(4, 2), (3, 4), (1, 3)]  # (neurons, inputs of each) for MLP(2, [4, 3, 1])
X2 = [1.0, -2.0]
N_PARAMS = sum(n * (i + 1) for n, i in SHAPES)  # 31
PARAMS = [((k * 7) % 11 - 5) / 5 for k in range(N_PARAMS)]
SET_PARAMS = "for p, v in zip(model.parameters(), values): p.data = v"
ACT = {"relu": lambda z: max(z, 0.0), "none": lambda z: z, "tanh": math.tanh}


def _neurons(layer, what="layer"):
    neurons = getattr(layer, "neurons", MISSING)
    if neurons is MISSING or not isinstance(neurons, list):
        raise Problem(
            "layer-size",
            "A layer keeps its neurons in a list, layer.neurons",
            got=f"{what} has no attribute neurons"
            if neurons is MISSING
            else f"{what}.neurons is {kind(neurons)}",
            expected=f"{what}.neurons is a list of neurons",
            hint="Layer(nin, nout) makes nout neurons, each taking nin inputs, and keeps them "
            "in a list called neurons.",
        )
    for n in neurons:
        w, b = getattr(n, "w", None), getattr(n, "b", None)
        if not (
            isinstance(w, list) and all(value_like(x) for x in w) and value_like(b)
        ):
            raise Problem(
                "layer-size",
                "Each neuron has weights w (a list of Values) and a bias b",
                got=f"a neuron of {what} is {kind(n)} without them",
                expected="neurons with .w and .b, as in the neuron exercise",
                hint="Build the layer from Neuron objects (yours, or micrograd.nn.Neuron).",
            )
    return neurons


def _standard(neurons):
    return [p for n in neurons for p in list(n.w) + [n.b]]


def _shape_words(shapes):
    return ", ".join(
        f"{n} neuron{'s' if n != 1 else ''} of {i} input{'s' if i != 1 else ''}"
        for n, i in shapes
    )


def _forward(params, x, hidden="relu", last="none", shapes=SHAPES):
    i = 0
    for k, (nout, nin) in enumerate(shapes):
        act = ACT[last if k == len(shapes) - 1 else hidden]
        out = []
        for _ in range(nout):
            w, b = params[i : i + nin], params[i + nin]
            i += nin + 1
            out.append(act(sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b))
        x = out
    return x[0]


def _reference_grads(params, x):
    """The gradients of MLP(2, [4, 3, 1]) at ``params``, computed with micrograd's own Value."""
    from micrograd.engine import Value

    ps = [Value(p) for p in params]
    xs = [Value(v) for v in x]
    i = 0
    for k, (nout, nin) in enumerate(SHAPES):
        out = []
        for _ in range(nout):
            w, b = ps[i : i + nin], ps[i + nin]
            i += nin + 1
            z = sum((wi * xi for wi, xi in zip(w, xs, strict=True)), b)
            out.append(z if k == len(SHAPES) - 1 else z.relu())
        xs = out
    xs[0].backward()
    return [p.grad for p in ps]


def run(ctx, Layer, MLP, learner_file=None):  # noqa: N803 (the learner's classes)
    for cls, name in ((Layer, "Layer"), (MLP, "MLP")):
        if not isinstance(cls, type):
            raise TypeError(f"mlp() needs your {name} class, got {kind(cls)}")
    layer_ok = _layer_checks(ctx, Layer)
    if any(i.concept == "layer-signature" for i in ctx.items):
        ctx.skipped(
            "MLP(2, [4, 3, 1]) has layers of the right sizes"
        )  # it needs nonlin
        return
    _mlp_checks(ctx, MLP, layer_ok)


def _layer_checks(ctx, Layer):  # noqa: N803
    def size():
        layer = Layer(3, 4)
        neurons = _neurons(layer)
        shape = (len(neurons), len(neurons[0].w) if neurons else 0)
        if shape != (4, 3) or any(len(n.w) != 3 for n in neurons):
            raise Problem(
                "layer-size",
                "Layer(nin, nout) has nout neurons of nin inputs each",
                got=f"Layer(3, 4) has {_shape_words([shape])}",
                expected="4 neurons of 3 inputs",
                hint="nin is the number of inputs every neuron reads; nout is the number of "
                "neurons, that is, of outputs.",
            )

    if (
        ctx.run("Layer(3, 4) has 4 neurons of 3 inputs", "layer = Layer(3, 4)", size)
        != "pass"
    ):
        return False

    def parameters():
        layer = Layer(3, 4)
        _same_parameters(
            layer.parameters(),
            _standard(layer.neurons),
            "layer.parameters()",
            "the neurons' parameters, neuron by neuron",
            "neuron by neuron, each with its weights, then its bias",
        )

    ctx.run(
        "layer.parameters() lists the neurons' parameters, neuron by neuron",
        "layer = Layer(3, 4); layer.parameters()",
        parameters,
    )

    example = (
        "layer = Layer(3, 2); (weights and biases set so that w·x + b is 2.0 and "
        f"-1.25); layer({X3})"
    )

    def forward(nonlin=True):
        layer = Layer(3, 2) if nonlin else Layer(3, 2, nonlin=False)
        for n, (w, b) in zip(_neurons(layer), LAYER_PARAMS, strict=True):
            for wi, v in zip(n.w, w, strict=True):
                wi.data = v
            n.b.data = b
        out = layer(list(X3))
        expected = [2.0, 0.0] if nonlin else [2.0, -1.25]
        if (
            not isinstance(out, list)
            or len(out) != 2
            or not all(value_like(o) for o in out)
        ):
            raise Problem(
                "layer-output",
                "A layer returns the list of its neurons' outputs",
                got=f"layer(x) is {kind(out)}: {fmt(out)}",
                expected=f"a list of 2 Values: {fmt_list(expected)}",
                hint="Call every neuron on the same input x and return their outputs, in a list.",
            )
        got = [number_of(o.data, "an output's data") for o in out]
        if all(close(g, e) for g, e in zip(got, expected, strict=True)):
            return
        if nonlin:
            hint = (
                "Every neuron reads the same input x. With nonlin=True (the default) each "
                "applies ReLU: here the second sum is negative, so its output is 0."
            )
        else:
            hint = (
                "Layer(nin, nout, nonlin=False) passes nonlin=False on to its neurons, so "
                "they are linear: the negative sum stays negative."
            )
        raise Problem(
            "activation" if close(got[0], 2.0) else "layer-output",
            "The layer's outputs are wrong",
            got=f"[{', '.join(f'{fmt(g)}' for g in got)}]",
            expected=fmt_list(expected),
            hint=hint,
        )

    forward_ok = (
        ctx.run(
            "a layer's outputs: one per neuron, each on the same input",
            example,
            forward,
        )
        == "pass"
    )

    def linear_error(exc):
        if isinstance(exc, TypeError) and "nonlin" in str(exc):
            return Problem(
                "layer-signature",
                "Layer takes nonlin and passes it to its neurons",
                got=f"{type(exc).__name__}: {exc}",
                expected="Layer(3, 2, nonlin=False) works",
                hint="Layer(nin, nout, nonlin=True) hands nonlin to each Neuron it makes: the "
                "MLP uses it to make its last layer linear.",
            )
        return None

    ctx.run(
        "Layer(3, 2, nonlin=False) has linear neurons",
        example.replace("Layer(3, 2)", "Layer(3, 2, nonlin=False)"),
        lambda: forward(nonlin=False),
        on_error=linear_error,
    )

    def single():
        layer = Layer(3, 1)
        out = layer(list(X3))
        if not value_like(out):
            raise Problem(
                "layer-output",
                "A layer of one neuron returns that neuron's output itself",
                got=f"layer(x) is {kind(out)}"
                + (f" of {len(out)}" if isinstance(out, list) else ""),
                expected="a Value",
                hint="As in micrograd, a layer with a single neuron returns its output on its "
                "own, not in a list: the network's final score is then a Value, ready for "
                "the loss.",
            )

    ctx.run(
        "Layer(3, 1) returns a single Value",
        f"layer = Layer(3, 1); layer({X3})",
        single,
    )
    return forward_ok


def _mlp_checks(ctx, MLP, layer_ok):  # noqa: N803
    def sizes():
        model = MLP(2, list(NOUTS))
        layers = getattr(model, "layers", MISSING)
        if layers is MISSING or not isinstance(layers, list):
            raise Problem(
                "layer-sizes",
                "An MLP keeps its layers in a list, model.layers",
                got="model has no attribute layers"
                if layers is MISSING
                else f"model.layers is {kind(layers)}",
                expected="model.layers is a list of 3 Layers",
                hint="MLP(nin, nouts) makes one Layer per entry of nouts.",
            )
        shapes = []
        for k, layer in enumerate(layers):
            neurons = _neurons(layer, f"model.layers[{k}]")
            shapes.append((len(neurons), len(neurons[0].w) if neurons else 0))
        if shapes != SHAPES:
            raise Problem(
                "layer-sizes",
                "Each layer reads what the layer before it outputs",
                got=f"{len(shapes)} layer{'s' if len(shapes) != 1 else ''}: {_shape_words(shapes)}",
                expected=f"3 layers: {_shape_words(SHAPES)}",
                hint="Layer k has nouts[k] neurons. The first layer reads the nin inputs; "
                "every other layer reads the outputs of the layer before it, so its number of "
                "inputs is the previous layer's number of neurons. Writing the sizes as one "
                "list, nin followed by nouts, makes the pairs easy to see.",
            )

    example = "model = MLP(2, [4, 3, 1])"
    if (
        ctx.run("MLP(2, [4, 3, 1]) has layers of the right sizes", example, sizes)
        != "pass"
    ):
        return

    def parameters():
        model = MLP(2, list(NOUTS))
        standard = [p for layer in model.layers for p in _standard(layer.neurons)]
        _same_parameters(
            model.parameters(),
            standard,
            "model.parameters()",
            "layer by layer, neuron by neuron",
            "layer by layer, each neuron's weights then its bias",
        )

    params_ok = (
        ctx.run(
            "model.parameters(): all 31, layer by layer",
            "model = MLP(2, [4, 3, 1]); model.parameters()",
            parameters,
        )
        == "pass"
    )
    if not (params_ok and layer_ok):
        ctx.skipped("the MLP's output")
        ctx.skipped("the MLP's gradients")
        return

    example = (
        f"model = MLP(2, [4, 3, 1]); values = {fmt_list(PARAMS[:4])[:-1]}, ...] "
        f"(31 numbers); {SET_PARAMS}; out = model({X2})"
    )
    expected = _forward(PARAMS, X2)

    def forward():
        model = MLP(2, list(NOUTS))
        for p, v in zip(model.parameters(), PARAMS, strict=True):
            p.data = v
        out = model(list(X2))
        if isinstance(out, list) and len(out) == 1 and value_like(out[0]):
            raise Problem(
                "layer-output",
                "A network with one output returns a Value, not a list",
                got="out is a list of one Value",
                expected="out is a Value",
                hint="The last layer has one neuron: as in micrograd, a layer with a single "
                "neuron returns its output on its own.",
            )
        if not value_like(out):
            raise Problem(
                "layer-output",
                "model(x) returns the last layer's output",
                got=f"out is {kind(out)}",
                expected="out is a Value",
                hint="Feed x through the layers in order, each layer's output becoming the "
                "next layer's input, and return the last output.",
            )
        got = number_of(out.data, "out.data")
        if close(got, expected):
            return
        if close(got, 0.0):
            raise Problem(
                "last-layer-linear",
                "The last layer must be linear",
                got=f"out.data = {fmt(got)}",
                expected=f"out.data = {fmt(expected)}",
                hint="Your output is 0: the last layer seems to apply ReLU, which cuts every "
                "negative score to 0. Hidden layers use ReLU; the last one must not, so that "
                "scores can be negative (one class) or positive (the other). Look at the "
                "nonlin you give each layer.",
            )
        for hidden, what in (("none", "no activation"), ("tanh", "tanh")):
            if close(got, _forward(PARAMS, X2, hidden=hidden)):
                raise Problem(
                    "activation",
                    "Hidden layers apply ReLU",
                    got=f"out.data = {fmt(got)}",
                    expected=f"out.data = {fmt(expected)}",
                    hint=f"Your output matches hidden layers with {what}. In this exercise "
                    "every layer but the last is made of ReLU neurons (nonlin=True).",
                )
        raise Problem(
            "mlp-forward",
            "The network's output is wrong",
            got=f"out.data = {fmt(got)}",
            expected=f"out.data = {fmt(expected)}",
            hint="model(x) feeds x to the first layer, that layer's output to the next, and "
            "so on; it returns the last layer's output.",
        )

    if (
        ctx.run(
            "the MLP's output: ReLU hidden layers, a linear last layer",
            example,
            forward,
        )
        != "pass"
    ):
        ctx.skipped("the MLP's gradients")
        return

    def gradients():
        model = MLP(2, list(NOUTS))
        params = model.parameters()
        for p, v in zip(params, PARAMS, strict=True):
            p.data = v
        model(list(X2)).backward()
        got = [number_of(p.grad, "a parameter's grad") for p in params]
        want = _reference_grads(PARAMS, X2)
        if all(close(g, w) for g, w in zip(got, want, strict=True)):
            return
        wrong = [
            k for k, (g, w) in enumerate(zip(got, want, strict=True)) if not close(g, w)
        ]
        k = wrong[0]
        concept = "graph-broken" if all(got[j] == 0.0 for j in wrong) else "gradient"
        raise Problem(
            concept,
            "The gradients of the parameters are wrong",
            got=f"{len(wrong)} wrong, e.g. parameter {k}: grad = {fmt(got[k])}",
            expected=f"parameter {k}: grad = {fmt(want[k])}",
            hint="The output is right but the gradients are not: somewhere the graph is cut "
            "(a plain number made from .data, then wrapped in a new Value) so backward() "
            "cannot reach every parameter.",
        )

    ctx.run(
        "the MLP's gradients reach every parameter",
        example + "; out.backward()",
        gradients,
    )
