"""What the browser keeps (web/memory.js) and what the page does with it, in headless
Chromium with every outside request refused: storage full, refusing or turned off; two
tabs; records that are not the course's; Forget; the history's one wording (the same as
micrograd/check/history.py's); the answers kept after attempts (web/gates.js); the
self-checks' answers; the exercise's Reset, watch list and tutor prompt.
"""

import json
import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from micrograd.check import history as cli_history
from micrograd.check.concepts import CONCEPTS
from tests.browser import FILL, open_page, refuse_outside, to_editor, type_code
from tests.check_cases import mutants

pytestmark = pytest.mark.browser
PREFIX = "micrograd-course/v1/"
VALUE_PAGE = "/02-value/wrapping-scalars/"
BACKPROP_PAGE = "/02-value/backpropagation/"
TRAIN_PAGE = "/04-training/training-loop/"
PROGRESS_PAGE = "/exercises/progress/"
CAPSTONE_PAGE = "/exercises/capstone/"
SELF_CHECK = "/02-value/self-check/"
STARTER = '"""Exercise: your own Value.'
FULL = "This browser's storage for this site is full"
OFF = "This browser keeps nothing for this site"


def kept(page):
    """Everything of the course's in this browser's storage: {key without prefix: text}."""
    return page.evaluate(
        """prefix => Object.fromEntries(Object.keys(localStorage)
             .filter(k => k.startsWith(prefix))
             .map(k => [k.slice(prefix.length), localStorage.getItem(k)]))""",
        PREFIX,
    )


def store(page, records):
    """Put ``records`` ({key without prefix: value}) in storage, as JSON unless text."""
    page.evaluate(
        """([prefix, records]) => { for (const [k, v] of Object.entries(records))
             localStorage.setItem(prefix + k, typeof v === "string" ? v : JSON.stringify(v)); }""",
        [PREFIX, records],
    )


def visit(context, server, path, records=None):
    """A tab on ``path``; with ``records`` stored first (then the page is loaded again)."""
    page = open_page(context, server + path)
    if records is not None:
        store(page, records)
        page.reload()
        page.wait_for_selector("[data-course-mounted]", state="attached")
    return page


def type_and_keep(page, exercise, source):
    """Type ``source`` and wait until the tab kept it: on a busy machine the tab once kept
    it only after the test's next step had run in another tab."""
    type_code(page, source)
    page.wait_for_function(
        "([key, text]) => localStorage.getItem(key) === text",
        arg=[f"{PREFIX}code/{exercise}", source],
    )


# Every page feature of the page shown mounted, and the page left behind gone.
MOUNTED = """() => !document.querySelector("article[data-left]")
  && document.querySelector("[data-course]")
  && !document.querySelector("[data-course]:not([data-course-mounted])")"""


def follow(page, name):
    """Go to the page of the nav link ``name`` as a reader does: in place, in this tab."""
    page.evaluate("document.querySelector('article').dataset.left = ''")
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_function(MOUNTED)


def status(page):
    return page.locator(".mg-exercise-bar [role=status]")


# --- storage that is full, refuses, or is turned off --------------------------------------


def test_full_storage_is_said_and_what_was_typed_is_read_back(context, pages_site):
    page = visit(context, pages_site, VALUE_PAGE)
    to_editor(page)
    type_code(page, "x = 1\n")
    assert kept(page)["code/value"] == "x = 1\n"
    page.evaluate(FILL)
    page.reload()
    editor = to_editor(page)
    expect(editor).to_have_text("x = 1", use_inner_text=True)  # kept, and read
    note = page.locator(".mg-exercise .mg-kept")
    expect(note).to_contain_text(FULL)  # before the next change is lost
    type_code(page, "x = 2  # longer: no room for it\n")
    expect(note).to_contain_text(FULL)
    assert kept(page)["code/value"] == "x = 1\n"  # the browser refused it
    prompt = page.evaluate("window.course.tutorPrompt('value')")
    assert "x = 2  # longer" in prompt
    # Instant navigation to the progress page and back: this visit keeps what was typed.
    follow(page, "Your progress")
    progress = page.locator(".mg-progress")
    expect(progress).to_contain_text(FULL)
    expect(progress).not_to_contain_text(OFF)
    row = progress.locator("tbody tr").first
    expect(row).to_contain_text("Checked on ")  # by the prompt: kept for this visit
    page.evaluate("document.querySelector('article').dataset.left = ''")
    page.go_back()
    page.wait_for_function(MOUNTED)
    expect(to_editor(page)).to_contain_text("x = 2  # longer")
    assert not page.errors, page.errors


