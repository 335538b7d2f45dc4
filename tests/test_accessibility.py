"""Every page readable by everyone, checked on the built site in headless Chromium.

- axe-core (node_modules/axe-core, pinned in package.json) on every page: no serious or
  critical violation of any of its rules in the light scheme, nor of its colour rules in the
  dark scheme;
- a 320-pixel screen: nothing reaches past the right edge of the page, and every region that
  scrolls sideways can take keyboard focus;
- the keyboard: every stop of the Tab order shows where the focus is;
- the 404 page, at the root of a domain and under the project path;
- in the HTML: names and references that axe does not check, a description per page, the
  course's favicon.

One pass over the site (``findings``) loads each page once per scheme and collects what axe
and the 320-pixel check find; each test then reports its part by page, scheme, rule and
element.
"""

import html
import re
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from scripts.pages_server import PagesServer, project_path
from tests.browser import refuse_outside
from tests.readable import (
    AXE,
    COLOUR_RULES,
    FAILING_IMPACTS,
    RUN_AXE,
    SETTLE,
    WIDER_THAN_SCREEN,
)
from tests.site_build import site_path

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


def site_pages(site):
    """(label, path) of every page of the built site, home first."""
    paths = [site_path(site, f) for f in sorted(site.rglob("index.html"))]
    pages = [(p.strip("/") or "home", p) for p in paths if "/assets/" not in p]
    return sorted(pages, key=lambda page: page[1] != "/")


def _axe_lines(page, label, scheme, rules=None):
    lines = []
    for v in page.evaluate(RUN_AXE, rules):
        if v["impact"] in FAILING_IMPACTS:
            lines.append(
                f"{label} [{scheme}] {v['rule']} ({v['impact']}): {v['target']}: "
                f"{v['summary'][:300]}"
            )
    return lines


@pytest.fixture(scope="module")
def findings(built_site, served_site, browser, every_page):
    """What axe (light, dark) and the 320-pixel pass find, page by page."""
    found = {"axe": [], "wide": [], "scroll": [], "pages": 0, "all": every_page.all}
    light, dark = (
        browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        for scheme in ("light", "dark")
    )
    for context in (light, dark):
        refuse_outside(context, [])
        context.add_init_script(path=str(AXE))
    for label, path in site_pages(built_site):
        if not every_page.keeps(path):
            continue
        page = light.new_page()
        page.goto(served_site + path, wait_until="load")
        page.evaluate(SETTLE)
        found["axe"] += _axe_lines(page, label, "light")
        page.set_viewport_size(PHONE)
        page.evaluate(SETTLE)
        wide = page.evaluate(WIDER_THAN_SCREEN)
        found["wide"] += [f"{label}: {line}" for line in wide]
        found["scroll"] += _axe_lines(
            page, label, "320 px", ["scrollable-region-focusable"]
        )
        page.close()

        page = dark.new_page()
        page.goto(served_site + path, wait_until="load")
        page.evaluate(SETTLE)
        scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
        assert scheme == "slate", f"{label}: the dark scheme did not apply ({scheme})"
        found["axe"] += _axe_lines(page, label, "dark", COLOUR_RULES)
        page.close()
        found["pages"] += 1
    light.close()
    dark.close()
    return found


def _report(lines, limit=60):
    shown = "\n".join(lines[:limit])
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"{len(lines)} problems:\n{shown}{more}"


@pytest.mark.browser
def test_axe_finds_nothing_serious_in_either_scheme(findings):
    print(f"\naxe-core checked {findings['pages']} pages, light and dark")
    assert findings["pages"] > 20 or not findings["all"]
    assert not findings["axe"], _report(findings["axe"])


@pytest.mark.browser
def test_no_page_is_wider_than_a_320_pixel_screen(findings):
    assert not findings["wide"], _report(findings["wide"])


@pytest.mark.browser
def test_what_scrolls_on_a_320_pixel_screen_takes_keyboard_focus(findings):
    assert not findings["scroll"], _report(findings["scroll"])


# The box to compare with and without focus: the focused element, or for a hidden control
# (a content tab's radio button, the colour-scheme toggle) the nearest box that shows it.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  let shown = el;
  while (shown.parentElement && shown.getBoundingClientRect().width === 0) {
    shown = shown.parentElement;
  }
  const box = shown.getBoundingClientRect();
  const name = el.getAttribute("aria-label") || el.textContent.trim().replace(/\\s+/g, " ");
  const label = el.tagName.toLowerCase() + [...el.classList].map((c) => "." + c).join("") +
    ` "${name.slice(0, 40)}"`;
  return {label, x: box.x, y: box.y, width: box.width, height: box.height};
}"""
NO_MOTION = (
    "*, *::before, *::after { transition: none !important; animation: none !important }"
)


def _stops_without_visible_focus(page, most=250):
    """Tab through the page; list every stop that looks the same with and without focus."""
    page.add_style_tag(content=NO_MOTION)
    first, unseen, stops = None, [], 0
    for _ in range(most):
        page.keyboard.press("Tab")
        box = page.evaluate(FOCUSED)
        if box is None or box["label"] == first:
            break
        first, stops = first or box["label"], stops + 1
        margin = 6  # the ring is drawn just outside the element
        clip = {
            "x": max(0, box["x"] - margin),
            "y": max(0, box["y"] - margin),
            "width": box["width"] + 2 * margin,
            "height": box["height"] + 2 * margin,
        }
        focused = page.screenshot(clip=clip)
        page.evaluate(
            "() => { window.__focused = document.activeElement; __focused.blur() }"
        )
        blurred = page.screenshot(clip=clip)
        page.evaluate("() => window.__focused.focus()")
        if focused == blurred:
            unseen.append(box["label"])
    return stops, unseen


@pytest.mark.browser
@pytest.mark.parametrize(
    "path, scheme",
    [
        ("/05-full-picture/micrograd-and-pytorch/", "light"),
        ("/labs/lab2_value/", "dark"),
    ],
)
def test_every_keyboard_stop_shows_focus(served_site, browser_context, path, scheme):
    page = browser_context.new_page()
    page.set_viewport_size(DESKTOP)
    page.emulate_media(color_scheme=scheme)
    page.goto(served_site + path, wait_until="load")
    stops, unseen = _stops_without_visible_focus(page)
    print(f"\n{path} [{scheme}]: {stops} keyboard stops")
    assert stops > 20, f"{path}: only {stops} keyboard stops"
    assert not unseen, f"{path} [{scheme}]: no visible focus on:\n" + "\n".join(unseen)


@pytest.fixture(scope="module")
def pages_servers(built_site):
    """The site as GitHub Pages serves it: under the project path, and at a domain's root."""
    servers = {
        "project path": PagesServer(built_site),
        "domain root": PagesServer(built_site, prefix="/"),
    }
    yield servers
    for server in servers.values():
        server.close()


