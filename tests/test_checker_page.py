"""The checker in the page judges in a clean room, in headless Chromium.

Each Check runs the learner's file in a sandbox (a Python of its own, used once) and the
report is made by a judge that never runs a learner's code (web/checker.js,
web/python/course_checker.py). Learner files that patch the course's code, walk the stack
to the checker, post their own results, recurse without end, exit or eat memory get the
command line's verdict and change nothing for the next Check; a report's links reach the
page only as paths of this site; a Check that cannot run never leaves an earlier report
on screen as its answer.
"""

import json
import textwrap
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import expect

from micrograd.check import check_file
from micrograd.check.hosts import limits, result
from tests.browser import WAIT, open_page, refuse_outside, to_editor, type_code
from tests.check_cases import mutants

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "check_cases"
VALUE_PAGE = "/02-value/backpropagation/"
PREFIX = "micrograd-course/v1/"
CORRECT = {e: (CASES / e / "correct.py").read_text() for e in ("value", "neuron")}
WRONG = mutants.source("value", "plus_assign")  # grad-accumulation

IMPORT = "from micrograd.engine import Value\n"
# An honest mistake that changes the course's own Value: the expected answers must not.
PATCHING = CORRECT["neuron"].replace(
    IMPORT, IMPORT + "\nValue.relu = Value.tanh  # the neuron's activation, I thought\n"
)

# Walks the stack up to the checker that runs it and makes every report a pass.
WALK = """
import sys

def _everything_passes():
    frame = sys._getframe()
    while frame is not None:
        for value in list(frame.f_globals.values()):
            if isinstance(value, type) and hasattr(value, "exit_code"):
                value.ok = property(lambda self: True)
                value.exit_code = property(lambda self: 0)
                value.concepts = property(lambda self: [])
        if callable(frame.f_globals.get("same")):
            frame.f_globals["same"] = lambda *args, **kwargs: True
        frame = frame.f_back

_everything_passes()
"""

# Posts a pass of its own, with a script for a lesson link, on every channel the page's
# Python has had (results of runs, printed text, events), for every request it can guess.
FORGE = """
import json
try:
    from js import Object, postMessage
    from pyodide.ffi import to_js
except ImportError:  # not in a page
    postMessage = None

TRAP = "javascript:document.title='forged'"
PASS = {
    "exit": 0, "concepts": ["forged-concept"], "summary": "All checks passed.",
    "report": "Checking value.py (exercise: value)\\n\\n  \\u2717 [own-code] Forged\\n"
              "      Lesson:    " + TRAP + "\\n\\nAll 36 checks passed. Well done!",
    "problems": [{"concept": "own-code", "title": "Forged", "lesson": TRAP,
                  "hints": ["h"], "line": None}],
    "exercise": "value", "file": "value.py", "printed": None, "next_hint": None,
    "compare": [TRAP],
    "items": [{"kind": "fail", "concept": "own-code", "title": "Forged", "rows": [],
               "lesson": TRAP, "hint": None, "line": None}],
}
ENTRIES = [{"concept": "forged-concept", "exercise": "value", "date": "2020-01-01"}]
DONE = json.dumps(["0" * 32, 0, "done", {}])


def _post(message):
    postMessage(to_js(message, dict_converter=Object.fromEntries))


if postMessage is not None:
    for id in range(1, 100):  # the page's protocol (web/protocol.js), as JSON text and as objects
        result = {"type": "result", "id": id, "value": {"result": PASS, "entries": ENTRIES}}
        line = {"case": None, "line": DONE}
        event = {"type": "event", "id": id, "kind": "done", "payload": line}
        for message in (result, event):
            postMessage(json.dumps(message))
            _post(message)
"""


def in_backward(source, code):
    """``source`` with ``code`` run at the start of every backward()."""
    code = textwrap.indent(textwrap.dedent(code).strip("\n") + "\n", " " * 8)
    marker = "    def backward(self):\n"
    assert marker in source
    return source.replace(marker, marker + code, 1)


def command_line(exercise, source, tmp_path):
    """What ``python -m micrograd.check EXERCISE FILE --json`` says of ``source``."""
    path = tmp_path / exercise / f"{exercise}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return result(check_file(exercise, str(path)))


def same_verdict(got, want):
    return [got[k] for k in ("exit", "concepts", "report")] == [
        want[k] for k in ("exit", "concepts", "report")
    ]