def test_forget_erases_every_version_of_the_courses_keys_when_storage_is_full(
    context, pages_site
):
    old = {"micrograd-course/v0/code/value": "x = 0", "micrograd-course/history": "[]"}
    page = visit(context, pages_site, PROGRESS_PAGE, {"code/value": "x = 1\n"})
    page.evaluate(
        "old => Object.entries(old).forEach(([k, v]) => localStorage.setItem(k, v))",
        old,
    )
    page.evaluate(FILL)
    page.reload()
    page.get_by_role("button", name="Forget everything").click()
    page.get_by_role("button", name="Erase").click()
    expect(page.locator(".mg-progress [role=status]")).to_contain_text("Forgotten")
    left = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('micrograd-course/'))"
    )
    assert left == []
    expect(page.locator(".mg-progress tbody tr").first).to_contain_text("Not started")


def test_storage_that_refuses_every_write_is_said_and_the_visit_keeps_it(
    context, pages_site
):
    context.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('refused', 'SecurityError'); };"
    )
    page = visit(context, pages_site, VALUE_PAGE)
    to_editor(page)
    type_code(page, "x = 3\n")
    note = page.locator(".mg-exercise .mg-kept")
    expect(note).to_contain_text(
        "This browser refused to save your work (SecurityError)"
    )
    follow(page, "Backpropagation")  # the same exercise, part 2
    expect(to_editor(page)).to_have_text("x = 3", use_inner_text=True)
    assert kept(page) == {}
    assert not page.errors, page.errors


def test_storage_turned_off_is_said_at_once_and_the_page_works(context, pages_site):
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', { get() {"
        " throw new DOMException('turned off', 'SecurityError'); } });"
    )
    page = open_page(context, pages_site + VALUE_PAGE)
    expect(page.locator(".mg-exercise .mg-kept")).to_contain_text(OFF)
    to_editor(page)
    type_code(page, "x = 4\n")
    follow(page, "Your progress")
    progress = page.locator(".mg-progress")
    expect(progress).to_contain_text(OFF)
    expect(progress.locator("tbody tr").first).to_contain_text(
        "Started, not checked yet"
    )
    page.get_by_role("button", name="Forget everything").click()
    page.get_by_role("button", name="Erase").click()
    expect(progress.locator("tbody tr").first).to_contain_text("Not started")
    errors = [e for e in page.errors if "turned off" not in e]  # the theme's own reads
    assert not errors, errors


# --- two tabs ---------------------------------------------------------------------------------


def test_two_tabs_stay_in_step(context, pages_site):
    first = visit(context, pages_site, VALUE_PAGE)
    to_editor(first)
    second = open_page(context, pages_site + VALUE_PAGE)
    to_editor(second)
    progress = open_page(context, pages_site + PROGRESS_PAGE)
    type_code(second, "y = 'from the second tab'\n")
    expect(to_editor(first)).to_have_text(
        "y = 'from the second tab'", use_inner_text=True
    )
    expect(status(first)).to_contain_text("changed in another tab")
    expect(progress.locator("tbody tr").first).to_contain_text(
        "Started, not checked yet"
    )
    first.locator(".mg-exercise-editor .cm-content").press("End")
    first.keyboard.insert_text("  # and the first")
    expect(to_editor(second)).to_contain_text("and the first")
    assert kept(second)["code/value"] == "y = 'from the second tab'  # and the first\n"
    entry = {
        "concept": "reflected-operators",
        "exercise": "value",
        "date": "2025-03-01",
    }
    store(second, {"history": [entry]})  # as a check in the second tab would
    mark = first.locator('li[data-concepts~="reflected-operators"] .mg-met')
    expect(mark).to_have_text("You met this in the value exercise.")
    expect(progress.locator(".mg-progress ul")).to_contain_text("[reflected-operators]")


PASSED_CHECK = {
    "result": {"exit": 0, "concepts": [], "report": "ok", "problems": []},
    "date": "2026-01-05",
    "passed": "2026-01-05",
}


