"""The report: one ✓ line per passed check (or group of checks), one ✗ block per mistake."""

import math
import textwrap
from dataclasses import dataclass

from micrograd.check.concepts import CONCEPTS, SITE, lesson_url
from micrograd.check.exercises import EXERCISES
from micrograd.check.observe import PRINT_LIMIT

WIDTH = 78
INDENT = "      "
LABEL = 11  # width of "Expected:  "
PRINTED_LINES = 12  # lines of the learner's prints shown under one check
_ASCII = str.maketrans({"·": ".", "²": "^2", "×": "x", "—": "-", "’": "'", "…": "..."})


@dataclass
class Item:
    """One line (or block) of a report."""

    status: str  # "pass", "fail", "todo" (not written yet), "skip", "note" or "quiet"
    title: str  # what was checked, in plain words
    concept: str = ""  # the idea behind a mistake, an id of micrograd.check.concepts
    found: str = ""  # what the learner's numbers show, in plain words
    example: str = ""  # the code that ran
    got: str = ""
    expected: str = ""
    error: tuple = ()  # where the learner's code raised, and what
    printed: str = ""  # what the learner's code printed during this check
    also: tuple = ()  # other checks that found the same mistake
    line: int | None = None  # the line of the learner's file an error points to


def fmt(x, ids=False):
    """Described data the way a learner would write it: 4.0, -0.5, Value(data=2.0, ...)."""
    if isinstance(x, float):
        if math.isfinite(x) and x == int(x) and abs(x) < 1e12:
            return f"{x:.1f}"
        return f"{x:.6g}"
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x)
    if isinstance(x, list):
        shown = [fmt(i, ids) for i in x[:8]]
        more = f", ... ({len(x)} items)" if len(x) > 8 else ""
        return "[" + ", ".join(shown) + more + "]"
    if isinstance(x, dict):
        if "raised" in x:
            return f"raised {x['raised']}"
        if "kind" in x:
            return f"{x['kind']}: {x['repr']}"
        mark = f"#{x['id']} " if ids else ""
        return f"{mark}Value(data={fmt(x['data'])}, grad={fmt(x['grad'])})"
    return repr(x)


class Report:
    """What a check found. Print it, or look at ``ok``, ``exit_code`` and ``concepts``.

    ``exit_code`` is what the command line exits with: 0 all right, 1 a mistake found (or
    something not written yet), 2 the file could not be checked.
    """

    def __init__(
        self, exercise, source, items=(), *, load_error=None, printed="", hint=1
    ):
        self.exercise = exercise
        self.source = source  # the file checked, or the objects' names
        self.items = [i for i in items if i.status != "quiet"]  # optional, not written
        self.load_error = load_error
        self.printed = printed  # printed while the file was loaded
        self.hint = hint  # the hint level shown

    @property
    def problems(self):
        """The mistakes found (items with status "fail")."""
        return [i for i in self.items if i.status == "fail"]

    @property
    def not_implemented(self):
        """The pieces not written yet, in the order the checks met them."""
        return list(dict.fromkeys(i.found for i in self.items if i.status == "todo"))

    @property
    def concepts(self):
        """The concept ids found, each once, e.g. ['grad-accumulation'], in report order."""
        ids = [i.concept for i in self.problems]
        ids += ["not-implemented"] if self.not_implemented else []
        ids += ["cannot-load"] if self.load_error is not None else []
        return list(dict.fromkeys(ids))

    @property
    def ok(self):
        """True when everything was checked and everything is right."""
        statuses = {i.status for i in self.items}
        return (
            self.load_error is None
            and "pass" in statuses
            and statuses <= {"pass", "note"}
        )

    @property
    def exit_code(self):
        return 2 if self.load_error is not None else 0 if self.ok else 1

    @property
    def messages(self):
        """The report, one line per list element."""
        return self.render().splitlines()

    def render(self, ascii=False):
        tick, cross = ("OK", "X ") if ascii else ("✓", "✗")
        lines = [f"Checking {self.source} (exercise: {self.exercise})", ""]
        lines += _printed_lines(self.printed, "Printed while loading:", "  ")
        if self.load_error is not None:
            first, *rest = self.load_error.splitlines()
            lines += textwrap.wrap(
                f"{cross} [cannot-load] {first}",
                WIDTH,
                initial_indent="  ",
                subsequent_indent=INDENT,
            )
            lines += [INDENT + line for line in rest]
            lines += ["", "The file could not be checked, so nothing was checked yet."]
            return _finish(lines, ascii)
        for status, title, group in _grouped(self.items):
            if status == "pass":
                lines.append(f"  {tick} {title}")
                lines += _printed_lines("".join(i.printed for i in group))
            elif status == "note":
                lines.append(f"  - {title}")
            elif status == "fail":
                lines += self._problem_lines(group[0], cross)
        lines += self._todo_lines(cross)
        more = [i for i in self.problems if len(CONCEPTS[i.concept].hints) > self.hint]
        if more:
            lines += [
                "",
                f"For the next hint: --hint {self.hint + 1} on the command line "
                f"(hint={self.hint + 1} in Python).",
            ]
        lines += self._compare_lines()
        lines += [""] + textwrap.wrap(self.summary(cross), WIDTH)
        return _finish(lines, ascii)

    def _compare_lines(self):
        """Once everything passed: where the course's own version is, to compare (before
        the verdict, which stays the last paragraph)."""
        exercise = EXERCISES.get(self.exercise)
        if not (self.ok and exercise and exercise.compare):
            return []
        lines = [
            "",
            'Compare with the course\'s own version, under "Compare after you pass":',
        ]
        return lines + [f"  {SITE}{path}" for path in exercise.compare]

    def _problem_lines(self, item, cross):
        concept = CONCEPTS[item.concept]
        lines = [f"  {cross} [{item.concept}] {concept.title}"]
        lines += _wrap("Checked:", item.title)
        if item.example:
            lines += _code("Example:", item.example)
        if item.error:
            first, *rest = item.error
            lines += _wrap("Error:", first)
            lines += [" " * (len(INDENT) + LABEL) + line for line in rest]
        for label, text in (("You got:", item.got), ("Expected:", item.expected)):
            lines += _wrap(label, text) if text else []
        lines += _wrap("Found:", item.found) if item.found else []
        lines += _wrap("Also in:", ", ".join(item.also)) if item.also else []
        lines += _printed_lines(item.printed)
        if concept.hints:
            level = min(self.hint, len(concept.hints))
            label = f"Hint {level}/{len(concept.hints)}:"
            lines += _wrap(label, concept.hints[level - 1])
        lines += _wrap("Lesson:", lesson_url(concept))
        return lines

    def _todo_lines(self, cross):
        todo = self.not_implemented
        if not todo:
            return []
        lines = [
            f"  {cross} [not-implemented] Not implemented yet: start with {todo[0]}"
        ]
        lines += _wrap("Then:", ", ".join(todo[1:])) if todo[1:] else []
        return lines + _wrap(
            "Hint:",
            "In the starter file, each piece raises NotImplementedError until you write "
            "it. Write one, then run the check again.",
        )

    def summary(self, cross="✗"):
        count = {s: sum(i.status == s for i in self.items) for s in ("pass", "skip")}
        passed, skipped = count["pass"], count["skip"]
        if self.ok:
            return f"All {passed} checks passed. Well done!"
        problems = sum(s == "fail" for s, _, _ in _grouped(self.items))
        todo = len(self.not_implemented)
        parts = [f"{problems} mistake{'s' * (problems > 1)} found"] * bool(problems)
        parts += [f"{todo} piece{'s' * (todo > 1)} not written yet"] * bool(todo)
        counts = f"{passed} check{'s' * (passed != 1)} passed"
        counts += f", {skipped} skipped until the above is fixed" * bool(skipped)
        advice = (
            f"Fix the first {cross.strip()} above, then run the check again."
            if problems
            else "Keep going, and run the check again."
        )
        return f"{' and '.join(parts).capitalize()} ({counts}). {advice}"

    def __str__(self):
        return self.render()

    def __repr__(self):
        state = "ok" if self.ok else f"concepts={self.concepts}"
        return f"<Report {self.exercise}: {state}>"


