"""Every runnable cell of the site runs in the page, in order, page after page.

The reader's path: one tab, Python started once, moving between pages with the site's own
(instant) navigation. Each cell's Run button is clicked; its output must show no error, and
no page may log a console error or ask for anything outside the site.

The site is served as GitHub Pages serves it (the ``pages_site`` fixture): under the path
of its ``site_url``, with a sitemap naming this server, which instant navigation needs.
"""

import pytest

from hooks.runtime import FEATURE_STYLES
from tests.browser import OPEN_FOLDS, open_page

pytestmark = pytest.mark.browser


def pages_with_cells(site):
    found = []
    for page in sorted(site.rglob("index.html")):
        count = page.read_text(encoding="utf-8").count('data-course="cell"')
        if count:
            rel = page.parent.relative_to(site).as_posix()
            found.append(("/" if rel == "." else f"/{rel}/", count))
    return found


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


def test_every_cell_of_every_page_runs(built_site, pages_site, browser_context):
    pages = pages_with_cells(built_site)
    assert len(pages) > 15, pages
    first, _ = pages[0]
    page = open_page(browser_context, pages_site + first)
    page.evaluate("window.sameDocument = true")
    problems, ran = [], 0
    for path, count in pages:
        if path != first:
            navigate(page, pages_site + path)
        assert page.evaluate("window.sameDocument"), f"{path} was loaded anew"
        for number in range(1, count + 1):
            if error := run_cell(page, number):
                problems.append(f"{path} cell {number}:\n{error}")
            ran += 1
        if page.errors:
            problems.append(f"{path}: console errors {page.errors}")
            page.errors.clear()
    print(f"\n{ran} cells run on {len(pages)} pages")
    assert not browser_context.outside, browser_context.outside
    assert not problems, "\n".join(problems)


def test_the_site_still_works_after_instant_navigation(pages_site, browser_context):
    """Search, the palette switch, math and the labs' styles, on pages reached in place."""
    page = open_page(browser_context, pages_site + "/")
    page.evaluate("window.sameDocument = true")
    navigate(page, pages_site + "/01-big-picture/derivatives/")
    assert page.locator("article math").count() > 0
    navigate(page, pages_site + "/labs/lab3_network/")
    cell = page.locator(".jp-CodeCell").first
    assert cell.evaluate("c => getComputedStyle(c).display") != "none"
    code = cell.locator(".highlight").first
    assert code.evaluate("c => getComputedStyle(c).display") != "none"
    assert code.evaluate(
        "c => getComputedStyle(c.querySelector('code')).fontFamily"
    ) == (
        page.locator("article .highlight code").first.evaluate(
            "c => getComputedStyle(c).fontFamily"
        )
    ), "the lab's code is not styled like the lessons' code"
    assert run_cell(page, 1) is None
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") != scheme
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("topological")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() > 0
    assert page.evaluate("window.sameDocument"), "a page was loaded anew"
    assert not page.errors, page.errors
    assert not browser_context.outside, browser_context.outside


def test_python_loads_on_the_first_run_never_on_page_load(pages_site, browser_context):
    requested = []
    browser_context.on("request", lambda r: requested.append(r.url))
    page = open_page(browser_context, pages_site + "/02-value/backpropagation/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.course.session.state") == "off"
    runtime = [
        u for u in requested if "/pyodide/" in u or "/viz/" in u or "editor" in u
    ]
    assert not runtime, runtime
    page.get_by_role("button", name="Run cell 1", exact=True).click()
    status = page.get_by_role("status").filter(has_text="Loading Python")
    status.first.wait_for()
    page.wait_for_function("window.course.session.state === 'ready'")
    assert any(u.endswith("pyodide.asm.wasm") for u in requested)
    assert not page.errors, page.errors


def test_a_features_styles_are_linked_by_its_pages_only(built_site):
    linked = {name: 0 for name in FEATURE_STYLES}
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for name, markers in FEATURE_STYLES.items():
            has = any(marker in html for marker in markers)
            links = html.count(f'/assets/course/{name}">')
            assert links == has, (
                f"{path.relative_to(built_site)}: {name} linked {links}×"
            )
            linked[name] += links
    assert all(linked.values()), linked  # each feature is on some page


def test_a_features_styles_come_along_on_instant_navigation(
    pages_site, browser_context
):
    """From a lesson without playground or exercise to one with both, reached in place."""
    page = open_page(browser_context, pages_site + "/01-big-picture/derivatives/")
    page.evaluate("window.sameDocument = true")
    navigate(page, pages_site + "/02-value/backpropagation/")
    styled = {  # a rule of each feature's stylesheet, as the browser applies it
        ".mg-playground": "getComputedStyle(e).paddingTop !== '0px'",
        ".mg-exercise": "getComputedStyle(e).borderLeftWidth !== '0px'",
    }
    for selector, check in styled.items():
        page.wait_for_function(f"() => {{ const e = document.querySelector('{selector}');"
                               f" return {check}; }}")  # fmt: skip
    assert page.evaluate("window.sameDocument"), "the page was loaded anew"
    assert not page.errors, page.errors
    assert not browser_context.outside, browser_context.outside