def test_a_tab_writes_nothing_while_it_follows_another_tabs_change(context, pages_site):
    """What follows from a change is written by the tab that made it: this tab, which
    makes a review card for each passed exercise, does not write back the card that
    another tab has just erased."""
    page = visit(context, pages_site, VALUE_PAGE, {"check/value": PASSED_CHECK})
    page.wait_for_function(
        "k => localStorage.getItem(k) !== null", arg=PREFIX + "reviews"
    )
    assert "exercise/value" in json.loads(kept(page)["reviews"])  # made here, on load
    page.evaluate(
        "window.heard = []; addEventListener('storage', (e) => heard.push(e.key))"
    )
    other = context.new_page()  # a tab of the site that runs none of the course's code
    other.goto(pages_site + "/sitemap.xml")
    other.evaluate("k => localStorage.removeItem(k)", PREFIX + "reviews")
    page.wait_for_function("heard.length > 0")  # after the course's own listeners
    assert "reviews" not in kept(page) and "check/value" in kept(page)
    assert not page.errors, page.errors


def test_an_older_tab_never_writes_over_newer_code(context, pages_site):
    older = context.new_page()
    # This tab hears nothing from the others, as when it is busy or asleep.
    older.add_init_script(
        "addEventListener('storage', (e) => e.stopImmediatePropagation())"
    )
    older.goto(pages_site + VALUE_PAGE)
    to_editor(older)
    type_and_keep(older, "value", "z = 'older'\n")
    newer = open_page(context, pages_site + VALUE_PAGE)
    to_editor(newer)
    type_and_keep(newer, "value", "z = 'newer, a whole solution'\n")
    older.locator(".mg-exercise-editor .cm-content").press("End")
    older.keyboard.type("!")
    assert kept(older)["code/value"] == "z = 'newer, a whole solution'\n"
    expect(to_editor(older)).to_have_text(
        "z = 'newer, a whole solution'", use_inner_text=True
    )
    expect(status(older)).to_contain_text("changed in another tab since")
    older.keyboard.press("Control+z")  # the reader's own code comes back, by choice
    expect(to_editor(older)).to_contain_text("'older'")


# --- records that are not the course's ----------------------------------------------------

BAD = {
    "history": [
        "zero-grad",
        {"concept": "zero-grad", "exercise": "train"},
        {"concept": "constructor", "exercise": "value", "date": "2025-03-01"},
        {"concept": "zero-grad", "exercise": "train", "date": "2025-03-02"},
    ],
    "check/train": {
        "result": {"exit": 1, "report": "Checking train.py"},
        "date": "2025-03-02",
    },
    "hints/train": {"constructor": 2, "zero-grad": "two"},
}


def test_records_that_are_not_the_courses_are_set_aside_and_said(context, pages_site):
    page = visit(context, pages_site, TRAIN_PAGE, BAD)
    to_editor(page)  # the editor mounts
    expect(page.locator(".mg-report")).to_be_hidden()  # no last check to show
    watch = page.locator(".mg-watch")
    expect(watch).to_contain_text("once, in the train exercise, last on 2025-03-02")
    note = page.locator(".mg-exercise .mg-kept")
    expect(note).to_contain_text(
        "What this browser kept as check/train could not be read (not the course's): "
        "it is set aside, as set-aside/check/train, and not used."
    )
    expect(note).to_contain_text(
        "2 of the 4 entries this browser kept as history are not the course's"
    )
    mark = page.locator('li[data-concepts~="zero-grad"] .mg-met')
    expect(mark).to_have_text("You met this in the train exercise.")
    aside = kept(page)
    assert json.loads(aside["set-aside/history"]) == BAD["history"]
    assert json.loads(aside["set-aside/check/train"]) == BAD["check/train"]
    follow(page, "Your progress")
    progress = page.locator(".mg-progress")
    expect(progress.locator("ul")).to_contain_text("[constructor]: once, in the value")
    expect(progress).not_to_contain_text("undefined")
    expect(progress).to_contain_text("set aside, as set-aside/hints/train")
    page.reload()  # a fresh page checks every record it keeps
    expect(page.locator(".mg-progress")).to_contain_text(
        "set aside, as set-aside/hints/train"
    )
    assert not page.errors, page.errors


def test_a_stored_lesson_link_that_runs_script_is_set_aside(context, pages_site):
    problem = {
        "concept": "zero-grad",
        "title": "t",
        "lesson": "javascript:alert(1)",
        "hints": ["h"],
        "line": None,
    }
    result = {
        "exit": 1,
        "concepts": ["zero-grad"],
        "report": "x",
        "problems": [problem],
    }
    check = {"result": result, "date": "2025-03-02", "passed": None}
    page = visit(context, pages_site, TRAIN_PAGE, {"check/train": check})
    expect(page.locator(".mg-exercise .mg-kept")).to_contain_text("check/train")
    assert page.locator(".mg-exercise a[href^='javascript:']").count() == 0


