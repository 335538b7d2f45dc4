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
    fix={},
    sign="+",
)
EXERCISE = CHALLENGE.exercise
