"""Exercises in the page, in headless Chromium with every outside request refused.

The checker in the page (``window.course.check``) against the command line on the whole
mutation suite; its time limit; the editor's Check, Hint, Reset and tutor prompt; what the
browser remembers (code, last report, hints, history), what it marks on later lessons,
the progress page and Forget; and axe on all of it.

The command line's verdicts come from ``check_source`` run here under CPython:
tests/test_check.py holds it to the command line's exit code, concepts and text on every
file of the suite.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from micrograd.check import EXERCISES
from scripts.pages_server import PagesServer
from tests.browser import open_page, refuse_outside, to_editor, type_code
from tests.check_cases import checked, mutants
from tests.check_cases.checked import ENDLESS
from tests.check_cases.mutants import CASES, MUTANTS

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
VALUE_PAGE = "/02-value/backpropagation/"
TRAIN_PAGE = "/04-training/training-loop/"
PROGRESS_PAGE = "/exercises/progress/"
PREFIX = "micrograd-course/v1/"
SUITE = checked.suite()


@pytest.fixture(scope="module")
def server(built_site):
    """The site under the project path, as GitHub Pages serves it."""
    server = PagesServer(built_site)
    yield server.url.rstrip("/")
    server.close()


@pytest.fixture
def context(browser):
    """A fresh browser (nothing remembered), with every outside request refused."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.outside = []
    refuse_outside(context, context.outside)
    yield context
    assert not context.outside, context.outside
    context.close()


def open_exercise(context, url):
    """The page at ``url``, scrolled to its exercise, once the editor is there."""
    page = open_page(context, url)
    to_editor(page)
    return page


def click_check(page, file):
    button = page.get_by_role("button", name=f"Check your {file}")
    button.click()
    expect(button).to_be_enabled(timeout=120_000)
    return page.locator(".mg-exercise-bar [role=status]").inner_text()


def kept(page):
    """Everything the course keeps in this browser: {key without prefix: value}."""
    return page.evaluate(
        """prefix => Object.fromEntries(Object.keys(localStorage)
             .filter(k => k.startsWith(prefix))
             .map(k => [k.slice(prefix.length), localStorage.getItem(k)]))""",
        PREFIX,
    )


# --- the checker in the page -----------------------------------------------------------


@pytest.fixture(scope="module")
def tab(browser, server):
    """One tab for the suite: the checker's Python starts once."""
    context = browser.new_context()
    context.outside = []
    refuse_outside(context, context.outside)
    page = open_page(context, server + VALUE_PAGE)
    yield page
    assert not context.outside and not page.errors, (context.outside, page.errors)
    context.close()


# The page's Python on one file of the suite: the sandbox's half, then the judge's, in one
# session of its own (in a Check they are two; tests/test_checker_page.py tests that).
IN_THE_PAGES_PYTHON = """async ([exercise, source]) => {
  window.suitePython ??= window.course.createSession();
  const nonce = "0".repeat(32);
  const {value, error} = await window.suitePython.run(`
import course_checker
lines = []
course_checker.observe(exercise, source, exercise + ".py", nonce,
                       lambda kind, event: lines.append(event["line"]))
course_checker.judge(exercise, lines, nonce, today="2025-03-01")["result"]`,
    {inputs: {exercise, source, nonce}, space: "suite"});
  return value ?? {exit: null, concepts: [], report: error};
}"""


def test_every_file_of_the_mutation_suite_gets_the_command_lines_verdict(tab):
    differ, began = [], time.perf_counter()
    for exercise, name in SUITE:
        source = checked.source(exercise, name)
        want = checked.page(exercise, name)
        got = tab.evaluate(IN_THE_PAGES_PYTHON, [exercise, source])
        same = {k: got[k] == want[k] for k in ("exit", "concepts", "report")}
        if not all(same.values()):
            differ.append(f"{exercise}/{name}: {got['exit']} {got['concepts']}")
        if (exercise, name) in MUTANTS:
            assert got["concepts"][:1] == [MUTANTS[exercise, name].concept], name
    seconds = time.perf_counter() - began
    print(f"\n{len(SUITE)} files checked in the page's Python in {seconds:.1f} s")
    assert not differ, "\n".join(differ)


