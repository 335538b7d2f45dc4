"""Checks for the ``value`` exercise: the learner's own ``Value`` class.

Every example is real code, run as shown (``exec`` with the learner's class as ``Value``), so
the example a report prints is exactly what was run. The checks go from the ground up:
fields, the forward pass of each operation, plain numbers on either side, then the backward
pass: the seed, each local derivative, the chain rule, values used twice, the topological
order, and a small neuron. A check whose foundations are broken is skipped, so one mistake
gives one diagnosis.
"""

import math

from micrograd.check._core import Problem, close, fmt, kind, number_of, value_like

T = math.tanh(0.5)
E = math.exp(0.5)

SYMBOL = {
    "add": "+",
    "mul": "*",
    "pow": "**",
    "tanh": "tanh",
    "exp": "exp",
    "relu": "relu",
}
METHOD = {
    "add": "__add__",
    "mul": "__mul__",
    "pow": "__pow__",
    "tanh": "tanh",
    "exp": "exp",
    "relu": "relu",
}
OPS = list(SYMBOL)

# (example, {name: expected data}) for the forward pass of each operation
FORWARD = {
    "add": ("a = Value(2.0); b = Value(-3.0); c = a + b", {"c": -1.0}),
    "mul": ("a = Value(2.0); b = Value(-3.0); c = a * b", {"c": -6.0}),
    "pow": ("a = Value(2.0); b = a ** 3", {"b": 8.0}),
    "tanh": ("a = Value(0.5); b = a.tanh()", {"b": T}),
    "exp": ("a = Value(0.5); b = a.exp()", {"b": E}),
    "relu": (
        "a = Value(3.0); b = a.relu(); c = Value(-2.0); d = c.relu()",
        {"b": 3.0, "d": 0.0},
    ),
}
INPUTS = {
    "add": {"a": 2.0, "b": -3.0},
    "mul": {"a": 2.0, "b": -3.0},
    "pow": {"a": 2.0},
    "tanh": {"a": 0.5},
    "exp": {"a": 0.5},
    "relu": {"a": 3.0, "c": -2.0},
}

# (example, {name: expected grad}) with the operation alone: out.grad is 1
LOCAL = {
    "add": (
        "a = Value(2.0); b = Value(-3.0); c = a + b; c.backward()",
        {"a": 1.0, "b": 1.0},
    ),
    "mul": (
        "a = Value(2.0); b = Value(-3.0); c = a * b; c.backward()",
        {"a": -3.0, "b": 2.0},
    ),
    "pow": ("a = Value(2.0); b = a ** 3; b.backward()", {"a": 12.0}),
    "tanh": ("a = Value(0.5); b = a.tanh(); b.backward()", {"a": 1 - T * T}),
    "exp": ("a = Value(0.5); b = a.exp(); b.backward()", {"a": E}),
    "relu": (
        "a = Value(3.0); b = a.relu(); b.backward(); c = Value(-2.0); d = c.relu(); d.backward()",
        {"a": 1.0, "c": 0.0},
    ),
}
RULE = {
    "add": "d(a + b)/da = 1 and d(a + b)/db = 1: both inputs receive the output's gradient "
    "as it is.",
    "mul": "d(a * b)/da = b and d(a * b)/db = a: each input's local derivative is the OTHER "
    "input's value.",
    "pow": "The power rule: d(x**n)/dx = n * x**(n-1). Here: 3 * 2.0**2 = 12.0.",
    "tanh": "With t = tanh(x), the derivative is 1 - t**2 (one minus the output squared).",
    "exp": "e**x is its own derivative: the local derivative of exp is its output.",
    "relu": "ReLU's slope is 1 where the input is positive and 0 where it is not.",
}

