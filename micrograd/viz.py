"""Pictures of computation graphs, written as Graphviz DOT text and drawn as SVG.

Every :class:`~micrograd.engine.Value` becomes a box ``label | data | grad`` and every
operation a small circle feeding it, as in the lecture::

    from micrograd.engine import Value
    from micrograd.viz import svg

    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    L = a * b + a
    L.label = "L"
    L.backward()
    print(svg(L))  # inline SVG text, ready to paste into a web page

Big graphs stay readable: ``depth=N`` keeps only the part within N operations of the
root, ``fold_sums=True`` draws a chain of ``+`` (what ``sum(...)`` builds) as one
``Σ (k terms)`` node, and a graph with more than ``max_nodes`` Values is refused with a
ValueError instead of being drawn as an unreadable blob.

The DOT text needs nothing but Python. Drawing it needs a renderer: by default Graphviz's
``dot`` program; in a web page, the page registers its own with :func:`set_renderer`.

Every picture is for everyone: the ``<svg>`` is an image (``role="img"``) named by its
``<title>`` ("Computation graph of L: 5 values, 3 operations") and described by a ``<desc>``
that lists every value (label, data, grad) and every operation (which values feed it, which
value it gives). It sits in a container (class ``mg-graph``) that scrolls sideways and can be
focused with the keyboard, so a big graph keeps its natural size on a phone. Colours and font
come from the page's stylesheet, which styles only ``g.node`` and ``g.edge`` and Graphviz's
default colours: the markup is the same whichever Graphviz draws it.
"""

import re
import subprocess
from collections import deque
from html import escape

__all__ = ["Graph", "draw_dot", "set_renderer", "svg"]

MAX_NODES = 200  # the most Values draw_dot draws unless told otherwise
FONT = (
    "Helvetica,Arial,sans-serif"  # laid out for a sans-serif font, as the page shows it
)

_INSTALL_DOT = (
    "Graphviz's `dot` program was not found on PATH; install Graphviz: "
    "`sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), "
    "or see https://graphviz.org/download/"
)


def _render_with_dot(source):
    """SVG text from Graphviz's ``dot`` program."""
    try:
        proc = subprocess.run(
            ["dot", "-Tsvg"], input=source, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise RuntimeError(_INSTALL_DOT) from None
    if proc.returncode != 0:
        raise RuntimeError(f"dot failed: {proc.stderr.strip()}")
    return proc.stdout


_render = _render_with_dot


def set_renderer(render):
    """Draw graphs with ``render(dot_source) -> svg_text`` instead of the ``dot`` program.

    ``None`` restores the default. A web page that runs Python registers a renderer of its
    own (Graphviz compiled to WebAssembly), where no program can be started.
    """
    global _render
    _render = _render_with_dot if render is None else render


class Graph:
    """A graph picture: its DOT text (``source``), drawn by :meth:`svg`.

    ``title`` names the picture (by default, ``name``); ``description`` is its text
    alternative (by default, made from the nodes and edges). Shown as a picture when it is
    the last expression of a notebook cell.
    """

    def __init__(
        self,
        name="graph",
        graph_attr=None,
        node_attr=None,
        *,
        title=None,
        description=None,
    ):
        self.name = name
        self.title, self.description = title or name, description
        self.graph_attr = {"bgcolor": "transparent", **(graph_attr or {})}
        self.node_attr = {"fontname": FONT, **(node_attr or {})}
        self.body = []  # one DOT statement per node or edge
        self._labels, self._edges = {}, []  # for the description

    def node(self, name, label, **attrs):
        self._labels[name] = label
        self.body.append(f"\t{_id(name)} [label={_quote(label)}{_attrs(attrs)}]")

    def edge(self, tail, head, **attrs):
        self._edges.append((tail, head))
        extra = f" [{_attrs(attrs).strip()}]" if attrs else ""
        self.body.append(f"\t{_id(tail)} -> {_id(head)}{extra}")

    @property
    def source(self):
        lines = [f"digraph {_quote(self.name)} {{"]
        for kind, attrs in (("graph", self.graph_attr), ("node", self.node_attr)):
            if attrs:
                lines.append(f"\t{kind} [{_attrs(attrs).strip()}]")
        return "\n".join(lines + self.body + ["}"]) + "\n"

    def describe(self):
        """The text alternative: ``description``, or the nodes and edges in words."""
        if self.description:
            return self.description
        label = self._labels.get
        nodes = ", ".join(map(str, self._labels.values()))
        text = f"{_count(len(self._labels), 'node')}: {nodes}."
        if self._edges:
            edges = "; ".join(f"{label(t, t)} to {label(h, h)}" for t, h in self._edges)
            text += f" {_count(len(self._edges), 'edge')}: {edges}."
        return text

    def svg(self):
        """The picture as HTML: the ``<svg>`` image in a container that scrolls sideways and
        takes keyboard focus (see :func:`svg`)."""
        return (
            f'<div class="mg-graph" role="group" tabindex="0"'
            f' aria-label="{escape(self.title)}">{self._repr_svg_()}</div>'
        )

    def _repr_svg_(self):
        """The ``<svg>`` alone: an image with a ``<title>`` and a ``<desc>``."""
        text = _clean_svg(_render(self.source))
        end = text.index(">")  # of the <svg ...> start tag
        about = (
            f"<title>{escape(self.title)}</title><desc>{escape(self.describe())}</desc>"
        )
        return f'{text[:end]} role="img">{about}{text[end + 1 :]}'

    def _repr_html_(self):
        return self.svg()


def _id(name):
    """A node name as DOT wants it: bare when it is a plain name or number, else quoted."""
    return name if _PLAIN_ID.fullmatch(name) else _quote(name)


_PLAIN_ID = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)")


