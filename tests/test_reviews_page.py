"""Spaced reviews and the progress file in the page, in headless Chromium with the page's
clock moved (Playwright's page.clock) and every outside request refused.

- A passed exercise: nothing due at once, due a day later (on the start page, the progress
  page and as a quiet count in the navigation), answered, gone until the next gap.
- The review tasks as a learner does them: rebuild a method from memory (checked by the
  checker), predict, a derivative, the wrong line of three, never the same wording twice in
  a row; a wrong answer back after a day.
- window.course.memory: export, clear, import gives everything back; files that are not
  the course's, newer or damaged are refused and change nothing; an older schema is
  migrated; storage that throws is said and the page keeps working.
- axe finds nothing on an open review in either scheme, and nothing passes 320 px.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from micrograd.check.reviews import BANK, OWN_WORDS
from tests.browser import FILL, refuse_outside, to_editor, type_code
from tests.readable import (
    AXE,
    COLOUR_RULES,
    FAILING_IMPACTS,
    RUN_AXE,
    SETTLE,
    WIDER_THAN_SCREEN,
)

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
PREFIX = "micrograd-course/v1/"
DAY = 24 * 60 * 60 * 1000
HOME, PROGRESS = "/", "/exercises/progress/"
# The value topic's items, in the order a review asks them (web/schedule.js, pick).
VALUE_ITEMS = [item["id"] for item in BANK["exercise/value"]["items"]]
VALUE_PAGE = "/02-value/wrapping-scalars/"
CORRECT = (ROOT / "tests" / "check_cases" / "value" / "correct.py").read_text()
MONDAY = time.mktime((2026, 1, 5, 9, 0, 0, 0, 0, -1))  # 9:00, in this machine's zone
PASSED = {
    "code/value": CORRECT,
    "check/value": {
        "result": {"exit": 0, "concepts": [], "report": "ok", "problems": []},
        "date": "2026-01-05",
        "passed": "2026-01-05",
    },
}


# The value topic's card, due now, a step in: its next task is value-reuse (no Python).
REUSE_CARD = {
    "title": "Your Value class: backward() and the local derivatives",
    "module": "02-value",
    "step": 1,
    "due": MONDAY * 1000,
    "last": MONDAY * 1000 - 3 * DAY,
    "item": "value-backward",
}


def tab(context, url, records=None, at=MONDAY):
    """A tab whose clock starts at ``at`` (seconds), on ``url``, with ``records`` kept."""
    page = context.new_page()
    page.clock.install(time=at)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.set_default_timeout(60_000)
    page.goto(url)
    page.wait_for_selector("[data-course-mounted]", state="attached")
    if records:
        store(page, records)
        reload(page)  # the page sees them (and learns what they passed) now
        # reviews.js loads after the page is mounted: wait for its cards, made at `at`,
        # before a test moves the clock on
        page.evaluate("window.course.reviews.due()")
    return page


def store(page, records):
    page.evaluate(
        """([prefix, records]) => { for (const [k, v] of Object.entries(records))
             localStorage.setItem(prefix + k, typeof v === "string" ? v : JSON.stringify(v)); }""",
        [PREFIX, records],
    )


def kept(page):
    return page.evaluate(
        """prefix => Object.fromEntries(Object.keys(localStorage).sort()
             .filter(k => k.startsWith(prefix))
             .map(k => [k.slice(prefix.length), localStorage.getItem(k)]))""",
        PREFIX,
    )


def due(page):
    return [r["id"] for r in page.evaluate("window.course.reviews.due()")]


def later(page, days):
    page.clock.run_for(int(days * DAY))


def reload(page):
    page.reload()
    page.wait_for_selector("[data-course-mounted]", state="attached")


# --- the schedule, by the page's clock ------------------------------------------------------


def test_a_passed_exercise_is_due_a_day_later_then_after_the_next_gap(
    context, pages_site
):
    page = tab(context, pages_site + VALUE_PAGE)
    to_editor(page)
    type_code(page, CORRECT)
    check = page.get_by_role("button", name="Check your value.py")
    check.click()
    expect(page.locator(".mg-exercise .mg-status")).to_contain_text(
        "passed", ignore_case=True, timeout=180_000
    )
    assert due(page) == []
    later(page, 0.99)
    assert due(page) == []
    later(page, 0.02)
    assert due(page) == ["exercise/value"]
    page.evaluate("window.course.reviews.answer('exercise/value', true)")
    assert due(page) == []
    later(page, 2.9)
    assert due(page) == []
    later(page, 0.2)
    assert due(page) == ["exercise/value"]
    assert not page.errors, page.errors


def test_the_start_page_lists_whats_due_and_the_nav_counts_it_quietly(
    context, pages_site
):
    page = tab(context, pages_site + HOME, PASSED)
    expect(page.locator(".mg-reviews .mg-review-count")).to_have_text(
        "Nothing is due for review now."
    )
    assert page.locator(".mg-due-count").count() == 0
    later(page, 1.01)
    reload(page)
    expect(page.locator(".mg-reviews .mg-review-count")).to_have_text(
        "1 review is due."
    )
    expect(page.locator(".mg-reviews li")).to_contain_text("Your Value class")
    expect(page.locator(".md-nav__link .mg-due-count").first).to_have_text("1 due")
    # the progress page, reached by a link: the same list
    page.locator('.md-nav__link[href$="exercises/progress/"]').first.click()
    expect(page.locator(".mg-reviews .mg-review-count")).to_have_text(
        "1 review is due."
    )
    assert not page.errors, page.errors


def test_a_card_for_a_topic_the_course_no_longer_asks_is_never_due(context, pages_site):
    """A card kept by an older version of the course, for a topic its bank has since
    lost, is neither counted nor listed; the reader's other reviews go on."""
    gone = {"title": "A topic no longer asked", "module": "02-value", "step": 0}
    gone |= {"due": MONDAY * 1000 - DAY, "last": MONDAY * 1000 - 2 * DAY, "item": None}
    page = tab(
        context, pages_site + HOME, {**PASSED, "reviews": {"exercise/gone": gone}}
    )
    expect(page.locator(".mg-reviews .mg-review-count")).to_have_text(
        "Nothing is due for review now."
    )
    expect(page.locator(".mg-review-none")).to_have_text(
        "The next is due on 2026-01-06."  # the value topic's, a day after it passed
    )
    later(page, 1.01)
    reload(page)
    assert due(page) == ["exercise/value"]
    expect(page.locator(".mg-reviews .mg-review-count")).to_have_text(
        "1 review is due."
    )
    expect(page.locator(".md-nav__link .mg-due-count").first).to_have_text("1 due")
    expect(review(page)).to_contain_text("Rebuild backward()")
    assert "exercise/gone" in json.loads(kept(page)["reviews"])  # kept, not erased
    assert not page.errors, page.errors


