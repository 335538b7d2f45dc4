"""The command line's memory: the concepts the checker has named, with the exercise and
the date, in a small JSON file in the user's data directory (see :func:`path`). It never
leaves the learner's machine; ``python -m micrograd.check --forget`` erases it."""

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
    keys = {"concept", "exercise", "date"}
    return [e for e in entries if isinstance(e, dict) and keys <= e.keys()]


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
