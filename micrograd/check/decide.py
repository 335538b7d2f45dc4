"""From raw observations to a report: the one place where verdicts are made.

It runs every example again with the exercise's reference (the expected data) and, where
the learner's data differs, with each known mistake (the data that mistake gives): the
mistake whose data matches the learner's in every example names the concept. This code
runs in the checker's own process, which never runs the learner's code (the command line's
supervisor, the page's judge), or after it has finished (:func:`check_source`).
"""

import math

from micrograd.check.observe import resolve, run_case
from micrograd.check.report import Item, Report, fmt

RECURSION = "Your code calls itself again and again without end."
MEMORY = (
    "This example ran out of memory (on the command line, --memory sets the limit)."
)


def same(a, b, ids=True):
    """Whether two described results agree: numbers within 1e-6, the rest exactly."""
    if _number(a) and _number(b):
        a, b = float(a), float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y, ids) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        keys = set(a) - ({"id"} if not ids else set())
        return set(a) == set(b) and all(same(a[k], b[k], ids) for k in keys)
    return type(a) is type(b) and a == b


def _number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def name_problem(exercise, facts):
    """Why the learner's file cannot be checked (a missing name, a class that is not one),
    or None."""
    for name in exercise.names + exercise.optional_names:
        fact, reference = facts["names"][name], exercise.reference()[name]
        wanted = (
            "class"
            if isinstance(reference, type)
            else "function"
            if callable(reference)
            else None  # a value (a run's data, an answer): any kind may be checked
        )
        if fact["what"] == "missing":
            if name in exercise.names:
                return f"{{file}} defines no {wanted or 'name'} named {name}"
        elif wanted and fact["what"] != wanted:
            return f"{{file}} defines {name}, but as {_article(fact['what'])}, not a {wanted}"
    return None


def _article(what):
    return what if what.startswith(("a ", "an ")) else f"a {what}"


def decide(
    exercise,
    facts,
    results,
    *,
    timeout,
    cut=None,
    source="",
    printed="",
    hint=1,
    expected=None,
):
    """The report on the learner's file, from the worker's ``facts`` and ``results``
    (case index -> result), with a limit of ``timeout`` seconds. ``cut`` says how a run
    that stopped early stopped. ``expected`` (a dict, for one exercise) keeps the data of
    the reference and of the known mistakes from one report to the next."""
    problem = name_problem(exercise, facts)
    if problem:
        return Report(exercise.name, source, load_error=problem.format(file=source))
    borrowed = {n: f["library"] for n, f in facts["names"].items() if f.get("library")}
    if borrowed:
        name, path = next(iter(borrowed.items()))
        item = Item(
            "fail",
            f"{name} is your own",
            concept="own-code",
            found=f"Your {name} is the course's {path.replace(':', '.')} (imported, "
            "renamed or subclassed), not code of your own.",
        )
        return Report(exercise.name, source, [item], printed=printed, hint=hint)
    judge = _Judge(exercise, facts, results, cut, timeout, expected)
    items = [judge.item(check) for check in exercise.checks]
    return Report(exercise.name, source, items, printed=printed, hint=hint)


def reference_world(exercise):
    """The names the reference's examples run with: the exercise's given names and its
    reference (a correct solution)."""
    given = {n: resolve(p) for n, p in exercise.given.items()}
    return {**given, **exercise.reference()}


def expect(exercise, expected):
    """The reference's data for every example of ``exercise``, kept in ``expected`` as
    :func:`decide` asks for it: what a judge can work out before any run, while it waits
    (the page's judge, as the reader types). The number of examples."""
    world = reference_world(exercise)
    for check in exercise.checks:
        for j in range(len(check.cases)):
            _kept(expected, check, j, world)
    return sum(len(check.cases) for check in exercise.checks)


def _kept(expected, check, j, world, wrong=None):
    """The data ``world`` gives in case ``j`` of ``check``: the reference's (``wrong``
    None) or a known mistake's, kept in ``expected`` unless the mistake is fitted to the
    learner."""
    key = (check.id, j, None if wrong is None else id(wrong))
    if key in expected:
        return expected[key]
    code, reads = check.cases[j]
    seen = run_case(world, code, reads)["seen"]
    if wrong is None or not callable(wrong.world):
        expected[key] = seen
    return seen