def review(page, title="Your Value class"):
    page.get_by_role("button", name=f"Review: {title}").click()
    return page.locator(".mg-review-box")


def type_code_in(box, source):
    """Replace the code of the editor in ``box`` with ``source``, as a reader pasting it."""
    editor = box.locator(".cm-content")
    editor.click()
    editor.press("Control+a")
    box.page.keyboard.insert_text(source)


def rebuild_a_day_later(context, pages_site, records):
    """The start page a day after ``records`` were kept, with the value topic's first
    review open: rebuild backward(). (page, the review's box, its editor)"""
    page = tab(context, pages_site + HOME, records)
    later(page, 1.01)
    reload(page)
    box = review(page)
    expect(box).to_contain_text("Rebuild backward()")
    editor = box.locator(".cm-content")
    expect(editor).to_contain_text("raise NotImplementedError")
    expect(box.locator(".mg-review-code")).to_be_hidden()  # the editor took its place
    assert "build_topo" not in editor.inner_text()  # the reader's backward, emptied
    return page, box, editor


def test_rebuild_backward_from_memory_checked_by_the_checker(context, pages_site):
    page, box, _ = rebuild_a_day_later(context, pages_site, PASSED)
    type_code_in(box, CORRECT)  # rebuilt
    box.get_by_role("button", name="Check your backward").click()
    expect(box.locator(".mg-review-verdict")).to_contain_text("Right", timeout=180_000)
    expect(box).to_contain_text("It comes back in 3 days.")
    expect(page.locator(".mg-reviews .mg-review-count")).to_have_text(
        "Nothing is due for review now."
    )
    card = json.loads(kept(page)["reviews"])["exercise/value"]
    assert (card["step"], card["item"]) == (1, "value-backward")
    # a second tab, three days on, is asked in other words
    later(page, 3.01)
    other = context.new_page()  # the context's clock: three days on
    other.goto(pages_site + PROGRESS)
    other.wait_for_selector("[data-course-mounted]", state="attached")
    expect(review(other)).to_contain_text("A value used twice")
    assert not page.errors, page.errors


