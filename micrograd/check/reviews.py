"""The review bank: short retrieval tasks, per topic, that the course's spaced reviews ask
(web/reviews.js schedules them, web/review-task.js asks them in the page).

A topic is what a review brings back: a passed build-it exercise or diagnosis challenge
(``exercise/<name>``) or a module's self-check (``self-check/<its page>``). Its items are
data, of four kinds:

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
# One parameter p = 3 and a loss p * p, for a training step's three lines.
_STEP = (
    _VALUE + "class M:\n    def zero_grad(self):\n        p.grad = 0.0\n"
    "p, lr = Value(3.0), 0.1\nmodel, loss = M(), p * p\n"
)

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
            {
                "id": "mlp-parameters-bug",
                "kind": "bug",
                "prompt": "MLP.parameters() returns only the last layer's. Which line is "
                "wrong?",
                "lines": [
                    "params = []",
                    "for layer in self.layers:",
                    "    params = layer.parameters()",
                ],
                "wrong": 2,
                "fix": "    params += layer.parameters()",
                "setup": "class L:\n    def __init__(self, n):\n        self.n = n\n"
                "    def parameters(self):\n        return list(range(self.n))\n"
                "class M:\n    layers = [L(3), L(2)]\nself = M()\n",
                "check": "assert len(params) == 5, params",
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
                "setup": _STEP,
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
    # The diagnosis challenges: the fault each one planted, to find again in three lines.
    "exercise/mystery_leap": {
        "title": "Diagnosis: the run whose loss leaps",
        "module": "05-full-picture",
        "items": [
            {
                "id": "leap-bug",
                "kind": "bug",
                "prompt": "From step 0 this run's update ratio is above 1 and its loss "
                "leaps. Which line is wrong?",
                "lines": [
                    "model.zero_grad()",
                    "loss.backward()",
                    "p.data -= 5.0 * p.grad",
                ],
                "wrong": 2,
                "fix": "p.data -= 0.1 * p.grad",
                "setup": _STEP,
                "check": "assert abs(p.data) < 3.0, p.data",
            },
        ],
    },
    "exercise/mystery_crawl": {
        "title": "Diagnosis: the run that hardly moves",
        "module": "05-full-picture",
        "items": [
            {
                "id": "crawl-bug",
                "kind": "bug",
                "prompt": "This run's gradients are ordinary, its ReLUs alive, its update "
                "ratio far below the guideline, and its loss hardly moves. Which line is "
                "wrong?",
                "lines": [
                    "model.zero_grad()",
                    "loss.backward()",
                    "p.data -= 0.0003 * p.grad",
                ],
                "wrong": 2,
                "fix": "p.data -= 0.1 * p.grad",
                "setup": _STEP,
                "check": "assert p.data < 2.9, p.data",
            },
        ],
    },
    "exercise/mystery_asleep": {
        "title": "Diagnosis: the run that never starts",
        "module": "05-full-picture",
        "items": [
            {
                "id": "asleep-bug",
                "kind": "bug",
                "prompt": "From step 0 the dead ReLUs panel shows every unit of the first "
                "layer dead, and the loss is flat. Which line is wrong?",
                "lines": [
                    "model = MLP(2, [8, 8, 1], seed=3)",
                    "for neuron in model.layers[0].neurons:",
                    "    neuron.b.data = -3.0",
                ],
                "wrong": 2,
                "fix": "    neuron.b.data = 0.0",
                "setup": _NN,
                "check": "assert any(n([0.5, 0.5]).data > 0 for n in model.layers[0].neurons)",
            },
        ],
    },
    "exercise/mystery_drift": {
        "title": "Diagnosis: the run that drifts",
        "module": "05-full-picture",
        "items": [
            {
                "id": "drift-bug",
                "kind": "bug",
                "prompt": "The gradient panel grows step after step while the loss levels "
                "off. p.grad was 5.0, left from the step before. Which line is wrong?",
                "lines": [
                    "model.zero_grad",
                    "loss.backward()",
                    "p.data -= lr * p.grad",
                ],
                "wrong": 0,
                "fix": "model.zero_grad()",
                "setup": _STEP + "p.grad = 5.0\n",
                "check": "assert abs(p.data - 2.4) < 1e-9, p.data",
            },
        ],
    },
    "exercise/mystery_climb": {
        "title": "Diagnosis: the run that climbs",
        "module": "05-full-picture",
        "items": [
            {
                "id": "climb-bug",
                "kind": "bug",
                "prompt": "This run's loss rises from step 0, whatever the learning rate. "
                "Which line is wrong?",
                "lines": [
                    "model.zero_grad()",
                    "loss.backward()",
                    "p.data = p.data + lr * p.grad",
                ],
                "wrong": 2,
                "fix": "p.data = p.data - lr * p.grad",
                "setup": _STEP,
                "check": "assert p.data < 3.0, p.data",
            },
        ],
    },
    "exercise/mystery_chance": {
        "title": "Diagnosis: the healthy-looking run that guesses",
        "module": "05-full-picture",
        "items": [
            {
                "id": "chance-bug",
                "kind": "bug",
                "prompt": "Every instrument of this run is healthy, and its accuracy is a "
                "coin's. The hinge loss wants labels -1 and +1. Which line is wrong?",
                "lines": [
                    "X, y = make_moons(30, noise=0.1, seed=3)",
                    "y01 = [(t + 1) / 2 for t in y]",
                    "loss = hinge([model(x) for x in X], y01)",
                ],
                "wrong": 2,
                "fix": "loss = hinge([model(x) for x in X], y)",
                "setup": "from micrograd.data import make_moons\n"
                "seen = []\nmodel = lambda x: 0.0\n"
                "def hinge(scores, labels):\n    seen.extend(labels)\n",
                "check": "assert set(seen) == {-1, 1}, set(seen)",
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
            {
                "id": "selfcheck-nn-weight",
                "kind": "derivative",
                "prompt": "y = w*a + b. Write dy/dw in terms of a and b.",
                "names": ["a", "b"],
                "wrt": "w",
                "expression": "x * a + b",
                "answers": ["a"],
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
            {
                "id": "selfcheck-full-relu-values",
                "kind": "predict",
                "prompt": "relu on both sides of zero. What does this print?",
                "code": _VALUE
                + "print(Value(-2.0).relu().data, Value(3.0).relu().data)",
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
    running its code now; a bug item without its setup and check (the page only asks);
    and each lesson's own-words question, as the topic ``words/<lesson>``."""
    topics = {
        f"words/{lesson}": {
            "title": f"In your own words: {entry['question']}",
            "module": lesson.split("/")[0],
            "items": [
                {"id": f"words:{lesson}", "kind": "words", "lesson": lesson, **entry}
            ],
        }
        for lesson, entry in OWN_WORDS.items()
    }
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


