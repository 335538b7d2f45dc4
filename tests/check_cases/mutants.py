"""The learners' mistakes of the checker's mutation suite, as edits to a correct solution.

Every mutant is a correct solution, ``<exercise>/correct.py`` (or another correct file of
its folder), with a few exact text edits that make one classic mistake, and a docstring
that says which. ``source(exercise, name)`` builds its code and
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
    docstring reads ``Mistake: <why>.``), the (old, new) edits, applied in order, and the
    solution they are applied to (``<exercise>/<base>.py``). ``then``, when given, is
    every concept the report names after the first (``()``: no other)."""

    concept: str
    why: str
    edits: list[tuple[str, str]]
    base: str = "correct"
    then: tuple | None = None


class EditError(ValueError):
    """An edit's old text is missing from the code, or occurs more than once."""


# backward() of value/correct.py: a topological order, then the chain rule in reverse.
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
            for child, local in zip(node._prev, node._local):
                child.grad += local * node.grad
"""
# What each node passes on, in value/correct.py's backward().
PASS_ON = """\
            for child, local in zip(node._prev, node._local):
                child.grad += local * node.grad
"""
LIBRARY = "\nfrom micrograd.engine import Value as CourseValue\n\n\nclass Value(CourseValue):\n"


def _backward(walk):
    """value/correct.py's backward() with another walk through the graph."""
    return [(TOPO_BACKWARD, walk)]