def test_a_wrong_rebuild_shows_what_the_checker_names_and_links_its_lesson(
    context, pages_site
):
    """On the progress page (two folders below the site's root), a rebuild that visits the
    nodes unreversed: the report names the mistake, with its hint and its lesson, linked
    on this site; the summary is said once, under it."""
    page = tab(context, pages_site + PROGRESS, PASSED)
    later(page, 1.01)
    reload(page)
    box = review(page)
    expect(box).to_contain_text("Rebuild backward()")
    box.locator(".cm-content").wait_for()
    type_code_in(box, CORRECT.replace("in reversed(topo):", "in topo:", 1))
    box.get_by_role("button", name="Check your backward").click()
    verdict = box.locator(".mg-review-verdict")
    expect(verdict).to_contain_text("Not quite. 1 mistake found", timeout=180_000)
    report = box.get_by_label("The checker's report on your backward")
    expect(report).to_contain_text("✗ [reverse-order]")
    expect(report).to_contain_text("Hint 1/3:")
    assert "For the next hint" not in report.inner_text()  # no Hint button here
    assert "mistake found" not in report.inner_text()  # said once, by the verdict
    lesson = report.get_by_role("link", name="02-value/backpropagation/", exact=False)
    href = lesson.first.evaluate("a => a.href")
    assert href == pages_site + "/02-value/backpropagation/#what-each-broken-rule-does"
    expect(box).to_contain_text("It comes back in a day.")
    # the mistake joins the history; the exercise's last check (the report its page shows
    # under the reader's own code) stays the pass it was
    records = kept(page)
    assert [e["concept"] for e in json.loads(records["history"])] == ["reverse-order"]
    assert json.loads(records["check/value"]) == PASSED["check/value"]
    assert not page.errors, page.errors


def test_a_wrong_rebuild_can_be_fixed_and_checked_again_as_practice(
    context, pages_site
):
    """The verdict says to fix the first ✗ and check again: the Check button lets the
    reader, and the review keeps the first answer."""
    page = tab(context, pages_site + PROGRESS, PASSED)
    later(page, 1.01)
    reload(page)
    box = review(page)
    box.locator(".cm-content").wait_for()
    type_code_in(box, CORRECT.replace("in reversed(topo):", "in topo:", 1))
    check = box.get_by_role("button", name="Check your backward")
    check.click()
    verdict = box.locator(".mg-review-verdict")
    expect(verdict).to_contain_text("then run the check again", timeout=180_000)
    expect(box).to_contain_text("It comes back in a day.")
    expect(check).to_be_enabled()
    type_code_in(box, CORRECT.replace("in reversed(topo):", "in reversed(topo)", 1))
    check.click()  # practice: a syntax error, its line marked as under an exercise
    marked = box.locator(".cm-mark-line")
    expect(marked).to_contain_text("in reversed(topo)", timeout=180_000)
    expect(box.locator(".mg-report")).to_contain_text("syntax error on line")
    type_code_in(box, CORRECT)
    check.click()
    expect(verdict).to_have_text(
        "✓ Right. The checker passes it. "
        "(Practice: the review keeps your first answer.)",
        timeout=180_000,
    )
    expect(box.locator(".mg-report")).to_have_count(0)  # the old report is gone
    expect(marked).to_have_count(0)  # and the line it marked
    expect(check).to_be_focused()  # not lost when it was disabled while checking
    card = json.loads(kept(page)["reviews"])["exercise/value"]
    assert card["step"] == 0, card  # wrong, as first answered: tomorrow again
    assert box.inner_text().count("It comes back") == 1  # answered once
    assert not page.errors, page.errors


