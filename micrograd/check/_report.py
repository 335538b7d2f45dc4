"""The report a check prints: one ✓ line per passed check, one ✗ block per mistake."""

import textwrap

from micrograd.check._core import Item

WIDTH = 78
INDENT = "      "
LABEL = 11  # width of "Expected:  "
_ASCII = str.maketrans({"·": ".", "²": "^2", "×": "x", "—": "-", "’": "'"})


def _wrap(label, text, indent=INDENT):
    """``label`` then ``text``, wrapped, continuation lines aligned under the text."""
    first = f"{indent}{label:<{LABEL}}"
    rest = " " * len(first)
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _example_lines(example, indent=INDENT):
    first = f"{indent}{'Example:':<{LABEL}}"
    rest = " " * len(first)
    if len(first) + len(example) <= WIDTH:
        return [first + example]
    statements = example.split("; ")
    return [(first if i == 0 else rest) + s for i, s in enumerate(statements)]


class Report:
    """What a check found. Print it, or look at ``ok``, ``problems`` and ``concepts``.

    ``exit_code`` is what the command line exits with: 0 all right, 1 a mistake found (or
    something not written yet), 2 the file could not be loaded.
    """

    def __init__(self, exercise, source, items=(), load_error=None):
        self.exercise = exercise
        self.source = source  # the file checked, or the objects' names
        self.items = list(items)
        self.load_error = load_error

    @property
    def problems(self):
        """The mistakes found (items with status "fail")."""
        return [i for i in self.items if i.status == "fail"]

    @property
    def not_implemented(self):
        """The names of the pieces not written yet, in the order the checks met them."""
        names = []
        for i in self.items:
            if i.status == "todo" and i.headline not in names:
                names.append(i.headline)
        return names

    @property
    def concepts(self):
        """The concept ids of the mistakes, e.g. ['grad-accumulation']."""
        ids = [i.concept for i in self.problems]
        if self.not_implemented:
            ids.append("not-implemented")
        if self.load_error:
            ids.append("cannot-load")
        return ids

    @property
    def passed(self):
        return [i for i in self.items if i.status == "pass"]

    @property
    def skipped(self):
        return [i for i in self.items if i.status == "skip"]

    @property
    def ok(self):
        """True when everything was checked and everything is right."""
        return (
            self.load_error is None
            and any(i.status == "pass" for i in self.items)
            and all(i.status in ("pass", "note") for i in self.items)
        )

    @property
    def exit_code(self):
        if self.load_error is not None:
            return 2
        return 0 if self.ok else 1

    @property
    def messages(self):
        """The report, one line per list element."""
        return self.render().splitlines()

    def render(self, ascii=False):
        tick, cross = ("OK", "X ") if ascii else ("✓", "✗")
        lines = [f"Checking {self.source} (exercise: {self.exercise})", ""]
        if self.load_error is not None:
            lines += textwrap.wrap(
                f"{cross} [cannot-load] {self.load_error.splitlines()[0]}",
                WIDTH,
                initial_indent="  ",
                subsequent_indent=INDENT,
            )
            lines += [f"{INDENT}{line}" for line in self.load_error.splitlines()[1:]]
            lines += ["", "The file could not be loaded, so nothing was checked yet."]
            return "\n".join(lines)
        for item in self.items:
            if item.status == "pass":
                lines.append(f"  {tick} {item.title}")
            elif item.status == "note":
                lines.append(f"  - {item.title}")
            elif item.status == "fail":
                lines += self._problem_lines(item, cross)
        todo = self.not_implemented
        if todo:
            lines.append(
                f"  {cross} [not-implemented] Not implemented yet: start with {todo[0]}"
            )
            if len(todo) > 1:
                lines += _wrap("Then:", ", ".join(todo[1:]))
            lines += _wrap(
                "Hint:",
                "In the starter file, each piece raises NotImplementedError until you write "
                "it. Write one, then run the check again.",
            )
        lines.append("")
        lines += textwrap.wrap(self.summary(cross), WIDTH)
        text = "\n".join(lines)
        if ascii:
            text = text.translate(_ASCII).encode("ascii", "replace").decode("ascii")
        return text

    def _problem_lines(self, item, cross):
        lines = [f"  {cross} [{item.concept}] {item.headline or item.title}"]
        if item.example:
            lines += _example_lines(item.example)
        if item.error:
            first, *rest = item.error
            lines += _wrap("Error:", first)
            lines += [" " * (len(INDENT) + LABEL) + line for line in rest]
        if item.got:
            lines += _wrap("You got:", item.got)
        if item.expected:
            lines += _wrap("Expected:", item.expected)
        if item.hint:
            lines += _wrap("Hint:", item.hint)
        return lines

    def summary(self, cross="✗"):
        passed, problems = len(self.passed), len(self.problems)
        skipped, todo = len(self.skipped), len(self.not_implemented)
        if self.ok:
            return f"All {passed} checks passed. Well done!"
        parts = []
        if problems:
            parts.append(f"{problems} mistake{'s' if problems > 1 else ''} found")
        if todo:
            parts.append(f"{todo} piece{'s' if todo > 1 else ''} not written yet")
        counts = f"{passed} check{'s' if passed != 1 else ''} passed"
        if skipped:
            counts += f", {skipped} skipped until the above is fixed"
        if problems:
            advice = f"Fix the first {cross.strip()} above, then run the check again."
        else:
            advice = "Keep going, and run the check again."
        return f"{' and '.join(parts).capitalize()} ({counts}). {advice}"

    def __str__(self):
        return self.render()

    def __repr__(self):
        state = "ok" if self.ok else f"concepts={self.concepts}"
        return f"<Report {self.exercise}: {state}>"

    def to_dict(self):
        return {
            "exercise": self.exercise,
            "source": self.source,
            "items": [i.to_dict() for i in self.items],
            "load_error": self.load_error,
        }

    @classmethod
    def from_dict(cls, d):
        items = [Item.from_dict(i) for i in d.get("items", [])]
        return cls(d["exercise"], d["source"], items, d.get("load_error"))