def test_a_check_in_the_page_is_the_command_lines_on_each_exercise(tab):
    """window.course.check, sandbox and judge, on each exercise's correct solution."""
    for exercise in EXERCISES:
        source = checked.source(exercise, "correct")
        got = tab.evaluate("([e, s]) => window.course.check(e, s)", [exercise, source])
        assert got == checked.page(exercise, "correct"), exercise


def test_a_bad_exercise_name_is_a_clear_error(tab):
    message = tab.evaluate(
        "window.course.check('values', 'x = 1').then(() => 'checked', e => e.message)"
    )
    assert "unknown exercise 'values'" in message and "value" in message


# --- time limit --------------------------------------------------------------------------

WATCH_STATUS = """() => {
  window.statuses = [];
  const status = document.querySelector('.mg-exercise-bar [role=status]');
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) statuses.push([performance.now(), node.data]);
    }
  }).observe(status, {childList: true});
}"""


def test_a_long_check_shows_its_seconds_and_its_limit_quietly(context, server):
    """A capstone file that never finishes loading has 180 s: the bar counts them, in an
    element that is not a live region (the status is not rewritten every second)."""
    page = open_exercise(context, server + "/exercises/capstone/")
    type_code(page, "while True:\n    pass\n")
    page.evaluate(WATCH_STATUS)
    page.get_by_role("button", name="Check your capstone.py").click()
    clock = page.locator(".mg-exercise-bar .mg-clock")
    expect(clock).to_have_text(
        re.compile(r"^[3-9] s of at most 180 s$"), timeout=120_000
    )
    first = int(clock.inner_text().split()[0])
    expect(clock).to_have_text(f"{first + 2} s of at most 180 s", timeout=5_000)
    assert (
        clock.get_attribute("role") is None and clock.get_attribute("aria-live") is None
    )
    statuses = [text for _, text in page.evaluate("statuses")]
    assert statuses[-1] == "Checking…" and len(statuses) < 10, statuses
    page.close()  # the Python still running goes with the tab


def test_an_endless_loop_is_stopped_in_time_then_cells_and_checks_work(context, server):
    page = open_exercise(context, server + VALUE_PAGE)
    type_code(page, mutants.source(*ENDLESS))
    page.evaluate(WATCH_STATUS)
    status = click_check(page, "value.py")
    assert "1 mistake found" in status
    report = " ".join(page.locator(".mg-report").inner_text().split())
    assert "[timeout]" in report, report
    assert "This example did not finish within 2 seconds." in report, report
    assert "Example: a = Value(2.0); a.backward()" in report  # the one that was running
    statuses = page.evaluate("statuses")
    began = next(t for t, text in statuses if text.startswith("Checking… example"))
    stopped = next(t for t, text in statuses if text.startswith("Stopped"))
    assert 1.9 < (stopped - began) / 1000 < 3.5, statuses  # its example's limit: 2 s
    assert json.loads(kept(page)["history"])[-1]["concept"] == "timeout"
    # The lesson's cells run in their own Python, untouched; the next check works.
    run = page.get_by_role("button", name="Run cell 1", exact=True)
    run.click()
    expect(run).to_be_enabled(timeout=60_000)
    expect(page.locator("output.mg-output").first).not_to_be_empty()
    assert page.locator("output.mg-output .mg-error").count() == 0
    type_code(page, (CASES / "value" / "correct.py").read_text())
    assert click_check(page, "value.py").startswith("All")
    assert "Well done" in page.locator(".mg-report").inner_text()
    assert not page.errors, page.errors


# --- the editor and what the browser remembers ------------------------------------------