def test_a_rebuild_starts_from_the_code_that_passed_not_what_was_typed_since(
    context, pages_site
):
    """The reader passed, then went on changing the file: the review empties a function
    of the code that passed."""
    since = CORRECT.replace("def __neg__(self):", "def __neg__(self):  # my experiment")
    records = {
        **PASSED,
        "code/value": since,
        "check/value": {**PASSED["check/value"], "solution": CORRECT},
    }
    page, _, editor = rebuild_a_day_later(context, pages_site, records)
    text = editor.inner_text()  # the lines in sight: the editor shows the hole
    assert "def __neg__(self):" in text and "my experiment" not in text
    assert not page.errors, page.errors


def test_a_rebuild_after_a_pass_from_memory_only_starts_from_that_code(
    context, pages_site
):
    from_memory = {
        "code/value": "# my own notes, no backward here\n",  # the page's other file
        "recall/value": CORRECT,
        "check/value": {**PASSED["check/value"], "memory": "2026-01-05"},
    }
    page, _, editor = rebuild_a_day_later(context, pages_site, from_memory)
    text = editor.inner_text()  # the lines in sight: the editor shows the hole
    assert "def __neg__" in text and "my own notes" not in text  # CORRECT's
    assert not page.errors, page.errors


@pytest.mark.parametrize(
    "item, answer, right",
    [
        ("value-reuse", "6.0", True),  # asked after value-backward
        ("value-reuse", "6", True),  # a number by its value
        ("value-reuse", "3.0", False),
        ("value-mul", None, None),  # after value-reuse: a rebuild (checked above)
        ("value-tanh", "1 - o ** 2", True),
        (
            "value-tanh",
            "(1 - o)*(1 + o)",
            True,
        ),  # the same arithmetic, otherwise written
        ("value-tanh", "1 - o2", False),  # not arithmetic of o: said so
        ("value-add-bug", 2, True),
        ("value-add-bug", 1, False),
    ],
)
def test_each_kind_of_task_marks_the_answer(context, pages_site, item, answer, right):
    before = VALUE_ITEMS[VALUE_ITEMS.index(item) - 1]
    card = {**REUSE_CARD, "step": 2, "last": MONDAY * 1000 - 7 * DAY, "item": before}
    page = tab(
        context, pages_site + HOME, {**PASSED, "reviews": {"exercise/value": card}}
    )
    python = []  # Python loads only for a rebuild
    starts = ("pyodide", "worker.js")
    page.on(
        "request", lambda r: any(s in r.url for s in starts) and python.append(r.url)
    )
    box = review(page)
    if answer is None:
        expect(box).to_contain_text("Rebuild __mul__")
        return
    if isinstance(answer, int):
        box.locator(".mg-review-line input").nth(answer).check()
    else:
        box.get_by_role("textbox").fill(answer)
    box.get_by_role("button", name="Check").click()
    verdict = box.locator(".mg-review-verdict")
    expect(verdict).to_contain_text("Right." if right else "Not quite.")
    if answer == "1 - o2":
        expect(verdict).to_contain_text(
            "1 - o2 cannot be read as arithmetic: o2 is not a name here (the names are o)."
        )
    expect(box).to_contain_text("It comes back in 21 days." if right else "in a day.")
    kept_card = json.loads(kept(page)["reviews"])["exercise/value"]
    assert (kept_card["step"], kept_card["item"]) == (3 if right else 0, item)
    assert python == []
    assert not page.errors, page.errors


