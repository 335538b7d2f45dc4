"""What counts as solution code: the lines of the correct solutions that say how it is
done, which no report, starter or tutor prompt may show (apart from what a starter gives
away on purpose, ``SCAFFOLD``)."""

import re
from pathlib import Path

from tests.check_cases.mutants import CASES

STARTERS = Path(__file__).resolve().parents[2] / "docs" / "exercises" / "starters"


def solution_lines(exercise):
    """The lines of the correct solutions that say how it is done (not a bare call such as
    loss.backward(), which every example makes, nor a line the starter gives)."""
    starter = (STARTERS / f"{exercise}.py").read_text().splitlines()
    given, lines = {line.strip() for line in starter}, set()
    for path in (CASES / exercise).glob("*.py"):
        for line in path.read_text().splitlines():
            line = line.strip()
            if len(line) < 12 or line.startswith(
                ("#", "def ", "class ", '"""', "import ", "from ")
            ):
                continue
            if re.fullmatch(r"[\w.]+\(\)", line):
                continue
            if line not in given and any(t in line for t in ("=", "return", "(")):
                lines.add(line)
    return lines


def assert_no_solution(exercise, output):
    """No line of a solution appears in the report, apart from the learner's own line
    quoted under "Error:" (the line that raised)."""
    kept = [line for line in output.splitlines() if not line.startswith(" " * 21)]
    text = "\n".join(kept)
    leaked = [line for line in solution_lines(exercise) if line in text]
    assert not leaked, f"solution code in the report: {leaked}"


# What a starter gives away on purpose: the value starter's __init__ and __repr__, and the
# list the training loop fills.
SCAFFOLD = {
    'def __init__(self, data, _children=(), _op="", _local=()):',
    "self.data = data",
    "self.grad = 0.0",
    "self._prev = _children",
    "self._op = _op",
    "self._local = _local",
    'return f"Value(data={self.data}, grad={self.grad})"',
    "losses = []",
    "return losses",
}