def test_nothing_loads_python_before_the_first_check(context, server):
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page = open_page(context, server + VALUE_PAGE)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "editor" in u], "the exercise is out of sight"
    editor = to_editor(page)
    assert editor.inner_text().startswith('"""Exercise: your own Value.')
    assert not [u for u in requested if "pyodide" in u]
    click_check(page, "value.py")
    assert [u for u in requested if "pyodide" in u], "the first Check loads Python"


def test_code_report_and_hints_survive_a_reload(context, server):
    page = open_exercise(context, server + VALUE_PAGE)
    source = mutants.source("value", "plus_assign")
    type_code(page, source)
    status = click_check(page, "value.py")
    assert status.startswith("1 mistake found")
    report = page.locator(".mg-report")
    expect(report.get_by_role("link", name="[grad-accumulation]")).to_have_attribute(
        "href", "../../02-value/backpropagation/#what-each-broken-rule-does"
    )
    hints = page.locator(".mg-hints .mg-hint")
    hint = page.get_by_role("button", name="Show the next hint")
    assert hints.count() == 0  # the report shows the first level
    hint.click()
    expect(hints).to_have_count(1)
    assert hints.first.inner_text().startswith("Hint 2/3 [grad-accumulation]")
    hint.click()
    expect(hints).to_have_count(2)
    assert hints.last.inner_text().startswith("Hint 3/3")
    hint.click()
    expect(page.locator(".mg-exercise-bar [role=status]")).to_contain_text("last hint")
    assert "def " not in hints.last.inner_text()  # words, never code

    page.reload()
    editor = to_editor(page)
    assert editor.inner_text().startswith(source.split("\n")[0])
    assert kept(page)["code/value"] == source
    expect(page.locator(".mg-report")).to_contain_text("Your last check, on ")
    expect(page.locator(".mg-report")).to_contain_text("[grad-accumulation]")
    expect(hints).to_have_count(2)  # at once: Python is not loaded
    assert page.evaluate("window.course.session.state") == "off"
    history = json.loads(kept(page)["history"])
    assert [(e["concept"], e["exercise"]) for e in history] == [
        ("grad-accumulation", "value")
    ]
    assert click_check(page, "value.py").startswith("1 mistake found")  # the same code
    expect(page.locator(".mg-report")).not_to_contain_text("Your last check")


def test_reset_brings_back_the_starter_and_download_gives_the_file(context, server):
    page = open_exercise(context, server + VALUE_PAGE)
    type_code(page, "x = 1\n")
    page.get_by_role("button", name="Reset value.py to the starter").click()
    editor = page.locator(".mg-exercise-editor .cm-content")
    assert editor.inner_text().startswith('"""Exercise: your own Value.')
    assert kept(page)["code/value"].startswith('"""Exercise: your own Value.')
    type_code(page, "x = 2\n")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download value.py").click()
    path = download.value.path()
    assert download.value.suggested_filename == "value.py"
    assert Path(path).read_text() == "x = 2\n"
    expect(page.locator(".mg-exercise-bar [role=status]")).to_contain_text(
        "python -m micrograd.check value value.py"
    )


def test_a_mistake_marks_pitfalls_and_warns_on_a_later_lesson(context, server):
    page = open_exercise(context, server + VALUE_PAGE)
    met = page.locator(".mg-met")
    assert met.count() == 0
    type_code(page, mutants.source("value", "plus_assign"))
    click_check(page, "value.py")
    here = page.locator('[data-concepts="grad-accumulation"] .mg-met')
    expect(here).to_have_text("You met this in the value exercise.")
    assert met.count() == 1
    # Instant navigation to a later lesson: the same document, the same memory.
    page.evaluate("window.sameDocument = true")
    page.get_by_role("link", name="The training loop").first.click()
    page.wait_for_url("**" + TRAIN_PAGE)
    page.locator('[data-exercise="train"][data-course-mounted]').wait_for()
    assert page.evaluate("window.sameDocument")
    item = page.locator('li[data-concepts~="grad-accumulation"]')
    expect(item.locator(".mg-met")).to_have_text("You met this in the value exercise.")
    assert "zero_grad()" in item.inner_text()
    assert page.locator(".mg-met").count() == 1  # only where the concept is
    watch = page.locator(".mg-watch")
    expect(watch).to_be_visible()
    expect(watch.get_by_role("link")).to_have_text(
        "A value used twice collects both gradients"
    )
    assert "once, in the value exercise" in watch.inner_text()
    page.get_by_role("button", name="Check your train.py").click()
    expect(watch).to_be_hidden()  # the report takes its place


