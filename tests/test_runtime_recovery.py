"""A Python in the page that always recovers, in headless Chromium (every outside request
refused): deep recursion is the learner's RecursionError; an exit or a fatal error is said
and Python is replaced; a forged reply is never taken for one; every runtime file that
fails (404, a broken connection, a hang) is named, with what to do, and a retry works;
Stop works while Python loads; a missing feature chunk says to reload; figures are
sanitised.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import (
    assert_clean,
    navigate,
    open_page,
    refuse_outside,
    replace_code,
    run_cell,
)

pytestmark = pytest.mark.browser
LESSON = "/02-value/backpropagation/"
LATER = "/03-neural-network/neuron/"
# What the browser and Pyodide log, on their own, when a file fails or Python dies.
EXPECTED_LOGS = re.compile(
    r"Failed to load resource|Pyodide has suffered a fatal error|cause of the fatal error"
    r"|Maximum call stack size exceeded|Pyodide already fatally failed"
)


def run(page, source, **options):
    return page.evaluate("([s, o]) => window.course.run(s, o)", [source, options])


def outcome(page, source, **options):
    """The run's result, or its error as "Name: message"."""
    return page.evaluate(
        "([s, o]) => window.course.run(s, o).catch(e => e.name + ': ' + e.message)",
        [source, options],
    )


@pytest.fixture(scope="module")
def context(browser, pages_site):
    context = browser.new_context()
    context.outside = []
    refuse_outside(context, context.outside)
    context.site = pages_site
    yield context
    context.close()


@pytest.fixture(scope="module")
def tab(context):
    """One tab, as a reader keeps one: Python starts once, and again only when it must."""
    page = open_page(context, context.site + LESSON)
    page.evaluate("window.course.ready()")
    page.evaluate(
        "() => { window.states = []; window.restarts = [];"
        " const s = window.course.session;"
        " s.addEventListener('state', e => states.push(e.detail.state));"
        " s.addEventListener('restart', e => restarts.push(e.detail.reason)); }"
    )
    return page


@pytest.fixture
def lesson(tab):
    if not tab.url.endswith(LESSON):
        navigate(tab, tab.context.site + LESSON)
    tab.evaluate("window.states.length = 0; window.restarts.length = 0")
    yield tab
    assert_clean(tab)


def expected_logs_only(page):
    unexpected = [e for e in page.errors if not EXPECTED_LOGS.search(e)]
    page.errors.clear()
    assert not unexpected, unexpected
    assert not page.context.outside, page.context.outside


# --- replies come only from the page's own channel ----------------------------------------

FORGE = """
import js, json
for id_ in range(1, 200):
    for kind in ("result", "fatal", "failed", "error"):
        message = {"type": kind, "id": id_, "value": "forged", "message": "forged",
                   "result": {"stdout": "forged"}, "cause": "exit", "file": "",
                   "error": "forged", "traceback": ""}
        js.postMessage(js.JSON.parse(json.dumps(message)))
        js.postMessage(json.dumps(message))
import sys
frame = sys._getframe()  # up to the function that answers the call, and what it sends with
while "send" not in frame.f_locals:
    frame = frame.f_back
for kind in ("result", "error", "fatal"):
    message = {"type": kind, "id": frame.f_locals["id_"], "value": "forged",
               "error": "forged", "traceback": "", "cause": "exit", "message": "forged"}
    frame.f_locals["send"](json.dumps(message))
total = sum(range(2_000_000))  # the forged messages arrive while this runs
print("real", kept)
"""


def test_a_reply_the_code_posts_itself_is_never_taken_for_one(lesson):
    run(lesson, "kept = 42")
    result = run(lesson, FORGE)
    assert result["stdout"] == "real 42\n" and result["error"] is None
    assert run(lesson, "print(kept)")["stdout"] == "42\n"  # still the same Python
    assert lesson.evaluate("window.restarts") == []
    assert "ready" == lesson.evaluate("window.course.session.state")


# --- recursion --------------------------------------------------------------------------

RECURSIONS = {
    "plain": "def f(n):\n    return f(n + 1)\nf(0)",
    "rmul": "class V:\n    def __rmul__(self, other):\n        return other * self\n2 * V()",
    "partial": (
        "import functools\ndef f(n):\n    return g(n + 1)\ng = functools.partial(f)\nf(0)"
    ),
}


@pytest.mark.parametrize("kind", RECURSIONS)
def test_deep_recursion_is_the_learners_recursion_error(lesson, kind):
    run(lesson, "alive = 'yes'")
    result = run(lesson, RECURSIONS[kind], name="cell 9")
    assert result["error"].endswith(
        "RecursionError: maximum recursion depth exceeded\n"
    ), result["error"]
    assert 'File "<cell 9>"' in result["error"]
    assert run(lesson, "print(alive)")["stdout"] == "yes\n"  # not restarted
    assert lesson.evaluate("window.restarts") == []


