"""Diagnosis challenges: a training run with one planted fault, and the monitor's instruments.

The learner's file is the run itself, a script (``script()`` writes it). They (a) name the
cause, ``CAUSE = "..."``, one of :data:`CAUSES`, and (b) fix the run. The checks read the
script's names after it has run: ``CAUSE``, the data ``X`` and ``y``, the ``model`` and its
``monitor``. A wrong cause gets the question about the instrument that would have shown the
cause named, then the challenge's own pointer to the instrument that does tell; the fixed
run must keep the data, the model's size and the number of steps, get a clean
``monitor.diagnose()`` and reach the target.

A challenge's spec says only what differs: its story, the seed of its data and weights, and
its fault as arguments of ``script()`` (see ``micrograd/check/exercises/mystery_*.py``).
"""

import contextlib
import functools
import io
from dataclasses import dataclass

from micrograd.check.spec import Check, Exercise, Wrong, example

POINTS, SIZES, STEPS, LR = 30, [8, 8, 1], 40, 0.3
TARGET_LOSS, TARGET_ACCURACY = 0.4, 0.8  # at the last step; a healthy run gets 0.2-0.35
NAMES = ("CAUSE", "X", "y", "model", "monitor")
MONITORED = ("lr-too-high", "lr-too-low", "dead-relu", "stale-grad", "update-direction")
CAUSES = (*MONITORED, "wrong-labels")
LESSON = "05-full-picture/when-training-goes-wrong/"

# A wrong cause: the instrument that would have shown it, as a question.
QUESTIONS = {
    "lr-too-high": "You named lr-too-high. Steps too large show in the update panel, as an "
    "update ratio near 1 or above, and in a loss that leaps up: is that what this run's "
    "panels show, and from the first steps?",
    "lr-too-low": "You named lr-too-low. Steps too small show as an update ratio far below "
    "the healthy run's in every layer, while the gradients are ordinary and the ReLUs "
    "alive: is that what this run's panels show?",
    "dead-relu": "You named dead-relu. Units dead from the start show in the dead ReLUs "
    "panel above one half from step 0, and in a loss flat from the first step. Units that "
    "die later were killed by something: what did the panels show just before?",
    "stale-grad": "You named stale-grad. Left-over gradients make the gradient panel grow "
    "while the loss levels off, and diagnose() can tell it exactly: does it say so here?",
    "update-direction": "You named update-direction. Steps uphill make the loss rise from "
    "the first step, whatever the learning rate: does this run's loss rise from the "
    "start?",
    "wrong-labels": "You named wrong-labels. A wrong loss or wrong labels leave every "
    "instrument healthy and the accuracy low: are this run's instruments all healthy?",
}


def script(seed, lr=LR, start="", labels="", reset="    model.zero_grad()\n", sign="-"):
    """The run, with its fault: a learning rate, a start (lines after the model is made),
    labels (lines after the data), the gradients' reset, the update's sign."""
    return f'''\
from micrograd.data import make_moons
from micrograd.losses import l2_penalty
from micrograd.monitor import Monitor
from micrograd.nn import MLP

# (a) The cause: one of "{'", "'.join(CAUSES[:3])}",
#     "{'", "'.join(CAUSES[3:])}".
CAUSE = ""


def hinge(scores, labels):
    """The mean of relu(1 - label * score) over the examples."""
    return sum((1 - t * s).relu() for s, t in zip(scores, labels)) / len(labels)


# (b) The run: fix its fault, and nothing else.
X, y = make_moons({POINTS}, noise=0.1, seed={seed})
{labels}model = MLP(2, {SIZES}, seed={seed})
{start}monitor = Monitor(model)
for _ in range({STEPS}):
    loss = hinge([model(x) for x in X], y) + l2_penalty(model.parameters())
{reset}    loss.backward()
    monitor.record(loss)  # after backward(), before the update
    for p in model.parameters():
        p.data {sign}= {lr} * p.grad

accuracy = sum((model(x).data > 0) == (t > 0) for x, t in zip(X, y)) / len(y)
print(f"at the last step: loss {{loss.data:.4f}}, accuracy {{accuracy:.0%}}")
'''


def answered(text, cause):
    """``text`` (a script) with its CAUSE line naming ``cause``."""
    return text.replace('CAUSE = ""', f"CAUSE = {cause!r}".replace("'", '"'), 1)


