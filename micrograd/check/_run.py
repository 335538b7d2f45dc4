"""The worker: ``python -m micrograd.check._run <exercise> <file>``.

Loads the learner's file and runs the exercise's checks, writing one JSON event per line to
its standard output: ``loaded`` or ``load_error``, then ``start`` before each example and
``item`` for each result, then ``done``. The learner's own prints are thrown away, so they
cannot mix with the events. The parent process enforces the time limit: when it has to stop
the worker, the last ``start`` event says which example was running.
"""

import json
import os
import sys
import traceback


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(
            "usage: python -m micrograd.check._run <exercise> <file.py>",
            file=sys.stderr,
        )
        return 2
    exercise, path = argv

    # Keep a private copy of stdout for the events; anything else written to stdout is dropped.
    events = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)

    def emit(event):
        events.write(json.dumps(event) + "\n")
        events.flush()

    from micrograd.check._exercises import LoadError, load, run_exercise

    try:
        try:
            objects = load(exercise, path)
        except LoadError as exc:
            emit({"type": "load_error", "message": str(exc)})
            return 0
        emit({"type": "loaded"})
        run_exercise(exercise, objects, emit=emit, learner_file=os.path.abspath(path))
        emit({"type": "done"})
    except (
        BaseException
    ):  # a mistake of the checker itself: say so, do not blame the learner
        emit({"type": "internal_error", "traceback": traceback.format_exc()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