MUTANTS = {
    # --- value: the course's design (local derivatives as numbers) ---------------------
    ("value", "plus_assign"): Mutant(
        "grad-accumulation",
        "the chain rule overwrites .grad (=) instead of adding to it (+=)",
        [("child.grad += local * node.grad", "child.grad = local * node.grad")],
    ),
    ("value", "no_reverse"): Mutant(
        "reverse-order",
        "backward() walks the topological order without reversing it",
        [("for node in reversed(topo):", "for node in topo:")],
    ),
    ("value", "only_output"): Mutant(
        "reverse-order",
        "backward() passes on the output's gradient only, without walking the graph",
        _backward(
            """\
        self.grad = 1.0
        for child, local in zip(self._prev, self._local):
            child.grad += local * self.grad
"""
        ),
    ),
    ("value", "breadth_first"): Mutant(
        "topological-order",
        "backward() goes breadth-first from the output instead of in topological order",
        _backward(
            """\
        self.grad = 1.0
        queue = [self]
        seen = {self}
        while queue:
            node = queue.pop(0)
            for child, local in zip(node._prev, node._local):
                child.grad += local * node.grad
                if child not in seen:
                    seen.add(child)
                    queue.append(child)
"""
        ),
    ),
    ("value", "recursive_backward"): Mutant(
        "topological-order",
        "backward() passes a node's gradient on, then calls each input's walk right away",
        _backward(
            """\
        self.grad = 1.0
        self._pass_on()

    def _pass_on(self):
        for child, local in zip(self._prev, self._local):
            child.grad += local * self.grad
        for child in self._prev:
            child._pass_on()
"""
        ),
    ),
    ("value", "topo_no_visited"): Mutant(
        "topological-order",
        "the topological walk has no visited set: a reused node is listed several times",
        [
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
    ("value", "no_seed"): Mutant(
        "seed-gradient",
        "backward() never sets the output's gradient to 1",
        [("        self.grad = 1.0\n", "")],
    ),
    ("value", "seed_after_walk"): Mutant(
        "seed-gradient",
        "backward() sets the output's gradient to 1 only after the walk",
        [
            ("        self.grad = 1.0\n", ""),
            (PASS_ON, PASS_ON + "        self.grad = 1.0\n"),
        ],
    ),
    ("value", "no_chain"): Mutant(
        "chain-rule",
        "the chain rule forgets to multiply by the node's gradient",
        [("child.grad += local * node.grad", "child.grad += local")],
    ),
    ("value", "add_derivative"): Mutant(
        "local-derivative:add",
        "+ records a local derivative of 0 for its second input",
        [('"+", (1.0, 1.0)', '"+", (1.0, 0.0)')],
    ),
    ("value", "mul_derivative"): Mutant(
        "local-derivative:mul",
        "each input of * gets its own value instead of the other input's",
        [("(other.data, self.data)", "(self.data, other.data)")],
    ),
    ("value", "mul_not_recorded"): Mutant(
        "local-derivative:mul",
        "* records no local derivatives",
        [('"*", (other.data, self.data))', '"*")')],
    ),
    ("value", "pow_derivative"): Mutant(
        "local-derivative:pow",
        "the power rule keeps the exponent: n * x**n",
        [("(n * self.data ** (n - 1),)", "(n * self.data**n,)")],
    ),
    ("value", "pow_fixed_exponent"): Mutant(
        "local-derivative:pow",
        "the power rule is written for a**3 only: 3 * x**2, whatever n is",
        [("(n * self.data ** (n - 1),)", "(3 * self.data**2,)")],
    ),
    ("value", "pow_precedence"): Mutant(
        "local-derivative:pow",
        "n * x**n - 1: the exponent n - 1 is missing its brackets",
        [("(n * self.data ** (n - 1),)", "(n * self.data ** n - 1,)")],
    ),
    ("value", "tanh_derivative"): Mutant(
        "local-derivative:tanh",
        "tanh's local derivative is 1 - t instead of 1 - t**2",
        [('"tanh", (1 - t**2,)', '"tanh", (1 - t,)')],
    ),
    ("value", "exp_derivative"): Mutant(
        "local-derivative:exp",
        "exp's local derivative is 1 instead of exp(x)",
        [('"exp", (e,)', '"exp", (1.0,)')],
    ),
    ("value", "relu_derivative"): Mutant(
        "local-derivative:relu",
        "relu's local derivative is its output instead of its slope",
        [("(1.0 if x > 0 else 0.0,)", "(max(x, 0.0),)")],
    ),
    ("value", "relu_at_zero"): Mutant(
        "local-derivative:relu",
        "relu's slope is 1 at exactly 0 (x >= 0)",
        [("(1.0 if x > 0 else 0.0,)", "(1.0 if x >= 0 else 0.0,)")],
    ),
    ("value", "grad_starts_none"): Mutant(
        "value-fields",
        "a new Value's gradient starts as None, not 0",
        [("        self.grad = 0.0\n", "        self.grad = None\n")],
    ),
    ("value", "sub_adds"): Mutant(
        "extra-operation",
        "a - b adds b instead of subtracting it",
        [("        return self + (-other)\n", "        return self + other\n")],
    ),
    ("value", "no_radd"): Mutant(
        "reflected-operators",
        "no reflected operators: 2 + v and 2 * v fail",
        [
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
        "number-operands",
        "plain numbers are not wrapped in a Value: v + 1 fails",
        [
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
    ("value", "returns_number"): Mutant(
        "returns-value",
        "+ returns a plain number, not a new Value",
        [
            (
                'return Value(self.data + other.data, (self, other), "+", (1.0, 1.0))',
                "return self.data + other.data",
            )
        ],
    ),
    ("value", "changes_input"): Mutant(
        "returns-value",
        "* changes its first input and returns it",
        [
            (
                'return Value(self.data * other.data, (self, other), "*", (other.data, self.data))',
                "self.data = self.data * other.data\n        return self",
            )
        ],
    ),
    ("value", "library_subclass"): Mutant(
        "own-code",
        "Value is a subclass of the course's Value",
        [("\n\nclass Value:\n", LIBRARY)],
    ),
    ("value", "raises"): Mutant(
        "error",
        "a typo in a backward rule raises AttributeError",
        [("(other.data, self.data)", "(other.data, self.dat)")],
    ),
    ("value", "infinite_loop"): Mutant(
        "timeout",
        "backward() loops forever",
        [("for node in reversed(topo):", "while True:\n          for node in topo:")],
    ),
    # --- value: the other design (a backward closure per operation) ------------------
    ("value", "closure_plus_assign"): Mutant(
        "grad-accumulation",
        "the backward closures overwrite .grad (=) instead of adding to it (+=)",
        [
            ("self.grad += 1.0 * out.grad", "self.grad = 1.0 * out.grad"),
            ("other.grad += 1.0 * out.grad", "other.grad = 1.0 * out.grad"),
            ("self.grad += other.data * out.grad", "self.grad = other.data * out.grad"),
            ("other.grad += self.data * out.grad", "other.grad = self.data * out.grad"),
        ],
        base="closures",
    ),
    ("value", "closure_not_stored"): Mutant(
        "local-derivative:mul",
        "* never stores its backward closure on the Value it returns",
        [
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
        base="closures",
    ),
    ("value", "closure_no_chain"): Mutant(
        "chain-rule",
        "the closure of + forgets to multiply by out.grad",
        [
            ("self.grad += 1.0 * out.grad", "self.grad += 1.0"),
            ("other.grad += 1.0 * out.grad", "other.grad += 1.0"),
        ],
        base="closures",
    ),
    # --- value: a learner's own, honest mistakes -------------------------------------
    ("value", "rsub_swapped"): Mutant(
        "reflected-operators",
        "5 - a computes a - 5: __rsub__ puts the Value before the number",
        [
            (
                "    def __rsub__(self, other):\n        return other + (-self)\n",
                "    def __rsub__(self, other):\n        return self - other\n",
            )
        ],
        then=(),
    ),
    ("value", "rtruediv_swapped"): Mutant(
        "reflected-operators",
        "1 / a computes a / 1: __rtruediv__ puts the Value before the number",
        [
            (
                "    def __rtruediv__(self, other):\n        return other * self**-1\n",
                "    def __rtruediv__(self, other):\n        return self / other\n",
            )
        ],
        then=(),
    ),
    ("value", "tanh_of_input"): Mutant(
        "local-derivative:tanh",
        "tanh's local derivative is computed from the input: 1 - x**2",
        [('"tanh", (1 - t**2,)', '"tanh", (1 - self.data**2,)')],
    ),
    ("value", "exp_of_input"): Mutant(
        "local-derivative:exp",
        "exp's local derivative is its input x, not its output",
        [('"exp", (e,)', '"exp", (self.data,)')],
    ),
    ("value", "pow_no_factor"): Mutant(
        "local-derivative:pow",
        "the power rule forgets the factor n: x**(n - 1)",
        [("(n * self.data ** (n - 1),)", "(self.data ** (n - 1),)")],
    ),
    ("value", "neg_from_data"): Mutant(
        "extra-operation",
        "-a is a new Value made from -a.data, with no graph behind it",
        [
            (
                "    def __neg__(self):\n        return self * -1\n",
                "    def __neg__(self):\n        return Value(-self.data)\n",
            )
        ],
    ),
    ("value", "mul_number_not_wrapped"): Mutant(
        "number-operands",
        "* does not wrap a plain number in a Value: a * 3 fails",
        [
            (
                """\
    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
""",
                "    def __mul__(self, other):\n",
            )
        ],
    ),
    ("value", "relu_slope_of_output"): Mutant(
        "local-derivative:relu",
        "relu's slope is written relu(x) >= 0, which holds everywhere",
        [("(1.0 if x > 0 else 0.0,)", "(float(max(x, 0.0) >= 0),)")],
    ),
    ("value", "closure_mul_grads"): Mutant(
        "local-derivative:mul",
        "the closure of * multiplies by the inputs' gradients, not by their data",
        [
            (
                "self.grad += other.data * out.grad",
                "self.grad += other.grad * out.grad",
            ),
            (
                "other.grad += self.data * out.grad",
                "other.grad += self.grad * out.grad",
            ),
        ],
        base="closures",
    ),
    ("value", "closure_backward_none"): Mutant(
        "error",
        "a leaf's _backward is None, which backward() then calls",
        [
            (
                "        self._backward = lambda: None\n",
                "        self._backward = None\n",
            )
        ],
        base="closures",
    ),
    # --- neuron -------------------------------------------------------------------------
    ("neuron", "no_bias"): Mutant(
        "neuron-bias",
        "the bias is never added to the weighted sum",
        [("zip(self.w, x)), self.b)", "zip(self.w, x)), Value(0.0))")],
    ),
    ("neuron", "relu_before_bias"): Mutant(
        "bias-before-activation",
        "ReLU is applied to w·x, and the bias added after it",
        [
            ("zip(self.w, x)), self.b)", "zip(self.w, x)), Value(0.0))"),
            (
                "return act.relu() if self.nonlin else act",
                "return (act.relu() if self.nonlin else act) + self.b",
            ),
        ],
    ),
    ("neuron", "tanh_activation"): Mutant(
        "activation",
        "the neuron applies tanh instead of ReLU",
        [("return act.relu() if", "return act.tanh() if")],
    ),
    ("neuron", "no_activation"): Mutant(
        "activation",
        "the neuron never applies ReLU",
        [("return act.relu() if self.nonlin else act", "return act")],
    ),
    ("neuron", "ignores_nonlin"): Mutant(
        "activation",
        "the neuron applies ReLU even with nonlin=False",
        [("return act.relu() if self.nonlin else act", "return act.relu()")],
    ),
    ("neuron", "no_nonlin"): Mutant(
        "nonlin-argument",
        "Neuron takes no nonlin argument",
        [
            ("def __init__(self, nin, nonlin=True):", "def __init__(self, nin):"),
            ("self.nonlin = nonlin", "self.nonlin = True"),
        ],
    ),
    ("neuron", "returns_number"): Mutant(
        "returns-value",
        "the neuron returns its output's .data",
        [
            (
                "return act.relu() if self.nonlin else act",
                "return (act.relu() if self.nonlin else act).data",
            )
        ],
    ),
    ("neuron", "uses_data"): Mutant(
        "graph-broken",
        "the weighted sum is made of .data and wrapped in a new Value: the graph is cut",
        [
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
    ("neuron", "weights_elsewhere"): Mutant(
        "neuron-weights",
        "the weights are kept in self.weights, not in self.w",
        [
            ("self.w = [", "self.weights = ["),
            ("zip(self.w, x)", "zip(self.weights, x)"),
            ("return self.w + [self.b]", "return self.weights + [self.b]"),
        ],
    ),
    ("neuron", "no_bias_parameter"): Mutant(
        "parameters",
        "parameters() forgets the bias",
        [("return self.w + [self.b]", "return self.w")],
    ),
    ("neuron", "bias_first"): Mutant(
        "parameter-order",
        "parameters() lists the bias before the weights",
        [("return self.w + [self.b]", "return [self.b] + self.w")],
    ),
    ("neuron", "same_weight"): Mutant(
        "weight-init",
        "the weight list repeats one Value nin times",
        [
            (
                "[Value(random.uniform(-1, 1)) for _ in range(nin)]",
                "[Value(random.uniform(-1, 1))] * nin",
            )
        ],
    ),
    ("neuron", "zero_weights"): Mutant(
        "weight-init",
        "all weights start at 0",
        [("Value(random.uniform(-1, 1)) for", "Value(0.0) for")],
    ),
    ("neuron", "seeded_weights"): Mutant(
        "symmetry",
        "every neuron seeds the random generator the same way: all start identical",
        [
            (
                "        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]\n",
                "        random.seed(42)\n"
                "        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]\n",
            )
        ],
    ),
    ("neuron", "random_bias"): Mutant(
        "bias-init",
        "the bias starts random, not at 0",
        [("self.b = Value(0.0)", "self.b = Value(random.uniform(-1, 1))")],
    ),
    ("neuron", "library_neuron"): Mutant(
        "own-code",
        "Neuron is the course's, imported",
        [
            (
                "\n\nclass Neuron:\n",
                "\nfrom micrograd.nn import Neuron\n\n\nclass Unused:\n",
            )
        ],
    ),
    # --- neuron: a learner's own, honest mistakes ------------------------------------
    ("neuron", "float_parameters"): Mutant(
        "neuron-weights",
        "the weights and the bias are plain floats, not Values",
        [
            (
                "self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]",
                "self.w = [random.uniform(-1, 1) for _ in range(nin)]",
            ),
            ("self.b = Value(0.0)", "self.b = 0.0"),
        ],
        then=(),
    ),
    ("neuron", "float_bias"): Mutant(
        "neuron-weights",
        "the bias is a plain float, not a Value",
        [("self.b = Value(0.0)", "self.b = 0.0")],
        then=(),
    ),
    ("neuron", "positive_weights"): Mutant(
        "weight-init",
        "the weights start between 0 and 1 (random.random())",
        [("Value(random.uniform(-1, 1)) for", "Value(random.random()) for")],
    ),
    ("neuron", "gauss_weights"): Mutant(
        "weight-init",
        "the weights start from a normal distribution, past -1 and 1",
        [("Value(random.uniform(-1, 1)) for", "Value(random.gauss(0, 1)) for")],
    ),
    ("neuron", "nested_parameters"): Mutant(
        "parameters",
        "parameters() lists the list of weights, then the bias: not flattened",
        [("return self.w + [self.b]", "return [self.w, self.b]")],
    ),
    ("neuron", "bias_added_to_list"): Mutant(
        "parameters",
        "parameters() adds the bias to the list of weights with +",
        [("return self.w + [self.b]", "return self.w + self.b")],
    ),
    ("neuron", "list_output"): Mutant(
        "returns-value",
        "the neuron returns a list holding its output",
        [
            (
                "return act.relu() if self.nonlin else act",
                "return [act.relu() if self.nonlin else act]",
            )
        ],
    ),
    ("neuron", "linear_by_default"): Mutant(
        "activation",
        "nonlin defaults to False: the neuron is linear unless told otherwise",
        [
            (
                "def __init__(self, nin, nonlin=True):",
                "def __init__(self, nin, nonlin=False):",
            )
        ],
    ),
    ("neuron", "one_weight_short"): Mutant(
        "neuron-weights",
        "Neuron(nin) makes nin - 1 weights",
        [("for _ in range(nin)]", "for _ in range(nin - 1)]")],
    ),
    ("neuron", "first_input_only"): Mutant(
        "neuron-forward",
        "every weight multiplies the first input",
        [("zip(self.w, x)), self.b)", "zip(self.w, [x[0]] * len(x))), self.b)")],
    ),
    ("neuron", "sigmoid_activation"): Mutant(
        "activation",
        "the neuron applies a sigmoid instead of ReLU",
        [
            (
                "return act.relu() if self.nonlin else act",
                "return 1 / (1 + (-act).exp()) if self.nonlin else act",
            )
        ],
    ),
    # --- mlp ----------------------------------------------------------------------------
    ("mlp", "nin_neurons"): Mutant(
        "layer-size",
        "a layer makes nin neurons instead of nout",
        [("for _ in range(nout)]", "for _ in range(nin)]")],
    ),
    ("mlp", "wrong_sizes"): Mutant(
        "layer-sizes",
        "the layer sizes forget nin: sizes are taken from nouts alone",
        [("sz = [nin] + nouts", "sz = nouts + nouts[-1:]")],
    ),
    ("mlp", "swapped_sizes"): Mutant(
        "layer-sizes",
        "each Layer gets (nout, nin) instead of (nin, nout)",
        [("Layer(sz[i], sz[i + 1],", "Layer(sz[i + 1], sz[i],")],
    ),
    ("mlp", "parameter_order"): Mutant(
        "parameter-order",
        "model.parameters() lists the layers from last to first",
        [
            (
                "for layer in self.layers for p",
                "for layer in reversed(self.layers) for p",
            )
        ],
    ),
    ("mlp", "last_layer_relu"): Mutant(
        "last-layer-linear",
        "every layer applies ReLU, the last one too",
        [("nonlin=i != len(nouts) - 1)", "nonlin=True)")],
    ),
    ("mlp", "list_output"): Mutant(
        "layer-output",
        "a layer always returns a list, even with one neuron",
        [("return outs[0] if len(outs) == 1 else outs", "return outs")],
    ),
    ("mlp", "no_nonlin"): Mutant(
        "nonlin-argument",
        "Layer does not take nonlin",
        [
            (
                "def __init__(self, nin, nout, nonlin=True):",
                "def __init__(self, nin, nout):",
            ),
            ("Neuron(nin, nonlin=nonlin)", "Neuron(nin)"),
        ],
    ),
    ("mlp", "repeated_neuron"): Mutant(
        "symmetry",
        "a layer lists one neuron nout times",
        [
            (
                "[Neuron(nin, nonlin=nonlin) for _ in range(nout)]",
                "[Neuron(nin, nonlin=nonlin)] * nout",
            )
        ],
    ),
    ("mlp", "data_between_layers"): Mutant(
        "graph-broken",
        "the layers pass plain numbers on: the graph is cut between them",
        [
            (
                "            x = layer(x)\n",
                "            x = layer([getattr(v, 'data', v) for v in x])\n",
            )
        ],
    ),
    ("mlp", "library_mlp"): Mutant(
        "own-code",
        "MLP is a subclass of the course's",
        [
            (
                "class MLP(Module):",
                "from micrograd.nn import MLP as CourseMLP\n\n\nclass MLP(CourseMLP):",
            )
        ],
    ),
    # --- mlp: a learner's own, honest mistakes ---------------------------------------
    ("mlp", "seeded_neurons"): Mutant(
        "symmetry",
        "each neuron of a layer is made after the same random.seed(0): separate neurons "
        "that start equal",
        [
            (
                "        self.neurons = [Neuron(nin, nonlin=nonlin) for _ in range(nout)]\n",
                """\
        self.neurons = []
        for _ in range(nout):
            random.seed(0)
            self.neurons.append(Neuron(nin, nonlin=nonlin))
""",
            ),
            (
                "from micrograd.nn import Module, Neuron\n",
                "import random\n\nfrom micrograd.nn import Module, Neuron\n",
            ),
        ],
    ),
    ("mlp", "no_last_layer"): Mutant(
        "layer-count",
        "the loop over the sizes stops one turn early: the last layer is missing",
        [("for i in range(len(nouts))", "for i in range(len(nouts) - 1)")],
    ),
    ("mlp", "no_first_layer"): Mutant(
        "layer-count",
        "the loop over the sizes starts at 1: the first layer is missing",
        [("for i in range(len(nouts))", "for i in range(1, len(nouts))")],
    ),
    ("mlp", "layers_elsewhere"): Mutant(
        "layer-count",
        "the network keeps its layers in self.stack, not in self.layers",
        [
            ("        self.layers = [", "        self.stack = ["),
            (
                "        for layer in self.layers:\n",
                "        for layer in self.stack:\n",
            ),
            ("for layer in self.layers for p", "for layer in self.stack for p"),
        ],
    ),
    ("mlp", "nested_layer_parameters"): Mutant(
        "parameters",
        "layer.parameters() lists each neuron's list: not flattened",
        [
            (
                "return [p for n in self.neurons for p in n.parameters()]",
                "return [n.parameters() for n in self.neurons]",
            )
        ],
    ),
    ("mlp", "nested_mlp_parameters"): Mutant(
        "parameters",
        "model.parameters() lists each layer's list: not flattened",
        [
            (
                "return [p for layer in self.layers for p in layer.parameters()]",
                "return [layer.parameters() for layer in self.layers]",
            )
        ],
    ),
    ("mlp", "swapped_layer"): Mutant(
        "layer-size",
        "Layer(nin, nout) makes nin neurons of nout inputs",
        [
            (
                "[Neuron(nin, nonlin=nonlin) for _ in range(nout)]",
                "[Neuron(nout, nonlin=nonlin) for _ in range(nin)]",
            )
        ],
    ),
    ("mlp", "inverted_nonlin"): Mutant(
        "last-layer-linear",
        "only the last layer applies ReLU, the hidden ones are linear",
        [("nonlin=i != len(nouts) - 1)", "nonlin=i == len(nouts) - 1)")],
    ),
    ("mlp", "same_input"): Mutant(
        "mlp-forward",
        "every layer reads the network's input, not the output of the layer before",
        [
            (
                "            x = layer(x)\n        return x\n",
                "            out = layer(x)\n        return out\n",
            )
        ],
    ),
    ("mlp", "first_output_only"): Mutant(
        "layer-output",
        "a layer returns its first neuron's output only",
        [("return outs[0] if len(outs) == 1 else outs", "return outs[0]")],
    ),
    # --- loss ---------------------------------------------------------------------------
    ("loss", "wrong_sign"): Mutant(
        "loss-sign",
        "relu(1 + y * s): the sign of y * s is flipped",
        [("(1 - y * s).relu()", "(1 + y * s).relu()")],
    ),
    ("loss", "no_mean"): Mutant(
        "loss-mean",
        "the sum of the costs instead of their mean",
        [("return sum(losses) * (1.0 / len(losses))", "return sum(losses)")],
    ),
    ("loss", "mean_of_four"): Mutant(
        "loss-mean",
        "the sum of the costs divided by 4, whatever the number of examples",
        [("(1.0 / len(losses))", "(1.0 / 4)")],
    ),
    ("loss", "no_clamp"): Mutant(
        "loss-clamp",
        "1 - y * s without relu: points beyond the margin cost less than 0",
        [("(1 - y * s).relu()", "(1 - y * s)")],
    ),
    ("loss", "no_margin"): Mutant(
        "loss-margin",
        "relu(-y * s): the margin is missing",
        [("(1 - y * s).relu()", "(-y * s).relu()")],
    ),
    ("loss", "uses_max"): Mutant(
        "loss-clamp",
        "max(0, ...) on Values, which cannot be compared",
        [("(1 - y * s).relu()", "max(0, 1 - y * s)")],
    ),
    ("loss", "float_loss"): Mutant(
        "returns-value",
        "the loss is computed from .data: a float, with no graph",
        [
            ("(1 - y * s).relu()", "max(0.0, 1 - y * s.data)"),
            ("sum(losses) * (1.0 / len(losses))", "sum(losses) / len(losses)"),
        ],
    ),
    ("loss", "cut_loss"): Mutant(
        "graph-broken",
        "the loss is computed from .data, then wrapped in a new Value",
        [
            ("(1 - y * s).relu()", "max(0.0, 1 - y * s.data)"),
            ("sum(losses) * (1.0 / len(losses))", "Value(sum(losses) / len(losses))"),
            (
                '"""\n\n\ndef hinge_loss',
                '"""\n\nfrom micrograd.engine import Value\n\n\ndef hinge_loss',
            ),
        ],
    ),
    ("loss", "library_hinge"): Mutant(
        "own-code",
        "hinge_loss is the course's, imported",
        [
            (
                "def hinge_loss(scores, labels):",
                "from micrograd.losses import hinge_loss\n\n\ndef unused(scores, labels):",
            )
        ],
    ),
    ("loss", "l2_no_square"): Mutant(
        "l2-square",
        "the L2 penalty sums the parameters without squaring them",
        [("sum(p * p for p in params)", "sum(params)")],
    ),
    ("loss", "l2_no_alpha"): Mutant(
        "l2-alpha",
        "the L2 penalty forgets alpha",
        [("return alpha * sum(", "return sum(")],
    ),
    ("loss", "l2_mean"): Mutant(
        "l2-sum",
        "the L2 penalty takes the mean of the squares",
        [
            (
                "return alpha * sum(p * p for p in params)",
                "return alpha * sum(p * p for p in params) * (1.0 / len(params))",
            )
        ],
    ),
    # --- loss: a learner's own, honest mistakes --------------------------------------
    ("loss", "l2_from_data"): Mutant(
        "graph-broken",
        "the L2 penalty is computed from .data, then wrapped in a new Value: the right "
        "number, and no gradient",
        [
            (
                "    return alpha * sum(p * p for p in params)\n",
                "    return Value(alpha * sum(p.data**2 for p in params))\n",
            ),
            (
                '"""\n\n\ndef hinge_loss',
                '"""\n\nfrom micrograd.engine import Value\n\n\ndef hinge_loss',
            ),
        ],
        then=(),
    ),
    ("loss", "l2_float"): Mutant(
        "returns-value",
        "the L2 penalty is a plain float, computed from .data",
        [
            (
                "    return alpha * sum(p * p for p in params)\n",
                "    return alpha * sum(p.data**2 for p in params)\n",
            )
        ],
    ),
    ("loss", "l2_square_of_sum"): Mutant(
        "l2-square",
        "the L2 penalty squares the sum of the parameters",
        [
            (
                "return alpha * sum(p * p for p in params)",
                "return alpha * sum(params) ** 2",
            )
        ],
    ),
    ("loss", "l2_half"): Mutant(
        "l2-alpha",
        "the L2 penalty is halved",
        [
            (
                "return alpha * sum(p * p for p in params)",
                "return 0.5 * alpha * sum(p * p for p in params)",
            )
        ],
    ),
    ("loss", "l2_of_absolute_values"): Mutant(
        "l2-square",
        "the L2 penalty sums absolute values, written with relu (that is L1)",
        [
            (
                "return alpha * sum(p * p for p in params)",
                "return alpha * sum(p.relu() + (-p).relu() for p in params)",
            )
        ],
    ),
    ("loss", "no_labels"): Mutant(
        "loss-value",
        "the cost leaves the labels out: relu(1 - s)",
        [("(1 - y * s).relu()", "(1 - s).relu()")],
    ),
    ("loss", "returns_costs"): Mutant(
        "loss-mean",
        "hinge_loss returns the list of the costs",
        [("return sum(losses) * (1.0 / len(losses))", "return losses")],
    ),
    ("loss", "relu_of_data"): Mutant(
        "graph-broken",
        "the cost is computed from s.data, a float, which has no relu()",
        [("(1 - y * s).relu()", "(1 - y * s.data).relu()")],
    ),
    ("loss", "mean_score"): Mutant(
        "loss-value",
        "the cost of each example uses the mean score, not its own",
        [
            (
                "(1 - y * s).relu()",
                "(1 - y * sum(scores) * (1.0 / len(scores))).relu()",
            )
        ],
    ),
    # --- train --------------------------------------------------------------------------
    ("train", "no_zero_grad"): Mutant(
        "zero-grad",
        "the gradients are never reset between steps",
        [("        model.zero_grad()\n", "")],
    ),
    ("train", "wrong_sign"): Mutant(
        "update-direction",
        "the parameters move along the gradient",
        [("p.data -= lr * p.grad", "p.data += lr * p.grad")],
    ),
    ("train", "zero_after_backward"): Mutant(
        "update-order",
        "the gradients are reset between backward() and the update",
        [
            (
                "        model.zero_grad()\n        loss.backward()\n",
                "        loss.backward()\n        model.zero_grad()\n",
            ),
        ],
    ),
    ("train", "update_before_backward"): Mutant(
        "update-order",
        "the update runs before backward(), so it uses the previous step's gradients",
        [
            ("        model.zero_grad()\n        loss.backward()\n", ""),
            (
                "            p.data -= lr * p.grad\n",
                "            p.data -= lr * p.grad\n        model.zero_grad()\n        loss.backward()\n",
            ),
        ],
    ),
    ("train", "zero_update_backward"): Mutant(
        "update-order",
        "the update runs between zero_grad() and backward(): every update adds 0",
        [
            ("        loss.backward()\n", ""),
            (
                "            p.data -= lr * p.grad\n",
                "            p.data -= lr * p.grad\n        loss.backward()\n",
            ),
        ],
    ),
    ("train", "forward_once"): Mutant(
        "forward-each-step",
        "the scores and the loss are computed once, before the loop",
        [
            (
                "    for _ in range(steps):\n        scores = [model(x) for x in X]\n        loss = hinge_loss(scores, y)\n",
                "    scores = [model(x) for x in X]\n    loss = hinge_loss(scores, y)\n    for _ in range(steps):\n",
            ),
        ],
    ),
    ("train", "rebind"): Mutant(
        "update-in-place",
        "p = p - lr * p.grad builds a new Value and leaves the model unchanged",
        [("p.data -= lr * p.grad", "p = p - lr * p.grad")],
    ),
    ("train", "no_lr"): Mutant(
        "learning-rate",
        "the step ignores lr",
        [("p.data -= lr * p.grad", "p.data -= p.grad")],
    ),
    ("train", "fixed_lr"): Mutant(
        "learning-rate",
        "the step uses 0.1, whatever lr says",
        [("p.data -= lr * p.grad", "p.data -= 0.1 * p.grad")],
    ),
    ("train", "extra_penalty"): Mutant(
        "loss-penalty",
        "the loss has an L2 penalty added",
        [
            (
                "loss = hinge_loss(scores, y)",
                "loss = hinge_loss(scores, y) + 1e-3 * sum(p * p for p in model.parameters())",
            )
        ],
    ),
    ("train", "returns_values"): Mutant(
        "loss-history",
        "the list keeps the loss Values, not their numbers",
        [("losses.append(loss.data)", "losses.append(loss)")],
    ),
    ("train", "loss_after_update"): Mutant(
        "loss-history",
        "the loss recorded is computed after the update",
        [
            (
                "losses.append(loss.data)",
                "losses.append(hinge_loss([model(x) for x in X], y).data)",
            )
        ],
    ),
    # --- train: a learner's own, honest mistakes -------------------------------------
    ("train", "fixed_steps"): Mutant(
        "loss-history",
        "the loop runs 100 steps, whatever steps says",
        [("for _ in range(steps):", "for _ in range(100):")],
    ),
    ("train", "last_loss_only"): Mutant(
        "loss-history",
        "train returns the last loss, not the list",
        [("    return losses\n", "    return losses[-1]\n")],
    ),
    ("train", "new_list_each_step"): Mutant(
        "loss-history",
        "the list of losses is made anew in every step: only the last loss is kept",
        [
            (
                "    losses = []\n    for _ in range(steps):\n",
                "    for _ in range(steps):\n        losses = []\n",
            )
        ],
    ),
    ("train", "zero_grad_once"): Mutant(
        "zero-grad",
        "the gradients are reset once, before the loop, not in every step",
        [
            ("        model.zero_grad()\n", ""),
            ("    losses = []\n", "    losses = []\n    model.zero_grad()\n"),
        ],
    ),
    ("train", "backward_twice"): Mutant(
        "update-order",
        "backward() runs twice in a step: every gradient is counted twice",
        [
            (
                "        loss.backward()\n",
                "        loss.backward()\n        loss.backward()\n",
            )
        ],
    ),
    ("train", "two_minus_signs"): Mutant(
        "update-direction",
        "p.data += -lr * -p.grad: two minus signs make a step along the gradient",
        [("p.data -= lr * p.grad", "p.data += -lr * -p.grad")],
    ),
    ("train", "sum_of_costs"): Mutant(
        "loss-mean",
        "the loss is the mean hinge loss times the number of examples: the sum of the "
        "costs",
        [("loss = hinge_loss(scores, y)", "loss = hinge_loss(scores, y) * len(y)")],
    ),
    ("train", "first_example_only"): Mutant(
        "training-loop",
        "each step trains on the first example alone",
        [
            ("scores = [model(x) for x in X]", "scores = [model(X[0])]"),
            ("loss = hinge_loss(scores, y)", "loss = hinge_loss(scores, y[:1])"),
        ],
    ),
    ("train", "first_layer_only"): Mutant(
        "training-loop",
        "the update moves the first layer's parameters only",
        [
            (
                "        for p in model.parameters():\n",
                "        for p in model.layers[0].parameters():\n",
            )
        ],
    ),
    # --- capstone -----------------------------------------------------------------------
    ("capstone", "course_value_in_neuron"): Mutant(
        "own-code",
        "the Neuron is built on the course's Value, not on this file's",
        [
            (
                "        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]\n        self.b = Value(0.0)\n",
                "        from micrograd.engine import Value as CourseValue\n\n"
                "        self.w = [CourseValue(random.uniform(-1, 1)) for _ in range(nin)]\n"
                "        self.b = CourseValue(0.0)\n",
            )
        ],
    ),
    ("capstone", "no_reverse"): Mutant(
        "reverse-order",
        "the Value's backward() walks the topological order without reversing it",
        [("for node in reversed(topo):", "for node in topo:")],
    ),
    ("capstone", "hinge_sum"): Mutant(
        "loss-mean",
        "the hinge loss is the sum of the costs",
        [("return sum(losses) * (1.0 / len(losses))", "return sum(losses)")],
    ),
    ("capstone", "last_layer_relu"): Mutant(
        "last-layer-linear",
        "the network's last layer applies ReLU",
        [("nonlin=i != len(nouts) - 1)", "nonlin=True)")],
    ),
    ("capstone", "no_zero_grad"): Mutant(
        "zero-grad",
        "the training loop never resets the gradients",
        [("        model.zero_grad()\n", "")],
    ),
    # --- capstone: a learner's own, honest mistakes ----------------------------------
    ("capstone", "no_rsub"): Mutant(
        "reflected-operators",
        "the Value has no __rsub__, so 1 - y * s in the hinge loss fails",
        [("    def __rsub__(self, other):\n        return other + (-self)\n\n", "")],
        then=(),
    ),
    ("capstone", "rsub_swapped"): Mutant(
        "reflected-operators",
        "5 - a computes a - 5: __rsub__ puts the Value before the number",
        [
            (
                "    def __rsub__(self, other):\n        return other + (-self)\n",
                "    def __rsub__(self, other):\n        return self - other\n",
            )
        ],
        then=(),
    ),
    ("capstone", "float_weights"): Mutant(
        "neuron-weights",
        "the neuron's weights are plain floats, not Values",
        [
            (
                "self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]",
                "self.w = [random.uniform(-1, 1) for _ in range(nin)]",
            )
        ],
    ),
    ("capstone", "no_module_base"): Mutant(
        "error",
        "the network has no Module base, so no zero_grad()",
        [("class MLP(Module):", "class MLP:")],
    ),
}


def _challenge(name, cause, fault, then=()):
    """A diagnosis challenge's two mutants: its fault left in (the cause named), and a
    wrong cause named (the run fixed)."""
    other = "lr-too-low" if cause != "lr-too-low" else "lr-too-high"
    return {
        (name, "unfixed"): Mutant(cause, f"the cause is named, the fault left in", fault, then=then),
        (name, "wrong_cause"): Mutant(
            "diagnosis",
            f"the run is fixed, but the cause named is {other}",
            [(f'CAUSE = "{cause}"', f'CAUSE = "{other}"')],
            then=(),
        ),
    }


_RATE = "p.data -= 0.3 * p.grad"
_DEAD_START = (
    "for neuron in model.layers[0].neurons:\n"
    "    neuron.b.data = -3.0  # every unit starts quiet, to be safe\n"
)
MUTANTS |= {
    # --- diagnosis challenges: each fault left in, and a wrong cause ---------------------
    **_challenge(
        "mystery_leap",
        "lr-too-high",
        [(_RATE, "p.data -= 5.0 * p.grad")],
        then=("dead-relu",),
    ),
    **_challenge("mystery_crawl", "lr-too-low", [(_RATE, "p.data -= 0.0003 * p.grad")]),
    **_challenge(
        "mystery_asleep",
        "dead-relu",
        [("monitor = Monitor(model)\n", _DEAD_START + "monitor = Monitor(model)\n")],
    ),
    **_challenge("mystery_drift", "stale-grad", [("    model.zero_grad()\n", "")]),
    **_challenge(
        "mystery_climb",
        "update-direction",
        [(_RATE, "p.data += 0.3 * p.grad")],
        then=("lr-too-high", "dead-relu"),
    ),
    **_challenge(
        "mystery_chance",
        "wrong-labels",
        [("model = MLP(", "y = [(t + 1) / 2 for t in y]  # the labels as 0 and 1\nmodel = MLP(")],
    ),
    # --- diagnosis challenges: fixes that change what is not the fault -------------------
    ("mystery_leap", "more_points"): Mutant(
        "changed-data",
        "the fix trains on 60 points, not the run's 30",
        [("make_moons(30,", "make_moons(60,")],
        then=(),
    ),
    ("mystery_chance", "flipped_classes"): Mutant(
        "changed-data",
        "the fix flips every label",
        [("model = MLP(", "y = [-t for t in y]\nmodel = MLP(")],
        then=(),
    ),
    ("mystery_asleep", "wider_model"): Mutant(
        "changed-model",
        "the fix doubles the hidden layers' width",
        [("MLP(2, [8, 8, 1]", "MLP(2, [16, 16, 1]")],
        then=(),
    ),
    ("mystery_drift", "deeper_model"): Mutant(
        "changed-model",
        "the fix adds a hidden layer",
        [("MLP(2, [8, 8, 1]", "MLP(2, [8, 8, 8, 1]")],
        then=(),
    ),
    ("mystery_crawl", "more_steps"): Mutant(
        "changed-steps",
        "the fix trains for 60 steps, not the run's 40",
        [("range(40)", "range(60)")],
        then=(),
    ),
    ("mystery_climb", "no_cause"): Mutant(
        "diagnosis",
        "the run is fixed, and no cause named",
        [('CAUSE = "update-direction"', 'CAUSE = ""')],
        then=(),
    ),
    ("mystery_drift", "cause_in_words"): Mutant(
        "diagnosis",
        "the cause is said in words, not as one of the listed ids",
        [('CAUSE = "stale-grad"', 'CAUSE = "gradients never reset"')],
        then=(),
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
    text = (CASES / exercise / f"{mutant.base}.py").read_text(encoding="utf-8")
    docstring = re.search(r'^""".*"""$', text, re.M)
    if docstring is None:
        raise EditError(f"{exercise}/{mutant.base}.py has no one-line module docstring")
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