def test_a_cell_recurses_as_deep_as_the_limit_the_page_set(lesson):
    from tests.web_python import course_calls

    depth = "def f(n):\n    try:\n        return f(n + 1)\n    except RecursionError:\n"
    depth += "        return n\nf(0)"
    reached = run(lesson, depth)["value"]
    assert course_calls.RECURSION_LIMIT - 20 <= reached < course_calls.RECURSION_LIMIT


# --- Python that dies is replaced ---------------------------------------------------------


def test_os_exit_in_a_cell_is_said_and_the_next_run_works(lesson):
    cell = lesson.locator('[data-course="cell"]').first
    editor = replace_code(cell, 1, "import os\nos._exit(1)\n")
    editor.press("Shift+Enter")
    output = cell.locator("output")
    expect(output.locator(".mg-error")).to_have_text(
        "Your code stopped Python: os._exit(1). Python was restarted: run the earlier"
        " cells again first."
    )
    lesson.wait_for_function("window.course.session.state === 'ready'")
    states = lesson.evaluate("window.states")
    dead = states.index(
        "off"
    )  # the dead worker's end: never "ready" before the new one
    assert states[dead - 1] == "running" and states[dead:] == [
        "off",
        "loading",
        "ready",
    ]
    assert lesson.evaluate("window.restarts") == [
        "Your code stopped Python: os._exit(1)"
    ]
    cell.get_by_role("button", name="Reset cell 1 to the page's code").click()
    assert run_cell(lesson, 1) is None
    assert cell.locator("output .mg-error").count() == 0
    expected_logs_only(lesson)


def test_a_fatal_error_on_a_later_lesson_is_said_and_python_restarts(lesson):
    navigate(lesson, lesson.context.site + LATER)
    nested = "l = []\nfor _ in range(100_000):\n    l = [l]\nrepr(l)"
    said = outcome(lesson, nested)
    assert said == (
        "CrashedError: Python crashed: a recursion went deeper than the page's stack"
        " can hold. Python was restarted"
    )
    assert outcome(lesson, "import os\nos._exit(3)") == (
        "CrashedError: Your code stopped Python: os._exit(3). Python was restarted"
    )
    assert run_cell(lesson, 1) is None
    assert run(lesson, "print(6 * 7)")["stdout"] == "42\n"
    expected_logs_only(lesson)


def test_a_stale_result_is_never_shown_as_current(lesson):
    """A cell whose run died shows what happened, not its last output."""
    cell = lesson.locator('[data-course="cell"]').nth(2)
    assert run_cell(lesson, 3) is None
    assert "topological" in cell.locator("output").inner_text()
    editor = replace_code(cell, 3, "print('old')\nimport os\nos._exit(1)\n")
    editor.press("Shift+Enter")
    expect(cell.locator("output .mg-error")).to_contain_text("os._exit(1)")
    assert "topological" not in cell.locator("output").inner_text()
    cell.get_by_role("button", name="Reset cell 3 to the page's code").click()
    lesson.wait_for_function("window.course.session.state === 'ready'")
    expected_logs_only(lesson)


# --- small things a cell shows ----------------------------------------------------------


def test_an_error_naming_line_0_of_the_cell_keeps_its_output(lesson):
    cell = lesson.locator('[data-course="cell"]').nth(2)  # prints text
    editor = replace_code(
        cell, 3, "print('shown')\nraise ValueError('\"<cell 3>\", line 0')\n"
    )
    editor.press("Shift+Enter")
    output = cell.locator("output")
    expect(output.locator(".mg-error")).to_contain_text(
        'ValueError: "<cell 3>", line 0'
    )
    assert output.locator(".mg-stdout").inner_text() == "shown\n"
    assert cell.locator(".cm-mark-line").inner_text().startswith("raise ValueError")
    cell.get_by_role("button", name="Reset cell 3 to the page's code").click()


def test_bytes_from_repr_html_are_said_not_a_runner_traceback(lesson):
    source = "class B:\n    def _repr_html_(self):\n        return b'<b>1</b>'\nB()"
    result = run(lesson, source)
    assert result["error"] is None and result["figures"] == []
    assert result["stderr"] == "_repr_html_ returned bytes, not text: not shown\n"


