"""The ``mystery_asleep`` challenge: a run that never starts.

Its fault: every first-layer unit starts off.
"""

from micrograd.check.challenge import challenge

CHALLENGE = challenge(
    "mystery_asleep",
    9,
    "diagnosis: a run that never starts; name the cause, then fix it",
    "dead-relu",
    seed=3,
    section="challenge-3-the-run-that-never-starts",
    look=(
        "Now look at this run's dead ReLUs panel at step 0: how many of the first "
        "layer's units fire at all?"
    ),
    fix={},
    start=(
        "for neuron in model.layers[0].neurons:\n"
        "    neuron.b.data = -3.0  # every unit starts quiet, to be safe\n"
    ),
)
EXERCISE = CHALLENGE.exercise
