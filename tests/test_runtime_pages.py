"""Every runnable cell of the site runs in the page, in order, page after page, and shows
what the same cells show under CPython.

The reader's path: one tab, Python started once, moving between pages with the site's own
(instant) navigation. Each cell's Run button is clicked; its output must show no error, no
page may log a console error or ask for anything outside the site, and each cell's result
(printed text, errors, values, figures) must equal what web/python/course_runner.py gives
for the same cells under CPython. Graphs are drawn by viz.js in the page and by the `dot`
program here: their pictures are compared by their title and text alternative, which name
every value and operation; every other figure, byte for byte. Every figure is unchanged by
the page's sanitiser.

The site is served as GitHub Pages serves it (the ``pages_site`` fixture): under the path
of its ``site_url``, with a sitemap naming this server, which instant navigation needs.
"""

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from hooks.runtime import FEATURE_STYLES
from tests.browser import navigate, open_page, run_cell
from tests.site_build import site_path

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.browser


def pages_with_cells(site):
    found = []
    for page in sorted(site.rglob("index.html")):
        count = page.read_text(encoding="utf-8").count('data-course="cell"')
        if count:
            found.append((site_path(site, page), count))
    return found


# Every cell's run, as the page did it: where, which code, and the result it showed.
COLLECT = """() => {
  window.ranCells = [];
  document.addEventListener("cell:ran", (event) => {
    const cell = event.target;
    const cells = [...document.querySelectorAll('[data-course="cell"]')];
    ranCells.push({
      path: location.pathname, number: cells.indexOf(cell) + 1, html: "html" in cell.dataset,
      source: cell.querySelector("pre").textContent.replace(/\\n$/, ""), result: event.detail,
    });
  });
}"""
# Each figure through the page's sanitiser: what it took out, and whether the DOM it gives
# is the DOM the markup itself gives.
SANITISED = """async (markups) => {
  const found = [];
  for (const markup of markups) {
    const { fragment, removed } = await window.course.sanitize(markup);
    const plain = document.createElement("template");
    plain.innerHTML = markup;
    const cleaned = document.createElement("div");
    cleaned.append(fragment);
    found.push({ removed, same: cleaned.innerHTML === plain.innerHTML });
  }
  return found;
}"""


def cpython_results(cells):
    """What course_runner shows for each cell under CPython: a fresh process, the cells of
    a page in one namespace, in order, as the page runs them."""
    program = (
        "import json, sys\n"
        "sys.path.insert(0, 'web/python')\n"
        "import course_runner\n"
        "print(json.dumps([course_runner.run(c['source'], name=f\"cell {c['number']}\","
        " space=c['path'], html=c['html']) for c in json.load(sys.stdin)]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", program],
        input=json.dumps(cells),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(proc.stdout)


# A graph drawn by Graphviz: its <svg> start tag and drawing differ between viz.js and the
# `dot` program; its <title> and <desc> (every value and operation) must not.
GRAPH = re.compile(
    r'<svg\b[^>]*? role="img">(<title>.*?</title><desc>.*?</desc>)\s*<g class="graph".*?</svg>',
    re.S,
)


# Cells that print rounding errors of math.tanh (1e-11 and below): the last bits of tanh
# differ between the page's C library and CPython's here, and so do those numbers. They are
# compared with every number replaced, and their figures by title and description.
ROUNDING = {
    ("/01-big-picture/derivatives/", 7),
    ("/02-value/more-operations/", 6),
    ("/labs/lab1_derivatives/", 7),
}
NUMBER = re.compile(r"-?\d+(\.\d+)?(e[-+]?\d+)?")
FIGURE = re.compile(r"<svg\b.*?(<title>.*?</title><desc>.*?</desc>).*?</svg>", re.S)


def comparable(result, rounding=False):
    figures = [GRAPH.sub(r"<svg graph>\1</svg>", f) for f in result["figures"]]
    if not rounding:
        return {**result, "figures": figures}
    shapes = {k: NUMBER.sub("#", v) for k, v in result.items() if isinstance(v, str)}
    figures = ["".join(FIGURE.findall(f)) for f in figures]
    return {**result, **shapes, "figures": figures}


