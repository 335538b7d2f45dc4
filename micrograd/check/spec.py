"""An exercise, declared as data: its checks, their examples, and the known wrong answers.

A :class:`Check` runs one or more examples (``cases``): each is code, run exactly as the
report shows it, and the expressions read afterwards. The expected data is what the same
code gives with the exercise's ``reference`` names (a correct solution); each
:class:`Wrong` is a version of the reference that makes one known mistake, so the data it
gives is what a learner with that mistake gets. See ``micrograd/check/exercises/``.
"""

from dataclasses import dataclass, field, replace

from micrograd.check.concepts import check_known


@dataclass(frozen=True)
class Wrong:
    """A known mistake: its concept id, what the learner's numbers then match (in plain
    words: a fact, never the fix), and the names that make exactly that mistake. ``world``
    may be a function of the learner's first observation, for a mistake that carries a
    number of its own (a penalty's alpha, a constant divisor)."""

    concept: str
    found: str
    world: object


@dataclass(frozen=True)
class Check:
    """One thing checked. ``cases`` are ``(code, reads)`` pairs; the first case whose data
    differs from the reference's is the one reported. ``concept`` is named when no
    ``wrong`` answer matches the learner's data in every case. A check runs only when the
    checks it ``requires`` passed; ``needs`` lists what the learner's code must define
    (``"Value.tanh"``), or it is "not written yet". An ``optional`` check notes what is
    missing instead of counting it. A ``secret`` check's report shows neither what the
    learner's code gave nor what was expected (the answer to a question)."""

    id: str
    title: str
    concept: str
    cases: tuple
    wrong: tuple = ()
    requires: tuple = ()
    needs: tuple = ()
    optional: bool = False
    seconds: float = 2.0  # per example
    secret: bool = False  # the expected data is an answer: a report never shows it


@dataclass(frozen=True)
class Exercise:
    """An exercise: the names the learner's file defines, a correct ``reference`` (a
    function returning those names), and the checks. ``given`` names (``"module:attr"``)
    are seen by every example besides the learner's; ``library`` lists, per learner name,
    the course's own objects that do not count as the learner's work."""

    name: str
    order: int  # its place in the course
    about: str
    names: tuple
    reference: object
    checks: tuple
    optional_names: tuple = ()
    given: dict = field(default_factory=dict)
    library: dict = field(default_factory=dict)
    objectives: tuple = ()
    lessons: tuple = ()  # site paths of the lessons that teach it
    # where the course's own version waits ("Compare after you pass"): site paths
    compare: tuple = ()
    seconds: float = 10.0  # the default time limit for the whole run
    # loading the learner's file, within the run's limit: a file that trains or loops when
    # it is imported is said early, whatever time its training is allowed
    loading: float = 30.0

    def __post_init__(self):
        object.__setattr__(self, "checks", ordered(self.checks))
        for check in self.checks:  # an unknown id fails here, not in a learner's report
            where = f"exercise {self.name!r}, check {check.id!r}"
            check_known([check.concept, *wrong_ids(check)], where)

    def plan(self, timeout):
        """What a worker needs to run the examples: plain data, no verdicts. Loading the
        file may take ``load`` seconds, and each example its check's ``seconds``, each at
        most ``timeout``."""
        upstream = {}
        for check in self.checks:
            upstream[check.id] = {check.id}.union(
                *(upstream[r] for r in check.requires)
            )
        cases = [
            {
                "check": check.id,
                "code": code,
                "reads": list(reads),
                "seconds": min(check.seconds, timeout),
                "after": sorted(upstream[check.id]),
            }
            for check in self.checks
            for code, reads in check.cases
        ]
        return {
            "names": {
                n: list(self.library.get(n, ()))
                for n in self.names + self.optional_names
            },
            "given": dict(self.given),
            "probes": sorted({need for check in self.checks for need in check.needs}),
            "load": min(self.loading, timeout),
            "cases": cases,
        }

    def concepts(self):
        """Every concept id this exercise's checks can name, in order."""
        ids = [c for check in self.checks for c in (check.concept, *wrong_ids(check))]
        return list(dict.fromkeys(ids))


def example(code, *reads):
    """The cases of a check with one example: ``code``, then the ``reads``."""
    return ((code, reads),)


def wrong_ids(check):
    return [w.concept for w in check.wrong]


def ordered(checks):
    """``checks`` in their given order, except that each comes after what it requires."""
    by_id = {c.id: c for c in checks}
    if len(by_id) != len(checks):
        raise ValueError("two checks share an id")
    done, result = set(), []

    def visit(check, path=()):
        if check.id in done:
            return
        if check.id in path:
            raise ValueError(f"checks require each other: {path + (check.id,)}")
        for r in check.requires:
            if r not in by_id:
                raise ValueError(f"{check.id} requires {r!r}, which is not a check")
            visit(by_id[r], path + (check.id,))
        done.add(check.id)
        result.append(check)

    for check in checks:
        visit(check)
    return tuple(result)


def include(prefix, part, checks, after=()):
    """Another exercise's checks, renamed ``<prefix>.<id>``, titled ``<part>: ...``, and
    run after the checks ``after``. They run with the including exercise's names, so its
    reference must agree."""
    return tuple(
        replace(
            c,
            id=f"{prefix}.{c.id}",
            title=f"{part}: {c.title}",
            requires=(*after, *(f"{prefix}.{r}" for r in c.requires)),
        )
        for c in checks
    )
