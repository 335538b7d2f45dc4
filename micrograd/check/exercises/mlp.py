"""The ``mlp`` exercise: ``Layer(nin, nout, nonlin=True)`` and ``MLP(nin, nouts)``.

The examples read the structure through ``layer.neurons``, ``model.layers`` and each
neuron's ``w``, and set the parameters themselves so that the outputs are known. The
known mistakes come from :func:`network_world`: a Layer and an MLP that make them.
"""

from micrograd.check.spec import Check, Exercise, Wrong


class _Layer:
    """A Layer that makes the mistakes its class attributes switch on: ``start``, how its
    neurons start: "random", "repeated" (one neuron listed nout times) or "seeded"
    (separate neurons, each made after the same seed); ``swapped``, nin neurons of nout
    inputs; ``single``, what a layer of one neuron returns ("value" or "list");
    ``nested``, parameters() lists each neuron's list."""

    start, swapped, single, nested = "random", False, "value", False

    def __init__(self, nin, nout, nonlin=True):
        from micrograd.nn import Neuron

        nin, nout = (nout, nin) if self.swapped else (nin, nout)
        seed = 0 if self.start == "seeded" else None
        self.neurons = [Neuron(nin, nonlin=nonlin, seed=seed) for _ in range(nout)]
        if self.start == "repeated":
            self.neurons = self.neurons[:1] * nout

    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 and self.single == "value" else outs

    def parameters(self):
        if self.nested:
            return [n.parameters() for n in self.neurons]
        return [p for n in self.neurons for p in n.parameters()]


class _MLP:
    """An MLP of ``layer`` that makes the mistakes its class attributes switch on:
    ``sizes``, "right", "nouts" (sized from nouts alone), "swapped" (Layer(nout, nin)),
    "no-first" or "no-last" (a layer missing); ``last``, "linear" or "relu"; ``order`` of
    its parameters, "layers", "reversed" or "nested" (each layer's list); ``data``: the
    layers pass plain numbers on (the graph is cut); ``chain``: each layer reads the
    output of the one before, or (False) the network's input; ``store``: the attribute
    that keeps the layers."""

    layer, sizes, last, order = _Layer, "right", "linear", "layers"
    data, chain, store = False, True, "layers"

    def __init__(self, nin, nouts):
        sz = nouts + nouts[-1:] if self.sizes == "nouts" else [nin] + nouts
        pairs = [(sz[i], sz[i + 1]) for i in range(len(nouts))]
        pairs = [(b, a) for a, b in pairs] if self.sizes == "swapped" else pairs
        pairs = {"no-first": pairs[1:], "no-last": pairs[:-1]}.get(self.sizes, pairs)
        layers = [
            self.layer(a, b, nonlin=self.last == "relu" or i != len(pairs) - 1)
            for i, (a, b) in enumerate(pairs)
        ]
        setattr(self, self.store, layers)

    def __call__(self, x):
        from micrograd.engine import Value

        out = x
        for layer in getattr(self, self.store):
            out = layer(out if self.chain else x)
            if self.data and isinstance(out, list):
                out = [Value(v.data) for v in out]
        return out

    def parameters(self):
        layers = getattr(self, self.store)
        layers = layers[::-1] if self.order == "reversed" else layers
        if self.order == "nested":
            return [layer.parameters() for layer in layers]
        return [p for layer in layers for p in layer.parameters()]


def network_world(*, nonlin_argument=True, layer=None, **mistakes):
    """{"Layer", "MLP"} with the given mistakes (see :class:`_Layer` and :class:`_MLP`:
    ``layer`` holds the Layer's); ``network_world()`` makes none. Without
    ``nonlin_argument``, Layer takes no nonlin."""
    layer = type("Layer", (_Layer,), dict(layer or {}))
    if not nonlin_argument:

        def __init__(self, nin, nout):  # noqa: N807 (the method itself)
            _Layer.__init__(self, nin, nout)

        __init__.__qualname__ = "Layer.__init__"  # as the learner's error says
        layer.__init__ = __init__
    return {"Layer": layer, "MLP": type("MLP", (_MLP,), {"layer": layer, **mistakes})}


