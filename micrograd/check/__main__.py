"""``python -m micrograd.check <exercise> <file.py> [--timeout SECONDS]``

Exit status: 0 when everything is right, 1 when a mistake is found (or a piece is not
written yet), 2 when the file cannot be loaded.
"""

import argparse
import sys

from micrograd.check._exercises import EXERCISES
from micrograd.check._process import DEFAULT_TIMEOUT, check_file


def _parser():
    exercises = "\n".join(f"  {e.name:<8} {e.about}" for e in EXERCISES.values())
    parser = argparse.ArgumentParser(
        prog="python -m micrograd.check",
        description="Check your solution to one of the course's exercises.",
        epilog=f"exercises:\n{exercises}\n\nexample:\n  python -m micrograd.check value value.py"
        "\n\nexit status: 0 all right, 1 a mistake found, 2 the file cannot be loaded",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "exercise",
        choices=list(EXERCISES),
        metavar="exercise",
        help="which exercise: " + ", ".join(EXERCISES),
    )
    parser.add_argument("file", help="your .py file")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop your code after this long (default: {DEFAULT_TIMEOUT:g})",
    )
    return parser


def _can_print(text):
    try:
        text.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.timeout <= 0:
        print("--timeout must be a positive number of seconds", file=sys.stderr)
        return 2
    report = check_file(args.exercise, args.file, timeout=args.timeout)
    print(report.render(ascii=not _can_print("✓✗")))
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
