"""Check a learner's file in a separate process, with a time limit."""

import json
import os
import subprocess
import sys

from micrograd.check._core import Item, fmt_seconds, timeout_item
from micrograd.check._exercises import EXERCISES
from micrograd.check._report import Report

DEFAULT_TIMEOUT = 10.0
_SOURCE_ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
)


def check_file(exercise, path, *, timeout=DEFAULT_TIMEOUT):
    """Run the checks of ``exercise`` on the file ``path``; return a :class:`Report`.

    The file runs in a child process, stopped after ``timeout`` seconds.
    """
    if exercise not in EXERCISES:
        known = ", ".join(EXERCISES)
        raise ValueError(f"unknown exercise {exercise!r}: choose one of {known}")
    source = os.path.basename(path) or path
    if not os.path.exists(path):
        return Report(exercise, source, load_error=f"there is no file {path}")
    # -P: the worker's own imports must not pick up the learner's files (a random.py, say);
    # the folder that holds micrograd goes on PYTHONPATH instead, installed or not.
    command = [
        sys.executable,
        "-P",
        "-m",
        "micrograd.check._run",
        exercise,
        os.path.abspath(path),
    ]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (_SOURCE_ROOT, env.get("PYTHONPATH")) if p
    )
    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    timed_out = False
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        proc.kill()
        out, _ = proc.communicate()
    return _report(exercise, source, out, timed_out, timeout, proc.returncode)


def _report(exercise, source, out, timed_out, timeout, returncode):
    items, started, loaded, done = [], None, False, False
    for line in out.decode("utf-8", "replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        kind = event.get("type")
        if kind == "load_error":
            return Report(exercise, source, load_error=event["message"])
        if kind == "loaded":
            loaded = True
        elif kind == "start":
            started = (event["title"], event["example"])
        elif kind == "item":
            items.append(Item.from_dict(event))
        elif kind == "done":
            done = True
        elif kind == "internal_error":
            raise RuntimeError("the checker itself failed:\n" + event["traceback"])
    if done:
        return Report(exercise, source, items)
    if not loaded:
        if timed_out:
            return Report(
                exercise,
                source,
                load_error=f"loading {source} did not finish within {fmt_seconds(timeout)}: "
                "does it run a loop that never ends when it is imported?",
            )
        return Report(
            exercise,
            source,
            load_error=f"loading {source} stopped Python (exit status {returncode})",
        )
    title, example = started or ("your code", "")
    if timed_out:
        item = timeout_item(timeout, title, example)
    else:
        item = Item(
            "fail",
            title,
            concept="error",
            headline=f"Your code stopped Python (exit status {returncode})",
            example=example,
            hint="Something in your code ends the program (sys.exit, os._exit, or a crash) "
            "while this example runs.",
        )
    items.append(item)
    return Report(exercise, source, items)