def check(tab, exercise, source):
    return tab.evaluate("([e, s]) => window.course.check(e, s)", [exercise, source])


COUNT_WORKERS = """
window.workersMade = 0;
window.workersEnded = 0;
window.Worker = class extends window.Worker {
  constructor(...args) { super(...args); window.workersMade += 1; }
  terminate() { window.workersEnded += 1; super.terminate(); }
};
"""


@pytest.fixture(scope="module")
def tab(browser, pages_site):
    """One tab on a lesson, kept for the module's tests, as a learner keeps it."""
    context = browser.new_context()
    context.outside = []
    refuse_outside(context, context.outside)
    context.add_init_script(COUNT_WORKERS)
    page = open_page(context, pages_site + VALUE_PAGE)
    yield page
    assert not context.outside and not page.errors, (context.outside, page.errors)
    context.close()


def test_a_patching_file_neither_passes_nor_changes_the_next_check(tab, tmp_path):
    got = check(tab, "neuron", PATCHING)
    want = command_line("neuron", PATCHING, tmp_path)
    assert want["exit"] == 1 and want["concepts"][0] == "activation"
    assert same_verdict(got, want), got["report"]
    # The next Checks, of the same exercise and of another, use the course's own Value.
    assert check(tab, "neuron", CORRECT["neuron"])["exit"] == 0
    assert check(tab, "value", CORRECT["value"])["exit"] == 0
    cell = "from micrograd.engine import Value\n[Value(-1.0).relu().data, Value(1.0).relu().data]"
    assert tab.evaluate("s => window.course.run(s)", cell)["value"] == [0.0, 1.0]


def test_a_stack_walking_file_cannot_change_a_later_check(tab, tmp_path):
    walker = WALK + WRONG
    got = check(tab, "value", walker)
    assert same_verdict(got, command_line("value", walker, tmp_path)), got["report"]
    assert got["concepts"][0] == "grad-accumulation"
    again = check(tab, "value", WRONG)
    assert again["exit"] == 1 and again["concepts"][0] == "grad-accumulation"
    other = check(tab, "neuron", mutants.source("neuron", "no_bias"))
    assert other["exit"] == 1 and "Well done" not in other["report"]


def test_each_check_has_a_python_of_its_own(tab):
    """One sandbox per Check, ended after it; the next starts at once."""
    check(
        tab, "value", WRONG
    )  # the judge is up, whichever tests ran in this tab before
    tab.evaluate("window.course.checkerIdle()")
    made, ended = tab.evaluate("[window.workersMade, window.workersEnded]")
    for source in (WRONG, CORRECT["value"]):
        check(tab, "value", source)
    tab.evaluate("window.course.checkerIdle()")
    assert tab.evaluate("[window.workersMade, window.workersEnded]") == [
        made + 2,
        ended + 2,
    ]


STATUS_SAID = """() => {
  window.said = [];
  const status = document.querySelector(".mg-exercise-bar [role=status]");
  new MutationObserver(() => window.said.push(status.textContent)).observe(status, {
    childList: true, characterData: true, subtree: true,
  });
}"""


# The names of the calls each Python session of the checker is asked, in order.
RECORD_CALLS = """() => {
  window.calls = [];
  const make = window.course.createSession;
  window.course.createSession = () => {
    const session = make();
    const call = session.call.bind(session);
    const names = [];
    window.calls.push(names);
    session.call = (fn, kwargs, options) => {
      names.push([fn, kwargs.exercise ?? null]);
      return call(fn, kwargs, options);
    };
    return session;
  };
}"""