def test_the_progress_page_lists_what_was_done_and_forget_erases_it(context, server):
    page = open_exercise(context, server + VALUE_PAGE)
    type_code(page, mutants.source("value", "no_seed"))
    click_check(page, "value.py")
    type_code(page, (CASES / "value" / "correct.py").read_text())
    click_check(page, "value.py")
    gone = {"concept": "gone-concept", "exercise": "value", "date": "2025-01-02"}
    history = [*json.loads(kept(page)["history"]), gone]  # named by an older course
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [f"{PREFIX}history", json.dumps(history)],
    )
    page.goto(server + PROGRESS_PAGE)
    progress = page.locator(".mg-progress")
    exercises = progress.locator("table").first  # then the self-checks'
    exercises.wait_for()
    rows = exercises.locator("tbody tr")
    assert rows.count() == len(EXERCISES)
    assert rows.first.inner_text().split("\t")[0] == "value"
    expect(rows.first).to_contain_text("Passed on ")
    expect(rows.nth(1)).to_contain_text("Not started")
    expect(progress.locator("ul")).to_contain_text(
        "[seed-gradient]: once, in the value exercise"
    )
    expect(progress.locator("ul li").last).to_have_text(
        "A mistake an earlier version of the course named [gone-concept]: once, in the"
        " value exercise, last on 2025-01-02."
    )
    page.get_by_role("button", name="Forget everything").click()
    page.get_by_role("button", name="Erase").click()
    expect(progress.get_by_role("status")).to_contain_text("Forgotten")
    assert kept(page) == {}
    expect(rows.first).to_contain_text("Not started")
    expect(progress).to_contain_text("The checker has named no mistake of yours yet.")
    page.goto(server + VALUE_PAGE)
    editor = to_editor(page)
    assert editor.inner_text().startswith('"""Exercise: your own Value.')
    assert page.locator(".mg-report").is_hidden()


# --- the tutor prompt --------------------------------------------------------------------


def cli_prompt(tmp_path, exercise, source, history):
    """What ``python -m micrograd.check EXERCISE FILE --tutor-prompt`` prints."""
    data = tmp_path / "data"
    (data / "micrograd-course").mkdir(parents=True, exist_ok=True)
    (data / "micrograd-course" / "history.json").write_text(json.dumps(history))
    path = tmp_path / f"{exercise}.py"
    path.write_text(source)
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "micrograd.check", exercise, str(path)]
    proc = subprocess.run(
        [*command, "--tutor-prompt"], capture_output=True, text=True, env=env
    )
    return proc.stdout


