"""The ``value`` exercise: the learner's own Value class.

The expected numbers come from the course's Value. The known mistakes come from
:func:`mistaken`, a small Value that makes the mistakes it is asked to make: a wrong local
derivative for one operation, the nodes visited in the wrong order, ``=`` for ``+=``, no
seed, and so on. Each operation is one :class:`Op`: what it computes, its local
derivatives, the points it is tried at (chosen so that the classic wrong formulas give
different numbers) and those wrong formulas.
"""

import math
from dataclasses import dataclass

from micrograd.check.spec import Check, Exercise, Wrong

# --- the operations ------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    """One operation of the exercise, all in one place. ``expression`` is how an example
    writes it (``{}`` stands for the exponent); ``forward`` and ``local`` take the inputs'
    numbers and give the output's number and the local derivatives; ``mistakes`` are the
    classic wrong local derivatives, as (what the learner's numbers then match, rule)."""

    symbol: str  # "+", "tanh"
    name: str  # in concept ids: local-derivative:add
    method: str  # what the learner's class defines: "__add__", "tanh"
    expression: str
    forward: object
    local: object
    points: tuple  # (a, b), (a, n) or (a,)
    mistakes: tuple = ()

    @property
    def concept(self):
        return f"local-derivative:{self.name}"

    def of_inputs(self, field):
        """An example's reads of ``field`` of each input: ``a.grad``, and ``b.grad`` for
        an operation of two Values."""
        return tuple(f"{x}.{field}" for x in ("a", "b") if x in self.expression)

    def setup(self, point):
        """(setup code, the expression) at ``point``."""
        if "b" in self.expression:
            return f"a = Value({point[0]}); b = Value({point[1]})", self.expression
        if "{}" in self.expression:
            return f"a = Value({point[0]})", self.expression.format(point[1])
        return f"a = Value({point[0]})", self.expression

    def cases(self, template, reads, points=None):
        """One example per point (the first ``points``): the setup, then ``template``
        with the expression in it."""
        return tuple(
            (f"{setup}; {template.format(expression)}", reads)
            for setup, expression in map(self.setup, self.points[:points])
        )


OPS = (
    Op(
        "+",
        name="add",
        method="__add__",
        expression="a + b",
        forward=lambda a, b: a + b,
        local=lambda a, b: (1.0, 1.0),
        points=((2.0, -3.0), (-1.5, 4.0)),
        mistakes=(
            (
                "a.grad = 1 and b.grad = 0: only a receives the gradient",
                lambda a, b: (1, 0),
            ),
            (
                "a.grad = 0 and b.grad = 1: only b receives the gradient",
                lambda a, b: (0, 1),
            ),
        ),
    ),
    Op(
        "*",
        name="mul",
        method="__mul__",
        expression="a * b",
        forward=lambda a, b: a * b,
        local=lambda a, b: (b, a),
        points=((2.0, -3.0), (-1.5, 4.0)),
        mistakes=(
            ("each input's own value: a.grad = a and b.grad = b", lambda a, b: (a, b)),
            ("1 for both inputs, as for +", lambda a, b: (1.0, 1.0)),
            ("b for both inputs", lambda a, b: (b, b)),
        ),
    ),
    Op(
        "**",
        name="pow",
        method="__pow__",
        expression="a ** {}",
        forward=lambda x, n: x**n,
        local=lambda x, n: (n * x ** (n - 1),),
        points=((2.0, 3), (-1.5, 2), (4.0, 0.5), (2.0, -1)),
        mistakes=(
            ("n * x**n: the exponent n, not n - 1", lambda x, n: (n * x**n,)),
            ("x**(n - 1), without the factor n", lambda x, n: (x ** (n - 1),)),
            (
                "n * x**n - 1: the exponent is n, then 1 is subtracted",
                lambda x, n: (n * x**n - 1,),
            ),
            ("x**n, the output itself", lambda x, n: (x**n,)),
            ("3 * x**2, whatever n is: a fixed exponent", lambda x, n: (3 * x**2,)),
            ("2 * x, whatever n is: a fixed exponent", lambda x, n: (2 * x,)),
            (
                "3 * x**(n - 1), whatever n is: a fixed factor",
                lambda x, n: (3 * x ** (n - 1),),
            ),
            ("n, the exponent alone", lambda x, n: (n,)),
            ("(n - 1) * x**(n - 1)", lambda x, n: ((n - 1) * x ** (n - 1),)),
        ),
    ),
    Op(
        "tanh",
        name="tanh",
        method="tanh",
        expression="a.tanh()",
        forward=math.tanh,
        local=lambda x: (1 - math.tanh(x) ** 2,),
        points=((0.5,), (-1.2,), (2.0,)),
        mistakes=(
            (
                "1 - t, with t = tanh(x): t is not squared",
                lambda x: (1 - math.tanh(x),),
            ),
            (
                "1 - x**2, with the input x instead of t = tanh(x)",
                lambda x: (1 - x * x,),
            ),
            ("t = tanh(x) itself", lambda x: (math.tanh(x),)),
            ("t**2, without the 1 -", lambda x: (math.tanh(x) ** 2,)),
            ("1: the gradient passes through unchanged", lambda x: (1.0,)),
        ),
    ),
    Op(
        "exp",
        name="exp",
        method="exp",
        expression="a.exp()",
        forward=math.exp,
        local=lambda x: (math.exp(x),),
        points=((0.5,), (-1.0,), (2.0,)),
        mistakes=(
            ("1: the gradient passes through unchanged", lambda x: (1.0,)),
            ("the input x, instead of the output e**x", lambda x: (x,)),
            (
                "x * e**(x - 1), the power rule, which is for x**n",
                lambda x: (x * math.exp(x - 1),),
            ),
        ),
    ),
    Op(
        "relu",
        name="relu",
        method="relu",
        expression="a.relu()",
        forward=lambda x: max(x, 0.0),
        local=lambda x: (1.0 if x > 0 else 0.0,),
        points=((3.0,), (-2.0,), (0.0,)),
        mistakes=(
            (
                "1 at exactly 0 too: the course takes the slope at 0 to be 0",
                lambda x: (float(x >= 0),),
            ),
            ("the output relu(x) instead of the slope", lambda x: (max(x, 0.0),)),
            ("the input x instead of the slope", lambda x: (x,)),
            ("1 everywhere: the gradient passes through unchanged", lambda x: (1.0,)),
        ),
    ),
)
OP = {op.symbol: op for op in OPS}


# --- a Value that makes the mistakes it is told to ------------------------------------


def _postorder(root, visited=True):
    order, seen = [], set()

    def visit(v):
        if not (visited and v in seen):
            seen.add(v)
            for child in v._prev:
                visit(child)
            order.append(v)

    visit(root)
    return order


def _breadth_first(root):
    order, seen = [root], {root}
    for node in order:
        for child in node._prev:
            if child not in seen:
                seen.add(child)
                order.append(child)
    return order


def _each_path(node):  # a node, then each input's walk at once: no visited set
    return [node] + [n for child in node._prev for n in _each_path(child)]


ORDERS = {
    "reversed": lambda root: _postorder(root)[::-1],
    "forward": _postorder,
    "breadth-first": _breadth_first,
    "each-path": _each_path,
    "no-visited": lambda root: _postorder(root, visited=False)[::-1],
}


class _Model:
    """A Value that makes the mistakes its class attributes switch on (none by default):
    ``rules`` replaces some operations' local derivatives (by symbol; the others are the
    :class:`Op`'s); ``order`` is one of ORDERS; ``seed`` is "before", "after" or "none";
    ``result`` maps operations to "float" (a plain number) or "input" (the first input,
    changed)."""

    rules, order, seed, result = {}, "reversed", "before", {}
    accumulate = chain = numbers = True

    def __init__(self, data, _prev=(), _local=()):
        self.data, self.grad, self._prev, self._local = data, 0.0, _prev, _local

    def _apply(self, op, *other):
        if other and op != "**":
            (other,) = other
            if self.numbers and not isinstance(other, _Model):
                other = type(self)(other)
            args, prev = (self.data, other.data), (self, other)
        else:
            args, prev = (self.data, *other), (self,)
        out = OP[op].forward(*args)
        if self.result.get(op) == "float":
            return out
        if self.result.get(op) == "input":
            self.data = out
            return self
        return type(self)(out, prev, self.rules.get(op, OP[op].local)(*args))

    def __add__(self, other):
        return self._apply("+", other)

    def __mul__(self, other):
        return self._apply("*", other)

    def __pow__(self, n):
        return self._apply("**", n)

    def tanh(self):
        return self._apply("tanh")

    def exp(self):
        return self._apply("exp")

    def relu(self):
        return self._apply("relu")

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * other**-1

    def backward(self):
        nodes = ORDERS[self.order](self)
        self.grad = 1.0 if self.seed == "before" else self.grad
        for node in nodes:
            for child, d in zip(node._prev, node._local):
                step = d * node.grad if self.chain else d
                child.grad = child.grad + step if self.accumulate else step
        self.grad = 1.0 if self.seed == "after" else self.grad


def _number_on_left(op):
    def method(self, other):  # the right number, and no graph behind it
        return type(self)(OP[op].forward(other, self.data))

    return method


REVERSED = {  # 5 - a and 1 / a: the number on the left stays on the left, or not
    "right": {
        "__rsub__": lambda self, other: other + (-self),
        "__rtruediv__": lambda self, other: other * self**-1,
    },
    "swapped": {
        "__rsub__": lambda self, other: self - other,
        "__rtruediv__": lambda self, other: self / other,
    },
    "none": {},
}


def mistaken(local=None, *, reflected="same", reversed="right", **switches):
    """A Value class with the given mistakes (see :class:`_Model`); ``mistaken()`` makes
    none. ``local`` replaces some operations' local derivatives; ``reflected`` is "same",
    "none" or "number" (for 1 + a and 3 * a); ``reversed`` is "right", "swapped" or
    "none" (for 5 - a and 1 / a)."""
    attributes = {"rules": dict(local or {}), **REVERSED[reversed], **switches}
    if reflected == "same":
        attributes.update(__radd__=_Model.__add__, __rmul__=_Model.__mul__)
    elif reflected == "number":
        attributes.update(__radd__=_number_on_left("+"), __rmul__=_number_on_left("*"))
    return type("Value", (_Model,), attributes)


# --- the examples --------------------------------------------------------------------

NOTHING = (
    "no gradient at all: nothing passes the gradient of this operation on to its "
    "inputs (is its rule kept on the Value it returns, and what does it multiply the "
    "output's gradient by?)"
)

# Mistakes of backward() itself, from the most specific: they apply to every check of it.
BACKWARD_MISTAKES = (
    Wrong(
        "reverse-order",
        "Only the output passed its gradient on: every other node passed its own on "
        "before it had received any, as when the nodes are visited in topological "
        "order without reversing it (or only the output's own rule runs).",
        {"Value": mistaken(order="forward")},
    ),
    Wrong(
        "chain-rule",
        "Your gradients are the local derivatives alone, as if every node's own gradient "
        "were 1: they are not multiplied by the gradient of the node that uses them.",
        {"Value": mistaken(chain=False)},
    ),
    Wrong(
        "grad-accumulation",
        "Where a value is used twice, your gradient holds only the last contribution: "
        "the earlier one was overwritten.",
        {"Value": mistaken(accumulate=False)},
    ),
    Wrong(
        "topological-order",
        "Your numbers match a breadth-first walk from the output, which can run a node's "
        "rule before every node that uses it is done.",
        {"Value": mistaken(order="breadth-first")},
    ),
    Wrong(
        "topological-order",
        "Your numbers match a walk that passes a node's gradient on, then goes on into each "
        "input at once: a reused node passes its gradient on several times, each time "
        "before it is complete.",
        {"Value": mistaken(order="each-path")},
    ),
    Wrong(
        "topological-order",
        "Your numbers match a topological walk without a visited set: a node reused "
        "deeper in the graph is listed, and passes its gradient on, several times.",
        {"Value": mistaken(order="no-visited")},
    ),
    Wrong(
        "seed-gradient",
        "Every gradient is 0, the output's own too.",
        {"Value": mistaken(seed="none")},
    ),
    Wrong(
        "seed-gradient",
        "The output's gradient is 1, but nothing reached the inputs: it was set to 1 only "
        "after the walk.",
        {"Value": mistaken(seed="after")},
    ),
)


def _local_wrongs(op):
    """The classic wrong local derivatives of ``op``, then the mistakes of backward()."""
    wrongs = [
        Wrong(
            op.concept,
            f"At every point tried, your numbers match {what}.",
            {"Value": mistaken({op.symbol: rule})},
        )
        for what, rule in op.mistakes
    ]
    nothing = {"Value": mistaken({op.symbol: lambda *inputs: ()})}
    wrongs.append(Wrong(op.concept, f"Your numbers show {NOTHING}.", nothing))
    return (*wrongs, *BACKWARD_MISTAKES)


def _forward_checks():
    yield Check(
        "fields",
        "Value(2.0) has data 2.0 and grad 0",
        "value-fields",
        (("a = Value(2.0)", ("a.data", "a.grad")),),
    )
    for op in OPS:
        reads = ("c", *op.of_inputs("data"))
        yield Check(
            f"forward:{op.symbol}",
            f"forward pass: {op.symbol}",
            "forward-pass",
            op.cases("c = {}", reads),
            wrong=_result_wrongs(op.symbol),
            requires=("fields",),
            needs=(f"Value.{op.method}",),
        )
    yield Check(
        "numbers",
        "a plain number on the right: a + 1, a * 3",
        "number-operands",
        (("a = Value(2.0); b = a + 1; c = a * 3", ("b.data", "c.data")),),
        wrong=(
            Wrong(
                "number-operands",
                "Your + and * fail on a plain number, which has no .data.",
                {"Value": mistaken(numbers=False)},
            ),
        ),
        requires=("forward:+", "forward:*"),
    )
    yield Check(
        "reflected",
        "a plain number on the left: 1 + a, 3 * a",
        "reflected-operators",
        (("a = Value(2.0); b = 1 + a; c = 3 * a", ("b.data", "c.data")),),
        wrong=(
            Wrong(
                "reflected-operators",
                "Python finds no way to add a Value to a number on its left.",
                {"Value": mistaken(reflected="none")},
            ),
        ),
        requires=("numbers",),
    )


def _result_wrongs(op):
    return (
        Wrong(
            "returns-value",
            f"Your {op} returns a plain number.",
            {"Value": mistaken(result={op: "float"})},
        ),
        Wrong(
            "returns-value",
            f"Your {op} changes its first input and returns it, instead of a new Value.",
            {"Value": mistaken(result={op: "input"})},
        ),
    )


def _backward_checks():
    yield Check(
        "seed",
        "backward() starts with a gradient of 1 at the output",
        "backward-pass",
        (
            ("a = Value(2.0); a.backward()", ("a.grad",)),
            (
                "a = Value(2.0); b = Value(-3.0); c = a + b; c.backward()",
                ("c.grad", "a.grad", "b.grad"),
            ),
            (
                "a = Value(2.0); b = Value(-3.0); c = a * b; c.backward()",
                ("c.grad", "a.grad", "b.grad"),
            ),
        ),
        # the examples use + and *, which may be what is wrong
        wrong=_local_wrongs(OP["+"])[: -len(BACKWARD_MISTAKES)]
        + _local_wrongs(OP["*"]),
        requires=("forward:+", "forward:*"),
        needs=("Value.backward",),
    )
    for op in OPS:
        yield Check(
            f"local:{op.symbol}",
            f"local derivative: {op.symbol}",
            op.concept,
            op.cases("c = {}; c.backward()", op.of_inputs("grad")),
            wrong=_local_wrongs(op),
            requires=(f"forward:{op.symbol}", "seed"),
        )


def _chain_checks():
    for op in OPS:
        yield Check(
            f"chain:{op.symbol}",
            f"chain rule: {op.symbol}",
            "chain-rule",
            op.cases(
                "k = Value(4.0); d = ({}) * k; d.backward()", op.of_inputs("grad"), 2
            ),
            wrong=BACKWARD_MISTAKES,
            requires=(f"local:{op.symbol}", "local:*"),
        )
    yield Check(
        "reflected-grad",
        "gradients through 1 + 3 * a",
        "reflected-operators",
        (("a = Value(2.0); b = 1 + 3 * a; b.backward()", ("a.grad",)),),
        wrong=(
            Wrong(
                "reflected-operators",
                "No gradient reaches a through 3 * a and 1 + ...: with the number on the "
                "left, the result has no graph behind it.",
                {"Value": mistaken(reflected="number")},
            ),
            *BACKWARD_MISTAKES,
        ),
        requires=("reflected", "chain:+", "chain:*"),
    )
    for op in OPS:
        setup, expression = op.setup(op.points[0])
        twice = (
            expression.replace("b", "a") if "b" in expression else f"{expression} + a"
        )
        yield Check(
            f"twice:{op.symbol}",
            f"a value used twice: {twice}",
            "grad-accumulation",
            ((f"{setup.split(';')[0]}; b = {twice}; b.backward()", ("a.grad",)),),
            wrong=BACKWARD_MISTAKES,
            requires=(f"chain:{op.symbol}", "chain:+"),
        )


def _graph_checks():
    yield Check(
        "topological",
        "a value reused deeper in the graph",
        "topological-order",
        (
            (
                "a = Value(2.0); b = a * 3; c = b * 2; d = b * 4; e = c + d; f = e + b; "
                "f.backward()",
                ("b.grad", "a.grad"),
            ),
        ),
        wrong=BACKWARD_MISTAKES,
        requires=("twice:+", "twice:*", "numbers"),
    )
    yield Check(
        "neuron",
        "gradients of a small neuron, tanh(x1*w1 + x2*w2 + b)",
        "gradient",
        (
            (
                "x1 = Value(2.0); x2 = Value(0.0); w1 = Value(-3.0); w2 = Value(1.0)\n"
                "b = Value(6.8813735870195432); n = x1 * w1 + x2 * w2 + b\n"
                "o = n.tanh(); o.backward()",
                ("x1.grad", "w1.grad", "x2.grad", "w2.grad", "b.grad"),
            ),
        ),
        wrong=BACKWARD_MISTAKES,
        requires=("topological", *(f"twice:{op.symbol}" for op in OPS)),
    )
    for name, code, method, needs in EXTRAS:
        reads = ("c.data", "a.grad") + ("b.grad",) * ("b =" in code)
        swapped = (_swapped(name),) if name[0].isdigit() else ()  # a number on the left
        yield Check(
            f"extra:{name}",
            f"extra operation: {name}",
            "extra-operation",
            ((code, reads),),
            wrong=(*swapped, *BACKWARD_MISTAKES),
            needs=(f"Value.{method}",),
            optional=True,
            requires=("numbers", "reflected", "chain:+", "chain:*", *needs),
        )


def _swapped(name):
    number, op, _ = name.split()
    return Wrong(
        "reflected-operators",
        f"Your {name} computes a {op} {number}: a reflected method gets the Value as "
        "self and the number as other, so it must put them back in their order.",
        {"Value": mistaken(reversed="swapped")},
    )


# Operations the exercise does not ask for: checked when the class defines them.
EXTRAS = [
    ("a - b", "a = Value(5.0); b = Value(2.0); c = a - b; c.backward()", "__sub__", ()),
    ("-a", "a = Value(2.0); c = -a; c.backward()", "__neg__", ()),
    (
        "a / b",
        "a = Value(3.0); b = Value(2.0); c = a / b; c.backward()",
        "__truediv__",
        ("chain:**",),
    ),
    ("5 - a", "a = Value(2.0); c = 5 - a; c.backward()", "__rsub__", ()),
    ("1 / a", "a = Value(2.0); c = 1 / a; c.backward()", "__rtruediv__", ("chain:**",)),
]
CHECKS = (*_forward_checks(), *_backward_checks(), *_chain_checks(), *_graph_checks())


def _reference():
    from micrograd.engine import Value

    return {"Value": Value}


EXERCISE = Exercise(
    name="value",
    order=1,
    about="your own Value: +, *, **, tanh, exp, relu and backward()",
    names=("Value",),
    reference=_reference,
    checks=CHECKS,
    library={"Value": ("micrograd.engine:Value",)},
    objectives=(
        "store a number and its gradient in a Value, and build the graph as operations "
        "run",
        "record each operation's local derivatives",
        "write backward(): a topological order, a gradient of 1 at the output, then the "
        "chain rule over the reversed order, adding each contribution with +=",
    ),
    lessons=(
        "02-value/wrapping-scalars/",
        "02-value/backpropagation/",
        "02-value/more-operations/",
    ),
    compare=(
        "02-value/wrapping-scalars/#exercise-1-your-value-part-1-and",
        "02-value/backpropagation/#exercise-1-your-value-part-2-backward",
        "02-value/more-operations/#exercise-1-your-value-part-3-tanh-exp-relu",
    ),
)
