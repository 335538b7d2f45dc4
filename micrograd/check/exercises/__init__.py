"""The exercises, one module each, found here by themselves: adding an exercise is a module
with an ``EXERCISE`` (a :class:`~micrograd.check.spec.Exercise`), its starter in
docs/exercises/starters/, and its correct solution and mutants in tests/check_cases/
(CONTRIBUTING.md, "The checker: adding an exercise", lists every file)."""

import importlib
import pkgutil

from micrograd.check.concepts import page_path

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


def table(title, docs="../"):
    """The exercises as a Markdown table, for a page ``docs`` away from docs/: each one's
    starter, what the learner writes and the lessons that teach it (``title(lesson)``
    names a lesson, from its site path)."""
    rows = [
        "| Exercise | Starter | What you write | Lessons |",
        "| --- | --- | --- | --- |",
    ]
    for e in EXERCISES.values():
        file = f"{e.name}.py"
        starter = f'[{file}]({docs}exercises/starters/{file}){{: download="{file}" }}'
        lessons = ", ".join(
            f"[{title(lesson)}]({docs}{page_path(lesson)})" for lesson in e.lessons
        )
        about = e.about.replace("*", r"\*")
        rows.append(f"| `{e.name}` | {starter} | {about} | {lessons} |")
    return "\n".join(rows)


def calls():
    """How each exercise is checked from Python, as a Markdown list."""
    return "\n".join(
        f"- `micrograd.check.{e.name}({', '.join(e.names + e.optional_names)})`"
        + (f" (`{', '.join(e.optional_names)}` optional)" if e.optional_names else "")
        for e in EXERCISES.values()
    )
