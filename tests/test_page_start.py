"""What a page does as it starts, in headless Chromium: the work the theme's script would do at
start-up, done by the page itself where it costs the browser least.

- The colour-scheme switch (overrides/partials/palette.js): the system's scheme on a first
  visit (or when the choice kept is damaged), the reader's choice afterwards, by mouse or
  keyboard, and the tags that tell the browser the scheme.
- Copy buttons written at build time (hooks/blocks.py): one per code block, copying its code,
  beside the code, never over it.
- The theme's script restyles the whole page once as it starts, not five times.
"""

import json

import pytest

from tests.browser import open_page, refuse_outside

LESSON = "/02-value/wrapping-scalars/"  # code blocks, a table, an exercise, math


def _context(browser, scheme, **options):
    context = browser.new_context(color_scheme=scheme, **options)
    context.outside = []
    refuse_outside(context, context.outside)
    return context


def _scheme(page):
    """The body's scheme, the switch button on show, and the scheme the browser is told."""
    return page.evaluate("""() => [
      document.body.dataset.mdColorScheme,
      [...document.querySelectorAll("[data-scheme-switch] label")]
        .filter((l) => !l.hidden).map((l) => l.title),
      document.querySelector("meta[name=color-scheme]").content,
    ]""")


@pytest.mark.parametrize(
    "system, expected",
    [
        ("light", ["default", ["Dark mode"], "light"]),
        ("dark", ["slate", ["Light mode"], "dark"]),
    ],
)
def test_a_first_visit_takes_the_systems_scheme(browser, served_site, system, expected):
    context = _context(browser, system)
    page = open_page(context, served_site + LESSON)
    assert _scheme(page) == expected
    assert (
        page.evaluate("document.querySelector('meta[name=theme-color]').content")
        == "#4051b5"
    )
    page.emulate_media(color_scheme="light" if system == "dark" else "dark")
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== '{expected[0]}'")
    assert not page.errors and not context.outside, (page.errors, context.outside)
    context.close()


def test_the_systems_dark_scheme_applies_at_once_without_colour_transitions(
    browser, served_site
):
    context = _context(browser, "dark")
    page = context.new_page()
    page.goto(served_site + LESSON, wait_until="domcontentloaded")
    running = page.evaluate(
        "document.getAnimations().filter((a) => a instanceof CSSTransition)"
        ".map((a) => a.transitionProperty + ' of ' + a.effect.target.tagName)"
    )
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert not running, running
    context.close()


def test_the_readers_choice_of_scheme_is_kept_across_pages_and_system_changes(
    browser, served_site
):
    context = _context(browser, "light")
    page = open_page(context, served_site + LESSON)
    page.get_by_title("Dark mode").click()
    assert _scheme(page) == ["slate", ["Light mode"], "dark"]
    saved = page.evaluate(
        "Object.entries(localStorage).find(([k]) => k.endsWith('__palette'))"
    )
    assert json.loads(saved[1])["color"]["scheme"] == "slate"
    page.goto(served_site + "/04-training/training-loop/")
    page.wait_for_selector("[data-course-mounted]", state="attached")
    assert _scheme(page) == ["slate", ["Light mode"], "dark"]
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(100)
    assert _scheme(page)[0] == "slate", "a system change overrode the reader's choice"
    assert not page.errors and not context.outside, (page.errors, context.outside)
    context.close()


def test_the_scheme_switch_works_from_the_keyboard(browser, served_site):
    context = _context(browser, "light")
    page = open_page(context, served_site + LESSON)
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    assert _scheme(page)[0] == "slate"
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert _scheme(page)[0] == "default"
    context.close()


@pytest.mark.parametrize(
    "stored",
    ['{"index": "constructor"}', "not JSON", '{"index": 7}', '{"color": 3}', "null"],
)
def test_a_damaged_stored_scheme_is_no_choice(browser, served_site, stored):
    context = _context(browser, "dark")
    page = open_page(context, served_site + LESSON)
    page.evaluate(
        "s => localStorage.setItem(__md_scope.pathname + '.__palette', s)", stored
    )
    page.reload()
    page.wait_for_selector("[data-course-mounted]", state="attached")
    assert _scheme(page) == ["slate", ["Light mode"], "dark"]  # the system's
    page.get_by_title("Light mode").click()
    assert _scheme(page)[0] == "default"
    assert not page.errors and not context.outside, (page.errors, context.outside)
    context.close()


def test_every_code_block_has_a_button_that_copies_its_code(browser, served_site):
    context = _context(
        browser, "light", permissions=["clipboard-read", "clipboard-write"]
    )
    page = open_page(context, served_site + LESSON)
    blocks = page.evaluate("""() => [...document.querySelectorAll("article pre > code")].map(
      (code) => code.closest("pre").querySelector(".md-code__button[data-md-type=copy]")
        ?.dataset.clipboardTarget === "#" + code.id)""")
    assert len(blocks) > 10 and all(blocks), blocks
    code = page.locator("article pre > code").nth(2)
    code.hover()
    code.locator("xpath=..").locator(".md-code__button").click()
    page.get_by_text("Copied to clipboard").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == code.inner_text().rstrip()
    assert not page.errors and not context.outside, (page.errors, context.outside)
    context.close()


def test_a_copy_button_never_covers_code_or_output_on_a_phone(browser, served_site):
    context = _context(browser, "light", viewport={"width": 390, "height": 800})
    page = open_page(context, served_site + LESSON)
    covered = page.evaluate("""() => [...document.querySelectorAll("article pre > code")]
      .filter((code) => code.checkVisibility())
      .filter((code) => {
        const button = code.parentElement.querySelector(".md-code__nav");
        return button && button.getBoundingClientRect().left
          < code.getBoundingClientRect().right - 1;
      }).map((code) => code.textContent.slice(0, 40))""")
    assert page.locator("article pre > code").count() > 10
    assert covered == []
    context.close()


def _style_passes(trace):
    """The elements each style pass restyled, once the theme's script has started."""
    events = [e for e in trace["traceEvents"] if e.get("ph") == "X"]
    start = min(
        e["ts"]
        for e in events
        if e["name"] == "EvaluateScript"
        and "/bundle." in str(e["args"].get("data", {}).get("url"))
    )
    return [
        e["args"].get("elementCount", 0)
        for e in events
        if e["name"] == "UpdateLayoutTree" and e["ts"] >= start
    ]


def test_the_themes_script_restyles_the_whole_page_once_as_it_starts(
    browser, served_site, tmp_path
):
    """The first style pass after the theme's script starts is the page's own; each later
    pass over most of the page is work that the script's start-up caused (five of them, on
    this lesson, before the page took that work over)."""
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, is_mobile=True
    )
    refuse_outside(context, [])
    page = context.new_page()
    browser.start_tracing(page=page, categories=["devtools.timeline"])
    page.goto(served_site + LESSON, wait_until="networkidle")
    page.wait_for_timeout(500)
    trace = json.loads(browser.stop_tracing())
    elements = page.evaluate("document.getElementsByTagName('*').length")
    passes = _style_passes(trace)
    whole = [count for count in passes if count > elements / 3]
    print(
        f"\n{elements} elements; style passes after the theme's script starts: {passes}"
    )
    assert len(whole) <= 1, (
        f"{len(whole)} passes over most of the page's {elements} elements"
    )
    context.close()
