"""The learners' mistakes of the checker's mutation suite, as edits to a correct solution.

Every mutant is ``<exercise>/correct.py`` with a few exact text edits that make one classic
mistake, and a docstring that says which. ``source(exercise, name)`` builds its code and
``write(exercise, name, directory)`` writes it to ``<directory>/<exercise>/<name>.py``.

Each edit's ``old`` text must occur exactly once in the code it is applied to (correct.py,
after the edits listed before it), or building the mutant raises: a change to a correct.py
can never quietly turn a mutant into a copy of the correct solution.
"""

import re
from pathlib import Path
from typing import NamedTuple

CASES = Path(__file__).resolve().parent


class Mutant(NamedTuple):
    """One mistake: the concept id the checker must name first, what is wrong (the mutant's
    docstring reads ``Mistake: <why>.``), and the (old, new) edits, applied in order."""

    concept: str
    why: str
    edits: list[tuple[str, str]]


class EditError(ValueError):
    """An edit's old text is missing from the code, or occurs more than once."""


# The backward() of value/correct.py: a topological order, then each rule in reverse.
TOPO_BACKWARD = """\
        topo = []
        visited = set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)

        build_topo(self)
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()
"""

MUTANTS = {
    # --- value ------------------------------------------------------------------------------
    ("value", "plus_assign"): Mutant(
        concept="grad-accumulation",
        why="the backward rules overwrite .grad (=) instead of adding to it (+=)",
        edits=[
            ("self.grad += 1.0 * out.grad", "self.grad = 1.0 * out.grad"),
            ("other.grad += 1.0 * out.grad", "other.grad = 1.0 * out.grad"),
            ("self.grad += other.data * out.grad", "self.grad = other.data * out.grad"),
            ("other.grad += self.data * out.grad", "other.grad = self.data * out.grad"),
            (
                "self.grad += other * self.data ** (other - 1) * out.grad",
                "self.grad = other * self.data ** (other - 1) * out.grad",
            ),
            ("self.grad += (1 - t**2) * out.grad", "self.grad = (1 - t**2) * out.grad"),
            ("self.grad += out.data * out.grad", "self.grad = out.data * out.grad"),
            (
                "self.grad += (out.data > 0) * out.grad",
                "self.grad = (out.data > 0) * out.grad",
            ),
        ],
    ),
    ("value", "no_topo"): Mutant(
        concept="topological-order",
        why=(
            "backward() goes breadth-first from the output instead of in topological order"
        ),
        edits=[
            (
                TOPO_BACKWARD,
                """\
        self.grad = 1.0
        queue = [self]
        seen = {self}
        while queue:
            node = queue.pop(0)
            node._backward()
            for child in node._prev:
                if child not in seen:
                    seen.add(child)
                    queue.append(child)
""",
            ),
        ],
    ),
    ("value", "recursive_backward"): Mutant(
        concept="topological-order",
        why=(
            "backward() runs a node's rule, then calls backward() on each child right away"
        ),
        edits=[
            (
                TOPO_BACKWARD,
                """\
        self.grad = 1.0
        self._propagate()

    def _propagate(self):
        self._backward()
        for child in self._prev:
            child._propagate()
""",
            ),
        ],
    ),
    ("value", "topo_no_visited"): Mutant(
        concept="topological-order",
        why=(
            "the topological walk has no visited set: a reused node is listed"
            " (and run) several times"
        ),
        edits=[
            ("        visited = set()\n", ""),
            (
                """\
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)
""",
                """\
            for child in v._prev:
                build_topo(child)
            topo.append(v)
""",
            ),
        ],
    ),
    ("value", "tanh_derivative"): Mutant(
        concept="local-derivative:tanh",
        why="tanh's local derivative is 1 - t instead of 1 - t**2",
        edits=[
            ("self.grad += (1 - t**2) * out.grad", "self.grad += (1 - t) * out.grad")
        ],
    ),
    ("value", "exp_derivative"): Mutant(
        concept="local-derivative:exp",
        why="exp's local derivative is 1 instead of exp(x)",
        edits=[("self.grad += out.data * out.grad", "self.grad += 1.0 * out.grad")],
    ),
    ("value", "pow_derivative"): Mutant(
        concept="local-derivative:pow",
        why="the power rule keeps the exponent: n * x**n",
        edits=[
            (
                "self.grad += other * self.data ** (other - 1) * out.grad",
                "self.grad += other * self.data**other * out.grad",
            )
        ],
    ),
    ("value", "mul_derivative"): Mutant(
        concept="local-derivative:mul",
        why="each input of * gets its own value instead of the other input's",
        edits=[
            (
                """\
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
""",
                """\
            self.grad += self.data * out.grad
            other.grad += other.data * out.grad
""",
            )
        ],
    ),
    ("value", "relu_derivative"): Mutant(
        concept="local-derivative:relu",
        why="relu's local derivative is the output value instead of its slope",
        edits=[
            (
                "self.grad += (out.data > 0) * out.grad",
                "self.grad += out.data * out.grad",
            )
        ],
    ),
    ("value", "no_seed"): Mutant(
        concept="seed-gradient",
        why="backward() never sets the output's gradient to 1",
        edits=[("        self.grad = 1.0\n", "")],
    ),
    ("value", "no_radd"): Mutant(
        concept="reflected-operators",
        why="no reflected operators: 2 + v and 2 * v fail",
        edits=[
            (
                """
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other
""",
                "",
            )
        ],
    ),
    ("value", "no_number_operands"): Mutant(
        concept="number-operands",
        why="plain numbers are not wrapped in a Value: v + 1 fails",
        edits=[
            (
                """\
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
""",
                "    def __add__(self, other):\n",
            ),
            (
                """\
    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
""",
                "    def __mul__(self, other):\n",
            ),
        ],
    ),
    ("value", "no_chain"): Mutant(
        concept="chain-rule",
        why="the backward rules forget to multiply by out.grad",
        edits=[
            ("self.grad += 1.0 * out.grad", "self.grad += 1.0"),
            ("other.grad += 1.0 * out.grad", "other.grad += 1.0"),
            ("self.grad += other.data * out.grad", "self.grad += other.data"),
            ("other.grad += self.data * out.grad", "other.grad += self.data"),
            (
                "self.grad += other * self.data ** (other - 1) * out.grad",
                "self.grad += other * self.data ** (other - 1)",
            ),
            ("self.grad += (1 - t**2) * out.grad", "self.grad += 1 - t**2"),
            ("self.grad += out.data * out.grad", "self.grad += out.data"),
            (
                "self.grad += (out.data > 0) * out.grad",
                "self.grad += float(out.data > 0)",
            ),
        ],
    ),
    ("value", "backward_not_stored"): Mutant(
        concept="local-derivative:mul",
        why="* never stores its backward rule on the Value it returns",
        edits=[
            (
                """\
            other.grad += self.data * out.grad

        out._backward = _backward
""",
                """\
            other.grad += self.data * out.grad

""",
            )
        ],
    ),
    ("value", "raises"): Mutant(
        concept="error",
        why="a typo in a backward rule raises AttributeError",
        edits=[
            ("other.grad += self.data * out.grad", "other.grad += self.dat * out.grad"),
        ],
    ),
    ("value", "infinite_loop"): Mutant(
        concept="timeout",
        why="backward() loops forever",
        edits=[
            (
                """\
        for node in reversed(topo):
            node._backward()
""",
                """\
        i = len(topo) - 1
        while i >= 0:
            topo[i]._backward()
""",
            )
        ],
    ),
    # --- neuron -----------------------------------------------------------------------------
    ("neuron", "no_bias"): Mutant(
        concept="neuron-bias",
        why="the bias is never added to the weighted sum",
        edits=[("zip(self.w, x)), self.b)", "zip(self.w, x)), Value(0.0))")],
    ),
    ("neuron", "tanh_activation"): Mutant(
        concept="activation",
        why="the neuron applies tanh instead of ReLU",
        edits=[("return act.relu() if", "return act.tanh() if")],
    ),
    ("neuron", "no_activation"): Mutant(
        concept="activation",
        why="the neuron ignores nonlin and never applies ReLU",
        edits=[("return act.relu() if self.nonlin else act", "return act")],
    ),
    ("neuron", "uses_data"): Mutant(
        concept="graph-broken",
        why=(
            "the weighted sum is made of .data and wrapped in a new Value:"
            " the graph is cut"
        ),
        edits=[
            (
                "        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)\n",
                """\
        act = Value(
            sum(wi.data * getattr(xi, "data", xi) for wi, xi in zip(self.w, x)) + self.b.data
        )
""",
            )
        ],
    ),
    ("neuron", "no_bias_parameter"): Mutant(
        concept="parameters",
        why="parameters() forgets the bias",
        edits=[("return self.w + [self.b]", "return self.w")],
    ),
    ("neuron", "bias_first"): Mutant(
        concept="parameter-order",
        why="parameters() lists the bias before the weights",
        edits=[("return self.w + [self.b]", "return [self.b] + self.w")],
    ),
    ("neuron", "same_weight"): Mutant(
        concept="weight-init",
        why="the weight list repeats one Value nin times",
        edits=[
            (
                "[Value(random.uniform(-1, 1)) for _ in range(nin)]",
                "[Value(random.uniform(-1, 1))] * nin",
            )
        ],
    ),
    ("neuron", "zero_weights"): Mutant(
        concept="weight-init",
        why="all weights start at 0",
        edits=[("Value(random.uniform(-1, 1)) for", "Value(0.0) for")],
    ),
    # --- mlp --------------------------------------------------------------------------------
    ("mlp", "wrong_sizes"): Mutant(
        concept="layer-sizes",
        why="the layer sizes forget nin: sizes are taken from nouts alone",
        edits=[
            ("        sz = [nin] + nouts\n", ""),
            ("Layer(sz[i], sz[i + 1],", "Layer(nouts[i], nouts[i + 1],"),
            (
                "nonlin=i != len(nouts) - 1) for i in range(len(nouts))",
                "nonlin=i != len(nouts) - 2) for i in range(len(nouts) - 1)",
            ),
        ],
    ),
    ("mlp", "swapped_sizes"): Mutant(
        concept="layer-sizes",
        why="each Layer gets (nout, nin) instead of (nin, nout)",
        edits=[("Layer(sz[i], sz[i + 1],", "Layer(sz[i + 1], sz[i],")],
    ),
    ("mlp", "parameter_order"): Mutant(
        concept="parameter-order",
        why="model.parameters() lists the layers from last to first",
        edits=[
            (
                "for layer in self.layers for p",
                "for layer in reversed(self.layers) for p",
            )
        ],
    ),
    ("mlp", "last_layer_relu"): Mutant(
        concept="last-layer-linear",
        why="every layer applies ReLU, the last one too",
        edits=[
            (
                """\
        self.layers = [
            Layer(sz[i], sz[i + 1], nonlin=i != len(nouts) - 1) for i in range(len(nouts))
        ]
""",
                "        self.layers = [Layer(sz[i], sz[i + 1]) for i in range(len(nouts))]\n",
            )
        ],
    ),
    ("mlp", "list_output"): Mutant(
        concept="layer-output",
        why="a layer always returns a list, even with one neuron",
        edits=[("return outs[0] if len(outs) == 1 else outs", "return outs")],
    ),
    ("mlp", "no_nonlin"): Mutant(
        concept="layer-signature",
        why="Layer does not take nonlin",
        edits=[
            (
                "def __init__(self, nin, nout, nonlin=True):",
                "def __init__(self, nin, nout):",
            ),
            ("Neuron(nin, nonlin=nonlin)", "Neuron(nin)"),
        ],
    ),
    # --- loss -------------------------------------------------------------------------------
    ("loss", "wrong_sign"): Mutant(
        concept="loss-sign",
        why="relu(1 + y * s): the sign of y * s is flipped",
        edits=[("(1 - y * s).relu()", "(1 + y * s).relu()")],
    ),
    ("loss", "no_mean"): Mutant(
        concept="loss-mean",
        why="the sum of the costs instead of their mean",
        edits=[("return sum(losses) * (1.0 / len(losses))", "return sum(losses)")],
    ),
    ("loss", "no_clamp"): Mutant(
        concept="loss-clamp",
        why="1 - y * s without relu: points beyond the margin cost less than 0",
        edits=[("(1 - y * s).relu()", "(1 - y * s)")],
    ),
    ("loss", "no_margin"): Mutant(
        concept="loss-margin",
        why="relu(-y * s): the margin is missing",
        edits=[("(1 - y * s).relu()", "(-y * s).relu()")],
    ),
    ("loss", "uses_max"): Mutant(
        concept="loss-clamp",
        why="max(0, ...) on Values, which cannot be compared",
        edits=[("(1 - y * s).relu()", "max(0, 1 - y * s)")],
    ),
    ("loss", "float_loss"): Mutant(
        concept="loss-output",
        why="the loss is computed from .data: a float, with no graph",
        edits=[
            ("(1 - y * s).relu()", "max(0.0, 1 - y * s.data)"),
            ("sum(losses) * (1.0 / len(losses))", "sum(losses) / len(losses)"),
        ],
    ),
    ("loss", "l2_no_square"): Mutant(
        concept="l2-square",
        why="the L2 penalty sums the parameters without squaring them",
        edits=[("sum(p * p for p in params)", "sum(params)")],
    ),
    ("loss", "l2_no_alpha"): Mutant(
        concept="l2-alpha",
        why="the L2 penalty forgets alpha",
        edits=[("return alpha * sum(", "return sum(")],
    ),
    # --- train ------------------------------------------------------------------------------
    ("train", "no_zero_grad"): Mutant(
        concept="zero-grad",
        why="the gradients are never reset between steps",
        edits=[("        model.zero_grad()\n", "")],
    ),
    ("train", "wrong_sign"): Mutant(
        concept="update-direction",
        why="the parameters move along the gradient",
        edits=[("p.data -= lr * p.grad", "p.data += lr * p.grad")],
    ),
    ("train", "zero_after_backward"): Mutant(
        concept="update-order",
        why="the gradients are reset between backward() and the update",
        edits=[
            (
                """\
        model.zero_grad()
        loss = hinge_loss([model(x) for x in X], y)
        loss.backward()
""",
                """\
        loss = hinge_loss([model(x) for x in X], y)
        loss.backward()
        model.zero_grad()
""",
            )
        ],
    ),
    ("train", "rebind"): Mutant(
        concept="update-in-place",
        why="p = p - lr * p.grad builds a new Value and leaves the model unchanged",
        edits=[("p.data -= lr * p.grad", "p = p - lr * p.grad")],
    ),
    ("train", "no_lr"): Mutant(
        concept="learning-rate",
        why="the step ignores lr",
        edits=[("p.data -= lr * p.grad", "p.data -= p.grad")],
    ),
    ("train", "returns_values"): Mutant(
        concept="loss-history",
        why="the list keeps the loss Values, not their numbers",
        edits=[("losses.append(loss.data)", "losses.append(loss)")],
    ),
    ("train", "loss_after_update"): Mutant(
        concept="loss-history",
        why="the loss recorded is computed after the update",
        edits=[
            (
                "losses.append(loss.data)",
                "losses.append(hinge_loss([model(x) for x in X], y).data)",
            )
        ],
    ),
}