def test_the_tutor_prompt_is_the_command_lines(context, server, tmp_path):
    page = open_exercise(context, server + VALUE_PAGE)
    for name in ("plus_assign", "no_seed"):
        type_code(page, mutants.source("value", name))
        click_check(page, "value.py")
    source = mutants.source("value", "no_reverse")
    type_code(page, source)
    before = json.loads(kept(page)["history"])
    prompt = page.evaluate("window.course.tutorPrompt('value')")
    assert prompt + "\n" == cli_prompt(tmp_path, "value", source, before)
    watch = prompt.split("## What to watch for")[1]
    assert "`grad-accumulation`" in watch and "`seed-gradient`" in watch
    assert "`reverse-order`" not in watch  # this check's own mistake: in the report
    assert "[reverse-order]" in prompt.split("## What to watch for")[0]

    # The button: checks the code, shows the prompt to read, copies it.
    before = json.loads(kept(page)["history"])
    page.get_by_role("button", name="Copy a tutor prompt for value.py").click()
    dialog = page.get_by_role("dialog", name="A tutor prompt for your value.py")
    box = dialog.get_by_role("textbox", name="The tutor prompt")
    expect(box).not_to_have_value("", timeout=60_000)
    shown = box.input_value()
    assert shown + "\n" == cli_prompt(tmp_path, "value", source, before)
    dialog.get_by_role("button", name="Copy to the clipboard").click()
    expect(dialog.get_by_role("status")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == shown
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_a_tutor_prompt_needs_code(context, server):
    page = open_page(context, server + TRAIN_PAGE)
    message = page.evaluate(
        "window.course.tutorPrompt('value').then(() => 'a prompt', e => e.message)"
    )
    assert message.startswith('no code for the exercise "value"')


# --- for everyone ------------------------------------------------------------------------

AXE_OURS = """async () => {
  const ours = {include: [['.mg-exercise'], ['.mg-met'], ['.mg-progress'], ['dialog']],
                exclude: [['.cm-content']]};
  const text = {include: [['.cm-content']]};
  const found = (await axe.run(ours)).violations;
  if (document.querySelector('.cm-content')) {
    const rules = {rules: {'color-contrast': {enabled: false}}};
    found.push(...(await axe.run(text, rules)).violations);
  }
  return found.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_editor_marks_dialog_and_progress(
    context, server, scheme
):
    page = open_exercise(context, server + VALUE_PAGE)
    page.emulate_media(color_scheme=scheme)
    type_code(page, mutants.source("value", "plus_assign"))
    click_check(page, "value.py")
    page.get_by_role("button", name="Show the next hint").click()
    axe = str(ROOT / "node_modules" / "axe-core" / "axe.min.js")
    page.add_script_tag(path=axe)
    assert page.evaluate(AXE_OURS) == []
    page.get_by_role("button", name="Copy a tutor prompt for value.py").click()
    prompt = page.get_by_role("textbox", name="The tutor prompt")
    expect(prompt).not_to_have_value("", timeout=60_000)
    assert page.evaluate(AXE_OURS) == []
    page.keyboard.press("Escape")
    page.goto(server + PROGRESS_PAGE)
    page.locator(".mg-progress table").first.wait_for()
    page.add_script_tag(path=axe)
    assert page.evaluate(AXE_OURS) == []


# axe's colour rule on the marks the editor puts on characters nobody can see.
CONTRAST_OF_MARKS = """async () => (await axe.run({include: [['.cm-specialChar']]},
    {runOnly: ['color-contrast']})).violations.map(v => v.id)"""


def test_a_character_nobody_sees_is_shown_where_python_names_it(context, server):
    """A non-breaking space pasted from a web page: Python refuses it by its code point,
    and the editor shows it on the line the report marks, named the same way, as it shows
    a zero-width space; the check reads the code as typed. A tab among spaces shows too."""
    page = open_exercise(context, server + VALUE_PAGE)
    type_code(page, "x = 1\u00a0+ 2\nprint(x)\u200b\n")
    assert "could not be checked" in click_check(page, "value.py")
    assert "character U+00A0" in page.locator(".mg-report").inner_text()
    editor = page.locator(".mg-exercise-editor")
    marks = editor.locator(".cm-specialChar")
    assert [mark.get_attribute("title") for mark in marks.all()] == [
        "an invisible character, U+00A0",
        "an invisible character, U+200B",
    ]
    expect(editor.locator(".cm-mark-line .cm-specialChar")).to_have_count(1)
    page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate(CONTRAST_OF_MARKS) == [], scheme
    type_code(page, "if True:\n    x = 1\n\ty = 2\n")  # a tab among spaces
    click_check(page, "value.py")
    assert (
        "inconsistent use of tabs and spaces" in page.locator(".mg-report").inner_text()
    )
    expect(editor.locator(".cm-mark-line .cm-highlightTab")).to_have_count(1)


# --- a diagnosis challenge -------------------------------------------------------------

DIAGNOSIS_PAGE = "/exercises/diagnosis/"


def open_challenge(context, url):
    """The first challenge of the page at ``url``: (page, box, editor, cause choice,
    report, check), where check() clicks Check and gives what the status then says."""
    page = open_page(context, url)
    box = page.locator(".mg-exercise").first
    box.scroll_into_view_if_needed()
    editor = box.locator(".mg-exercise-editor .cm-content")
    editor.wait_for()
    status = box.locator(".mg-exercise-bar [role=status]")

    def check():
        button = box.get_by_role("button", name="Check your mystery_leap.py")
        button.click()
        expect(button).to_be_enabled(timeout=120_000)
        return status.inner_text()

    choice = box.get_by_role("group", name="(a) The cause")
    return page, box, editor, choice, box.locator(".mg-report"), check


def test_a_diagnosis_challenge_walked_as_a_learner(context, server):
    """A wrong cause, the right one with the fault left in, a fix that changes the data,
    the right fix, then a reload: the choice above the editor writes the CAUSE line and
    follows it, and every check's concepts join the history."""
    page, box, editor, choice, report, check = open_challenge(
        context, server + DIAGNOSIS_PAGE
    )
    assert box.get_by_label("From memory").count() == 0  # a broken run, not a build
    choice.get_by_role("radio", name="lr-too-low").check()
    expect(editor).to_contain_text('CAUSE = "lr-too-low"')
    assert check().startswith("1 mistake found")
    expect(report).to_contain_text("[diagnosis]")
    expect(report).to_contain_text("You named lr-too-low")
    expect(report).to_contain_text("Now look at this run's update panel")  # its pointer
    expect(report).not_to_contain_text("lr-too-high")  # the answer is never given

    choice.get_by_role("radio", name="lr-too-high").check()
    expect(editor).to_contain_text('CAUSE = "lr-too-high"')
    expect(editor).not_to_contain_text('CAUSE = "lr-too-low"')
    check()
    expect(report).to_contain_text("[lr-too-high]")  # the fault is still there

    type_code(page, mutants.source("mystery_leap", "more_points"))
    expect(choice.get_by_role("radio", name="lr-too-high")).to_be_checked()
    check()
    expect(report).to_contain_text("[changed-data]")

    editor.press("Control+a")
    correct = checked.source("mystery_leap", "correct")
    page.keyboard.insert_text(correct.replace('CAUSE = "lr-too-high"', 'CAUSE = ""'))
    expect(choice.get_by_role("radio", name="lr-too-high")).not_to_be_checked()
    choice.get_by_role("radio", name="lr-too-high").check()
    assert check().startswith("All 10 checks passed")
    assert kept(page)["code/mystery_leap"] == correct
    # the code that passed is kept with the check, for a rebuild review: a later check
    # that fails keeps it
    assert json.loads(kept(page)["check/mystery_leap"])["solution"] == correct
    choice.get_by_role("radio", name="lr-too-low").check()
    assert check().startswith("1 mistake found")
    assert json.loads(kept(page)["check/mystery_leap"])["solution"] == correct
    choice.get_by_role("radio", name="lr-too-high").check()
    assert check().startswith("All 10 checks passed")

    page.reload()
    box.scroll_into_view_if_needed()
    expect(choice.get_by_role("radio", name="lr-too-high")).to_be_checked()
    expect(report).to_contain_text("All 10 checks passed")
    history = json.loads(kept(page)["history"])
    assert [(e["concept"], e["exercise"]) for e in history] == [
        ("diagnosis", "mystery_leap"),
        ("lr-too-high", "mystery_leap"),
        ("dead-relu", "mystery_leap"),
        ("changed-data", "mystery_leap"),
        ("diagnosis", "mystery_leap"),
    ]