def test_every_cell_of_every_page_runs_and_shows_what_cpython_shows(
    built_site, pages_site, browser_context, every_page
):
    pages = [(p, n) for p, n in pages_with_cells(built_site) if every_page.keeps(p)]
    assert len(pages) > 15 or not every_page.all, pages
    if not pages:  # --page on a page without cells: nothing of this test applies
        pytest.skip(f"{every_page.page.url} has no cell that runs in the page")
    first, _ = pages[0]
    page = open_page(browser_context, pages_site + first)
    page.evaluate("window.sameDocument = true")
    page.evaluate(COLLECT)
    problems, began = [], time.perf_counter()
    for path, count in pages:
        if path != first:
            navigate(page, pages_site + path)
        assert page.evaluate("window.sameDocument"), f"{path} was loaded anew"
        for number in range(1, count + 1):
            if error := run_cell(page, number):
                problems.append(f"{path} cell {number}:\n{error}")
        if page.errors:
            problems.append(f"{path}: console errors {page.errors}")
            page.errors.clear()
    in_page = time.perf_counter() - began
    cells = page.evaluate("window.ranCells")
    prefix = urlparse(pages_site).path
    assert len(cells) == sum(count for _, count in pages)
    began = time.perf_counter()
    expected = cpython_results(cells)
    for cell, want in zip(cells, expected, strict=True):
        rounding = (cell["path"].removeprefix(prefix), cell["number"]) in ROUNDING
        if comparable(cell["result"], rounding) != comparable(want, rounding):
            got = json.dumps(cell["result"], indent=1)[:3000]
            problems.append(
                f"{cell['path']} cell {cell['number']} differs from CPython:\n"
                f"page:    {got}\ncpython: {json.dumps(want, indent=1)[:3000]}"
            )
    markups = [f for cell in cells for f in cell["result"]["figures"]]
    for markup, seen in zip(markups, page.evaluate(SANITISED, markups), strict=True):
        if seen["removed"] or not seen["same"]:
            problems.append(f"the sanitiser changed a figure: {seen}\n{markup[:300]}")
    print(
        f"\n{len(cells)} cells run on {len(pages)} pages in {in_page:.0f} s;"
        f" {len(markups)} figures; CPython ran them in {time.perf_counter() - began:.0f} s"
    )
    assert not browser_context.outside, browser_context.outside
    assert not problems, "\n".join(problems)


def playground_values():
    """For each playground: its starting values, then each choice, and each slider at its
    ends (training steps kept few: the page trains them)."""
    from tests.web_python import course_playgrounds

    asked = []
    for name, module in course_playgrounds.PLAYGROUNDS.items():
        asked.append((name, {}))
        for control in module.CONTROLS:
            if hasattr(control, "options"):
                asked += [(name, {control.name: v}) for v, _ in control.options]
            elif hasattr(control, "lo"):
                hi = min(control.hi, 10) if control.name == "step" else control.hi
                asked += [(name, {control.name: f"{v:g}"}) for v in (control.lo, hi)]
    return asked


DRAW = """async ([name, values]) => {
  for (;;) {
    const parts = await window.course.call("course_playgrounds.render", {name, values});
    if (!parts.pending) return Object.values(parts);
  }
}"""


def test_every_playground_figure_passes_the_sanitiser_unchanged(
    pages_site, browser_context
):
    page = open_page(browser_context, pages_site + "/04-training/gradient-descent/")
    markups = []
    for name, values in playground_values():
        markups += page.evaluate(DRAW, [name, values])
    seen = page.evaluate(SANITISED, markups)
    changed = [
        (found, markup[:200])
        for found, markup in zip(seen, markups, strict=True)
        if found["removed"] or not found["same"]
    ]
    print(f"\n{len(markups)} parts of playgrounds drawn in the page")
    assert len(markups) > 40 and not changed, changed
    assert not page.errors and not browser_context.outside


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
            links = html.count(f'assets/course/{name}">')  # the home page's: relative
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