def apply(text, old, new):
    """``text`` with ``old`` replaced by ``new``; raises EditError unless ``old`` occurs
    exactly once (overlapping occurrences count)."""
    start = text.find(old) if old else -1
    if start < 0:
        raise EditError(f"not found: {old!r}")
    if text.find(old, start + 1) >= 0:
        raise EditError(f"found more than once: {old!r}")
    return text[:start] + new + text[start + len(old) :]


def source(exercise, name):
    """The code of mutant ``name`` of ``exercise``: its correct.py with the edits applied."""
    mutant = MUTANTS[exercise, name]
    text = (CASES / exercise / "correct.py").read_text(encoding="utf-8")
    docstring = re.search(r'^""".*"""$', text, re.M)
    if docstring is None:
        raise EditError(f"{exercise}/correct.py has no one-line module docstring")
    edits = [(docstring.group(), f'"""Mistake: {mutant.why}."""'), *mutant.edits]
    for i, (old, new) in enumerate(edits):
        try:
            text = apply(text, old, new)
        except EditError as error:
            where = f"edits[{i - 1}]" if i else "docstring"
            raise EditError(f"{exercise}/{name}, {where}: {error}") from None
    return text


def write(exercise, name, directory):
    """Write mutant ``name`` of ``exercise`` to ``<directory>/<exercise>/<name>.py``."""
    path = Path(directory) / exercise / f"{name}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source(exercise, name), encoding="utf-8")
    return path
