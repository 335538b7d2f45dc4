"""Backpropagation, one edge at a time, on the lesson's graphs: the seed, then one
``child.grad += local * node.grad`` per step, the edge highlighted; in the order
``backward()`` uses, or in the order it would use without ``reversed()``.
"""

from micrograd.engine import Value, topological_order
from micrograd.viz import Graph

from .controls import Buttons, Choice, Range
from .show import data, num, table

NAME = "backprop"
TITLE = "Backpropagation, one edge at a time"
EDGES = 6  # each graph below has six edges: seven steps with the seed
ORDERS = {
    "backward": "reversed topological, as backward()",
    "forgot": "topological: reversed() forgotten",
}
CONTROLS = (
    Choice(
        "graph",
        "Graph",
        (("lesson", "L = (a·b + c)·f"), ("twice", "L = y + u, y used twice")),
        "lesson",
    ),
    Choice("order", "Order", tuple(ORDERS.items()), "backward"),
    Range("step", "Step", 0, EDGES + 1, 1, 0, digits=0),
    Buttons(
        "step",
        (
            ("back", "Back", "Back one step"),
            ("next", "Next", "Next step"),
            ("start", "Reset", "Reset: back to step 0"),
        ),
    ),
)


def lesson_graph():
    """The lesson's first graph: L = (a * b + c) * f."""
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c, f = Value(10.0, label="c"), Value(-2.0, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L


def twice_graph():
    """The lesson's graph where ``y`` is used twice: L = y + u with u = 3y."""
    x = Value(1.0, label="x")
    y = x * Value(2.0, label="two")
    y.label = "y"
    u = y * Value(3.0, label="three")
    u.label = "u"
    L = y + u
    L.label = "L"
    return L


GRAPHS = {"lesson": lesson_graph, "twice": twice_graph}
SMALL = {"width": "0.3", "fixedsize": "true"}  # operation circles: a shorter picture


def edges(root, order):
    """``(node, child, local)`` for every edge, in the order the loop visits them."""
    topo = topological_order(root)
    nodes = reversed(topo) if order == "backward" else topo
    return [(n, c, local) for n in nodes for c, local in zip(n._prev, n._local)]


def run(graph, order, step):
    """The graph after ``step`` steps: the seed is step 1, and each later step is one edge.
    Returns the root and, for each edge taken, ``(node, child, local, node.grad,
    child.grad after)``."""
    root = GRAPHS[graph]()
    taken = []
    if step >= 1:
        root.grad = 1.0  # the seed
    for node, child, local in edges(root, order)[: max(step - 1, 0)]:
        child.grad += local * node.grad  # the chain rule
        taken.append((node, child, local, node.grad, child.grad))
    return root, taken


def _picture(root, active, step):
    """The graph drawn as micrograd.viz draws one (a little more compact), the edge being
    taken highlighted: the class mg-active, which web/playgrounds.css colours."""
    topo = topological_order(root)
    ids = {v: f"v{i}" for i, v in enumerate(topo)}
    node, child = active or (None, None)
    values = "; ".join(
        f"{v.label}: data {num(v.data)}, grad {num(v.grad)}" for v in topo
    )
    graph = Graph(
        "backpropagation",
        graph_attr={"rankdir": "TB", "ranksep": "0.2", "nodesep": "0.2"},
        node_attr={"fontsize": "10"},
        title=f"Computation graph of L after step {step} of {EDGES + 1}",
        description=f"Values: {values}.",
    )
    for v in topo:
        text = f"{{ {v.label} | data {v.data:.4f} | grad {v.grad:.4f} }}"
        graph.node(ids[v], text, shape="record", **_hot(v in (node, child)))
        if v._prev:
            graph.node(ids[v] + "op", v._op, shape="circle", **SMALL, **_hot(v is node))
            graph.edge(ids[v] + "op", ids[v])
            for c in v._prev:
                graph.edge(ids[c], ids[v] + "op", **_hot(v is node and c is child))
    return graph.svg()


def _hot(lit):
    """Graphviz attributes that mark a node or an edge as the one being taken."""
    return {"class": "mg-active"} if lit else {}


def _late(taken):
    """The first node that passed its gradient on before all of it had arrived, as
    ``(node, step it passed on, its gradient then, the node that sent it more, at which
    step)``, or None."""
    for i, (node, _, _, grad, _) in enumerate(taken):
        for j in range(i + 1, len(taken)):
            if taken[j][1] is node:
                return node, i + 2, grad, taken[j][0], j + 2
    return None


def _verdict(graph, root, taken):
    """At the last step: whether every gradient equals backward()'s, and if not, why."""
    reference = GRAPHS[graph]()
    reference.backward()
    wrong = [
        f"{v.label}.grad is {data(v.grad)}, backward() gives {data(r.grad)}"
        for v, r in zip(
            reversed(topological_order(root)), reversed(topological_order(reference))
        )
        if v.grad != r.grad
    ]
    if not wrong:
        return "<strong>Done: every gradient equals backward()'s.</strong>"
    said = f"<strong>Done, in the wrong order: {'; '.join(wrong)}.</strong>"
    if late := _late(taken):
        node, passed, grad, sender, sent = late
        said += (
            f" {node.label} passed its gradient on at step {passed}, when it was"
            f" {data(grad)}, before {sender.label} sent it its share at step {sent}."
        )
    return said


def _said(graph, root, taken, step):
    """The readout: what the last step did, and at the end how it compares."""
    last = EDGES + 1
    if step == 0:
        return (
            f"Step 0 of {last}: every gradient is 0. Next sets {root.label}.grad = 1."
        )
    if step == 1:
        return f"Step 1 of {last}: the seed, {root.label}.grad = {data(root.grad)}."
    node, child, local, grad, now = taken[-1]
    n, c = node.label, child.label
    said = (
        f"Step {step} of {last}: {n} passes its gradient to {c}: {c}.grad +="
        f" {data(local, name='local')} × {data(grad, name='grad')}"
        f" (local ∂{n}/∂{c} × {n}.grad). {c}.grad is now {data(now, name='new')}."
    )
    return f"{said} {_verdict(graph, root, taken)}" if step == last else said


def view(graph, order, step):
    root, taken = run(graph, order, step)
    rows = [["1", f"seed {root.label}", "", "", data(root.grad)]] if step >= 1 else []
    rows += [
        [str(k), f"{node.label} → {child.label}", data(local), data(grad), data(now)]
        for k, (node, child, local, grad, now) in enumerate(taken, start=2)
    ]
    active = taken[-1][:2] if taken else None
    headers = ["step", "edge", "local", "× grad", "new grad"]
    return {
        "readout": _said(graph, root, taken, step),
        "figure": _picture(root, active, step),
        "table": table(f"The steps so far ({ORDERS[order]})", headers, rows),
    }
