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

# The API is imported on first use (PEP 562's module __getattr__), not with the package:
# the command line's worker, which runs a learner's file, imports only
# micrograd.check.observe, and so starts in half the time.
_loading = False  # while _load() runs: a name it has not made yet is not there


def __getattr__(name):
    """The API, the exercises' checkers and ``__all__``, made once, on first use."""
    global _loading
    wanted = name == "__all__" or not name.startswith("_")
    if wanted and "__all__" not in globals() and not _loading:
        _loading = True
        try:
            globals().update(_load())
        finally:
            _loading = False
        if name in globals():
            return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), *(globals().get("__all__") or __getattr__("__all__"))})


def _load():
    """The API: what the package gives by name, and a checker per exercise."""
    import pkgutil

    from micrograd.check import exercises, hosts, report, tutor

    api = {
        "EXERCISES": exercises.EXERCISES,
        "Report": report.Report,
        "check_file": hosts.check_file,
        "check_objects": hosts.check_objects,
        "check_source": hosts.check_source,
        "tutor_prompt": tutor.tutor_prompt,
    }
    taken = {*globals(), *api} | {m.name for m in pkgutil.iter_modules(__path__)}
    for exercise in exercises.EXERCISES.values():
        if exercise.name in taken:
            raise ValueError(
                f"the exercise {exercise.name!r} has the name of micrograd.check."
                f"{exercise.name}: give it another"
            )
        api[exercise.name] = _checker(exercise, hosts.check_objects)
    return {**api, "__all__": list(api)}


def _checker(exercise, check_objects):
    """The function that checks the learner's own pieces for ``exercise``: its
    parameters are the names the exercise asks for (optional ones default to None)."""
    import inspect

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