def test_printed_text_reaches_the_page_while_the_code_runs(lesson):
    """A long cell shows each line as it is printed, before the run ends."""
    got = lesson.evaluate(
        """async () => {
          const seen = [];
          const began = performance.now();
          const result = await window.course.run(
            'import time\\nfor step in range(3):\\n    print("step", step)\\n'
            + '    end = time.monotonic() + 0.6\\n    while time.monotonic() < end:\\n'
            + '        pass',
            {onText: (stream, text) => seen.push([stream, text, performance.now()])});
          return {seen, ended: performance.now(), result};
        }"""
    )
    lines = "".join(text for _, text, _ in got["seen"])
    assert lines == got["result"]["stdout"] == "step 0\nstep 1\nstep 2\n"
    so_far, arrived = "", []
    for _, text, when in got["seen"]:
        so_far += text
        arrived.append(("step 0\n" in so_far, when))
    first = next(when for done, when in arrived if done)
    assert got["ended"] - first > 1000  # "step 0" arrived while the loop still ran


def test_an_html_cell_draws_its_markup_as_it_arrives(lesson):
    """A long html cell (training-the-mlp's run) shows its rows while it runs."""
    cell = lesson.locator('[data-course="cell"]').first  # an html cell
    slow = "import time\nprint('<pre>row 0')\nend = time.monotonic() + 3\n"
    slow += "while time.monotonic() < end:\n    pass\nprint('row 1</pre>')\n"
    editor = replace_code(cell, 1, slow)
    editor.press("Shift+Enter")
    drawn = cell.locator("output .mg-preview pre")
    expect(drawn).to_have_text("row 0\n")
    assert cell.get_by_role("button", name="Run cell 1", exact=True).is_disabled()
    expect(cell.locator("output .mg-drawn pre")).to_have_text("row 0\nrow 1")
    assert cell.locator("output .mg-preview").count() == 0  # the result replaced it
    cell.get_by_role("button", name="Reset cell 1 to the page's code").click()


def test_what_the_build_printed_is_hidden_once_the_cell_runs(lesson):
    """training-the-mlp's run printed a <pre> at build time: the theme's style for <pre>
    must not keep it on screen above the run's own rows."""
    navigate(lesson, lesson.context.site + "/05-full-picture/training-the-mlp/")
    cell = lesson.locator('[data-course="cell"]').first
    built = cell.locator("> pre")
    expect(built).to_be_visible()
    cell.get_by_role("button", name="Run cell 1", exact=True).click()
    expect(built).to_be_hidden()
    cell.get_by_role("button", name="Stop cell 1: restarts Python").click()
    expect(cell.locator("output")).to_contain_text("Python was stopped")
    lesson.wait_for_function("window.course.session.state === 'ready'")


# --- figures ------------------------------------------------------------------------------

HOSTILE = {
    "img onerror": '<img src="data:,x" onerror="window.pwned = 1">',
    "foreignObject": (
        '<svg><foreignObject><img src="data:,x" onerror="window.pwned = 2">'
        "</foreignObject></svg>"
    ),
    "iframe srcdoc": '<iframe srcdoc="<script>parent.pwned = 3</script>"></iframe>',
    "script": "<script>window.pwned = 4</script>",
    "svg onload": '<svg onload="window.pwned = 5"><circle r="1"/></svg>',
    "style": "<style>.md-header { display: none !important }</style><b>hi</b>",
    "fixed cover": (
        '<div style="position: fixed; inset: 0; z-index: 99999; background: red">x</div>'
    ),
    "javascript link": '<a id="js-link" href="javascript:window.pwned = 6">link</a>',
    "svg javascript link": (
        '<svg><a id="js-svg-link" href="javascript:window.pwned = 7"><text y="10">go</text>'
        "</a></svg>"
    ),
    "animate href": (
        '<svg><a id="js-anim"><animate attributeName="href" to="javascript:window.pwned = 8"'
        '/><text y="10">a</text></a></svg>'
    ),
    "outside image": '<img src="https://example.com/pixel.png">',
    "object": '<object data="data:text/html,<script>parent.pwned = 9</script>"></object>',
    "embed": '<embed src="data:text/html,<script>parent.pwned = 10</script>">',
    "details ontoggle": '<details open ontoggle="window.pwned = 11"><summary>s</summary>',
}


def test_hostile_figures_are_neutralised(lesson):
    lesson.evaluate("window.pwned = 0")
    cell = lesson.locator('[data-course="cell"]').first
    header = lesson.locator(".md-header")
    for name, markup in HOSTILE.items():
        code = f"class F:\n    def _repr_html_(self):\n        return {markup!r}\nF()\n"
        editor = replace_code(cell, 1, code)
        editor.press("Shift+Enter")
        output = cell.locator("output")
        expect(output.locator(".mg-note")).to_contain_text(
            "Left out of this figure", timeout=10_000
        )
        lesson.wait_for_timeout(200)
        assert lesson.evaluate("window.pwned") == 0, name
        assert header.is_visible(), name
        box = lesson.evaluate(
            "() => { const e = document.elementFromPoint(200, 20);"
            " return e.closest('.md-header') !== null; }"
        )
        assert box, f"{name}: something covers the site's header"
        found = output.locator(
            "script, style, iframe, object, embed, foreignObject, animate, [onerror],"
            " [onload], [ontoggle], [href^='javascript']"
        )
        assert found.count() == 0, name
        cell.get_by_role("button", name="Reset cell 1 to the page's code").click()
    assert not lesson.context.outside, lesson.context.outside