# --- one wording for the history, in the page and on the command line -----------------------

HISTORY = [
    {"concept": "zero-grad", "exercise": "train", "date": "2025-03-01"},
    {"concept": "grad-accumulation", "exercise": "value", "date": "2025-03-04"},
    {"concept": "grad-accumulation", "exercise": "train", "date": "2025-03-02"},
    {"concept": "loss-mean", "exercise": "loss", "date": "2025-03-03"},
    {"concept": "grad-accumulation", "exercise": "value", "date": "2025-03-05"},
]


def test_the_history_is_worded_as_the_command_line_words_it(context, pages_site):
    summary = cli_history.summary(HISTORY)
    page = visit(context, pages_site, PROGRESS_PAGE, {"history": HISTORY})
    items = page.locator(".mg-progress ul").first.locator("li")
    expect(items).to_have_count(len(summary))
    for item, entry in zip(items.all(), summary, strict=True):
        concept = CONCEPTS[entry["concept"]]
        said = f"{concept.title} [{concept.id}]: {cli_history.phrase(entry)}."
        assert item.inner_text() == said
    page.goto(pages_site + TRAIN_PAGE)
    watch = page.locator(".mg-watch li")
    data = page.locator("[data-course=exercise]").get_attribute("data-course-data")
    latest = {e["concept"]: i for i, e in enumerate(HISTORY)}
    watched = [e for e in summary if e["concept"] in json.loads(data)["watch"]]
    watched.sort(key=lambda e: -latest[e["concept"]])  # the most recent first
    assert len(watched) > 1
    expect(watch).to_have_count(len(watched))
    for item, entry in zip(watch.all(), watched, strict=True):
        title = CONCEPTS[entry["concept"]].title
        assert item.inner_text() == f"{title}: {cli_history.phrase(entry)}."
    item = page.locator('li[data-concepts~="grad-accumulation"]').first
    tags = item.get_attribute("data-concepts").split()
    names = dict.fromkeys(e["exercise"] for e in HISTORY if e["concept"] in tags)
    said = cli_history.exercises_phrase(list(names))
    expect(item.locator(".mg-met")).to_have_text(f"You met this in {said}.")


def test_a_long_watch_list_shows_the_three_latest_and_folds_the_rest(
    context, pages_site
):
    page = open_page(context, pages_site + CAPSTONE_PAGE)
    data = page.locator("[data-course=exercise]").get_attribute("data-course-data")
    ids = list(json.loads(data)["watch"])
    assert len(ids) > 20
    history = [
        {"concept": i, "exercise": "value", "date": f"2025-03-{k % 28 + 1:02d}"}
        for k, i in enumerate(ids)
    ]
    store(page, {"history": history})
    page.reload()
    watch = page.locator(".mg-watch")
    shown = watch.locator(":scope > ul > li")
    expect(shown).to_have_count(3)
    assert shown.first.inner_text().startswith(CONCEPTS[ids[-1]].title)  # the latest
    more = watch.locator("details")
    expect(more.locator("summary")).to_have_text(f"And {len(ids) - 3} more")
    assert more.locator("li").count() == len(ids) - 3
    assert watch.bounding_box()["height"] < 300  # the editor stays near


def test_a_long_history_is_capped_when_read(context, pages_site):
    history = [
        {"concept": "zero-grad", "exercise": "train", "date": "2025-03-01"}
    ] * 60_000
    page = visit(context, pages_site, PROGRESS_PAGE, {"history": history})
    expect(page.locator(".mg-progress ul").first).to_contain_text(
        f"{cli_history.KEEP} times, in the train exercise"
    )


# --- answers after attempts ---------------------------------------------------------------