@pytest.mark.browser
@pytest.mark.parametrize("where", ["project path", "domain root"])
def test_the_404_page_works_at_any_depth(pages_servers, browser_context, where):
    base = pages_servers[where].url
    page = browser_context.new_page()
    errors, failed, index = [], [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on(
        "response",
        lambda r: (
            (r.status >= 400 and failed.append(r.url))
            or (r.url.endswith("search_index.json") and index.append((r.url, r.status)))
        ),
    )
    response = page.goto(base + "no/such/lesson/", wait_until="networkidle")
    assert response.status == 404
    assert page.title() == "Page not found - micrograd, the executable course"
    header = page.evaluate(
        "() => getComputedStyle(document.querySelector('.md-header')).backgroundColor"
    )
    indigo = "rgb(64, 81, 181)"
    assert header == indigo, "the theme's stylesheet did not apply"
    assert page.evaluate("() => document.documentElement.classList.contains('js')")
    home = page.locator("article a").first.evaluate("a => a.href")
    assert home == base, f"the home link leads to {home}"
    assert index == [(base + "search/search_index.json", 200)], "search has no index"
    # At a domain root, the browser's preload scanner first guesses the project path.
    guess = pages_servers[where].root + project_path()
    missed = [
        u for u in failed[1:] if where == "project path" or not u.startswith(guess)
    ]
    assert failed[0] == base + "no/such/lesson/", f"failed requests: {failed}"
    assert not missed, f"failed requests: {failed}"
    not_found = "Failed to load resource: the server responded with a status of 404"
    assert all(e.startswith(not_found) for e in errors), f"console errors: {errors}"
    assert not browser_context.outside


def test_the_server_sends_text_gzipped_as_pages_does(pages_servers):
    server = pages_servers["project path"]
    request = Request(server.url, headers={"Accept-Encoding": "gzip"})
    with urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.read(2) == b"\x1f\x8b"
    try:
        urlopen(server.root + "/index.html")
    except HTTPError as error:
        assert error.code == 404  # nothing outside the project path
    else:
        raise AssertionError("a page outside the project path was served")


def _html_pages(site):
    return [
        (label, (site / path.lstrip("/") / "index.html"))
        for label, path in site_pages(site)
    ]


def test_every_aria_reference_names_an_element_of_its_page(built_site):
    problems = []
    for label, file in _html_pages(built_site) + [("404", built_site / "404.html")]:
        text = file.read_text(encoding="utf-8")
        ids = set(re.findall(r'\bid="([^"]+)"', text))
        for attr, refs in re.findall(
            r'\b(aria-(?:labelledby|describedby|controls))="([^"]*)"', text
        ):
            problems += [
                f"{label}: {attr} names a missing id {ref!r}"
                for ref in refs.split()
                if ref not in ids
            ]
        for tag in re.findall(r'<[^>]+role="dialog"[^>]*>', text):
            if "aria-label" not in tag:
                problems.append(f"{label}: a dialog without a name: {tag}")
    assert not problems, "\n".join(problems)


def _meta(text, key, attr="name"):
    found = re.search(rf'<meta {attr}="{key}" content="([^"]*)"', text)
    return html.unescape(found[1]) if found else None


def test_every_page_has_its_own_description_and_preview_tags(built_site):
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    seen, problems = {}, []
    for label, file in _html_pages(built_site):
        text = file.read_text(encoding="utf-8")
        description = _meta(text, "description")
        if not description or description == config["site_description"]:
            problems.append(f"{label}: no description of its own ({description!r})")
            continue
        if not 40 <= len(description) <= 160:
            problems.append(f"{label}: a description of {len(description)} characters")
        if description in seen:
            problems.append(f"{label}: the same description as {seen[description]}")
        seen[description] = label
        for key in ("og:description", "og:title", "og:url"):
            if not _meta(text, key, attr="property"):
                problems.append(f"{label}: no {key}")
        if _meta(text, "og:description", attr="property") != description:
            problems.append(f"{label}: og:description differs from the description")
    assert not problems, "\n".join(problems)


def test_every_page_shows_the_course_favicon(built_site):
    for label, file in _html_pages(built_site) + [("404", built_site / "404.html")]:
        text = file.read_text(encoding="utf-8")
        icon = re.findall(r'<link rel="icon" href="([^"]+)"', text)
        assert len(icon) == 1 and icon[0].endswith("assets/favicon.svg"), (
            f"{label}: {icon}"
        )
    svg = (built_site / "assets" / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'viewBox="0 0 32 32"' in svg