# One question per lesson, asked at its end ("In your own words", web/own-words.js): the
# reader writes, then sees the key points a good answer covers and marks those they did.
# An answer that covered fewer than all of them comes back as a review. Keys are the
# lessons' site paths.
OWN_WORDS = {
    "01-big-picture/what-is-micrograd/": {
        "question": "What does micrograd compute for you, and why does training a network "
        "need it?",
        "points": [
            "the gradient of one output (the loss) with respect to every input",
            "each gradient says how much, and which way, a nudge to that input moves the "
            "output",
            "training nudges every weight against its gradient to make the loss smaller",
        ],
    },
    "01-big-picture/derivatives/": {
        "question": "What does a derivative tell you, and how does the chain rule combine "
        "them?",
        "points": [
            "how fast the output changes per unit nudge of the input, near that point",
            "it can be measured by nudging the input by a tiny h",
            "through a chain of steps, the local derivatives multiply",
        ],
    },
    "02-value/wrapping-scalars/": {
        "question": "What does a Value remember besides its number, and why?",
        "points": [
            "the values it was made from (its inputs)",
            "the operation, and the local derivative with respect to each input",
            "so that backward() can walk the graph from the output back to the inputs",
        ],
    },
    "02-value/backpropagation/": {
        "question": "Why does backward() visit nodes in reverse topological order, and why "
        "+= and not = for the gradients?",
        "points": [
            "a node's gradient must be complete before it is passed to its inputs",
            "reverse topological order puts every user of a node before the node",
            "a value used twice gets a contribution from each use: they add up",
        ],
    },
    "02-value/more-operations/": {
        "question": "What must each new operation (like tanh or exp) provide, and how do "
        "subtraction and division come for free?",
        "points": [
            "its result and its local derivative with respect to its input",
            "backward() itself does not change: it multiplies the local derivatives",
            "a - b is a + (-1 * b) and a / b is a * b**-1: built from existing operations",
        ],
    },
    "03-neural-network/neuron/": {
        "question": "What does a neuron compute from its inputs, and which of its numbers "
        "does training change?",
        "points": [
            "a weighted sum of its inputs plus a bias",
            "passed through a nonlinearity (like relu or tanh)",
            "training changes the weights and the bias: its parameters",
        ],
    },
    "03-neural-network/module-pattern/": {
        "question": "Why does every part of the network have parameters() and zero_grad()?",
        "points": [
            "parameters() lists every number training may change, from all the parts",
            "the optimizer updates whatever parameters() returns",
            "zero_grad() resets their gradients, which backward() otherwise accumulates",
        ],
    },
    "03-neural-network/layers-and-mlps/": {
        "question": "How is a layer made of neurons and an MLP made of layers, and how do "
        "the numbers flow through it?",
        "points": [
            "a layer is several neurons that each see all the same inputs",
            "an MLP feeds each layer's outputs to the next layer as its inputs",
            "its parameters are all of its layers' parameters",
        ],
    },
    "04-training/loss-functions/": {
        "question": "What does a loss function measure, and why one number?",
        "points": [
            "how wrong the predictions are on the data: smaller is better",
            "one number, so that backward() gives each parameter one gradient",
            "for the hinge loss: points on the right side with margin cost nothing",
        ],
    },
    "04-training/gradient-descent/": {
        "question": "Why does a step go against the gradient, and what does the learning "
        "rate do?",
        "points": [
            "the gradient points to where the loss grows fastest",
            "subtracting it (times a small rate) makes the loss smaller",
            "too large a rate overshoots; too small a rate barely moves",
        ],
    },
    "04-training/training-loop/": {
        "question": "What are the steps of one training step, in order, and what goes "
        "wrong if zero_grad() is left out?",
        "points": [
            "forward pass, then the loss",
            "zero the gradients, backward, then update each parameter",
            "without zero_grad() the gradients of earlier steps pile up",
        ],
    },
    "05-full-picture/moons-dataset/": {
        "question": "Why can a single neuron not separate the two moons, and what does an "
        "MLP add?",
        "points": [
            "a single neuron's boundary is a straight line",
            "the moons interleave: no straight line separates them",
            "hidden layers with nonlinearities let the boundary bend",
        ],
    },
    "05-full-picture/training-the-mlp/": {
        "question": "What do you watch while the MLP trains, and what tells you it is "
        "learning?",
        "points": [
            "the loss, which should fall from step to step",
            "the accuracy on the points, which should rise",
            "every step uses the same loop: forward, zero_grad, backward, update",
        ],
    },
    "05-full-picture/decision-boundary/": {
        "question": "How is a decision boundary drawn, and what does it show?",
        "points": [
            "the trained network scores every point of a grid",
            "the boundary is where the score changes sign",
            "it shows what the network learned, also away from the training points",
        ],
    },
    "05-full-picture/when-training-goes-wrong/": {
        "question": "Name one way training goes wrong, what the instruments show, and how "
        "you fix it.",
        "points": [
            "what goes wrong (a learning rate too high or too low, dead ReLUs, stale "
            "gradients)",
            "the sign in the numbers: loss, gradient norms, update ratios, dead units",
            "the fix that matches the cause",
        ],
    },
    "05-full-picture/micrograd-and-pytorch/": {
        "question": "What does PyTorch do the same as micrograd, and what does it add?",
        "points": [
            "the same idea: a graph recorded in the forward pass, backward() by the chain "
            "rule",
            "tensors: many numbers per operation instead of one",
            "speed (vectorised, GPUs) and a large library of layers and optimizers",
        ],
    },
    "05-full-picture/what-next/": {
        "question": "In three sentences: how does a network learn, from data to updated "
        "weights?",
        "points": [
            "a forward pass makes predictions and a loss",
            "backward() gives every parameter its gradient by the chain rule",
            "each parameter moves a little against its gradient, and this repeats",
        ],
    },
}