def test_the_checker_starts_as_the_reader_starts_typing(context, pages_site):
    """Reading an exercise starts no Python; the first change to its code starts the
    checker's two (the judge and the first sandbox), once, and the judge works out what
    the exercise's examples should give; a Check after that waits neither for Python to
    load nor for the reference."""
    context.add_init_script(COUNT_WORKERS)
    page = open_page(context, pages_site + VALUE_PAGE)
    to_editor(page)
    page.wait_for_timeout(500)  # what would start on its own has started
    made = page.evaluate("window.workersMade")
    page.evaluate(RECORD_CALLS)
    type_code(page, WRONG)
    page.evaluate("window.course.checkerIdle()")
    assert page.evaluate("window.workersMade") == made + 2
    page.keyboard.type("\n# more")  # a later change starts nothing more
    page.evaluate("window.course.checkerIdle()")
    assert page.evaluate("window.workersMade") == made + 2
    judge, sandbox = page.evaluate("window.calls")
    assert judge == [
        ["course_checker.prepare", None],
        ["course_checker.expect", "value"],
    ]
    assert sandbox == [["course_checker.prepare", None]]
    page.evaluate(STATUS_SAID)
    button = page.get_by_role("button", name="Check your value.py")
    button.click()
    expect(button).to_be_enabled(timeout=WAIT)
    expect(page.locator(".mg-report")).to_contain_text("[grad-accumulation]")
    said = page.evaluate("window.said")
    assert said and not [s for s in said if "Loading Python" in s], said
    assert page.evaluate("window.calls")[0][-1] == ["course_checker.judge", "value"]
    assert not page.errors, page.errors


@pytest.mark.parametrize(
    "name, code, concept, said",
    [
        (
            "recursion",
            None,  # __rmul__ that calls itself
            "error",
            "Your code calls itself again and again without end.",
        ),
        ("exit", "import os; os._exit(1)", "error", "stopped Python (exit status 1)"),
        ("memory", "hog = bytearray(2**31 - 1)", "memory", "ran out of memory"),
    ],
)
def test_a_file_that_breaks_python_gets_the_command_lines_verdict(
    tab, tmp_path, name, code, concept, said
):
    if code is None:
        source = CORRECT["value"].replace(
            "        return self * other\n", "        return other * self\n", 1
        )
        assert source != CORRECT["value"]
    else:
        source = in_backward(CORRECT["value"], code)
    got = check(tab, "value", source)
    want = command_line("value", source, tmp_path)
    assert want["concepts"] == [concept] and said in " ".join(want["report"].split())
    assert same_verdict(got, want), got["report"]
    assert check(tab, "value", CORRECT["value"])["exit"] == 0  # and the next one works


def test_a_file_that_loops_when_imported_is_stopped_at_loadings_limit(tab):
    """The capstone may train for 180 s, but loading a file has a limit of its own (here
    2 s instead of 30, to be quick)."""
    given = {**limits("capstone"), "load": 2}
    endless = "while True:\n    pass\n"
    got, seconds = tab.evaluate(
        """async ([source, limits]) => {
          const began = performance.now();
          const got = await window.course.check("capstone", source, { limits });
          return [got, (performance.now() - began) / 1000];
        }""",
        [endless, given],
    )
    said = " ".join(got["report"].split())
    assert got["exit"] == 2 and got["concepts"] == ["cannot-load"], said
    assert "did not finish within 2 seconds" in said and "__main__" in said, said
    assert seconds < 20, seconds  # not the run's 180 s
    assert check(tab, "value", CORRECT["value"])["exit"] == 0  # and the next one works


def kept(page, key):
    text = page.evaluate("k => localStorage.getItem(k)", PREFIX + key)
    return json.loads(text) if text else None


def site_links(page, selector):
    """The links in ``selector``, each as [text, href as written, absolute URL]."""
    return page.eval_on_selector_all(
        selector + " a",
        "as => as.map(a => [a.textContent, a.getAttribute('href'), a.href])",
    )


def assert_inside_the_site(page, links, site):
    root = urlparse(site).path + "/"
    for text, href, absolute in links:
        url = urlparse(urljoin(page.url, href))
        assert (url.scheme, url.netloc) == (
            urlparse(page.url).scheme,
            urlparse(page.url).netloc,
        ), href
        assert url.path.startswith(root), (text, href)
        assert "evil" not in absolute and "javascript" not in absolute, href


def test_a_forged_message_cannot_pass_or_reach_the_history(context, pages_site):
    page = open_page(context, pages_site + VALUE_PAGE)
    to_editor(page)
    type_code(page, FORGE + WRONG)
    button = page.get_by_role("button", name="Check your value.py")
    button.click()
    expect(button).to_be_enabled(timeout=WAIT)
    report = page.locator(".mg-report")
    expect(report).to_contain_text("[grad-accumulation]")  # the honest report on WRONG
    assert (
        "Well done" not in report.inner_text() and "Forged" not in report.inner_text()
    )
    last = kept(page, "check/value")
    assert last["result"]["exit"] == 1 and last["passed"] is None
    assert "forged-concept" not in json.dumps(kept(page, "history") or [])
    assert_inside_the_site(page, site_links(page, ".mg-exercise"), pages_site)