# The output is multiplied by k = 4, so the operation's out.grad is 4, not 1.
CHAIN = {
    "add": (
        "a = Value(2.0); b = Value(-3.0); k = Value(4.0); d = (a + b) * k; d.backward()",
        {"a": 4.0},
    ),
    "mul": (
        "a = Value(2.0); b = Value(-3.0); k = Value(4.0); d = (a * b) * k; d.backward()",
        {"a": -12.0},
    ),
    "pow": (
        "a = Value(2.0); k = Value(4.0); d = (a ** 3) * k; d.backward()",
        {"a": 48.0},
    ),
    "tanh": (
        "a = Value(0.5); k = Value(4.0); d = a.tanh() * k; d.backward()",
        {"a": 4 * (1 - T * T)},
    ),
    "exp": (
        "a = Value(0.5); k = Value(4.0); d = a.exp() * k; d.backward()",
        {"a": 4 * E},
    ),
    "relu": (
        "a = Value(3.0); k = Value(4.0); d = a.relu() * k; d.backward()",
        {"a": 4.0},
    ),
}

# A value used twice: (example, expected a.grad, a.grad when the op's rule overwrites)
ACCUM = {
    "add": ("a = Value(3.0); b = a + a; b.backward()", 2.0, 1.0),
    "mul": ("a = Value(2.0); b = a * a; b.backward()", 4.0, 2.0),
    "pow": ("a = Value(2.0); b = a ** 3 + a; b.backward()", 13.0, 12.0),
    "tanh": ("a = Value(0.5); b = a.tanh() + a; b.backward()", 2 - T * T, 1 - T * T),
    "exp": ("a = Value(0.5); b = a.exp() + a; b.backward()", E + 1, E),
    "relu": ("a = Value(3.0); b = a.relu() + a; b.backward()", 2.0, 1.0),
}

