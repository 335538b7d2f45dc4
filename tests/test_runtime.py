"""Python in the page, in headless Chromium with every outside request refused.

The public contract (window.course.ready/run/call, the cells' buttons and <output>), the
same printed output as CPython, graphs drawn by viz.js, Stop, the editor, instant
navigation keeping Python loaded, and axe on a page whose cells ran. Recovery from
failures: tests/test_runtime_recovery.py.
"""

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.pages_server import PagesServer
from tests.browser import (
    OPEN_FOLDS,
    assert_clean,
    navigate,
    open_page,
    refuse_outside,
    replace_code,
)

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
LESSON = "/02-value/backpropagation/"


def run(page, source, **options):
    return page.evaluate("([s, o]) => window.course.run(s, o)", [source, options])


def click_run(page, number):
    page.get_by_role("button", name=f"Run cell {number}", exact=True).click()
    output = page.get_by_role("status", name=f"Output of cell {number}")
    page.wait_for_function(
        "n => { const b = document.querySelector(`[aria-label='Run cell ${n}']`);"
        " return b && !b.disabled; }",
        arg=number,
    )
    return output


@pytest.fixture(scope="module")
def tab(browser, built_site):
    """One tab for the whole module, as a reader keeps one: Python starts once."""
    server = PagesServer(built_site)
    context = browser.new_context()
    context.outside = []
    refuse_outside(context, context.outside)
    page = open_page(context, server.url.rstrip("/") + LESSON)
    page.site = server.url.rstrip("/")
    yield page
    context.close()
    server.close()


@pytest.fixture
def lesson(tab):
    """The lesson page in that tab; no console error and no outside request allowed."""
    if not tab.url.endswith(LESSON):  # a test followed a link: back, as a reader goes
        navigate(tab, tab.site + LESSON)
    yield tab
    assert_clean(tab)


def test_ready_and_run_contract(lesson):
    started = lesson.evaluate("window.course.ready()")
    assert started["python"].startswith("3.14.")
    assert 0 < started["seconds"] < 60
    result = run(lesson, "import sys\nprint(sys.version_info[:2])\n1 / 0")
    assert result["stdout"] == "(3, 14)\n"
    assert result["figures"] == [] and result["stderr"] == ""
    assert result["error"].endswith("ZeroDivisionError: division by zero\n")
    assert 'File "<cell>", line 3, in <module>' in result["error"]
    assert "course_runner" not in result["error"]


def test_call_contract(lesson):
    """window.course.call(fn, kwargs, {onEvent}): the value, the events as they come, and
    the function's own error."""
    got = lesson.evaluate(
        """async () => {
          const c = window.course, events = [];
          const parts = await c.call("course_playgrounds.render",
                                     {name: "descent", values: {lr: "0.5"}});
          const ran = await c.call("course_runner.run", {source: "print(1)\\n2", space: "x"},
                                   {onEvent: (kind, payload) => events.push([kind, payload])});
          const refused = await c.call("os.system", {command: "true"}).catch(e => e);
          const raised = await c.call("course_playgrounds.render", {name: "nope"})
            .catch(e => e);
          return {parts: Object.keys(parts), ran, events,
                  refused: [refused.name, refused.message],
                  raised: [raised.name, raised.message, raised.traceback.split("\\n")[0]]};
        }"""
    )
    assert got["parts"] == ["readout", "figure", "table"]
    assert got["ran"] == {
        "stdout": "1\n",
        "stderr": "",
        "error": None,
        "figures": [],
        "repr": "2",
        "value": 2,
    }
    assert {kind for kind, _ in got["events"]} == {"stdout"}
    assert "".join(text for _, text in got["events"]) == "1\n"  # as it was printed
    assert got["refused"][0] == "PythonError"
    assert got["refused"][1].startswith("LookupError: the page cannot call 'os.system'")
    name, message, traceback = got["raised"]
    assert name == "PythonError" and traceback == "Traceback (most recent call last):"
    assert message.startswith(
        "ValueError: no playground named 'nope'; there are descent"
    )


def test_the_whole_package_is_there_checker_included(lesson):
    result = run(lesson, "import micrograd.check, micrograd.nn\nprint('ok')")
    assert result == {**result, "stdout": "ok\n", "error": None}


def test_a_second_session_is_separate_and_its_time_limit_stops_it(lesson):
    outcome = lesson.evaluate(
        """async () => {
          const page = window.course, other = page.createSession();
          await page.run('shared = 1');
          const apart = await other.run('print("shared" in globals())');
          const late = await other
            .run('while True:\\n    pass', {timeout: 1000})
            .catch(e => e.name + ': ' + e.message);
          const again = await other.run('print(6 * 7)');
          const mine = await page.run('print(shared)');
          other.close();
          return [apart.stdout, late, again.stdout, mine.stdout];
        }"""
    )
    assert outcome == [
        "False\n",
        "StoppedError: Python stopped after 1 s",
        "42\n",
        "1\n",
    ]


