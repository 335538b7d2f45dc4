"""The command line's memory: the concepts the checker has named, with the exercise and
the date, in a small JSON file in the user's data directory (see :func:`path`). It never
leaves the learner's machine; ``python -m micrograd.check --forget`` erases it.

The page keeps the same entries in the browser (web/memory.js, capped at the same
``KEEP``: the site's build hands it to the page) and sums them up as :func:`summary` and
:func:`phrase` do here, word for word (web/summary.js)."""

import datetime
import json
import os
import sys
from pathlib import Path

KEEP = 1000  # entries kept, the newest
NOT_MISTAKES = {"not-implemented", "cannot-load"}


def path():
    """``$XDG_DATA_HOME/micrograd-course/history.json`` (``~/.local/share`` by default);
    on macOS ``~/Library/Application Support``, on Windows ``%APPDATA%``, unless
    ``XDG_DATA_HOME`` is set."""
    base = os.environ.get("XDG_DATA_HOME")
    if not base and sys.platform == "win32":
        base = os.environ.get("APPDATA")
    if not base and sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    base = base or Path.home() / ".local" / "share"
    return Path(base) / "micrograd-course" / "history.json"


def load():
    """The history: a list of {"concept", "exercise", "date"}, oldest first."""
    try:
        entries = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(entries, list):
        return []
    return [e for e in entries if _is_entry(e)][-KEEP:]


def _is_entry(entry):
    keys = ("concept", "exercise", "date")
    return isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in keys)


def entries(concepts, exercise, today=None):
    """The history entries of one report: each concept once, mistakes only. The page's
    history (web/checker.js) adds the same entries as this file does."""
    date = (today or datetime.date.today()).isoformat()
    return [
        {"concept": c, "exercise": exercise, "date": date}
        for c in dict.fromkeys(concepts)
        if c not in NOT_MISTAKES
    ]


def record(concepts, exercise, today=None):
    """Add the concepts of one report (each once); returns the new history."""
    new = entries(concepts, exercise, today)
    kept = (load() + new)[-KEEP:]
    if new:
        try:
            path().parent.mkdir(parents=True, exist_ok=True)
            path().write_text(json.dumps(kept, indent=0), encoding="utf-8")
        except OSError:
            pass  # a history that cannot be written is no reason to fail a check
    return kept


def forget():
    """Erase the history; True if there was one."""
    try:
        path().unlink()
    except FileNotFoundError:
        return False
    return True


# --- the history, summed up by concept -----------------------------------------------


def summary(entries):
    """One item per concept named: ``{"concept", "count", "exercises", "last"}`` (the
    exercises in the order they first named it; the latest date), the most named first,
    then in the order first named. One pass over the entries."""
    items = {}
    for e in entries:
        item = items.setdefault(
            e["concept"],
            {"concept": e["concept"], "count": 0, "exercises": {}, "last": e["date"]},
        )
        item["count"] += 1
        item["exercises"][e["exercise"]] = None
        item["last"] = max(item["last"], e["date"])
    ordered = sorted(items.values(), key=lambda item: -item["count"])  # stable
    return [{**item, "exercises": list(item["exercises"])} for item in ordered]


def times(n):
    """ "once", "twice", "3 times"."""
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def exercises_phrase(names):
    """ "the value exercise", "the value and train exercises", "the value, loss and
    train exercises"."""
    names = list(names)
    if len(names) < 2:
        return f"the {names[0]} exercise"
    return f"the {', '.join(names[:-1])} and {names[-1]} exercises"


def phrase(item):
    """How often and where a concept was named: "twice, in the value and train
    exercises, last on 2025-03-04"."""
    where = exercises_phrase(item["exercises"])
    return f"{times(item['count'])}, in {where}, last on {item['last']}"
