"""The ``mystery_leap`` challenge: a run whose loss leaps.

Its fault: a learning rate far too large.
"""

from micrograd.check.challenge import challenge

CHALLENGE = challenge(
    "mystery_leap",
    7,
    "diagnosis: a run whose loss leaps; name the cause, then fix it",
    "lr-too-high",
    seed=1,
    section="challenge-1-the-run-that-leaps",
    look=(
        "Now look at this run's update panel at step 0: how far did one step move the "
        "weights, next to their own size?"
    ),
    fix={},
    lr=5.0,
)
EXERCISE = CHALLENGE.exercise
