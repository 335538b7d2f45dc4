"""Headless Chromium for the site's browser tests, with every request outside 127.0.0.1 refused.

Tests get pages through the fixtures in tests/conftest.py: ``served_site`` (the built site at
the root of a local port), ``pages_site`` (under the project path, as GitHub Pages serves it,
which the theme's instant navigation needs) and ``browser_context`` (a fresh context whose
``outside`` list records, and refuses, any request that would leave the machine).
"""

import shutil
from urllib.parse import urlparse

from tests import lanes

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Chromium's headless shell first: the same engine without the desktop browser's windowing,
# it drives this suite's pages with about a third less work. Any Chromium-based browser will do.
SHELL = "chromium-headless-shell"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def chromium_path(shell=True):
    """The Chromium-based browser to drive: the headless shell unless ``shell`` is false
    (Lighthouse and the benchmarks time the whole browser a reader has). Installed by `make
    test` (scripts/system-deps.sh)."""
    lanes.require("browser", "starting Chromium")
    names = (SHELL, *BROWSERS) if shell else BROWSERS
    path = next(filter(None, map(shutil.which, names)), None)
    if path is None:
        raise AssertionError(
            "no Chromium-based browser found: run `bash scripts/system-deps.sh chromium`"
        )
    return path


def refuse_outside(context, outside):
    """Let through only the site's own requests; record and abort the rest in ``outside``."""

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)


WAIT = 60_000  # ms: Python's first start on a busy 2-core machine, with room

# Opens every folded block (<details>) around an element: "Going deeper", "Compare after
# you pass" and the like hide their content until the reader opens them. A block shut until
# the reader has tried (web/gates.js) opens as the reader opens it: the help above it first.
OPEN_FOLDS = """async el => {
    for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) {
        const help = [];
        for (let s = d.previousElementSibling; d.hasAttribute('data-closed') && s
             && !/^H[1-3]$/.test(s.tagName); s = s.previousElementSibling) {
            if (s.matches('details')) help.unshift(s);
        }
        for (const s of help.filter((s) => !s.open)) {  // in the reader's order
            s.open = true;
            await new Promise((done) => s.addEventListener('toggle', done, {once: true}));
        }
        d.open = true;
    }
}"""


FILL = """() => {
  // Fill this site's storage, leaving no room for one more character.
  let chunk = "x".repeat(1 << 20), n = 0;
  while (chunk.length) {
    try { localStorage.setItem("filler/" + n++, chunk); }
    catch { chunk = chunk.slice(0, chunk.length >> 1); }
  }
}"""


def open_page(context, url):
    """A new tab on ``url``, once the page's scripts are set up; ``page.errors`` collects
    console errors and uncaught exceptions."""
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.set_default_timeout(WAIT)
    page.goto(url)
    page.wait_for_selector("[data-course-mounted]", state="attached")
    return page


def to_editor(page):
    """Scroll to the exercise (its editor loads as it comes near); the editor."""
    page.locator(".mg-exercise").scroll_into_view_if_needed()
    editor = page.locator(".mg-exercise-editor .cm-content")
    editor.wait_for()
    return editor


def type_code(page, source):
    """Replace the editor's code with ``source``, as a reader pasting it."""
    editor = page.locator(".mg-exercise-editor .cm-content")
    editor.click()
    editor.press("Control+a")
    page.keyboard.insert_text(source)


def navigate(page, url):
    """Follow a link to ``url`` as a reader would (the theme loads it in place)."""
    page.evaluate(
        "u => { const a = document.createElement('a'); a.href = u; a.textContent = u;"
        " a.id = 'leaving'; document.querySelector('article').append(a); a.click(); }",
        url,
    )
    page.wait_for_url(url)
    page.wait_for_selector("#leaving", state="detached")  # the new page is in place
    page.wait_for_selector("[data-course-mounted]", state="attached")


def assert_clean(tab):
    """No console error in ``tab`` and no request outside the site (``tab.context.outside``)
    since the last call: both lists are emptied for the next test on the same tab."""
    errors, outside = list(tab.errors), list(tab.context.outside)
    tab.errors.clear()
    tab.context.outside.clear()
    assert not errors, errors
    assert not outside, outside


def run_cell(page, number):
    page.locator(f"[aria-label='Run cell {number}']").evaluate(OPEN_FOLDS)
    question = page.locator(
        f".self-check__question:has([aria-label='Run cell {number}'])"
    )
    if question.count():  # a predict question runs once answered (web/self-check.js)
        question.locator("input[type=radio]").first.check()
    button = page.get_by_role("button", name=f"Run cell {number}", exact=True)
    button.scroll_into_view_if_needed()
    button.click()
    page.wait_for_function(
        "n => !document.querySelector(`[aria-label='Run cell ${n}']`).disabled",
        arg=number,
    )
    output = page.get_by_role("status", name=f"Output of cell {number}")
    error = output.locator(".mg-error")
    return error.inner_text() if error.count() else None


def replace_code(cell, number, text):
    """Open the cell's editor and replace its code with ``text``, as a reader would."""
    cell.get_by_role("button", name=f"Edit cell {number}", exact=True).click()
    editor = cell.get_by_role("textbox", name=f"Code of cell {number}")
    editor.wait_for()
    editor.press("Control+a")
    editor.page.keyboard.insert_text(text)
    return editor