def test_the_ordering_problem_opens_after_the_hints_before_it(context, pages_site):
    page = open_page(context, pages_site + BACKPROP_PAGE)
    parsons = page.locator("details[data-gate=parsons]").first
    summary = parsons.locator("summary")
    expect(summary).to_contain_text("Opens once you have opened the 2 hints above")
    expect(summary).to_have_attribute("aria-disabled", "true")
    summary.click()
    assert parsons.get_attribute("open") is None
    hints = page.locator(".mg-exercise ~ details.tip:not([data-gate])")
    hints.nth(0).locator("summary").click()
    summary.click()
    assert parsons.get_attribute("open") is None  # one hint of two
    hints.nth(1).locator("summary").click()
    expect(summary).to_have_attribute("aria-disabled", "false")
    summary.click()
    expect(parsons).to_have_attribute("open", "")
    page.reload()  # it stays open to this reader
    parsons = page.locator("details[data-gate=parsons]").first
    expect(parsons.locator("summary")).to_have_attribute("aria-disabled", "false")
    # Another exercise's ordering problem is still shut.
    page.goto(pages_site + TRAIN_PAGE)
    expect(
        page.locator("details[data-gate=parsons]").first.locator("summary")
    ).to_have_attribute("aria-disabled", "true")


def test_what_one_tab_shows_stays_erased_when_another_tab_forgets(context, pages_site):
    """An ordering problem opened here stays open for this visit, and is not written back;
    the exercise says its code was erased, and keeps it again once checked or changed; the
    report of its last check, erased too, goes."""
    failed = {**PASSED_CHECK, "passed": None}
    failed["result"] = {**failed["result"], "exit": 1, "report": "Checking value.py"}
    records = {"code/value": "x = 0\n", "check/value": failed}
    page = visit(context, pages_site, BACKPROP_PAGE, records)
    to_editor(page)
    report = page.locator(".mg-exercise .mg-report")
    expect(report).to_contain_text("Your last check, on 2026-01-05")
    for hint in page.locator(".mg-exercise ~ details.tip:not([data-gate])").all()[:2]:
        hint.locator("summary").click()
    parsons = page.locator("details[data-gate=parsons]").first.locator("summary")
    expect(parsons).to_have_attribute("aria-disabled", "false")
    assert "opened" in kept(page)
    page.evaluate(
        "key => { window.removed = false; addEventListener('storage', e =>"
        " e.key === key && e.newValue === null && (window.removed = true)); }",
        PREFIX + "opened",
    )
    other = open_page(context, pages_site + PROGRESS_PAGE)
    other.get_by_role("button", name="Forget everything").click()
    other.get_by_role("button", name="Erase").click()
    expect(other.get_by_text("Forgotten:")).to_be_visible()
    page.wait_for_function("window.removed")  # the page's own listener ran before
    assert "opened" not in kept(page)
    expect(parsons).to_have_attribute("aria-disabled", "false")  # for this visit
    bar = page.locator(".mg-exercise-bar .mg-status")
    expect(bar).to_contain_text("Your code was erased in another tab")
    expect(report).to_be_hidden()
    check = page.get_by_role("button", name="Check your value.py")
    check.click()  # the code is kept again, as said
    expect(report).to_contain_text("Checking value.py", timeout=120_000)  # Python loads
    assert kept(page)["code/value"] == "x = 0\n"
    type_code(page, "x = 1\n")
    assert kept(page)["code/value"] == "x = 1\n"
    assert not page.errors and not other.errors, page.errors + other.errors


def test_compare_opens_after_a_pass_only(context, pages_site):
    page = open_page(context, pages_site + TRAIN_PAGE)
    compare = page.locator("details[data-gate=compare]")
    expect(compare.locator("summary")).to_contain_text(
        "Opens once your train.py passes the checker."
    )
    compare.evaluate("d => d.open = true")  # as find-in-page would
    expect(compare).not_to_have_attribute("open", "")
    check = {
        "result": {"exit": 1, "concepts": ["zero-grad"], "report": "r", "problems": []},
        "date": "2025-03-01",
        "passed": None,
    }
    store(page, {"check/train": check})
    page.reload()
    compare = page.locator("details[data-gate=compare]")
    expect(compare.locator("summary")).to_have_attribute("aria-disabled", "true")
    store(page, {"check/train": {**check, "passed": "2025-03-02"}})
    page.reload()
    compare = page.locator("details[data-gate=compare]")
    expect(compare.locator("summary")).to_have_attribute("aria-disabled", "false")
    compare.locator("summary").click()
    expect(compare).to_have_attribute("open", "")


def test_a_first_check_here_opens_the_ordering_problem(context, pages_site):
    page = open_page(context, pages_site + VALUE_PAGE)
    parsons = page.locator("details[data-gate=parsons]").first
    expect(parsons.locator("summary")).to_contain_text("or checked your code here")
    to_editor(page)
    page.get_by_role("button", name="Check your value.py").click()
    expect(parsons.locator("summary")).to_have_attribute(
        "aria-disabled", "false", timeout=120_000
    )


