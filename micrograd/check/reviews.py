"""The review bank: short retrieval tasks, per topic, that the course's spaced reviews ask
(web/reviews.js schedules them, web/review-task.js asks them in the page).

A topic is what a review brings back: a passed build-it exercise (``exercise/<name>``) or a
module's self-check (``self-check/<its page>``). Its items are data, of four kinds:

- ``predict``: what the code prints. The answer is produced by running the code, with this
  package, when the site builds (``page_data``), never written here.
- ``derivative``: one local derivative, typed as an expression of the names given; every
  accepted answer is checked against micrograd's gradient of ``expression`` by
  tests/test_reviews.py (``x`` there stands for ``wrt``, the name differentiated by).
- ``bug``: three lines, one of them wrong; ``fix`` is that line made right. The tests run
  ``setup`` + the lines + ``check``: the lines as shown fail, the fixed ones pass.
- ``rebuild``: one function of the reader's own passed code, emptied, to write again from
  memory; the exercise's checker checks the whole file.

Own-words questions (one per lesson, ``OWN_WORDS``) come back as reviews when the reader's
answer covered too few of its key points: ``words/<lesson>``.
"""

import contextlib
import io

_VALUE = "from micrograd.engine import Value\n"
_NN = "from micrograd.nn import MLP, Layer, Neuron\n"