def test_a_review_answered_in_another_tab_meanwhile_counts_once(context, pages_site):
    """Two tabs ask the same review; the second answer finds it answered and says so,
    leaving the card where the first answer put it."""
    records = {**PASSED, "reviews": {"exercise/value": {**REUSE_CARD}}}
    first = tab(context, pages_site + HOME, records)
    second = tab(context, pages_site + PROGRESS)
    boxes = [review(first), review(second)]
    for box in boxes:
        expect(box).to_contain_text("A value used twice")
    for box in boxes:
        box.get_by_role("textbox").fill("6.0")
        box.get_by_role("button", name="Check").click()
    expect(boxes[0]).to_contain_text("It comes back in 7 days.")
    expect(boxes[1]).to_contain_text(
        "It was answered in another tab meanwhile: it comes back in 7 days."
    )
    kept_card = json.loads(kept(second)["reviews"])["exercise/value"]
    assert (kept_card["step"], kept_card["item"]) == (2, "value-reuse")
    assert not first.errors and not second.errors, first.errors + second.errors


def test_a_review_answered_after_another_tab_erased_the_memory_keeps_nothing(
    context, pages_site
):
    """Another tab erases the course's memory while this one asks: the answer says
    nothing was kept, and writes no card back."""
    records = {**PASSED, "reviews": {"exercise/value": {**REUSE_CARD}}}
    first = tab(context, pages_site + HOME, records)
    box = review(first)
    expect(box).to_contain_text("A value used twice")
    second = tab(context, pages_site + PROGRESS)
    second.get_by_role("button", name="Forget everything").click()
    second.get_by_role("button", name="Erase").click()
    expect(second.get_by_text("Forgotten:")).to_be_visible()
    # Storage reaches another tab's process a moment later: answer once this tab sees it.
    first.wait_for_function(
        "key => localStorage.getItem(key) === null", arg=PREFIX + "reviews"
    )
    box.get_by_role("textbox").fill("6.0")
    box.get_by_role("button", name="Check").click()
    expect(box).to_contain_text(
        "The course's memory was erased in another tab meanwhile: nothing was kept."
    )
    assert "reviews" not in kept(first)
    assert not first.errors and not second.errors, first.errors + second.errors


LOG_WRITES = """prefix => {
  window.writes = [];
  for (const [name, op] of [["setItem", "set"], ["removeItem", "remove"]]) {
    const original = Storage.prototype[name];
    Storage.prototype[name] = function (key, ...rest) {
      if (key.startsWith(prefix)) window.writes.push(`${op} ${key.slice(prefix.length)}`);
      return original.call(this, key, ...rest);
    };
  }
}"""


def test_the_cards_are_written_before_and_erased_after_what_they_are_made_from(
    context, pages_site
):
    """Another tab that saw a passed check without its card would make the card anew:
    erasing (Forget, or an import's clearing) takes the cards last, an import writes
    them first."""
    first_the_cards = {"reviews": {"exercise/value": {**REUSE_CARD}}, **PASSED}
    page = tab(context, pages_site + PROGRESS, first_the_cards)
    text = page.evaluate("window.course.memory.export()")
    page.evaluate(LOG_WRITES, PREFIX)
    page.evaluate(f"window.course.memory.import({json.dumps(text)})")
    imported = page.evaluate("window.writes.splice(0)")
    page.get_by_role("button", name="Forget everything").click()
    page.get_by_role("button", name="Erase").click()
    expect(page.get_by_text("Forgotten:")).to_be_visible()
    erased = [w for w in page.evaluate("window.writes") if not w.endswith("probe")]
    removed = [w for w in imported if w.startswith("remove")]
    assert "remove check/value" in removed and removed[-1] == "remove reviews", imported
    assert imported[len(removed) :][:1] == ["set reviews"], imported
    assert "remove check/value" in erased and erased[-1] == "remove reviews", erased


def test_a_review_answered_with_the_storage_full_says_it_is_not_kept(
    context, pages_site
):
    """The answer's card grows by a few characters, and a full storage refuses them."""
    short = {**REUSE_CARD, "last": 0}  # shorter than the card the answer writes
    page = tab(
        context, pages_site + PROGRESS, {**PASSED, "reviews": {"exercise/value": short}}
    )
    page.evaluate(FILL)
    box = review(page)
    box.get_by_role("textbox").fill("6.0")
    box.get_by_role("button", name="Check").click()
    expect(box).to_contain_text(
        "It comes back in 7 days. This browser's storage for this site is full: what "
        "you change is kept only until you close the page."
    )
    assert json.loads(kept(page)["reviews"])["exercise/value"] == short
    assert not page.errors, page.errors


