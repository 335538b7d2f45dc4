"""A reader's walk through the whole course, in one tab, by its Next links.

The theme's instant navigation swaps each page's content into the same document: a script
runs once per tab, not once per page, so a page feature that is set up on page load only
works on the first page a reader opens. On every page of the walk, what a reader can use
(the visible buttons, inputs, editors and folds of the page's content, and their state) is
compared with a fresh load of the same page, in a tab of its own.
"""

import time

import pytest

from tests.browser import WAIT, refuse_outside
from tests.site_build import nav_pages, nav_url

pytestmark = pytest.mark.browser

# What a reader can use in the page's content, in document order, each as one line. An
# editor is named by its first line: it draws only the lines near the screen, and how many it
# has drawn depends on when it last measured, so the rest of its text says nothing.
USABLE = """() => {
  const selector = "button, input, select, textarea, summary, a.md-button, .cm-editor";
  const text = (el) => el.classList.contains("cm-editor")
    ? el.querySelector(".cm-line")?.textContent : el.textContent;
  const name = (el) => (el.getAttribute("aria-label") || el.labels?.[0]?.textContent
    || el.getAttribute("title") || text(el) || el.name || "").replace(/\\s+/g, " ").trim();
  const state = (el) => [el.disabled && "disabled", el.checked && "checked",
    el.getAttribute("aria-disabled") === "true" && "closed"].filter(Boolean).join(" ");
  return [...document.querySelectorAll("article " + selector.split(", ").join(", article "))]
    .filter((el) => el.checkVisibility())
    .map((el) => [el.tagName.toLowerCase(), el.type ?? "", `"${name(el).slice(0, 60)}"`,
      state(el)].join(" "));
}"""

# The page shown has replaced the one left (marked), and every feature in it is set up.
SHOWN = """() => !document.querySelector("article[data-left]")
  && !document.querySelector("[data-course]:not([data-course-mounted])")"""


# An exercise's editor loads as it comes near the screen: the reader scrolls to it.
EDITORS = """() => {
  const waiting = [...document.querySelectorAll(".mg-exercise")]
    .filter((exercise) => !exercise.querySelector(".cm-editor"));
  waiting[0]?.scrollIntoView();  // one at a time, as a reader reaches them
  return !waiting.length;
}"""


def settled(page, most=10.0):
    """What a reader can use, once it stops changing, with every editor loaded."""
    page.wait_for_function(SHOWN)
    page.wait_for_function(EDITORS)
    page.evaluate("window.scrollTo(0, 0)")
    last, deadline = None, time.monotonic() + most
    while time.monotonic() < deadline:
        now = page.evaluate(USABLE)
        if now == last:
            return now
        last = now
        page.wait_for_timeout(400)
    return last


def test_every_page_reached_by_next_links_works_as_a_fresh_load(browser, pages_site):
    walk = browser.new_context()
    walk.outside = []
    refuse_outside(walk, walk.outside)
    fresh = browser.new_context()
    fresh.outside = []
    refuse_outside(fresh, fresh.outside)
    page = walk.new_page()
    page.set_default_timeout(WAIT)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(pages_site + "/start-here/")
    page.evaluate("window.sameDocument = true")
    reloaded = fresh.new_page()
    reloaded.set_default_timeout(WAIT)
    differ, walked, compared = [], [], 0
    while True:
        url = page.url
        seen = settled(page)
        reloaded.goto(url)
        expected = settled(reloaded)
        walked.append(url.removeprefix(pages_site))
        compared += len(expected)
        if seen != expected:
            missing = [x for x in expected if x not in seen]
            extra = [x for x in seen if x not in expected]
            differ.append(f"{walked[-1]}: missing {missing[:5]}, extra {extra[:5]}")
        following = page.locator("a.md-footer__link--next")
        if not following.count():
            break
        page.evaluate("document.querySelector('article').dataset.left = ''")
        following.click()
    print(
        f"\n{len(walked)} pages walked in one tab, {compared} usable elements compared"
    )
    assert page.evaluate("window.sameDocument"), "a page was loaded anew, not in place"
    assert walked == [nav_url(src) for src in nav_pages()]  # every page, in nav order
    assert not differ, "\n".join(differ)
    assert not errors and not walk.outside and not fresh.outside, errors
    walk.close()
    fresh.close()
