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

(The course's own Value is not your work.) There is one such function per exercise, named
after it and taking the pieces it asks for (``micrograd.check.mlp(Layer, MLP)``); the
exercises are ``EXERCISES``, and the contract of each is the docstring of its starter
file, ``docs/exercises/starters/<exercise>.py``. :func:`check_source` is the entry point
for the page, :func:`tutor_prompt` builds a prompt for an AI tutor.
"""

import inspect
import pkgutil

from micrograd.check.exercises import EXERCISES
from micrograd.check.hosts import check_file, check_objects, check_source
from micrograd.check.report import Report
from micrograd.check.tutor import tutor_prompt

__all__ = [
    "EXERCISES",
    "Report",
    "check_file",
    "check_objects",
    "check_source",
    "tutor_prompt",
    *EXERCISES,
]


def _checker(exercise):
    """The function that checks the learner's own pieces for ``exercise``: its
    parameters are the names the exercise asks for (optional ones default to None)."""
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    signature = inspect.Signature(
        [inspect.Parameter(n, kind) for n in exercise.names]
        + [inspect.Parameter(n, kind, default=None) for n in exercise.optional_names]
        + [
            inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False),
            inspect.Parameter("options", inspect.Parameter.VAR_KEYWORD),
        ]
    )

    def check(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        objects = dict(bound.arguments)
        quiet, options = objects.pop("quiet"), objects.pop("options")
        objects = {k: v for k, v in objects.items() if v is not None}
        report = check_objects(exercise.name, objects, **options)
        if not quiet:
            print(report)
        return report

    check.__name__ = check.__qualname__ = exercise.name
    check.__signature__ = signature
    check.__doc__ = (
        f"Check your {' and '.join(exercise.names + exercise.optional_names)}: "
        f"{exercise.about}. Prints and returns a :class:`Report`.\n\n"
        "Options, as for every exercise: ``timeout`` (seconds), ``memory`` (MiB), "
        "``hint`` (the hint level shown) and ``quiet`` (return the report without "
        "printing it)."
    )
    return check


_TAKEN = set(globals()) | {m.name for m in pkgutil.iter_modules(__path__)}
for _exercise in EXERCISES.values():
    if _exercise.name in _TAKEN:
        raise ValueError(
            f"the exercise {_exercise.name!r} has the name of micrograd.check."
            f"{_exercise.name}: give it another"
        )
    globals()[_exercise.name] = _checker(_exercise)
del _TAKEN, _exercise