def _cause_check(cause, look):
    def not_a_choice(seen):
        if seen[0] in CAUSES or seen[0] == "":
            raise ValueError("a choice: another Wrong says it")
        return {"CAUSE": seen[0]}

    wrongs = [
        Wrong("diagnosis", f"{QUESTIONS[other]} {look}", {"CAUSE": other})
        for other in CAUSES
        if other != cause
    ]
    wrongs += [
        Wrong(
            "diagnosis",
            'CAUSE is still "": read the panels, then name the cause, one of those the '
            "file lists.",
            {"CAUSE": ""},
        ),
        Wrong(
            "diagnosis",
            "CAUSE is not one of the causes the file lists: copy one of them exactly.",
            not_a_choice,
        ),
    ]
    return Check(
        "cause",
        "(a) the cause",
        "diagnosis",
        example("", "CAUSE"),
        wrong=tuple(wrongs),
        secret=True,
    )


def _kept_checks(seed):
    """The fix keeps the run's data, model size and number of steps."""
    data = f"make_moons({POINTS}, noise=0.1, seed={seed})"
    return (
        Check(
            "data",
            "(b) kept: the data",
            "changed-data",
            example(
                f"X0, y0 = {data}",
                "X == X0",
                "[t > 0 for t in y] == [t > 0 for t in y0]",
            ),
            requires=("cause",),
        ),
        Check(
            "model",
            "(b) kept: the model's size",
            "changed-model",
            example(
                "layers = model.layers",
                "[len(layer.neurons) for layer in layers]",
                "len(layers[0].neurons[0].w)",
            ),
            requires=("cause",),
        ),
        Check(
            "steps",
            "(b) kept: the number of steps",
            "changed-steps",
            example("steps = monitor.history", "len(steps)"),
            requires=("cause",),
        ),
    )


def _fixed_checks(cause):
    """The fixed run: nothing found by the monitor (its fault's concept first), then the
    target, named by the cause."""
    order = sorted(MONITORED, key=lambda c: c != cause)
    clean = tuple(
        Check(
            f"no-{c}",
            f"(b) diagnose(): no {c}",
            c,
            example(
                "found = [f.concept for f in monitor.diagnose()]", f"{c!r} in found"
            ),
            requires=("data", "model", "steps"),
        )
        for c in order
    )
    target = Check(
        "target",
        f"(b) the target after {STEPS} steps: loss at most {TARGET_LOSS}, accuracy at least "
        f"{TARGET_ACCURACY:.0%}",
        cause,
        example(
            "accuracy = sum((model(x).data > 0) == (t > 0) for x, t in zip(X, y)) / len(y)",
            f"monitor.history[{STEPS - 1}].loss <= {TARGET_LOSS}",
            f"accuracy >= {TARGET_ACCURACY}",
        ),
        requires=tuple(c.id for c in clean),
    )
    return (*clean, target)


@dataclass(frozen=True)
class Challenge:
    """A challenge: its exercise, its cause, the broken run (the starter's code) and the
    run as the reference fixes it, with the cause named."""

    exercise: Exercise
    cause: str
    broken: str
    fixed: str


def challenge(name, order, about, cause, seed, section, look, fix, **fault):
    """The spec of a challenge: its ``cause`` (one of :data:`CAUSES`), the ``seed`` of its
    data and weights, its ``section`` of the challenges' page (a heading's anchor), ``look``
    (a question, after a wrong cause, pointing at the instrument that tells), its
    ``fault`` (arguments of :func:`script`) and ``fix`` (the same arguments, as the
    reference fixes them: ``{}`` takes the healthy defaults)."""
    if cause not in CAUSES:
        raise ValueError(f"{name}: the cause {cause!r} is not one of {CAUSES}")

    @functools.cache
    def reference():
        namespace = {"__name__": f"<{name} reference>"}
        code = answered(script(seed, **fix), cause)  # the fixed run, as a learner's
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, f"<{name} reference>", "exec"), namespace)
        return {n: namespace[n] for n in NAMES}

    exercise = Exercise(
        name=name,
        order=order,
        about=about,
        names=NAMES,
        reference=reference,
        checks=(_cause_check(cause, look), *_kept_checks(seed), *_fixed_checks(cause)),
        given={"make_moons": "micrograd.data:make_moons"},
        objectives=(
            "read a run's instruments and name the cause of its trouble",
            "fix that cause, and only it, until the run reaches its target",
        ),
        lessons=("exercises/diagnosis/", LESSON),
        compare=(f"exercises/diagnosis/#{section}",),
        seconds=60.0,
    )
    fixed = answered(script(seed, **fix), cause)
    return Challenge(exercise, cause, script(seed, **fault), fixed)