X3 = [1.0, 2.0, 1.5]
SET_LAYER = (
    "for p, v in zip(layer.parameters(), [0.5, -1.0, 2.0, 0.5, 1.0, -1.0, -0.5, 0.5]):\n"
    "    p.data = v"
)
SET_MODEL = (
    "values = [((k * 8) % 13 - 6) / 5 for k in range(31)]\n"
    "for p, v in zip(model.parameters(), values):\n"
    "    p.data = v"
)
MODEL = f"model = MLP(2, [4, 3, 1])\n{SET_MODEL}\nout = model([1.0, -2.0])"
SHAPES = "[(len(layer.neurons), len(layer.neurons[0].w)) for layer in model.layers]"
LAYER_ORDER = (
    "all(p is q for p, q in zip(layer.parameters(), "
    "[p for n in layer.neurons for p in n.parameters()]))"
)
IN_ORDER = (
    "all(p is q for p, q in zip(model.parameters(), "
    "[p for layer in model.layers for p in layer.parameters()]))"
)

CHECKS = (
    Check(
        "layer-size",
        "Layer(3, 4) has 4 neurons of 3 inputs",
        "layer-size",
        (
            (
                "layer = Layer(3, 4)",
                ("len(layer.neurons)", "[len(n.w) for n in layer.neurons]"),
            ),
        ),
        wrong=(
            Wrong(
                "layer-size",
                "Your layer has nin neurons of nout inputs: the two sizes are swapped.",
                network_world(layer={"swapped": True}),
            ),
        ),
    ),
    Check(
        "symmetry",
        "the neurons of a layer start different",
        "symmetry",
        (
            (
                "layer = Layer(3, 4)",
                (
                    "len({tuple(w.data for w in n.w) for n in layer.neurons})",
                    "len({id(n) for n in layer.neurons})",
                ),
            ),
        ),
        wrong=(
            Wrong(
                "symmetry",
                "Your layer holds one neuron, listed four times: every neuron starts, and "
                "stays, the same.",
                network_world(layer={"start": "repeated"}),
            ),
            Wrong(
                "symmetry",
                "Your layer holds four neurons of their own, but they all start with the "
                "same weights (the same seed before each?): they will stay the same.",
                network_world(layer={"start": "seeded"}),
            ),
        ),
        requires=("layer-size",),
    ),
    Check(
        "layer-parameters",
        "layer.parameters() lists the neurons' parameters, neuron by neuron",
        "parameters",
        (("layer = Layer(3, 2)", ("len(layer.parameters())", LAYER_ORDER)),),
        wrong=(
            Wrong(
                "parameters",
                "Your list holds one list per neuron, not the parameters themselves: "
                "it is not flattened.",
                network_world(layer={"nested": True}),
            ),
        ),
        requires=("symmetry",),
    ),
    Check(
        "layer-forward",
        "a layer's outputs: one per neuron, each on the same input",
        "layer-output",
        ((f"layer = Layer(3, 2)\n{SET_LAYER}\nout = layer({X3})", ("out",)),),
        requires=("layer-parameters",),
    ),
    Check(
        "layer-linear",
        "Layer(3, 2, nonlin=False) has linear neurons",
        "nonlin-argument",
        (
            (
                f"layer = Layer(3, 2, nonlin=False)\n{SET_LAYER}\nout = layer({X3})",
                ("out",),
            ),
        ),
        wrong=(
            Wrong(
                "nonlin-argument",
                "Your Layer takes no nonlin argument.",
                network_world(nonlin_argument=False),
            ),
        ),
        requires=("layer-forward",),
    ),
    Check(
        "layer-single",
        "Layer(3, 1) returns a single Value",
        "layer-output",
        ((f"layer = Layer(3, 1)\n{SET_LAYER}\nout = layer({X3})", ("out",)),),
        wrong=(
            Wrong(
                "layer-output",
                "Your layer of one neuron returns a list holding its output.",
                network_world(layer={"single": "list"}),
            ),
        ),
        requires=("layer-forward",),
    ),
    Check(
        "mlp-sizes",
        "MLP(2, [4, 3, 1]) has layers of the right sizes",
        "layer-sizes",
        (("model = MLP(2, [4, 3, 1])", (SHAPES,)),),
        wrong=(
            Wrong(
                "layer-sizes",
                "Your layers are sized from nouts alone, without nin.",
                network_world(sizes="nouts"),
            ),
            Wrong(
                "layer-sizes",
                "Each of your layers has as many neurons as it should have inputs, and "
                "the other way round.",
                network_world(sizes="swapped"),
            ),
            Wrong(
                "layer-count",
                "Your network has one layer too few: the last one, of nouts[-1] "
                "neurons, is missing.",
                network_world(sizes="no-last"),
            ),
            Wrong(
                "layer-count",
                "Your network has one layer too few: the first one, which reads the nin "
                "inputs, is missing.",
                network_world(sizes="no-first"),
            ),
            Wrong(
                "layer-count",
                "Your network keeps its layers under another name than model.layers, "
                "the name the contract gives them.",
                network_world(store="stack"),
            ),
        ),
        requires=("layer-linear",),
    ),
    Check(
        "mlp-parameters",
        "model.parameters(): all 31, layer by layer",
        "parameters",
        (("model = MLP(2, [4, 3, 1])", ("len(model.parameters())", IN_ORDER)),),
        wrong=(
            Wrong(
                "parameter-order",
                "Your list holds every parameter, the last layer's first.",
                network_world(order="reversed"),
            ),
            Wrong(
                "parameters",
                "Your list holds one list per layer, not the parameters themselves: it "
                "is not flattened.",
                network_world(order="nested"),
            ),
        ),
        requires=("mlp-sizes",),
    ),
    Check(
        "mlp-forward",
        "the MLP's output: ReLU hidden layers, a linear last layer",
        "mlp-forward",
        ((MODEL, ("out",)),),
        wrong=(
            Wrong(
                "last-layer-linear",
                "Your output matches a last layer with ReLU, which cuts a negative score "
                "to 0.",
                network_world(last="relu"),
            ),
            Wrong(
                "layer-output",
                "Your network returns a list holding its one output.",
                network_world(layer={"single": "list"}),
            ),
            Wrong(
                "mlp-forward",
                "Every layer of yours reads the network's input, not the output of the "
                "layer before: the second layer, of 4 inputs, got the network's 2.",
                network_world(chain=False),
            ),
        ),
        requires=("mlp-parameters", "layer-single"),
    ),
    Check(
        "mlp-gradients",
        "the MLP's gradients reach every parameter",
        "gradient",
        ((f"{MODEL}\nout.backward()", ("[p.grad for p in model.parameters()]",)),),
        wrong=(
            Wrong(
                "graph-broken",
                "Only the last layer's parameters get gradients: the layers pass plain "
                "numbers on, so the graph is cut between them.",
                network_world(data=True),
            ),
        ),
        requires=("mlp-forward",),
    ),
)


EXERCISE = Exercise(
    name="mlp",
    order=3,
    about="Layer and MLP",
    names=("Layer", "MLP"),
    reference=network_world,
    checks=CHECKS,
    library={"Layer": ("micrograd.nn:Layer",), "MLP": ("micrograd.nn:MLP",)},
    objectives=(
        "put nout neurons side by side in a Layer, each with its own random start",
        "chain layers into an MLP, each reading what the one before outputs, with ReLU "
        "hidden layers and a linear last layer",
        "list every parameter, layer by layer",
    ),
    lessons=("03-neural-network/layers-and-mlps/",),
    compare=(
        "03-neural-network/layers-and-mlps/#exercise-1-write-your-own-layer-and-mlp",
    ),
)
