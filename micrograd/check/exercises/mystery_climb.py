"""The ``mystery_climb`` challenge: a run that climbs.

Its fault: the update steps uphill.
"""

from micrograd.check.challenge import challenge

CHALLENGE = challenge(
    "mystery_climb",
    11,
    "diagnosis: a run that climbs; name the cause, then fix it",
    "update-direction",
    seed=2,
    section="challenge-5-the-run-that-climbs",
    look=(
        "Now look at this run's loss panel from step 0: which way does it go after each "
        "update, whatever the learning rate?"
    ),
    fix={},
    sign="+",
)
EXERCISE = CHALLENGE.exercise