def test_display_protocol_with_objects_of_our_own(lesson):
    source = (
        "class Plot:\n"
        "    def _repr_svg_(self):\n"
        '        return \'<svg xmlns="http://www.w3.org/2000/svg"><polyline'
        ' points="0,0 1,1"/></svg>\'\n'
        "Plot()"
    )
    assert run(lesson, source)["figures"] == [
        '<svg xmlns="http://www.w3.org/2000/svg"><polyline points="0,0 1,1"/></svg>'
    ]
    table = "class T:\n    def _repr_html_(self):\n        return '<b>1</b>'\nT()"
    assert run(lesson, table)["figures"] == ["<b>1</b>"]
    printed = run(lesson, "print('<svg><text>2.5</text></svg>')", html=True)
    assert printed["figures"] == ["<svg><text>2.5</text></svg>\n"]


def test_a_graph_is_drawn_with_its_numbers(lesson):
    source = (
        "from micrograd.engine import Value\n"
        "from micrograd.viz import draw_dot\n"
        "a, b = Value(2.0, label='a'), Value(-3.0, label='b')\n"
        "L = a * b + a\n"
        "L.label = 'L'\n"
        "L.backward()\n"
        "draw_dot(L)"
    )
    result = run(lesson, source)
    assert result["error"] is None, result["error"]
    (svg,) = result["figures"]
    assert svg.startswith("<svg") and svg.count('class="node"') == 6
    text = html.unescape(svg)  # Graphviz writes a minus sign as &#45;
    for numbers in ("data 2.0000", "grad -2.0000", "data -3.0000", "grad 2.0000"):
        assert numbers in text


# A sample of programs of our own whose output must not depend on where Python runs.
OWN_PROGRAMS = [
    "print(0.1 + 0.2, 1 / 3, 2 ** 0.5, 10 / 7)",
    "import math\nprint([round(math.tanh(x), 12) for x in (-2, -0.5, 0.5, 3)])",
    "import math\nprint(math.exp(1), math.log(10), math.fsum([0.1] * 10))",
    "import random\nr = random.Random(42)\nprint([r.random() for _ in range(3)])",
    "print(sorted({'b': 2, 'a': 1}.items()), f'{3.14159:.3f}', format(1e-7, 'g'))",
    "from micrograd.nn import MLP\nm = MLP(2, [4, 1], seed=0)\nprint(m([1.0, -2.0]))",
    (
        "from micrograd.data import make_moons\nX, y = make_moons(5, seed=1)\n"
        "print([[round(v, 6) for v in p] for p in X], y)"
    ),
]


def _cpython_outputs(sources):
    """What each source prints under the CPython running the tests, in a fresh process."""
    program = (
        "import contextlib, io, json, sys\n"
        "outs = []\n"
        "for src in json.load(sys.stdin):\n"
        "    buf = io.StringIO()\n"
        "    with contextlib.redirect_stdout(buf):\n"
        "        exec(compile(src, '<cell>', 'exec'), {'__name__': '__main__'})\n"
        "    outs.append(buf.getvalue())\n"
        "print(json.dumps(outs))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", program],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(proc.stdout)


def test_the_page_prints_what_cpython_prints(lesson):
    """Programs of our own; every cell of every page is compared by test_runtime_pages."""
    sources = OWN_PROGRAMS
    expected = _cpython_outputs(sources)
    differ = []
    for i, (source, want) in enumerate(zip(sources, expected, strict=True)):
        got = run(lesson, source, space=f"sample {i}")
        if got["error"] or got["stdout"] != want:
            differ.append(f"{source}\n--- page:\n{got['error'] or got['stdout']}")
    print(f"\n{len(sources)} programs print the same in the page and in CPython")
    assert not differ, "\n\n".join(differ)


def test_clicking_run_fills_the_output_and_hides_the_build_output(lesson):
    navigate(
        lesson, lesson.site + "/02-value/more-operations/"
    )  # and back: no cell ran
    navigate(lesson, lesson.site + LESSON)
    cell = lesson.locator('[data-course="cell"]').nth(2)  # prints the topological order
    built = cell.locator("> .highlight").nth(1)
    assert built.is_visible()
    output = click_run(lesson, 3)
    assert "topological: ['f', 'c', 'b', 'a', 'e', 'd', 'L']" in output.inner_text()
    assert not built.is_visible()
    assert output.get_attribute("aria-live") == "polite"


def test_an_endless_loop_is_stopped_and_the_next_run_works(lesson):
    lesson.evaluate("window.course.ready()")
    lesson.evaluate(
        "() => { window.stopped = window.course.run('while True:\\n    pass')"
        ".catch(e => e.name + ': ' + e.message); }"
    )
    lesson.wait_for_function("window.course.session.state === 'running'")
    lesson.wait_for_timeout(300)
    lesson.evaluate("window.course.session.stop()")
    assert lesson.evaluate("window.stopped") == "StoppedError: Python was stopped"
    assert run(lesson, "print('fresh')")["stdout"] == "fresh\n"


