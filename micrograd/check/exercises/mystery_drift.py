"""The ``mystery_drift`` challenge: a run that drifts.

Its fault: the gradients are never reset.
"""

from micrograd.check.challenge import challenge

CHALLENGE = challenge(
    "mystery_drift",
    10,
    "diagnosis: a run that drifts; name the cause, then fix it",
    "stale-grad",
    seed=0,
    section="challenge-4-the-run-that-drifts",
    look=(
        "Now look at this run's gradient panel, step after step: what should happen to "
        "each p.grad between two steps?"
    ),
    fix={},
    reset="",
)
EXERCISE = CHALLENGE.exercise