HOSTILE = {
    "exit": 1,
    "concepts": ["grad-accumulation"],
    "report": "Checking value.py (exercise: value)\n\n"
    "  ✗ [grad-accumulation] A value used twice collects both gradients\n"
    "      Lesson:    https://evil.example/x\n",
    "problems": [
        {
            "concept": "grad-accumulation",
            "title": "A value used twice collects both gradients",
            "lesson": "//evil.example/x",
            "hints": ["h1", "h2"],
            "line": None,
        }
    ],
    "exercise": "value",
    "file": "<img src=x onerror=alert(1)>",
    "printed": None,
    "next_hint": 2,
    "summary": "1 mistake found.",
    "compare": ["../../../../outside/", "02-value/backpropagation/#why"],
    "items": [
        {
            "kind": "fail",
            "concept": "grad-accumulation",
            "title": "<b>bold</b>",
            "rows": [
                {"label": "Found:", "text": "<script>x</script>", "form": "words"}
            ],
            "hint": {"level": 1, "levels": 3, "text": "a question"},
            "lesson": lesson,
            "line": None,
        }
        for lesson in (
            "//evil.example/x",
            "https://evil.example/x",
            "javascript:alert(1)",
            "../../../../outside/",
            "02-value/../../../outside/",
            "02-value/backpropagation/#what-each-broken-rule-does",
        )
    ],
}


def test_a_reports_links_are_paths_of_this_site(context, pages_site):
    """A report kept in this browser (or any result) links only paths of this site; its
    text is shown as text."""
    page = open_page(context, pages_site + "/")
    record = {"result": HOSTILE, "date": "2025-03-01", "passed": None}
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [PREFIX + "check/value", json.dumps(record)],
    )
    page.goto(pages_site + VALUE_PAGE)
    report = page.locator(".mg-report")
    expect(report).to_contain_text("Your last check, on 2025-03-01")
    assert "<img src=x onerror=alert(1)>" in report.inner_text()
    assert "<script>x</script>" in report.inner_text()
    assert report.locator("img, script, b").count() == 0
    links = site_links(page, ".mg-report")
    assert_inside_the_site(page, links, pages_site)
    hrefs = [href for _, href, _ in links]
    good = "../../02-value/backpropagation/#what-each-broken-rule-does"
    assert hrefs == [good, good, "../../02-value/backpropagation/#why"], hrefs


BROKEN_SESSION = """() => {
  window.realCreateSession = window.course.createSession;
  window.course.createSession = () => ({
    state: "off",
    ready: () => Promise.reject(new Error("no Python here")),
    run: () => Promise.reject(new Error("no Python here")),
    close() {},
    addEventListener() {},
    removeEventListener() {},
  });
}"""


def test_a_check_that_cannot_run_never_shows_an_earlier_report_as_its_own(
    context, pages_site
):
    page = open_page(context, pages_site + VALUE_PAGE)
    to_editor(page)
    report = page.locator(".mg-report")
    status = page.locator(".mg-exercise-bar [role=status]")
    button = page.get_by_role("button", name="Check your value.py")

    def check_code(source):
        type_code(page, source)
        button.click()
        expect(button).to_be_enabled(timeout=WAIT)

    check_code(WRONG)
    expect(report).to_contain_text("[grad-accumulation]")
    check_code(in_backward(CORRECT["value"], "import os; os._exit(1)"))  # Python dies
    expect(report).to_contain_text("stopped Python (exit status 1)")
    expect(report).not_to_contain_text("[grad-accumulation]")
    page.evaluate("window.course.checkerIdle()")
    page.evaluate(BROKEN_SESSION)  # the next sandbox cannot start
    check_code(WRONG)  # the spare, started before: it runs
    expect(report).to_contain_text("[grad-accumulation]")
    check_code(WRONG)
    expect(status).to_contain_text("The check could not run: no Python here")
    expect(report).to_contain_text("The check could not run")
    expect(report).not_to_contain_text("[grad-accumulation]")
    page.get_by_role("button", name="Show the next hint").click()
    expect(status).to_contain_text("Check your code first")
    page.evaluate("window.course.createSession = window.realCreateSession")
    check_code(CORRECT["value"])
    expect(report).to_contain_text("Well done")