def test_stop_button_stops_a_cell_and_says_python_restarted(lesson):
    lesson.evaluate("window.course.ready()")  # a run, not a start, is stopped
    cell = lesson.locator('[data-course="cell"]').first
    editor = replace_code(cell, 1, "while True:\n    pass\n")
    editor.press("Shift+Enter")
    lesson.wait_for_function("window.course.session.state === 'running'")
    stop = cell.get_by_role("button", name="Stop cell 1: restarts Python")
    stop.click()
    output = cell.locator("output")
    expect(output).to_contain_text("Python was restarted")
    expect(stop).to_be_hidden()
    assert run(lesson, "print(2 + 2)")["stdout"] == "4\n"
    cell.get_by_role("button", name="Reset cell 1 to the page's code").click()


def test_a_flood_of_output_is_capped(lesson):
    result = run(lesson, "for i in range(1_000_000):\n    print(i)")
    assert result["error"] is None
    assert len(result["stdout"]) < 60_000
    assert result["stdout"].rstrip().endswith("more characters of output not shown")


def test_edit_a_number_and_run_again(lesson):
    cell = lesson.locator('[data-course="cell"]').nth(1)  # L.backward(), then the graph
    cell.evaluate(OPEN_FOLDS)  # it sits in a folded block
    code = cell.locator("pre").first.text_content()
    assert 'Value(2.0, label="a")' in code
    editor = replace_code(cell, 2, code.replace("Value(2.0", "Value(5.0"))
    assert editor.evaluate("e => e === document.activeElement")
    assert not cell.locator(".highlight").first.is_visible()
    editor.press("Shift+Enter")
    output = cell.locator("output")
    output.locator("svg").wait_for()
    assert (
        "data 5.0000" in output.inner_html() and "grad -2.0000" in output.inner_html()
    )
    cell.get_by_role("button", name="Reset cell 2 to the page's code").click()
    assert cell.locator(".highlight").first.is_visible()
    assert cell.locator(".cm-editor").count() == 0 and output.is_hidden()


def test_tab_indents_in_the_editor_and_escape_then_tab_leaves(lesson):
    cell = lesson.locator('[data-course="cell"]').first
    cell.get_by_role("button", name="Edit cell 1", exact=True).click()
    editor = cell.get_by_role("textbox", name="Code of cell 1")
    editor.wait_for()
    editor.press("Control+End")
    editor.press("Enter")
    editor.press("Tab")
    assert editor.inner_text().split("\n")[-1] == "    "
    editor.press("Escape")
    editor.press("Tab")
    assert not editor.evaluate("e => e === document.activeElement")
    cell.get_by_role("button", name="Reset cell 1 to the page's code").click()


def test_axe_finds_nothing_on_a_page_whose_cells_ran(lesson):
    lesson.locator('[data-course="cell"]').nth(1).evaluate(
        OPEN_FOLDS
    )  # cell 2 is folded
    click_run(lesson, 2)
    click_run(lesson, 3)
    lesson.get_by_role("button", name="Edit cell 3", exact=True).click()
    lesson.locator(".cm-editor").wait_for()
    lesson.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    # The code's own colours are the theme's (the static code has the same), so the
    # editor's text is checked for everything else; the controls, the output and the
    # editor's frame and line numbers for everything.
    violations = lesson.evaluate(
        """async () => {
          const ours = {include: [['.mg-toolbar'], ['.mg-output'], ['.cm-gutters']]};
          const text = {include: [['.cm-content']]};
          const found = [
            ...(await axe.run(ours)).violations,
            ...(await axe.run(text, {rules: {'color-contrast': {enabled: false}}}))
              .violations,
          ];
          return found.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '));
        }"""
    )
    assert not violations, violations


def test_python_survives_navigation_to_the_next_lesson(lesson):
    lesson.evaluate("window.course.ready()")
    run(lesson, "print('here')")
    lesson.evaluate("window.sameDocument = true")
    wasm = []
    lesson.on("request", lambda r: "pyodide.asm.wasm" in r.url and wasm.append(r.url))
    lesson.get_by_role("link", name="More operations").first.click()
    lesson.wait_for_url("**/02-value/more-operations/")
    lesson.wait_for_function(
        "document.querySelector('h1').textContent.includes('More')"
    )
    lesson.wait_for_selector("[data-course-mounted]", state="attached")
    assert lesson.evaluate("window.sameDocument"), "the page was loaded anew"
    assert lesson.evaluate("window.course.session.state") == "ready"
    output = click_run(lesson, 1)
    assert output.inner_text().strip()
    assert lesson.locator(".mg-error").count() == 0
    assert not wasm, "Python was loaded again after navigation"
