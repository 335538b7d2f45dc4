"""The report: one ✓ line per passed check (or group of checks), one ✗ block per mistake."""

import math
import textwrap
from dataclasses import dataclass

from micrograd.check.concepts import CONCEPTS, SITE
from micrograd.check.exercises import EXERCISES
from micrograd.check.observe import PRINT_LIMIT

WIDTH = 78
INDENT = "      "
LABEL = 11  # width of "Expected:  "
PRINTED_LINES = 12  # lines of the learner's prints shown under one check
COMPARE = 'Compare with the course\'s own version, under "Compare after you pass"'
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
        self,
        exercise,
        source,
        items=(),
        *,
        load_error=None,
        load_line=None,
        printed="",
        hint=1,
    ):
        self.exercise = exercise
        self.source = source  # the file checked, or the objects' names
        self.items = [i for i in items if i.status != "quiet"]  # optional, not written
        self.load_error = load_error
        self.load_line = load_line  # the line of the file the load error points to
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
        """The report as the command line prints it (:func:`render`)."""
        return render(self.data(), ascii)

    def data(self):
        """The report as plain data (JSON), the one source of its text and of the page's
        report: ``{"exercise", "file", "exit", "printed", "items", "next_hint",
        "summary"}``. Each item is one line or block: ``kind`` ("pass", "note", "fail",
        "todo" or "cannot-load"), ``title``, and for a mistake its ``concept``, ``rows``
        (``{"label", "text", "form"}``), ``hint`` (``{"level", "levels", "text"}``: the
        level shown and how many there are), ``lesson`` (a path of the site, relative to
        its root) and ``line`` (the line of the learner's file an error points to); a
        file that cannot be loaded has its ``line`` too (None when it points to none)."""
        data = {
            "exercise": self.exercise,
            "file": self.source,
            "exit": self.exit_code,
            "printed": _printed(self.printed, "  "),
            "items": [],
            "next_hint": None,
            "compare": [],
            "summary": "The file could not be checked, so nothing was checked yet.",
        }
        if self.load_error is not None:
            item = {"kind": "cannot-load", "concept": "cannot-load"}
            data["items"].append(
                {**item, "title": self.load_error, "line": self.load_line}
            )
            return data
        for status, title, group in _grouped(self.items):
            if status == "pass":
                rows = _printed_row("Printed:", "".join(i.printed for i in group))
                data["items"].append({"kind": "pass", "title": title, "rows": rows})
            elif status == "note":
                data["items"].append({"kind": "note", "title": title})
            elif status == "fail":
                data["items"].append(self._problem(group[0]))
        data["items"] += self._todo()
        more = [i for i in self.problems if len(CONCEPTS[i.concept].hints) > self.hint]
        data["next_hint"] = self.hint + 1 if more else None
        data["summary"] = self.summary()
        exercise = EXERCISES.get(self.exercise)
        if self.ok and exercise:  # where the course's own version waits, to compare
            data["compare"] = list(exercise.compare)
        return data

    def _problem(self, item):
        concept = CONCEPTS[item.concept]
        rows = _row("Checked:", item.title)
        rows += _row("Example:", item.example, "code")
        rows += _row("Error:", "\n".join(item.error), "error")
        rows += _row("You got:", item.got) + _row("Expected:", item.expected)
        rows += _row("Found:", item.found) + _row("Also in:", ", ".join(item.also))
        rows += _printed_row("Printed:", item.printed)
        hint = None
        if concept.hints:
            level = min(self.hint, len(concept.hints))
            hint = {"level": level, "levels": len(concept.hints)}
            hint["text"] = concept.hints[level - 1]
        return {
            "kind": "fail",
            "concept": item.concept,
            "title": concept.title,
            "rows": rows,
            "hint": hint,
            "lesson": concept.lesson,
            "line": item.line,
        }

    def _todo(self):
        todo = self.not_implemented
        if not todo:
            return []
        rows = _row("Then:", ", ".join(todo[1:]))
        rows += _row(
            "Hint:",
            "In the starter file, each piece raises NotImplementedError until you write "
            "it. Write one, then run the check again.",
        )
        title = f"Not implemented yet: start with {todo[0]}"
        return [
            {"kind": "todo", "concept": "not-implemented", "title": title, "rows": rows}
        ]

    def summary(self):
        """The verdict, in one sentence or two: the report's last paragraph."""
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
            "Fix the first ✗ above, then run the check again."
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


