"""The exercises, one module each, found here by themselves: adding an exercise is a module
with an ``EXERCISE`` (a :class:`~micrograd.check.spec.Exercise`), its starter in
docs/exercises/starters/, and its correct solution and mutants in tests/check_cases/."""

import importlib
import pkgutil

EXERCISES = {
    e.name: e
    for e in sorted(
        (
            importlib.import_module(f"{__name__}.{m.name}").EXERCISE
            for m in pkgutil.iter_modules(__path__)
        ),
        key=lambda e: e.order,
    )
}
