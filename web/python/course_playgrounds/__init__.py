"""Playgrounds: controls on a lesson that redraw a figure with the ``micrograd`` package.

One module per playground (``PLAYGROUNDS``: ``descent``, ``backprop``, ``neuron``, …), each with
``NAME``, ``TITLE``, ``CONTROLS`` (see ``controls``) and ``view(**values)``, which returns
the parts of the playground as markup: ``readout`` (the key numbers, read aloud when they
change), ``figure`` and, for some, ``table``; or ``{"pending": text}`` while it needs to
be asked again (a training run that is still going).

The same code draws in two places:

- while the site builds, ``markup(name)`` writes a playground's whole HTML, controls and
  first picture (hooks/playgrounds.py puts it where a lesson says
  ``<!-- course:playground name -->``);
- in the page, web/playground.js calls ``render(name=..., values=...)`` in the page's
  Python (through web/python/course_calls.py) with the controls' values as the page reads
  them (text), and swaps the parts it returns.
"""

from html import escape

from . import backprop, boundary, descent, faults, neuron, sweep
from .controls import parse

PLAYGROUNDS = {m.NAME: m for m in (descent, backprop, neuron, boundary, faults, sweep)}
PARTS = ("readout", "figure", "table")  # in the order the page shows them
STARTS = (
    "Moving a control runs micrograd in this page: Python starts the first time, which"
    " takes a few seconds."
)


def _module(name):
    if name not in PLAYGROUNDS:
        raise ValueError(
            f"no playground named {name!r}; there are {', '.join(PLAYGROUNDS)}"
        )
    return PLAYGROUNDS[name]


def render(name, values=None):
    """The parts of playground ``name`` for the controls' ``values`` (names to text; those
    left out keep their starting value)."""
    module = _module(name)
    return module.view(**parse(module.CONTROLS, values))


def markup(name, index=1):
    """The whole playground as HTML: its controls, and its parts drawn for their starting
    values. ``index`` tells apart the ids of two playgrounds on one page."""
    module = _module(name)
    prefix = f"pg{index}-{name}"
    parts = render(name)
    for _ in range(1000):  # a run that trains: trained here, as the page asks again
        if "pending" not in parts:
            break
        parts = render(name)
    else:
        raise ValueError(
            f"{name}: the starting picture is still pending after 1000 asks"
        )
    controls = "".join(c.html(prefix) for c in module.CONTROLS)
    live = {"readout": ' aria-live="polite"'}
    shown = "".join(
        f'<div class="mg-pg-{part}" data-part="{part}"{live.get(part, "")}>'
        f"{parts[part]}</div>"
        for part in PARTS
        if part in parts
    )
    title = escape(module.TITLE)
    return (
        f'<section class="mg-playground" data-course="playground"'
        f' data-playground="{name}" aria-label="Playground: {title}">'
        f'<p class="mg-pg-title">{title}</p>'
        f'<form class="mg-pg-controls">{controls}</form>'
        f'<p class="mg-pg-status" role="status">{STARTS}</p>{shown}</section>'
    )