TOPO = "a = Value(2.0); b = a * 3; c = b * 2; d = b * 4; e = c + d; f = e + b; f.backward()"
NEURON = (
    "x1 = Value(2.0); x2 = Value(0.0); w1 = Value(-3.0); w2 = Value(1.0); "
    "b = Value(6.8813735870195432); n = x1 * w1 + x2 * w2 + b; o = n.tanh(); o.backward()"
)
NEURON_GRADS = {"x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5}

# Operations the exercise does not ask for: checked when the class defines them.
OPTIONAL = [
    (
        "sub",
        "-",
        "__sub__",
        "a = Value(5.0); b = Value(2.0); c = a - b; c.backward()",
        "c",
        3.0,
        {"a": 1.0, "b": -1.0},
        "d(a - b)/da = 1 and d(a - b)/db = -1.",
    ),
    (
        "neg",
        "unary -",
        "__neg__",
        "a = Value(2.0); b = -a; b.backward()",
        "b",
        -2.0,
        {"a": -1.0},
        "d(-a)/da = -1.",
    ),
    (
        "div",
        "/",
        "__truediv__",
        "a = Value(3.0); b = Value(2.0); c = a / b; c.backward()",
        "c",
        1.5,
        {"a": 0.5, "b": -0.75},
        "d(a / b)/da = 1 / b and d(a / b)/db = -a / b**2.",
    ),
    (
        "rsub",
        "number - Value",
        "__rsub__",
        "a = Value(2.0); b = 5 - a; b.backward()",
        "b",
        3.0,
        {"a": -1.0},
        "d(5 - a)/da = -1.",
    ),
    (
        "rdiv",
        "number / Value",
        "__rtruediv__",
        "a = Value(2.0); b = 1 / a; b.backward()",
        "b",
        0.5,
        {"a": -0.25},
        "d(1 / a)/da = -1 / a**2.",
    ),
]


def _run_example(V, code):
    namespace = {"Value": V}
    exec(compile(code, "<example>", "exec"), namespace)
    return namespace


def _data(ns, name):
    out = ns[name]
    if not value_like(out):
        raise Problem(
            "returns-value",
            "An operation must return a new Value",
            got=f"{name} is {kind(out)}: {fmt(out)}",
            expected=f"{name} is a Value",
            hint="Every operation returns a new Value that remembers its inputs: that is how "
            "the graph is built, and backward() walks that graph. A plain number has no "
            "gradient and no history.",
        )
    return number_of(out.data, f"{name}.data")


def _grads(ns, names):
    return {n: number_of(ns[n].grad, f"{n}.grad") for n in names}


def _show(values):
    return ", ".join(f"{n}.grad = {fmt(v)}" for n, v in values.items())


def _show_data(values):
    return ", ".join(f"{n}.data = {fmt(v)}" for n, v in values.items())


def run(ctx, Value, learner_file=None):  # noqa: N803 (the learner's class)
    """Run every check of the exercise on the class ``Value``."""
    V = Value
    if not isinstance(V, type):
        raise TypeError(f"value() needs your Value class, got {kind(V)}")
    if learner_file and V.__module__.startswith("micrograd"):
        ctx.problem(
            "your own Value class",
            Problem(
                "own-value",
                "This exercise is about writing your own Value",
                got=f"Value comes from {V.__module__}",
                expected="a class Value written in your file",
                hint="Your file imports the course's Value. Write the class yourself, starting "
                "from the starter file.",
            ),
        )
        return

    # 1. Fields ---------------------------------------------------------------------------
    def fields():
        ns = _run_example(V, "a = Value(2.0)")
        a = ns["a"]
        if not value_like(a):
            missing = [f for f in ("data", "grad") if not hasattr(a, f)]
            raise Problem(
                "value-fields",
                "A Value keeps its number in .data and its gradient in .grad",
                got=f"a has no attribute {' or '.join(missing)}",
                expected="a.data = 2.0, a.grad = 0.0",
                hint="Look at __init__: store the number as self.data, and start self.grad at 0.",
            )
        data, grad = number_of(a.data, "a.data"), number_of(a.grad, "a.grad")
        if not close(data, 2.0) or grad != 0.0:
            raise Problem(
                "value-fields",
                "A new Value holds its number and a gradient of 0",
                got=f"a.data = {fmt(data)}, a.grad = {fmt(grad)}",
                expected="a.data = 2.0, a.grad = 0.0",
                hint="Look at __init__: .data is the number given, and .grad starts at 0 "
                "(nothing has flowed back yet).",
            )

    if (
        ctx.run("Value(2.0) has data 2.0 and grad 0", "a = Value(2.0)", fields)
        != "pass"
    ):
        return

    # 2. Forward pass ---------------------------------------------------------------------
    forward = {}
    for op in OPS:
        example, expected = FORWARD[op]
        title = f"forward pass of {SYMBOL[op]}"
        if not hasattr(V, METHOD[op]):
            ctx.not_implemented(title, f"Value.{METHOD[op]}", example)
            forward[op] = "todo"
            continue
        forward[op] = ctx.run(
            title, example, _forward_check(V, op, example, expected), quiet=True
        )
    done = [SYMBOL[op] for op in OPS if forward[op] == "pass"]
    if done:
        ctx.passed("forward pass of " + ", ".join(done) + ": the right numbers")

    # 3. Plain numbers on either side -----------------------------------------------------
    numbers_ok = _numbers(ctx, V, forward)
    reflected_ok = _reflected(ctx, V, numbers_ok)

    # 4. Backward pass --------------------------------------------------------------------
    if not hasattr(V, "backward"):
        ctx.not_implemented("backward()", "Value.backward")
        return
    if forward["add"] != "pass":
        ctx.skipped("backward() starts from a gradient of 1")
        return
    if _seed(ctx, V) != "pass":
        return

    local = {}
    for op in OPS:
        title = f"local derivative of {SYMBOL[op]}"
        if forward[op] != "pass":
            ctx.skipped(title)
            local[op] = "skip"
            continue
        example, expected = LOCAL[op]
        local[op] = ctx.run(
            title, example, _local_check(V, op, example, expected), quiet=True
        )
    done = [SYMBOL[op] for op in OPS if local[op] == "pass"]
    if done:
        ctx.passed("local derivatives of " + ", ".join(done))

    if reflected_ok:

        def reflected_grads():
            ns = _run_example(V, "a = Value(2.0); b = 1 + 3 * a; b.backward()")
            got = _grads(ns, ["a"])
            if not close(got["a"], 3.0):
                raise Problem(
                    "reflected-operators",
                    "A number on the left must build the graph too",
                    got=_show(got),
                    expected="a.grad = 3.0",
                    hint="3 * a and 1 + (...) call your reflected methods (__rmul__ and "
                    "__radd__): they must give the same Value, with the same backward rule, as "
                    "a * 3 and (...) + 1.",
                )

        if local["add"] == "pass" and local["mul"] == "pass":
            ctx.run(
                "gradients through 1 + 3 * a",
                "a = Value(2.0); b = 1 + 3 * a; b.backward()",
                reflected_grads,
            )

    chain = _chain(ctx, V, local)
    accum = _accumulation(ctx, V, local)
    basics = all(local[op] == "pass" for op in ("add", "mul"))
    if basics and numbers_ok and chain.get("add") and chain.get("mul") and accum:
        _topological(ctx, V)
    else:
        ctx.skipped("a value reused deeper in the graph (topological order)")

    if all(s == "pass" for s in local.values()) and all(chain.values()) and accum:
        _neuron(ctx, V)
        if numbers_ok and reflected_ok:
            _optional(ctx, V)
    else:
        ctx.skipped("gradients of a small neuron")


def _forward_check(V, op, example, expected):
    def check():
        ns = _run_example(V, example)
        got = {name: _data(ns, name) for name in expected}
        if all(close(got[n], expected[n]) for n in expected):
            changed = {n: ns[n].data for n, v in INPUTS[op].items() if ns[n].data != v}
            if changed:
                raise Problem(
                    f"forward:{op}",
                    f"{SYMBOL[op]} must not change its inputs",
                    got=_show_data(changed),
                    expected=_show_data({n: INPUTS[op][n] for n in changed}),
                    hint=f"Look at {METHOD[op]}: compute the result into a new Value and leave "
                    "the inputs' .data as it was.",
                )
            return
        hint = f"Look at {METHOD[op]}: which number does it compute for the output?"
        if op == "relu":
            hint = (
                "ReLU gives the input itself when it is positive and 0 otherwise: "
                "look at relu()."
            )
        raise Problem(
            f"forward:{op}",
            f"The forward pass of {SYMBOL[op]} gives a wrong number",
            got=_show_data(got),
            expected=_show_data(expected),
            hint=hint,
        )

    return check


def _numbers(ctx, V, forward):
    title = "a plain number on the right: a + 1, a * 3"
    example = "a = Value(2.0); b = a + 1; c = a * 3"
    if forward["add"] != "pass" or forward["mul"] != "pass":
        ctx.skipped(title)
        return False

    def check():
        ns = _run_example(V, example)
        got = {"b": _data(ns, "b"), "c": _data(ns, "c")}
        if not (close(got["b"], 3.0) and close(got["c"], 6.0)):
            raise Problem(
                "number-operands",
                "A plain number on the right",
                got=_show_data(got),
                expected="b.data = 3.0, c.data = 6.0",
                hint="When the other operand is a plain number, turn it into a Value first.",
            )

    def on_error(exc):
        return Problem(
            "number-operands",
            "A plain number on the right must work: a + 1, a * 3",
            got=f"{type(exc).__name__}: {exc}",
            expected="b.data = 3.0, c.data = 6.0",
            hint="In __add__ and __mul__, `other` may be a plain number, which has no .data: "
            "wrap it in a Value first.",
        )

    return ctx.run(title, example, check, on_error=on_error) == "pass"


def _reflected(ctx, V, numbers_ok):
    title = "a plain number on the left: 1 + a, 3 * a"
    example = "a = Value(2.0); b = 1 + a; c = 3 * a"
    if not numbers_ok:
        ctx.skipped(title)
        return False
    missing = [m for m in ("__radd__", "__rmul__") if not hasattr(V, m)]
    hint = (
        "For 1 + a, Python first asks the number 1 to add a Value, which it cannot do; then it "
        "asks the Value, through its reflected method (__radd__ for +, __rmul__ for *). "
        "Addition and multiplication do not care about the order, so these can reuse what "
        "you already have."
    )

    def check():
        ns = _run_example(V, example)
        got = {"b": _data(ns, "b"), "c": _data(ns, "c")}
        if not (close(got["b"], 3.0) and close(got["c"], 6.0)):
            raise Problem(
                "reflected-operators",
                "A number on the left: 1 + a and 3 * a",
                got=_show_data(got),
                expected="b.data = 3.0, c.data = 6.0",
                hint=hint,
            )

    def on_error(exc):
        got = f"{type(exc).__name__}: {exc}"
        if missing:
            got += f"  (your class has no {' and no '.join(missing)})"
        return Problem(
            "reflected-operators",
            "A number on the left: 1 + a and 3 * a",
            got=got,
            expected="b.data = 3.0, c.data = 6.0",
            hint=hint,
        )

    return ctx.run(title, example, check, on_error=on_error) == "pass"


def _seed(ctx, V):
    example = "a = Value(2.0); b = Value(-3.0); c = a + b; c.backward()"

    def check():
        ns = _run_example(V, example)
        got = _grads(ns, ["c", "a", "b"])
        if got["c"] == 0.0 and got["a"] == 0.0 and got["b"] == 0.0:
            raise Problem(
                "seed-gradient",
                "backward() must start with a gradient of 1 at the output",
                got=_show(got),
                expected="c.grad = 1.0, a.grad = 1.0, b.grad = 1.0",
                hint="Every gradient is 0, the output's too. The chain rule multiplies "
                "gradients, so if nothing starts it, only zeros flow back: before walking "
                "back, backward() must set the output's own gradient, d(c)/d(c), which is 1.",
            )
        if not close(got["c"], 1.0):
            raise Problem(
                "seed-gradient",
                "backward() must start with a gradient of 1 at the output",
                got=_show({"c": got["c"]}),
                expected="c.grad = 1.0",
                hint="The output's gradient with respect to itself is d(c)/d(c) = 1: look at "
                "what backward() sets first.",
            )
        if got["a"] == 0.0 and got["b"] == 0.0:
            raise Problem(
                "backward-pass",
                "No gradient reaches the inputs",
                got=_show(got),
                expected="c.grad = 1.0, a.grad = 1.0, b.grad = 1.0",
                hint="c.grad is 1, but nothing flows on to a and b. Check that each operation "
                "stores its backward rule on the Value it returns, that backward() runs the "
                "rule of every node in the graph, not only its own, and that the output's "
                "gradient is set to 1 before the rules run, not after.",
            )

    return ctx.run(
        "backward() starts with a gradient of 1 at the output", example, check
    )


def _diagnose_local(op, got):
    """A sentence naming what the learner's number matches, or ''."""
    if all(v == 0.0 for v in got.values()):
        return (
            "No gradient reaches the input at all: is this operation's backward rule "
            "stored on the Value it returns, and does it add to the input's .grad?"
        )
    a = got.get("a")
    if op == "mul":
        b = got["b"]
        if close(a, 2.0) and close(b, -3.0):
            return (
                "Your a.grad is a's own value and b.grad is b's own value: the local "
                "derivatives are swapped."
            )
        if close(a, 2.0):
            return "Your a.grad is a's own value (2.0): it should be the other input's."
        if close(b, -3.0):
            return (
                "Your b.grad is b's own value (-3.0): it should be the other input's."
            )
        if close(a, 1.0) and close(b, 1.0):
            return "Your * passes the gradient through unchanged, like + does."
    if op == "add" and (close(a, 1.0) != close(got["b"], 1.0)):
        return "Only one of the two inputs receives the gradient."
    if op == "pow":
        known = {
            24.0: "n * x**n: the exponent must drop by one",
            4.0: "x**(n-1): the factor n is missing",
            23.0: "n * x**n - 1: Python reads ** first, then *, then -, so the "
            "exponent n - 1 needs brackets",
            8.0: "the output x**n itself",
            3.0: "just n",
            1.0: "1, as if ** were +",
        }
        for value, what in known.items():
            if close(a, value):
                return f"Your number matches {what}."
    if op == "tanh":
        known = {
            1 - T: "1 - t, with t = tanh(x): t must be squared",
            0.75: "1 - x**2, with the input x: use the output t = tanh(x) instead",
            T: "t = tanh(x) itself",
            T * T: "t**2, without the 1 -",
            1.0: "1, as if tanh let the gradient through unchanged",
        }
        for value, what in known.items():
            if close(a, value):
                return f"Your number matches {what}."
    if op == "exp":
        known = {
            1.0: "1, as if exp let the gradient through unchanged",
            0.5: "the input x, instead of the output e**x",
            0.5
            * math.exp(
                -0.5
            ): "x * e**(x-1), the power rule, which is for x**n, not e**x",
        }
        for value, what in known.items():
            if close(a, value):
                return f"Your number matches {what}."
    if op == "relu":
        c = got["c"]
        if not close(a, 1.0) and close(a, 3.0):
            return (
                "For a positive input your gradient is the input (or output) value 3.0, "
                "not the slope 1."
            )
        if close(c, 1.0):
            return (
                "For a negative input, ReLU is switched off: its output does not move when "
                "the input moves, so no gradient may pass (0)."
            )
        if close(c, -2.0):
            return "For a negative input your gradient is the input value, not the slope 0."
    return ""


def _local_check(V, op, example, expected):
    def check():
        ns = _run_example(V, example)
        got = _grads(ns, expected)
        if all(close(got[n], expected[n]) for n in expected):
            return
        why = _diagnose_local(op, got)
        raise Problem(
            f"local-derivative:{op}",
            f"The local derivative of {SYMBOL[op]} is wrong",
            got=_show(got),
            expected=_show(expected),
            hint=(why + " " if why else "")
            + RULE[op]
            + f" Look at the backward rule of {SYMBOL[op]}.",
        )

    return check


def _chain(ctx, V, local):
    """Each rule multiplies by out.grad. Returns {op: passed} for the ops checked."""
    title = "chain rule: each local derivative times the output's gradient"
    result, forgot, other = {}, [], []
    if local["mul"] != "pass":
        ctx.skipped(title)
        return result
    for op in OPS:
        if local[op] != "pass":
            continue
        example, expected = CHAIN[op]
        got = {}

        def check(example=example, expected=expected, got=got):
            ns = _run_example(V, example)
            got.update(_grads(ns, expected))

        if ctx.run(title, example, check, quiet=True) != "pass":
            result[op] = False
            continue
        result[op] = close(got["a"], expected["a"])
        if not result[op]:
            local_only = LOCAL[op][1]["a"]
            (forgot if close(got["a"], local_only) else other).append(
                (op, example, got)
            )
    if not (forgot or other):
        if result and all(result.values()):
            ctx.passed(title)
        return result
    op, example, got = (forgot or other)[0]
    names = ", ".join(SYMBOL[o] for o, _, _ in forgot + other)
    if forgot:
        hint = (
            f"Your a.grad is the local derivative alone ({fmt(got['a'])}), as if the output's "
            f"gradient were always 1. Here the output of {SYMBOL[op]} is multiplied by k = 4, "
            "so its gradient is 4, and the chain rule says: input's gradient = local "
            "derivative * output's gradient. Rules that leave out the output's gradient: "
            f"{names}."
        )
    else:
        hint = (
            "Here the output of the operation is multiplied by k = 4, so its gradient is 4, "
            "and the chain rule says: input's gradient = local derivative * output's "
            f"gradient. Look at the backward rules of: {names}."
        )
    ctx.problem(
        title,
        Problem(
            "chain-rule",
            "Chain rule: multiply by the output's gradient",
            got=_show(got),
            expected=_show(CHAIN[op][1]),
            hint=hint,
            example=example,
        ),
    )
    return result


def _accumulation(ctx, V, local):
    """A value used twice must collect both contributions. True when all checked ops pass."""
    title = "a value used twice collects both gradients"
    if local["add"] != "pass":
        ctx.skipped(title)
        return False
    overwrite, other = [], []
    for op in OPS:
        if local[op] != "pass":
            continue
        example, expected, overwritten = ACCUM[op]
        got = {}

        def check(example=example, got=got):
            ns = _run_example(V, example)
            got.update(_grads(ns, ["a"]))

        if ctx.run(title, example, check, quiet=True) != "pass":
            return False
        if not close(got["a"], expected):
            bucket = overwrite if close(got["a"], overwritten) else other
            bucket.append((op, example, got["a"], expected))
    if not (overwrite or other):
        ctx.passed(title)
        return True
    # show a * a if it is among them: the classic example
    found = overwrite + other
    op, example, got, expected = next((f for f in found if f[0] == "mul"), found[0])
    names = ", ".join(SYMBOL[f[0]] for f in found)
    if overwrite:
        hint = (
            "When a node is used twice, its gradient must collect both contributions: "
            "your a.grad holds only one of them, the other was overwritten. Look at how your "
            f"backward rules write to .grad (= versus +=). Rules that overwrite: {names}."
        )
    else:
        hint = (
            "When a node is used twice, its gradient is the sum of both contributions, once "
            f"each. Look at how the backward rules of {names} write to .grad."
        )
    ctx.problem(
        title,
        Problem(
            "grad-accumulation",
            "A value used twice must collect both gradients",
            got=f"a.grad = {fmt(got)}",
            expected=f"a.grad = {fmt(expected)}",
            hint=hint,
            example=example,
        ),
    )
    return False


def _topological(ctx, V):
    def check():
        ns = _run_example(V, TOPO)
        got = _grads(ns, ["b", "a"])
        if close(got["b"], 7.0) and close(got["a"], 21.0):
            return
        if close(got["b"], 7.0) and got["a"] > 21.0:
            what = "b's backward rule ran more than once, so a received b's gradient several times."
        else:
            what = (
                "b's backward rule ran before every node that uses b had passed its "
                "gradient to b, so a received only part of it."
            )
        raise Problem(
            "topological-order",
            "backward() must visit the nodes in topological order",
            got=_show(got),
            expected="b.grad = 7.0, a.grad = 21.0",
            hint=(
                f"b is used three times (by c, d and f). {what} A node's backward rule may "
                "run only once all the nodes that use it are done, and exactly once. Look at "
                "how backward() orders the nodes: list each node after all the nodes it was "
                "computed from (a depth-first walk that remembers which nodes it has visited), "
                "then apply the rules in the reverse of that list. Going breadth-first, or "
                "calling each child's backward right away, is not enough when a node is "
                "reused deeper in the graph."
            ),
        )

    ctx.run("a value reused deeper in the graph (topological order)", TOPO, check)


def _neuron(ctx, V):
    def check():
        ns = _run_example(V, NEURON)
        got = _grads(ns, NEURON_GRADS)
        if not all(close(got[n], NEURON_GRADS[n]) for n in NEURON_GRADS):
            raise Problem(
                "gradient",
                "The gradients of a small neuron are wrong",
                got=_show(got),
                expected=_show(NEURON_GRADS),
                hint="Each operation passed on its own, but not all together. Check that "
                "backward() can be called on any node, and that nothing is reset in the "
                "middle of the backward pass.",
            )

    ctx.run("gradients of a small neuron, tanh(x1*w1 + x2*w2 + b)", NEURON, check)


def _optional(ctx, V):
    """Operations beyond the exercise (-, /, ...): checked when the class defines them."""
    for name, symbol, method, example, out, data, grads, rule in OPTIONAL:
        if not hasattr(V, method):
            continue

        def check(
            name=name,
            symbol=symbol,
            method=method,
            example=example,
            out=out,
            data=data,
            grads=grads,
            rule=rule,
        ):
            ns = _run_example(V, example)
            got = _data(ns, out)
            if not close(got, data):
                raise Problem(
                    f"forward:{name}",
                    f"The forward pass of {symbol} gives a wrong number",
                    got=f"{out}.data = {fmt(got)}",
                    expected=f"{out}.data = {fmt(data)}",
                    hint=f"Look at {method}.",
                )
            g = _grads(ns, grads)
            if not all(close(g[n], grads[n]) for n in grads):
                raise Problem(
                    f"local-derivative:{name}",
                    f"The gradient of {symbol} is wrong",
                    got=_show(g),
                    expected=_show(grads),
                    hint=f"{rule} If {symbol} is built from other operations, check those; "
                    f"otherwise look at the backward rule in {method}.",
                )

        # Optional: a method that is not written yet is no mistake.
        ctx.run(f"extra operation: {symbol}", example, check, optional=True)