def test_blocks_without_javascript_open_as_before(browser, pages_site):
    context = browser.new_context(java_script_enabled=False)
    refuse_outside(context, [])
    page = context.new_page()
    page.goto(pages_site + BACKPROP_PAGE)
    parsons = page.locator("details[data-gate=parsons]").first
    parsons.locator("summary").click()
    expect(parsons).to_have_attribute("open", "")
    context.close()


def test_a_predict_question_runs_its_code_once_answered(context, pages_site):
    page = open_page(context, pages_site + SELF_CHECK)
    question = page.locator(".self-check__question[data-kind=predict]").first
    run = question.get_by_role("button", name="Run cell 1")
    expect(run).to_be_hidden()
    expect(question).to_contain_text("Choose your answer first")
    question.locator("input[type=radio]").first.check()
    expect(run).to_be_visible()
    page.get_by_role("button", name="Start again").click()
    expect(run).to_be_hidden()
    other = page.locator(".self-check__question:not([data-kind=predict]) .mg-cell")
    expect(
        other.first.get_by_role("button", name="Run", exact=False).first
    ).to_be_visible()


# --- self-check answers -------------------------------------------------------------------


def test_self_check_answers_are_kept_and_shown_on_the_progress_page(
    context, pages_site
):
    page = open_page(context, pages_site + SELF_CHECK)
    questions = page.locator(".self-check__question")
    questions.nth(0).locator("input[data-correct]").check()
    questions.nth(2).locator("input:not([data-correct])").first.check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator(".self-check__score")).to_contain_text(
        "kept on your progress page"
    )
    answers = json.loads(kept(page)["self-checks"])
    assert [(a["question"], a["page"], a["right"]) for a in answers] == [
        ("m2q1", "02-value/self-check/", True),
        ("m2q3", "02-value/self-check/", False),
    ]
    total = questions.count()
    page.goto(pages_site + PROGRESS_PAGE)
    row = page.locator(".mg-progress tr", has_text="The Value class")
    expect(row).to_contain_text(f"1 of {total} right, last on ")
    again = ", ".join(str(n) for n in range(2, total)) + f" and {total}"
    expect(row).to_contain_text(f"look again at questions {again}.")
    first = page.locator(".mg-progress tr", has_text="The big picture")
    expect(first).to_contain_text("Not taken yet")


# --- the exercise -------------------------------------------------------------------------


def test_the_first_reset_on_a_fresh_page_brings_back_the_starter(context, pages_site):
    page = visit(context, pages_site, VALUE_PAGE, {"code/value": "x = 1\n"})
    page.get_by_role("button", name="Reset value.py to the starter").click()
    expect(to_editor(page)).to_contain_text(STARTER)
    assert kept(page)["code/value"].startswith(STARTER)


def test_the_pages_tutor_prompt_is_the_command_lines_with_the_hints_opened(
    context, pages_site, tmp_path
):
    page = visit(context, pages_site, BACKPROP_PAGE)
    to_editor(page)
    source = mutants.source("value", "plus_assign")
    type_code(page, source)
    check = page.get_by_role("button", name="Check your value.py")
    check.click()
    expect(check).to_be_enabled(timeout=120_000)
    page.get_by_role("button", name="Show the next hint").click()
    history = json.loads(kept(page)["history"])
    prompt = page.evaluate("window.course.tutorPrompt('value')")
    assert CONCEPTS["grad-accumulation"].hints[1] in prompt  # the hint opened
    assert CONCEPTS["grad-accumulation"].hints[2] not in prompt  # not opened
    assert "--hint" not in prompt
    data = tmp_path / "data" / "micrograd-course"
    data.mkdir(parents=True)
    (data / "history.json").write_text(json.dumps(history))
    path = tmp_path / "value.py"
    path.write_text(source)
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONIOENCODING": "utf-8",
    }
    command = [sys.executable, "-m", "micrograd.check", "value", str(path)]
    cli = subprocess.run(
        [*command, "--tutor-prompt", "--hint", "2"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert cli.stdout == prompt + "\n"
    # The prompt's own check of the same code adds no second entry for the same mistake.
    assert json.loads(kept(page)["history"]) == history
