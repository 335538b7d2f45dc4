"""The last help of a build-it exercise: the lines of its solution, out of order.

A lesson's ``/// parsons`` block prints ``puzzle(SOLUTION)``. The lines are sorted by their
text, each with its indentation, so that their order says nothing of the solution's; and
when sorting happens to give the solution's own order, the first line goes last:

>>> print(puzzle("total = 0\\nfor x in xs:\\n    total += x"))
for x in xs:
    total += x
total = 0
>>> print(puzzle("a = 1\\nb = a + 1"))
b = a + 1
a = 1
"""


def puzzle(solution):
    """The non-blank lines of ``solution``, never in their own order."""
    lines = [line for line in solution.splitlines() if line.strip()]
    shown = sorted(lines, key=str.strip)
    if shown == lines:
        shown = shown[1:] + shown[:1]
    if shown == lines:
        raise ValueError("a puzzle needs at least two different lines")
    return "\n".join(shown)