def test_a_self_check_answered_comes_back(context, pages_site):
    page = tab(context, pages_site + "/02-value/self-check/")
    questions = page.locator(".self-check__question")
    questions.nth(0).locator("input[data-correct]").check()
    page.get_by_role("button", name="Check my answers").click()
    assert due(page) == []
    later(page, 1.01)
    assert due(page) == ["self-check/02-value/self-check/"]


# --- the progress file ------------------------------------------------------------------


def test_export_clear_import_brings_everything_back(context, pages_site):
    page = tab(context, pages_site + PROGRESS, PASSED)
    store(
        page, {"history": [{"concept": "zero-grad", "exercise": "train", "date": "x"}]}
    )
    page.evaluate("window.course.reviews.due()")  # makes the review's card
    before = kept(page)
    text = page.evaluate("window.course.memory.export()")
    file = json.loads(text)
    assert (file["course"], file["schema"]) == ("micrograd-course", 2)
    assert set(file["records"]) == set(before) >= {"code/value", "reviews", "history"}
    page.evaluate("localStorage.clear()")
    reload(page)
    assert kept(page) == {}
    assert page.evaluate(f"window.course.memory.import({json.dumps(text)})") == {
        "ok": True,
        "error": None,
        "warning": None,
    }
    assert kept(page) == before
    # the progress page follows, in this tab
    row = page.get_by_role("row", name="value your own Value")
    expect(row).to_contain_text("Passed on 2026-01-05")


BAD = [
    ("not json {", "not JSON"),
    (
        json.dumps({"course": "another", "schema": 1, "records": {}}),
        "not a progress file",
    ),
    (json.dumps([1, 2]), "not a progress file"),
    (
        json.dumps({"course": "micrograd-course", "schema": 9, "records": {}}),
        "newer version of the course (schema 9",
    ),
    (
        json.dumps({"course": "micrograd-course", "schema": 2, "records": {"x": 1}}),
        '"x" is not something the course keeps',
    ),
    (
        json.dumps(
            {
                "course": "micrograd-course",
                "schema": 2,
                "records": {"reviews": {"a": 1}},
            }
        ),
        'its "reviews" is not what the course keeps there',
    ),
    (
        json.dumps(
            {"course": "micrograd-course", "schema": 2, "records": {"code/v": 3}}
        ),
        '"code/v" is not text',
    ),
]


@pytest.mark.parametrize("text, said", BAD, ids=[s for _, s in BAD])
def test_a_bad_file_is_refused_and_changes_nothing(context, pages_site, text, said):
    page = tab(context, pages_site + PROGRESS, PASSED)
    before = kept(page)
    result = page.evaluate(f"window.course.memory.import({json.dumps(text)})")
    assert result["ok"] is False
    assert said in result["error"], result["error"]
    assert kept(page) == before