def _quote(text):
    return '"' + str(text).replace('"', '\\"') + '"'


def _attrs(attrs):
    return "".join(f" {key}={_quote(value)}" for key, value in attrs.items())


def _consumers(root):
    """How many times each Value reachable from ``root`` is used as an input."""
    uses, seen, stack = {}, {root}, [root]
    while stack:
        for child in stack.pop()._prev:
            uses[child] = uses.get(child, 0) + 1
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return uses


def _sum_terms(v, uses):
    """The terms of the ``+`` tree rooted at ``v``, left to right.

    An inner ``+`` is folded in when nothing else uses it and it has no label, so
    no value that could be looked at elsewhere disappears from the picture.
    """
    terms, stack = [], list(reversed(v._prev))
    while stack:
        t = stack.pop()
        if t._op == "+" and not t.label and uses.get(t, 0) == 1:
            stack.extend(reversed(t._prev))
        else:
            terms.append(t)
    return terms


def _escape(text):
    """Escape the characters that have a meaning inside a Graphviz record label."""
    for c in "\\{}|<>":
        text = text.replace(c, "\\" + c)
    return text


def _plan(root, depth, fold_sums):
    """Decide what to draw: a dict Value -> (op label, inputs), in breadth-first order.

    A Value whose inputs are cut off by ``depth`` maps to ``(op, None)``.
    """
    uses = _consumers(root) if fold_sums else None
    plan, queue = {}, deque([(root, 0)])
    while queue:
        v, d = queue.popleft()
        if v in plan:
            continue
        if not v._prev:
            plan[v] = ("", ())
            continue
        op, inputs = v._op or "?", v._prev
        if fold_sums and op == "+":
            inputs = _sum_terms(v, uses)
            if len(inputs) > 2:
                op = f"Σ ({len(inputs)} terms)"
        if depth is not None and d >= depth:
            plan[v] = (op, None)
            continue
        plan[v] = (op, inputs)
        queue.extend((child, d + 1) for child in inputs if child not in plan)
    return plan


