"""The ``mystery_chance`` challenge: a run that looks healthy and guesses.

Its fault: labels 0 and 1 with the hinge loss, which the instruments cannot see.
"""

from micrograd.check.challenge import challenge

CHALLENGE = challenge(
    "mystery_chance",
    12,
    "diagnosis: a healthy-looking run that guesses; name the cause, then fix it",
    "wrong-labels",
    seed=3,
    section="challenge-6-the-run-that-guesses",
    look=(
        "Now look at all of this run's panels: if every instrument is healthy and the "
        "accuracy is near a coin's, what is left that the run learns from?"
    ),
    fix={},
    labels="y = [(t + 1) / 2 for t in y]  # the labels as 0 and 1\n",
)
EXERCISE = CHALLENGE.exercise
