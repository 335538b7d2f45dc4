"""The exercises, what a learner's file must define for each, and how a file is loaded."""

import importlib
import os
import sys
import types
from dataclasses import dataclass

from micrograd.check._core import (
    CheckTimeout,
    Context,
    exception_lines,
    fmt_seconds,
    time_limit,
)


@dataclass(frozen=True)
class Exercise:
    name: str
    names: tuple  # (name, "class", "function" or "optional function") the file defines
    module: str  # the module with run(ctx, *objects, learner_file=None)
    about: str

    def runner(self):
        return importlib.import_module(self.module).run


EXERCISES = {
    e.name: e
    for e in [
        Exercise(
            "value",
            (("Value", "class"),),
            "micrograd.check._value",
            "your own Value: +, *, **, tanh, exp, relu and backward()",
        ),
        Exercise(
            "neuron",
            (("Neuron", "class"),),
            "micrograd.check._neuron",
            "a Neuron built on micrograd's Value",
        ),
        Exercise(
            "mlp",
            (("Layer", "class"), ("MLP", "class")),
            "micrograd.check._mlp",
            "Layer and MLP",
        ),
        Exercise(
            "loss",
            (("hinge_loss", "function"), ("l2_penalty", "optional function")),
            "micrograd.check._loss",
            "the hinge loss (and, optionally, the L2 penalty)",
        ),
        Exercise(
            "train",
            (("train", "function"),),
            "micrograd.check._train",
            "the training loop",
        ),
    ]
}


class LoadError(Exception):
    """The learner's file cannot be used: missing, broken, or without the names it needs."""


def load(exercise, path):
    """Run the learner's file and return the objects the exercise needs, in order."""
    ex = EXERCISES[exercise]
    name = os.path.basename(path)
    if not os.path.exists(path):
        raise LoadError(f"there is no file {path}")
    if os.path.isdir(path):
        raise LoadError(f"{path} is a folder: give the path of your .py file")
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as exc:
        raise LoadError(f"{name} cannot be read: {exc.strerror or exc}") from None
    try:
        code = compile(source, path, "exec")
    except SyntaxError as exc:
        lines = [f"{name} has a syntax error on line {exc.lineno}: {exc.msg}"]
        if exc.text:
            text = exc.text.rstrip("\n")
            stripped = text.lstrip()
            lines.append("    " + stripped)
            if exc.offset:
                col = max(exc.offset - 1 - (len(text) - len(stripped)), 0)
                lines.append("    " + " " * col + "^")
        raise LoadError("\n".join(lines)) from None
    except ValueError as exc:  # e.g. null bytes
        raise LoadError(f"{name} cannot be compiled: {exc}") from None

    module_name = "_learner_" + "".join(
        c if c.isalnum() else "_" for c in name[:-3] or "file"
    )
    module = types.ModuleType(module_name)
    module.__file__ = os.path.abspath(path)
    sys.modules[module_name] = module
    folder = os.path.dirname(os.path.abspath(path))
    if folder not in sys.path:
        sys.path.insert(0, folder)
    try:
        exec(code, module.__dict__)
    except CheckTimeout:
        raise
    except (Exception, SystemExit) as exc:
        detail = exception_lines(exc, path)
        message = f"{name} could not be loaded: it raised an error\n" + "\n".join(
            detail
        )
        raise LoadError(message) from None

    objects = []
    for needed, what in ex.names:
        if what.startswith("optional "):
            if needed not in module.__dict__:
                objects.append(None)
                continue
            what = what.removeprefix("optional ")
        if needed not in module.__dict__:
            raise LoadError(f"{name} defines no {what} named {needed}")
        obj = module.__dict__[needed]
        if what == "class" and not isinstance(obj, type):
            raise LoadError(
                f"{name} defines {needed}, but as {_what(obj)}, not a class"
            )
        if what == "function" and (isinstance(obj, type) or not callable(obj)):
            raise LoadError(
                f"{name} defines {needed}, but as {_what(obj)}, not a function"
            )
        objects.append(obj)
    return objects


def _what(obj):
    if isinstance(obj, type):
        return "a class"
    if callable(obj):
        return "a function"
    return f"a {type(obj).__name__} value"


def run_exercise(exercise, objects, *, emit=None, learner_file=None, timeout=None):
    """Run the checks of ``exercise`` on ``objects``; return the list of report items.

    ``timeout`` (seconds) interrupts the learner's code where alarm signals exist.
    """
    ctx = Context(emit, learner_file)
    runner = EXERCISES[exercise].runner()
    try:
        with time_limit(timeout):
            runner(ctx, *objects, learner_file=learner_file)
    except CheckTimeout:
        title, example = ctx.current or ("your code", "")
        ctx.timed_out(timeout, title, example)
    return ctx.items


__all__ = ["EXERCISES", "LoadError", "load", "run_exercise", "fmt_seconds"]