def test_the_progress_pages_import_says_why_a_file_is_refused(
    context, pages_site, tmp_path
):
    page = tab(context, pages_site + PROGRESS, PASSED)
    bad = tmp_path / "other.json"
    bad.write_text('{"course": "another"}')
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import a progress file").click()
    chooser.value.set_files(str(bad))
    expect(page.locator(".mg-progress-file .mg-status")).to_have_text(
        'This is not a progress file of this course (it does not say "course": '
        '"micrograd-course"). Nothing kept here has changed.'
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your progress file").click()
    saved = json.loads(Path(download.value.path()).read_text())
    assert saved["records"]["code/value"] == CORRECT


def test_an_older_schema_is_migrated_and_schedules_what_it_passed(context, pages_site):
    page = tab(context, pages_site + PROGRESS)
    old = {"course": "micrograd-course", "schema": 1, "records": PASSED}
    result = page.evaluate(
        f"window.course.memory.import({json.dumps(json.dumps(old))})"
    )
    assert result["ok"] is True
    assert due(page) == []
    later(page, 1.01)
    assert due(page) == ["exercise/value"]


THROWS = """() => {
  Storage.prototype.setItem = function () {
    throw new DOMException("quota", "QuotaExceededError");
  };
}"""


def test_storage_that_throws_is_said_and_the_page_keeps_working(context, pages_site):
    page = tab(context, pages_site + PROGRESS, PASSED)
    text = page.evaluate("window.course.memory.export()")
    page.evaluate(THROWS)
    result = page.evaluate(f"window.course.memory.import({json.dumps(text)})")
    assert result["ok"] is True
    assert "storage for this site is full" in result["warning"]
    later(page, 1.01)
    assert due(page) == ["exercise/value"]  # kept for the visit
    page.evaluate("window.course.reviews.answer('exercise/value', true)")
    assert due(page) == []
    assert not page.errors, page.errors


# --- for everyone -------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["value-reuse", "value-add-bug", "value-backward"])
def test_an_open_review_passes_axe_and_fits_320_pixels(
    browser, pages_site, scheme, kind
):
    context = browser.new_context(color_scheme=scheme)
    context.outside = []
    refuse_outside(context, context.outside)
    context.add_init_script(path=str(AXE))
    card = {
        "title": "Your Value class: backward() and the local derivatives",
        "module": "02-value",
        "step": 0,
        "due": 0,
        "last": 0,
        "item": VALUE_ITEMS[VALUE_ITEMS.index(kind) - 1],
    }
    page = tab(
        context, pages_site + HOME, {**PASSED, "reviews": {"exercise/value": card}}
    )
    reload(page)
    box = review(page)
    box.get_by_role("button", name="Check").first.wait_for()
    page.evaluate(SETTLE)
    rules = COLOUR_RULES if scheme == "dark" else None
    # the new part only: the theme's header fades its title as the page scrolls
    on_reviews = RUN_AXE.replace("axe.run(document", "axe.run('.mg-reviews'")
    found = page.evaluate(on_reviews, rules)
    assert [v for v in found if v["impact"] in FAILING_IMPACTS] == []
    page.set_viewport_size({"width": 320, "height": 640})
    page.evaluate(SETTLE)
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert not context.outside, context.outside
    context.close()


# --- in your own words, from memory ---------------------------------------------------------

BACKPROP_PAGE = "/02-value/backpropagation/"


def test_own_words_are_kept_come_back_and_reach_the_tutor_prompt_as_on_the_command_line(
    context, pages_site, tmp_path
):
    page = tab(context, pages_site + BACKPROP_PAGE)
    box = page.locator(".mg-own-words")
    box.scroll_into_view_if_needed()
    box.get_by_role("button", name="Show the key points").click()
    expect(box.locator(".mg-status")).to_have_text(
        "Write your answer first: then the key points show."
    )
    box.get_by_role("textbox").fill("Reverse order: a node's gradient is whole first.")
    box.get_by_role("button", name="Show the key points").click()
    box.get_by_role("checkbox").first.check()
    box.get_by_role("button", name="Keep my answer").click()
    expect(box.locator(".mg-status")).to_contain_text("comes back for review tomorrow")
    words = json.loads(kept(page)["words"])["02-value/backpropagation/"]
    assert (words["covered"], words["of"]) == ([0], 3)
    assert due(page) == []
    later(page, 1.01)
    assert due(page) == ["words/02-value/backpropagation/"]
    page.goto(pages_site + PROGRESS)
    page.wait_for_selector("[data-course-mounted]", state="attached")
    table = page.locator(".mg-progress table").filter(has_text="In your own words")
    expect(
        table.get_by_role("row").filter(has_text="Not written yet")
    ).not_to_have_count(0)
    row = table.get_by_role("row").filter(has_text="1 of 3 key points")
    expect(row).to_have_count(1)
    row.get_by_role("link").click()
    expect(page).to_have_url(pages_site + BACKPROP_PAGE)
    page.wait_for_selector("[data-course-mounted]", state="attached")

    prompt = page.evaluate("window.course.tutorPrompt('value')")
    assert "> Reverse order: a node's gradient is whole first." in prompt
    progress = tmp_path / "progress.json"
    progress.write_text(page.evaluate("window.course.memory.export()"))
    source = tmp_path / "value.py"
    source.write_text(page.locator(".mg-starter code").text_content())
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONIOENCODING": "utf-8",
        "PATH": "/usr/bin:/bin",
    }
    command = [sys.executable, "-m", "micrograd.check", "value", str(source)]
    cli = subprocess.run(
        [*command, "--tutor-prompt", "--progress", str(progress)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert cli.stdout == prompt + "\n"


def test_own_words_come_back_as_a_review_that_asks_the_question_once(
    context, pages_site
):
    lesson = "02-value/backpropagation/"
    question, points = OWN_WORDS[lesson]["question"], OWN_WORDS[lesson]["points"]
    kept_words = {"text": "Reverse order.", "covered": [0], "of": 3}
    page = tab(
        context,
        pages_site + HOME,
        {"words": {lesson: {**kept_words, "date": "2026-01-05"}}},
    )
    later(page, 1.01)
    reload(page)
    box = review(page, f"In your own words: {question}")
    expect(box.get_by_role("heading")).to_have_text(f"In your own words: {question}")
    assert box.inner_text().count(question) == 1  # the heading asks it, once
    answer = box.get_by_role("textbox", name="Your answer")
    expect(answer).to_have_value("")  # a review asks afresh
    # its styles come with the reviews (web/own-words.css): the answer spans the box
    assert answer.evaluate(
        "t => getComputedStyle(t).display === 'block'"
        " && t.getBoundingClientRect().width > 0.9 * t.parentElement.clientWidth"
    )
    box.get_by_role("button", name="Show the key points").click()
    expect(box.locator(".mg-status")).to_have_text(
        "Write your answer first: then the key points show."
    )
    answer.fill("A node's gradient is whole before it moves on; two uses add up.")
    box.get_by_role("button", name="Show the key points").click()
    ticks = box.get_by_role("checkbox")
    expect(ticks).to_have_count(len(points))
    for tick in ticks.all():
        tick.check()
    box.get_by_role("button", name="Keep my answer").click()
    expect(box).to_contain_text("It comes back in 3 days.")
    assert due(page) == []
    card = json.loads(kept(page)["reviews"])[f"words/{lesson}"]
    assert (card["step"], card["item"]) == (1, f"words:{lesson}")
    assert not page.errors, page.errors


def test_a_pass_from_memory_is_recorded_as_such(context, pages_site):
    page = tab(context, pages_site + VALUE_PAGE, {"code/value": "# my own code\n"})
    page.locator(".mg-exercise").scroll_into_view_if_needed()
    editor = page.locator(".mg-exercise-editor .cm-content")
    expect(editor).to_contain_text("# my own code")
    worked = "article div.highlight:not([data-course] *)"
    assert page.locator(worked).count() > 0  # the lesson's worked code, in sight
    page.get_by_label("From memory").check()
    expect(editor).to_have_text("")
    expect(page.locator(worked + ":visible")).to_have_count(0)
    expect(page.locator(".mg-put-away")).to_have_count(page.locator(worked).count())
    hint = page.locator(".mg-exercise ~ details.tip").first  # its first hint
    hint.locator("summary").click()
    expect(hint).not_to_have_attribute("open", "")
    editor.click()
    page.keyboard.insert_text(CORRECT)
    page.get_by_role("button", name="Check your value.py").click()
    expect(page.locator(".mg-passed")).to_contain_text(
        "Passed from memory", timeout=180_000
    )
    records = kept(page)
    assert records["code/value"] == "# my own code\n"  # kept apart
    assert records["recall/value"] == CORRECT
    assert json.loads(records["check/value"])["memory"] is not None
    page.get_by_label("From memory").uncheck()
    expect(editor).to_contain_text("# my own code")
    expect(page.locator(".mg-put-away")).to_have_count(0)
    expect(page.locator(worked + ":visible")).to_have_count(
        page.locator(worked).count()
    )
    page.goto(pages_site + PROGRESS)
    row = page.get_by_role("row", name="value your own Value")
    expect(row).to_contain_text("; from memory on ")