def _row(label, text, form="words"):
    """An item's labelled row (``form``: "words", "code" or "error": the place an error
    was raised, then what it raised), or none when there is nothing to say."""
    return [{"label": label, "text": text, "form": form}] if text else []


def _printed_row(label, printed):
    shown = _printed(printed)
    return [] if shown is None else [{"label": label, "text": shown, "form": "printed"}]


def _printed(printed, indent=INDENT):
    """What the learner's code printed, as a report shows it (at most PRINTED_LINES lines,
    each cut to the report's width), or None when it printed nothing."""
    if not printed:
        return None
    lines = printed.rstrip("\n").splitlines() or [""]
    cut = len(lines) > PRINTED_LINES or len(printed) > PRINT_LIMIT
    lines = [line[: WIDTH - LABEL - len(indent)] for line in lines[:PRINTED_LINES]]
    if cut:
        lines.append("... (more was printed)")
    return "\n".join(lines)


# --- the command line's text, from the data ---------------------------------------------


def render(data, ascii=False):
    """The text of a report's data (:meth:`Report.data`), as the command line prints it:
    lines of at most WIDTH characters; ``ascii``: without the marks a terminal may lack."""
    tick, cross = ("OK", "X ") if ascii else ("✓", "✗")
    lines = [f"Checking {data['file']} (exercise: {data['exercise']})", ""]
    if data["printed"] is not None:
        lines += _lines("Printed while loading:", data["printed"], "  ")
    for item in data["items"]:
        lines += _item_lines(item, tick, cross)
    if data["next_hint"]:
        n = data["next_hint"]
        advice = (
            f"For the next hint: --hint {n} on the command line (hint={n} in Python)."
        )
        lines += ["", advice]
    if data["compare"]:
        lines += ["", f"{COMPARE}:", *(f"  {SITE}{path}" for path in data["compare"])]
    lines += [""] + textwrap.wrap(data["summary"].replace("✗", cross.strip()), WIDTH)
    return _finish(lines, ascii)


def _item_lines(item, tick, cross):
    kind, title = item["kind"], item["title"]
    if kind == "note":
        return [f"  - {title}"]
    if kind == "cannot-load":
        first, *rest = title.splitlines()
        head = f"{cross} [cannot-load] {first}"
        lines = textwrap.wrap(
            head, WIDTH, initial_indent="  ", subsequent_indent=INDENT
        )
        return lines + [INDENT + line for line in rest]
    lines = [
        f"  {tick} {title}"
        if kind == "pass"
        else f"  {cross} [{item['concept']}] {title}"
    ]
    for row in item["rows"]:
        lines += _row_lines(row)
    hint = item.get("hint")
    if hint:
        lines += _wrap(f"Hint {hint['level']}/{hint['levels']}:", hint["text"])
    if item.get("lesson"):
        lines += _wrap("Lesson:", SITE + item["lesson"])
    return lines


def _row_lines(row):
    label, text, form = row["label"], row["text"], row["form"]
    if form == "code":
        return _code(label, text)
    if form == "printed":
        return _lines(label, text)
    if form == "error":
        first, *rest = text.split("\n")
        return _wrap(label, first) + [" " * (len(INDENT) + LABEL) + r for r in rest]
    return _wrap(label, text)


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


def _lines(label, text, indent=INDENT):
    """``label`` then the lines of ``text``, aligned; a long label on its own line."""
    lines = text.split("\n")
    if len(label) >= LABEL:
        return [indent + label] + [INDENT + line for line in lines]
    first = f"{indent}{label:<{LABEL}}"
    return [(" " * len(first) if i else first) + line for i, line in enumerate(lines)]


def _finish(lines, ascii):
    text = "\n".join(lines)
    if ascii:
        text = text.translate(_ASCII).encode("ascii", "replace").decode("ascii")
    return text
