"""Check your exercises: ``python -m micrograd.check <exercise> <file.py>``.

The checker runs your code on small examples and, when a result is wrong, names the idea
involved (a concept id such as ``[grad-accumulation]``), shows the example, what you got,
what was expected, a hint (``--hint 2`` for the next one) and the lesson that teaches it.
It never shows a solution.

From Python, pass your own class or function; the report is printed and returned:

>>> import micrograd.check
>>> from micrograd.engine import Value
>>> report = micrograd.check.value(Value, quiet=True)
>>> report.exit_code, report.concepts
(1, ['own-code'])

(The course's own Value is not your work.) The exercises: ``value``, ``neuron``, ``mlp``,
``loss``, ``train`` and ``capstone``; the contract of each is the docstring of its starter
file, ``docs/exercises/starters/<exercise>.py``. :func:`check_source` is the entry point
for the page, :func:`tutor_prompt` builds a prompt for an AI tutor.
"""

from micrograd.check.exercises import EXERCISES
from micrograd.check.hosts import check_file, check_objects, check_source
from micrograd.check.report import Report
from micrograd.check.tutor import tutor_prompt

__all__ = [
    "EXERCISES",
    "Report",
    "capstone",
    "check_file",
    "check_objects",
    "check_source",
    "tutor_prompt",
    "loss",
    "mlp",
    "neuron",
    "train",
    "value",
]


def _check(exercise, quiet, options, **objects):
    objects = {k: v for k, v in objects.items() if v is not None}
    report = check_objects(exercise, objects, **options)
    if not quiet:
        print(report)
    return report


def value(Value, *, quiet=False, **options):  # noqa: N803 (a class)
    """Check your own ``Value`` class. Prints and returns a :class:`Report`.

    Options, for every exercise: ``timeout`` (seconds), ``memory`` (MiB), ``hint`` (the
    hint level shown) and ``quiet`` (return the report without printing it)."""
    return _check("value", quiet, options, Value=Value)


def neuron(Neuron, *, quiet=False, **options):  # noqa: N803
    """Check your ``Neuron`` class. Prints and returns a :class:`Report`."""
    return _check("neuron", quiet, options, Neuron=Neuron)


def mlp(Layer, MLP, *, quiet=False, **options):  # noqa: N803
    """Check your ``Layer`` and ``MLP`` classes. Prints and returns a :class:`Report`."""
    return _check("mlp", quiet, options, Layer=Layer, MLP=MLP)


def loss(hinge_loss, l2_penalty=None, *, quiet=False, **options):
    """Check your ``hinge_loss`` (and ``l2_penalty``, if given)."""
    return _check("loss", quiet, options, hinge_loss=hinge_loss, l2_penalty=l2_penalty)


def train(train, *, quiet=False, **options):
    """Check your ``train`` function. Prints and returns a :class:`Report`."""
    return _check("train", quiet, options, train=train)


def capstone(Value, Neuron, Layer, MLP, hinge_loss, train, *, quiet=False, **options):  # noqa: N803
    """Check your own pieces together (the final project)."""
    pieces = dict(Value=Value, Neuron=Neuron, Layer=Layer, MLP=MLP)
    return _check(
        "capstone", quiet, options, **pieces, hinge_loss=hinge_loss, train=train
    )