BANK = {
    "exercise/value": {
        "title": "Your Value class: backward() and the local derivatives",
        "module": "02-value",
        "items": [
            {
                "id": "value-backward",
                "kind": "rebuild",
                "exercise": "value",
                "function": "backward",
                "prompt": "Rebuild backward() of your Value from memory: the order of the "
                "graph, then each value's gradient passed to its inputs.",
            },
            {
                "id": "value-reuse",
                "kind": "predict",
                "prompt": "A value used twice. What does this print?",
                "code": _VALUE
                + "a = Value(3.0)\nb = a * a\nb.backward()\nprint(a.grad)",
            },
            {
                "id": "value-mul",
                "kind": "rebuild",
                "exercise": "value",
                "function": "__mul__",
                "prompt": "Rebuild __mul__ of your Value from memory: its data, its "
                "inputs and its local derivatives.",
            },
            {
                "id": "value-tanh",
                "kind": "derivative",
                "prompt": "o = tanh(x). Write do/dx in terms of o.",
                "names": ["o"],
                "wrt": "x",
                "expression": "x.tanh()",
                "answers": ["1 - o**2", "1 - o*o"],
            },
            {
                "id": "value-add-bug",
                "kind": "bug",
                "prompt": "The gradient of a + a comes out as 1, not 2. Which line is wrong?",
                "lines": [
                    "def _backward():",
                    "    self.grad += 1.0 * out.grad",
                    "    other.grad = 1.0 * out.grad",
                ],
                "wrong": 2,
                "fix": "    other.grad += 1.0 * out.grad",
                "setup": "class V:\n    grad = 0.0\nself, other, out = V(), V(), V()\n"
                "out.grad = 1.0\nother = self\n",
                "check": "_backward()\nassert self.grad == 2.0, self.grad",
            },
        ],
    },
    "exercise/neuron": {
        "title": "Your Neuron: weights, bias and its activation",
        "module": "03-neural-network",
        "items": [
            {
                "id": "neuron-call",
                "kind": "rebuild",
                "exercise": "neuron",
                "function": "__call__",
                "prompt": "Rebuild Neuron.__call__ from memory: the weighted sum, the "
                "bias, then the activation.",
            },
            {
                "id": "neuron-count",
                "kind": "predict",
                "prompt": "How many parameters does a neuron with 3 inputs have?",
                "code": _NN + "print(len(Neuron(3).parameters()))",
            },
            {
                "id": "neuron-bias-bug",
                "kind": "bug",
                "prompt": "This neuron's output is off by its bias. Which line is wrong?",
                "lines": [
                    "act = sum(wi * xi for wi, xi in zip(self.w, x))",
                    "out = act.relu() if self.nonlin else act",
                    "return out + self.b",
                ],
                "wrong": 2,
                "fix": "return (act + self.b).relu() if self.nonlin else act + self.b",
                "setup": _VALUE + "class N:\n    w = [Value(1.0), Value(1.0)]\n"
                "    b = Value(-5.0)\n    nonlin = True\nself, x = N(), [1.0, 2.0]\n"
                "def call(self, x):\n",
                "check": "assert call(self, x).data == 0.0",
            },
        ],
    },
    "exercise/mlp": {
        "title": "Layers and MLPs: who owns which parameters",
        "module": "03-neural-network",
        "items": [
            {
                "id": "mlp-count",
                "kind": "predict",
                "prompt": "How many parameters does MLP(2, [4, 1]) have?",
                "code": _NN + "print(len(MLP(2, [4, 1]).parameters()))",
            },
            {
                "id": "mlp-layer-outputs",
                "kind": "predict",
                "prompt": "What does a layer of 3 neurons return for 2 inputs? "
                "The number of values it returns.",
                "code": _NN + "print(len(Layer(2, 3)([1.0, 2.0])))",
            },
        ],
    },
    "exercise/loss": {
        "title": "The hinge loss and its gradient",
        "module": "04-training",
        "items": [
            {
                "id": "loss-hinge-grad",
                "kind": "derivative",
                "prompt": "L = 1 - y*s, on a point inside the margin (so relu passes "
                "it). Write dL/ds in terms of y.",
                "names": ["y"],
                "wrt": "s",
                "expression": "1 - y * x",
                "answers": ["-y"],
            },
            {
                "id": "loss-hinge-value",
                "kind": "predict",
                "prompt": "What does this print?",
                "code": _VALUE
                + "s, y = Value(0.25), 1\nprint((1 - y * s).relu().data)",
            },
        ],
    },
    "exercise/train": {
        "title": "The training step: forward, zero_grad, backward, update",
        "module": "04-training",
        "items": [
            {
                "id": "train-rebuild",
                "kind": "rebuild",
                "exercise": "train",
                "function": "train",
                "prompt": "Rebuild train() from memory: each step's forward pass, "
                "zero_grad, backward and update, and the losses it returns.",
            },
            {
                "id": "train-step-bug",
                "kind": "bug",
                "prompt": "This step makes the loss grow. Which line is wrong?",
                "lines": [
                    "model.zero_grad()",
                    "loss.backward()",
                    "p.data += lr * p.grad",
                ],
                "wrong": 2,
                "fix": "p.data -= lr * p.grad",
                "setup": _VALUE
                + "class M:\n    def zero_grad(self):\n        p.grad = 0.0\n"
                "p, lr = Value(3.0), 0.1\nmodel, loss = M(), p * p\n",
                "check": "assert p.data < 3.0, p.data",
            },
            {
                "id": "train-accumulate",
                "kind": "predict",
                "prompt": "backward() twice without zero_grad. What does this print?",
                "code": _VALUE + "w = Value(2.0)\nfor _ in range(2):\n"
                "    loss = w * 3\n    loss.backward()\nprint(w.grad)",
            },
        ],
    },
    "self-check/01-big-picture/self-check/": {
        "title": "The big picture: derivatives as sensitivity",
        "module": "01-big-picture",
        "items": [
            {
                "id": "big-power",
                "kind": "derivative",
                "prompt": "f = x**3. Write df/dx in terms of x.",
                "names": ["x"],
                "wrt": "x",
                "expression": "x**3",
                "answers": ["3*x**2", "3*x*x"],
            },
            {
                "id": "big-nudge",
                "kind": "predict",
                "prompt": "Nudge a by a little: how much does f move, per unit? "
                "(rounded to 1 decimal)",
                "code": "f = lambda a: 4 * a + 1\nh = 1e-6\n"
                "print(round((f(2 + h) - f(2)) / h, 1))",
            },
        ],
    },
    "self-check/02-value/self-check/": {
        "title": "The Value class: the chain rule, node by node",
        "module": "02-value",
        "items": [
            {
                "id": "selfcheck-value-mul",
                "kind": "derivative",
                "prompt": "c = a * b. Write dc/da in terms of a and b.",
                "names": ["a", "b"],
                "wrt": "a",
                "expression": "x * b",
                "answers": ["b"],
            },
            {
                "id": "selfcheck-value-chain",
                "kind": "predict",
                "prompt": "What does this print?",
                "code": _VALUE + "a = Value(2.0)\nL = (a * 3 + 1) * -2\nL.backward()\n"
                "print(a.grad)",
            },
        ],
    },
    "self-check/03-neural-network/self-check/": {
        "title": "Neurons, layers and MLPs",
        "module": "03-neural-network",
        "items": [
            {
                "id": "selfcheck-nn-count",
                "kind": "predict",
                "prompt": "How many parameters does a layer of 2 neurons with 3 inputs "
                "each have?",
                "code": _NN + "print(len(Layer(3, 2).parameters()))",
            },
        ],
    },
    "self-check/04-training/self-check/": {
        "title": "Training: the loss goes down by steps against the gradient",
        "module": "04-training",
        "items": [
            {
                "id": "selfcheck-train-step",
                "kind": "predict",
                "prompt": "One step of gradient descent on w*w. What does this print?",
                "code": _VALUE + "w = Value(1.0)\nloss = w * w\nloss.backward()\n"
                "w.data -= 0.1 * w.grad\nprint(w.data)",
            },
            {
                "id": "selfcheck-train-square",
                "kind": "derivative",
                "prompt": "L = (s - t)**2. Write dL/ds in terms of s and t.",
                "names": ["s", "t"],
                "wrt": "s",
                "expression": "(x - t)**2",
                "answers": ["2*(s - t)", "2*s - 2*t"],
            },
        ],
    },
    "self-check/05-full-picture/self-check/": {
        "title": "The full picture: a classifier, end to end",
        "module": "05-full-picture",
        "items": [
            {
                "id": "selfcheck-full-relu",
                "kind": "derivative",
                "prompt": "r = relu(x), with x > 0. Write dr/dx.",
                "names": [],
                "wrt": "x",
                "expression": "x.relu()",
                "answers": ["1"],
            },
        ],
    },
}


def run(code):
    """What ``code`` prints, as a reader's Python would print it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<review>", "exec"), {"__name__": "__review__"})
    return out.getvalue().strip()


def page_data():
    """The bank as the page asks it: each predict item with its answer, produced by
    running its code now; a bug item without its setup and check (the page only asks)."""
    topics = {}
    for topic, entry in BANK.items():
        items = []
        for item in entry["items"]:
            shown = {k: v for k, v in item.items() if k not in ("setup", "check")}
            if item["kind"] == "predict":
                shown["answer"] = run(item["code"])
            if item["kind"] == "derivative":
                shown.pop("expression")
                shown.pop("wrt")
            items.append(shown)
        topics[topic] = {
            "title": entry["title"],
            "module": entry["module"],
            "items": items,
        }
    return topics