class _Judge:
    def __init__(self, exercise, facts, results, cut, timeout, expected=None):
        self.exercise, self.facts, self.results, self.cut = (
            exercise,
            facts,
            results,
            cut,
        )
        self.timeout = timeout
        self.reference = reference_world(exercise)
        self.expected = {} if expected is None else expected
        self.status, self.cases, k = {}, {}, 0
        for check in exercise.checks:
            self.cases[check.id] = range(k, k + len(check.cases))
            k += len(check.cases)

    def item(self, check):
        item = self._judge(check)
        self.status[check.id] = item.status
        return item

    def _judge(self, check):
        if any(self.status.get(r) != "pass" for r in check.requires):
            return Item("skip", check.title)
        missing = [n for n in check.needs if not self.facts["probes"].get(n)]
        if missing:
            return self._todo(check, missing[0])
        runs = [self.results.get(k) for k in self.cases[check.id]]
        printed = "".join(r.get("printed", "") for r in runs if r)
        for j, run in enumerate(runs):
            if run is None:
                return self._cut(check, self.cases[check.id][j])
            if run["status"] == "not run":
                return Item("skip", check.title)
            if run.get("todo") is not None:
                return self._todo(check, run["todo"] or check.title)
            if run["status"] in ("timeout", "memory"):
                return self._limit(check, j, run, printed)
        expected = [self._reference(check, j) for j in range(len(runs))]
        for j, (run, want) in enumerate(zip(runs, expected)):
            if not same(run["seen"], want):
                return self._mistake(check, j, runs, expected, printed)
        return Item("pass", check.title, printed=printed)

    def _expected(self, check, j, world, wrong=None):
        return _kept(self.expected, check, j, world, wrong)

    def _reference(self, check, j):
        return self._expected(check, j, self.reference)

    def _mistake(self, check, j, runs, expected, printed):
        code, reads = check.cases[j]
        run = runs[j]
        item = Item("fail", check.title, check.concept, example=code, printed=printed)
        wrong = self._match(check, runs)
        if wrong is not None:
            item.concept, item.found = wrong.concept, wrong.found
        elif "raised" in run["seen"] and not run["where"].get("in_example"):
            at = run["where"]
            item.concept, item.line = "error", at.get("line")
            if run["seen"]["raised"].startswith("RecursionError"):
                item.found = RECURSION
            if item.line:
                item.error = (
                    f"{at['file']}, line {at['line']}, in {at['function']}:",
                    f"    {at['code']}",
                )
            item.error += (run["seen"]["raised"],)
            return item
        if not check.secret:
            item.got, item.expected = _difference(reads, run["seen"], expected[j])
        return item

    def _match(self, check, runs):
        """The first known mistake whose data matches the learner's in every example, and
        which would have failed none of the checks the learner passed."""
        for wrong in check.wrong:
            world = wrong.world
            try:
                if callable(world):
                    world = world(runs[0]["seen"])
                world = {**self.reference, **world}
                predicted = [
                    self._expected(check, j, world, wrong) for j in range(len(runs))
                ]
            except Exception:  # the mistake's data cannot be fitted to this learner's
                continue
            if all(same(r["seen"], p) for r, p in zip(runs, predicted)):
                if callable(wrong.world) or self._consistent(wrong, world):
                    return wrong
        return None

    def _consistent(self, wrong, world):
        for other in self.exercise.checks:
            if self.status.get(other.id) == "pass" and any(
                w is wrong for w in other.wrong
            ):
                for j in range(len(other.cases)):
                    if not same(
                        self._expected(other, j, world, wrong),
                        self._reference(other, j),
                    ):
                        return False
        return True

    def _todo(self, check, what):
        if check.optional and any("." in need for need in check.needs):
            return Item("quiet", check.title)  # a method the exercise does not ask for
        if check.optional:
            return Item(
                "note", f"{check.title}: not written yet (optional), not checked"
            )
        return Item("todo", check.title, "not-implemented", found=what)

    def _limit(self, check, j, run, printed):
        code = check.cases[j][0]
        if run["status"] == "memory":
            return Item("fail", check.title, "memory", MEMORY, code, printed=printed)
        seconds = min(check.seconds, self.timeout)
        found = f"This example did not finish within {seconds:g} seconds."
        return Item("fail", check.title, "timeout", found, code, printed=printed)

    def _cut(self, check, k):
        """The check of case ``k``, which never reported: the run stopped there or before."""
        cut = self.cut or {}
        code = check.cases[k - self.cases[check.id][0]][0]
        if cut.get("case") != k:
            return Item("skip", check.title)
        if cut["why"] in (
            "ended",
            "stack",
            "memory",
        ):  # the worker stopped, not the host
            return Item("fail", check.title, *_stopped(cut), code)
        if any(r["status"] == "timeout" for r in self.results.values()):
            return Item("skip", check.title)  # the same endless loop, most likely
        limit = min(check.seconds, self.timeout)
        if cut["elapsed"] >= limit - 0.05:
            found = f"This example did not finish within {limit:g} seconds."
            return Item("fail", check.title, "timeout", found, code)
        found = (
            f"Every example before this one finished in time, but all together they took "
            f"longer than the {self.timeout:g}-second limit, and this one was running."
        )
        return Item("fail", check.title, "slow", found, code)


def _stopped(cut):
    """(concept, found) for a worker that stopped while an example ran."""
    if cut["why"] == "stack":  # the page's Python: its JavaScript stack overflowed
        return "error", RECURSION
    if cut["why"] == "memory":
        return "memory", MEMORY
    status = "" if cut["returncode"] is None else f" (exit status {cut['returncode']})"
    return "error", (
        f"Your code stopped Python{status} while this example ran: sys.exit, os._exit, "
        "or a crash."
    )


def _difference(reads, seen, want):
    """(got, expected) in words: the reads that differ, or the error raised."""
    if isinstance(seen, dict) or isinstance(want, dict):
        show = lambda data: (  # noqa: E731
            fmt(data) if isinstance(data, dict) else _reads(reads, data)
        )
        return show(seen), show(want)
    differ = [i for i, (s, w) in enumerate(zip(seen, want)) if not same(s, w)]
    ids = all(same(seen[i], want[i], ids=False) for i in differ)
    chosen = [reads[i] for i in differ]
    return (
        _reads(chosen, [seen[i] for i in differ], ids),
        _reads(chosen, [want[i] for i in differ], ids),
    )


def _reads(reads, data, ids=False):
    return "; ".join(f"{r} = {fmt(d, ids)}" for r, d in zip(reads, data))