def draw_dot(root, *, rankdir="LR", max_nodes=MAX_NODES, depth=None, fold_sums=False):
    """The graph of everything ``root`` was computed from, as a :class:`Graph`.

    - ``rankdir``: ``"LR"`` draws inputs on the left, ``"TB"`` on top.
    - ``depth``: keep only the Values at most ``depth`` operations away from ``root``
      (a folded sum counts as one); where inputs are cut off, a ``…`` node with a
      dashed edge says there is more.
    - ``fold_sums``: draw a chain of ``+`` (as built by ``sum(...)``) as one node
      ``Σ (k terms)``; unlabelled intermediate sums that nothing else uses are hidden.
    - ``max_nodes``: the most Values to draw (``None``: no limit). A bigger picture
      raises ValueError saying how many Values there are and what to pass instead.

    >>> from micrograd.engine import Value
    >>> x = Value(3.0, label="x")
    >>> y = x * 2.0
    >>> dot = draw_dot(y)
    >>> dot.source.count('shape="record"'), dot.source.count('shape="circle"')
    (3, 1)
    """
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth}")
    plan = _plan(root, depth, fold_sums)
    if max_nodes is not None and len(plan) > max_nodes:
        raise ValueError(
            f"this graph has {len(plan)} Values, more than max_nodes={max_nodes}; "
            "draw part of it with depth=N (e.g. depth=3), fold sums with fold_sums=True, "
            "or raise max_nodes"
        )
    # --8<-- [start:draw_dot]
    dot = Graph(
        "computation graph",
        graph_attr={"rankdir": rankdir},
        node_attr={"fontsize": "10"},
    )
    ids = {
        v: f"v{i}" for i, v in enumerate(plan)
    }  # short, stable names: same picture each run
    for v, (op, inputs) in plan.items():
        uid = ids[v]
        # a box for the Value: its label, its data, its gradient
        text = f"{{ {_escape(v.label)} | data {v.data:.4f} | grad {v.grad:.4f} }}"
        dot.node(uid, text, shape="record")
        if not op:
            continue  # a leaf: nothing computed it
        # a circle for the operation that computed it, and an edge from there to the box
        dot.node(uid + "op", op, shape="circle" if len(op) <= 4 else "ellipse")
        dot.edge(uid + "op", uid)
        if inputs is None:  # cut off by depth: hint that there is more
            dot.node(uid + "cut", "…", shape="plaintext")
            dot.edge(uid + "cut", uid + "op", style="dashed")
            continue
        for child in inputs:
            dot.edge(ids[child], uid + "op")
            # --8<-- [end:draw_dot]
    dot.title, dot.description = _about(root, plan)
    return dot


def _about(root, plan):
    """The picture's name and its text alternative: every value with its data and grad,
    then every operation (inputs first), with the values that feed it and the one it gives."""
    order = list(reversed(plan))  # roughly the order in which the values were computed
    names, unnamed = {}, 0
    for v in order:
        if not v.label:
            unnamed += 1
        names[v] = v.label or f"value {unnamed}"
    values = "; ".join(
        f"{names[v]}: data {v.data:.4f}, grad {v.grad:.4f}" for v in order
    )
    operations = [
        f"{names[v]} = {_formula(*plan[v], names)}" for v in order if plan[v][0]
    ]
    counts = f"{_count(len(plan), 'value')}, {_count(len(operations), 'operation')}"
    title = f"Computation graph of {root.label or 'the output'}: {counts}"
    text = f"Values: {values}."
    if operations:
        text += f" Operations: {'; '.join(operations)}."
    return title, text


def _count(n, noun):
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _formula(op, inputs, names):
    """An operation in words: ``a * b``, ``x**2``, ``tanh(e)``, ``the sum of a, b, c``."""
    if inputs is None:
        return f"{op} of values not drawn"
    args = [names[c] for c in inputs]
    if op.startswith("Σ"):
        return "the sum of " + ", ".join(args)
    if len(args) == 2 and op in ("+", "-", "*", "/", "**"):
        return f" {op} ".join(args)
    if op.startswith("**"):
        return args[0] + op
    return f"{op}({', '.join(args)})"


def svg(root, **kwargs):
    """The picture of ``draw_dot(root, **kwargs)`` as HTML, ready to inline in a page.

    An ``<svg>`` image, named and described for screen readers, inside a container that
    scrolls sideways when the picture is wider than the page. Graphviz's comments, ``id``
    attributes and node titles are left out: several pictures can share a page.

    >>> from micrograd.engine import Value
    >>> text = svg(Value(1.5, label="w") * 2.0)
    >>> text.startswith('<div class="mg-graph"'), "<svg" in text, "1.5000" in text
    (True, True, True)
    """
    return draw_dot(root, **kwargs).svg()


def _clean_svg(text):
    text = text[text.index("<svg") :]  # drop the XML prolog and doctype
    text = re.sub(r"<!--.*?-->\n?", "", text, flags=re.S)  # comments naming every node
    text = re.sub(r' id="[^"]*"', "", text)  # the same ids in every picture
    # node names, and the graph's name: the picture gets a title of its own
    return re.sub(r"<title>[^<]*</title>\n?", "", text)