def _grouped(items):
    """(status, title, items) for the report's lines: consecutive passed checks titled
    ``group: name`` share one line, and so do consecutive failures of one group with the
    same concept (the first is shown, the others are listed under "Also in")."""
    rows = []
    for item in items:
        group, _, name = item.title.partition(": ")
        last = rows[-1] if rows else None
        if (
            last
            and name
            and last[0] == item.status in ("pass", "fail")
            and last[3] == group
            and last[2][0].concept == item.concept
        ):
            last[2].append(item)
            last[4].append(name)
            continue
        rows.append([item.status, item.title, [item], group if name else None, [name]])
    for status, title, group_items, group, names in rows:
        if status == "pass" and len(names) > 1:
            shown = ", ".join(names) if len(names) <= 6 else f"all {len(names)} checks"
            title = f"{group}: {shown}"
        if status == "fail" and len(names) > 1:
            group_items[0].also = tuple(names[1:])
        yield status, title, group_items


def _wrap(label, text):
    """``label`` then ``text``, wrapped, continuation lines aligned under the text."""
    first = f"{INDENT}{label:<{LABEL}}"
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=" " * len(first),
        break_on_hyphens=False,
        break_long_words=False,
    ) or [first.rstrip()]


def _code(label, code):
    """Code, one statement per line when it does not fit on one."""
    first = f"{INDENT}{label:<{LABEL}}"
    rest = " " * len(first)
    lines = code.splitlines()
    if len(lines) == 1 and len(first) + len(code) > WIDTH:
        lines = code.split("; ")
    return [(first if i == 0 else rest) + line for i, line in enumerate(lines)]


def _printed_lines(printed, label="Printed:", indent=INDENT):
    if not printed:
        return []
    lines = printed.rstrip("\n").splitlines() or [""]
    cut = len(lines) > PRINTED_LINES or len(printed) > PRINT_LIMIT
    lines = [line[: WIDTH - LABEL - len(indent)] for line in lines[:PRINTED_LINES]]
    if cut:
        lines.append("... (more was printed)")
    if len(label) >= LABEL:  # a long label on its own line
        return [indent + label] + [INDENT + line for line in lines]
    first = f"{indent}{label:<{LABEL}}"
    return [(" " * len(first) if i else first) + line for i, line in enumerate(lines)]


def _finish(lines, ascii):
    text = "\n".join(lines)
    if ascii:
        text = text.translate(_ASCII).encode("ascii", "replace").decode("ascii")
    return text
