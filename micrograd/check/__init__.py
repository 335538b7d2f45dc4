"""Check your exercises: ``python -m micrograd.check <exercise> <file.py>``.

The checker runs your code on small examples and, when a result is wrong, says which idea
is involved (each with an id such as ``[grad-accumulation]``), shows the example, what you
got, what was expected, and where to look. It never shows a solution.

From Python, pass your own class or function; the report is printed and returned:

>>> import micrograd.check
>>> from micrograd.engine import Value
>>> report = micrograd.check.value(Value, quiet=True)
>>> report.ok, report.exit_code
(True, 0)

Exercises: ``value`` (your own Value class), ``neuron``, ``mlp`` (Layer and MLP), ``loss``
(hinge_loss, and optionally l2_penalty) and ``train`` (the training loop). The contract of
each is in the docstring of its starter file, ``docs/exercises/starters/<exercise>.py``.
"""

from micrograd.check._exercises import EXERCISES, run_exercise
from micrograd.check._process import DEFAULT_TIMEOUT, check_file
from micrograd.check._report import Report

__all__ = [
    "EXERCISES",
    "Report",
    "check_file",
    "loss",
    "mlp",
    "neuron",
    "train",
    "value",
]


def _check(exercise, objects, source, timeout, quiet):
    items = run_exercise(exercise, objects, timeout=timeout)
    report = Report(exercise, source, items)
    if not quiet:
        print(report)
    return report


def value(Value, *, timeout=DEFAULT_TIMEOUT, quiet=False):  # noqa: N803 (a class)
    """Check your own ``Value`` class (exercise ``value``). Prints and returns a Report."""
    return _check("value", [Value], _name(Value), timeout, quiet)


def neuron(Neuron, *, timeout=DEFAULT_TIMEOUT, quiet=False):  # noqa: N803
    """Check your ``Neuron`` class (exercise ``neuron``). Prints and returns a Report."""
    return _check("neuron", [Neuron], _name(Neuron), timeout, quiet)


def mlp(Layer, MLP, *, timeout=DEFAULT_TIMEOUT, quiet=False):  # noqa: N803
    """Check your ``Layer`` and ``MLP`` classes (exercise ``mlp``). Prints and returns a Report."""
    return _check(
        "mlp", [Layer, MLP], f"{_name(Layer)} and {_name(MLP)}", timeout, quiet
    )


def loss(hinge_loss, l2_penalty=None, *, timeout=DEFAULT_TIMEOUT, quiet=False):
    """Check your ``hinge_loss`` (and ``l2_penalty``, if given). Prints and returns a Report."""
    source = _name(hinge_loss) + (f" and {_name(l2_penalty)}" if l2_penalty else "")
    return _check("loss", [hinge_loss, l2_penalty], source, timeout, quiet)


def train(train, *, timeout=DEFAULT_TIMEOUT, quiet=False):
    """Check your ``train`` function (exercise ``train``). Prints and returns a Report."""
    return _check("train", [train], _name(train), timeout, quiet)


def _name(obj):
    return getattr(obj, "__qualname__", None) or type(obj).__name__