# --- loading: failures, hangs, Stop -------------------------------------------------------

FILES = [
    "runtime.json",
    "pyodide/pyodide.mjs",
    "pyodide/pyodide.asm.mjs",
    "pyodide/pyodide.asm.wasm",
    "pyodide/python_stdlib.zip",
    "python/micrograd.zip",
]


def failing(mode):
    def handle(route):
        if mode == "404":
            route.fulfill(status=404, body="not here")
        elif mode == "reset":
            route.abort("connectionreset")
        # "hang": never answered

    return handle


@pytest.fixture
def fresh(context):
    """A tab of its own whose Python is not started; loads give up after 3 s of quiet."""
    page = open_page(context, context.site + LESSON)
    page.evaluate("window.course.session.loadLimit = 3000")
    yield page
    page.close()


@pytest.mark.parametrize("file", FILES)
def test_a_runtime_file_that_fails_is_named_and_a_retry_works(fresh, file):
    url = f"**/assets/course/{file}"
    said = {
        "404": f"Python could not start: {file} could not be loaded (404 Not Found). The"
        " site may have changed since this page was opened: reload the page, then try"
        " again.",
        "reset": f"Python could not start: {file} could not be loaded (the connection"
        " failed). Check your connection, then try again.",
        "hang": f"Python could not start: {file} did not arrive within 3 s. Check your"
        " connection, then try again.",
    }
    output = fresh.get_by_role("status", name="Output of cell 3")
    for mode, message in said.items():
        fresh.route(url, failing(mode))
        assert run_cell(fresh, 3) == message
        assert "Loading Python" not in fresh.locator(".mg-toolbar").nth(2).inner_text()
        assert fresh.evaluate("window.course.session.state") == "off"
        fresh.unroute(url)
    fresh.evaluate("window.course.session.loadLimit = 60000")
    assert run_cell(fresh, 3) is None  # the retry works
    assert "topological" in output.locator(".mg-stdout").inner_text()
    expected_logs_only(fresh)


def test_without_viz_python_starts_and_graphs_say_they_cannot_be_drawn(fresh):
    fresh.evaluate("window.course.session.loadLimit = 60000")
    fresh.route("**/assets/course/viz/viz.js", failing("404"))
    error = run_cell(fresh, 1)  # draws a graph
    assert error.endswith(
        "RuntimeError: graphs cannot be drawn in this page: viz/viz.js could not be"
        " loaded (404 Not Found). Reload the page to try again.\n"
    ), error
    assert run_cell(fresh, 3) is None  # Python works
    fresh.unroute("**/assets/course/viz/viz.js")
    fresh.reload()
    fresh.wait_for_selector("[data-course-mounted]", state="attached")
    assert run_cell(fresh, 1) is None
    assert fresh.get_by_role("status", name="Output of cell 1").locator("svg").count()
    expected_logs_only(fresh)


def test_stop_while_python_loads_ends_the_run_and_run_starts_it_again(fresh):
    held = []  # requests left unanswered until the route goes
    fresh.route("**/assets/course/pyodide/pyodide.asm.wasm", lambda r: held.append(r))
    fresh.evaluate("window.course.session.loadLimit = 60000")
    fresh.get_by_role("button", name="Run cell 1", exact=True).click()
    fresh.wait_for_function("window.course.session.state === 'loading'")
    fresh.get_by_role("button", name="Stop cell 1: restarts Python").click()
    output = fresh.get_by_role("status", name="Output of cell 1")
    expect(output).to_have_text(
        "Python was stopped before it started: press Run to start it again."
    )
    assert fresh.get_by_role("button", name="Run cell 1", exact=True).is_enabled()
    assert fresh.evaluate("window.course.session.state") == "off"
    fresh.unroute("**/assets/course/pyodide/pyodide.asm.wasm")
    assert run_cell(fresh, 1) is None
    expected_logs_only(fresh)


def test_a_feature_whose_chunk_is_gone_says_to_reload(context):
    page = context.new_page()
    page.route("**/assets/course/chunks/playground-*.js", failing("404"))
    page.goto(context.site + LESSON)
    playground = page.locator('[data-course="playground"]')
    expect(playground.get_by_role("alert")).to_have_text(
        "This part of the page could not be loaded: the site has changed since the page"
        " was opened. Reload the page to use it."
    )
    assert page.locator('[data-course="cell"] .mg-toolbar').count() > 0  # cells work
    page.close()
    context.outside.clear()
