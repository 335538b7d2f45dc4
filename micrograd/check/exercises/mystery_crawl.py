"""The ``mystery_crawl`` challenge: a run that hardly moves.

Its fault: a learning rate far too small.
"""

from micrograd.check.challenge import challenge

CHALLENGE = challenge(
    "mystery_crawl",
    8,
    "diagnosis: a run that hardly moves; name the cause, then fix it",
    "lr-too-low",
    seed=2,
    section="challenge-2-the-run-that-crawls",
    look=(
        "Now look at this run's update panel: where do its lines sit, next to the "
        "guideline it marks?"
    ),
    fix={},
    lr=0.0003,
)
EXERCISE = CHALLENGE.exercise
