"""``python -m micrograd.check EXERCISE FILE``: check a file; ``--help`` for the rest."""

import argparse
import json
import sys

from micrograd.check import history
from micrograd.check.exercises import EXERCISES
from micrograd.check.hosts import DEFAULT_MEMORY, check_file, result, valid_seconds
from micrograd.check.tutor import tutor_prompt

EPILOG = """\
exercises:
{exercises}

exit status: 0 all right, 1 a mistake found (or a piece not written yet), 2 the file
could not be checked (it cannot be loaded, or an option is wrong).

The concepts the checker names are kept, with the exercise and the date, in
{history}
(--tutor-prompt lists them for your tutor; nothing is sent anywhere). --forget erases it.

example:
  python -m micrograd.check value value.py"""


def _parser():
    exercises = "\n".join(f"  {e.name:<9} {e.about}" for e in EXERCISES.values())
    parser = argparse.ArgumentParser(
        prog="python -m micrograd.check",
        description="Check your solution to one of the course's exercises.",
        epilog=EPILOG.format(exercises=exercises, history=history.path()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("exercise", nargs="?", help="which exercise (see below)")
    parser.add_argument("file", nargs="?", help="your .py file")
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        help="stop your code after this long in all (default: 10, 180 for capstone)",
    )
    parser.add_argument(
        "--memory",
        type=int,
        default=DEFAULT_MEMORY,
        metavar="MIB",
        help=f"the memory your code may use, in MiB (default: {DEFAULT_MEMORY})",
    )
    parser.add_argument(
        "--hint",
        type=int,
        default=1,
        metavar="LEVEL",
        help="how much help each hint gives: 1 a question, 2 where to look, 3 the rule",
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--tutor-prompt",
        action="store_true",
        help="print a prompt for your AI tutor instead of the report",
    )
    shown.add_argument(
        "--json",
        action="store_true",
        help="print the report as data (JSON), for programs",
    )
    parser.add_argument(
        "--progress",
        metavar="FILE",
        help="with --tutor-prompt: the progress file the course's pages export, whose "
        "own-words explanations the prompt includes",
    )
    parser.add_argument(
        "--forget", action="store_true", help="erase the history of concepts, then stop"
    )
    return parser


def _can_print(text):
    try:
        text.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _options(parser, args):
    """The options, checked; exits with status 2 and a clear message when one is wrong."""
    if args.forget:
        return None
    if args.exercise not in EXERCISES or not args.file:
        known = ", ".join(EXERCISES)
        what = f"invalid choice: {args.exercise!r}" if args.file else "missing argument"
        parser.error(f"{what} (exercises: {known}; then the path of your file)")
    try:
        timeout = None if args.timeout is None else valid_seconds(args.timeout)
    except ValueError as exc:
        parser.error(str(exc))
    if args.memory < 64:
        parser.error(f"--memory must be at least 64 (MiB), got {args.memory}")
    if args.hint < 1:
        parser.error(f"--hint must be 1 or more, got {args.hint}")
    if args.progress and not args.tutor_prompt:
        parser.error(
            "--progress is for --tutor-prompt: its explanations go to the prompt"
        )
    return dict(timeout=timeout, memory=args.memory, hint=args.hint)


def _words(parser, path):
    """The own-words explanations of a progress file (web/progress-file.js), checked."""
    if path is None:
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        parser.error(f"--progress: cannot read {path}: {exc}")
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, dict) or data.get("course") != "micrograd-course":
        parser.error(f"--progress: {path} is not a progress file of this course")
    words = records.get("words", {})
    if not isinstance(words, dict) or not all(
        isinstance(e, dict) and isinstance(e.get("text"), str) for e in words.values()
    ):
        parser.error(f"--progress: {path} is damaged: its words are not explanations")
    return words


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    options = _options(parser, args)
    words = _words(parser, args.progress)
    if options is None:
        erased = history.forget()
        print(f"{'Erased' if erased else 'There is no'} history: {history.path()}")
        return 0
    report = check_file(args.exercise, args.file, **options)
    if args.tutor_prompt:
        try:
            with open(args.file, encoding="utf-8", errors="replace") as f:
                source = f.read()
        except OSError:
            source = ""
        seen = dict.fromkeys(report.concepts, args.hint)  # the hint levels: 1 to --hint
        text = tutor_prompt(
            args.exercise, source, result(report), history.load(), seen, words
        )
    elif args.json:
        text = json.dumps(result(report), indent=1)
    else:
        text = report.render(ascii=not _can_print("✓✗·"))
    print(text if _can_print(text) else text.encode("ascii", "replace").decode())
    history.record(report.concepts, args.exercise)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
