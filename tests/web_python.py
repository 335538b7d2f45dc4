"""The page's own Python modules (web/python/), imported under CPython as the page's worker
imports them: from the top of web/python/, by their own names.

    from tests.web_python import course_calls, course_checker, course_playgrounds, course_runner
"""

import sys
from pathlib import Path

WEB_PYTHON = Path(__file__).resolve().parent.parent / "web" / "python"
if str(WEB_PYTHON) not in sys.path:
    sys.path.insert(0, str(WEB_PYTHON))

import course_calls  # noqa: E402
import course_checker  # noqa: E402
import course_playgrounds  # noqa: E402
import course_runner  # noqa: E402

__all__ = [
    "WEB_PYTHON",
    "course_calls",
    "course_checker",
    "course_playgrounds",
    "course_runner",
]
