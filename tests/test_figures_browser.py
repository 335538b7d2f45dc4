"""Graphs and plots on the built site, in headless Chromium, as readers meet them.

Every page with a figure is opened on a 320-pixel phone in the light and the dark scheme, and
on a 1280-pixel screen in the dark scheme. On each, every figure must: keep its text at least
11 CSS pixels high; stay inside the page's width (a wide graph scrolls inside its own box, which
the keyboard can focus and scroll); draw no white box and no black line in the dark scheme; show
its text in the page's font and colour; keep the two classes' colours at 3:1 against the page;
and be one image, named and described, in Chromium's own accessibility tree.
"""

from html.parser import HTMLParser

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import open_page, refuse_outside
from tests.site_build import site_path

FIGURES = ".mg-figure, .mg-graph"
VIEWS = [("light", 320), ("dark", 320), ("dark", 1280)]

# Measures every visible figure of a page; returns one record per figure.
MEASURE = """() => {
  const rgba = (c) => {
    const m = c.match(/rgba?\\(([^)]*)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (fg, bg) => fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
  const lum = (c) => {
    const l = c.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  };
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const opaque = (c) => c && c[3] === 1;
  const background = (e) => {
    for (; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const width = document.documentElement.clientWidth;
  const pageFont = getComputedStyle(document.querySelector("article")).fontFamily;
  const records = [];
  for (const fig of document.querySelectorAll("FIGURES")) {
    const box = fig.getBoundingClientRect();
    if (box.width === 0) continue;  // in a closed block
    const bg = background(fig);
    const texts = [...fig.querySelectorAll("text")];
    const sizes = texts.map((t) => {
      const m = t.getScreenCTM();
      return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    });
    const textContrast = texts.map((t) => contrast(over(rgba(getComputedStyle(t).fill), bg), bg));
    const drawn = "path, rect, polygon, polyline, ellipse, circle, line, text";
    const shapes = [...fig.querySelectorAll(drawn)].map((e) => getComputedStyle(e));
    const markers = [...fig.querySelectorAll("path")]
      .map((e) => getComputedStyle(e))
      .filter((s) => Number(s.fillOpacity) === 1 && opaque(rgba(s.fill)))
      .map((s) => contrast(rgba(s.fill), bg));
    records.push({
      kind: fig.classList.contains("mg-graph") ? "graph" : "plot",
      left: box.left, right: box.right, width,
      scrolls: fig.scrollWidth > fig.clientWidth + 1,
      smallest: Math.min(...sizes),
      texts: texts.length,
      fonts: [...new Set(texts.map((t) => getComputedStyle(t).fontFamily))],
      pageFont,
      textContrast: Math.min(...textContrast),
      markerContrast: markers.length ? Math.min(...markers) : null,
      white: shapes.filter((s) => s.fill === "rgb(255, 255, 255)").length,
      black: shapes.filter((s) => s.stroke === "rgb(0, 0, 0)" || s.fill === "rgb(0, 0, 0)").length,
      boxes: [fig, ...fig.querySelectorAll("svg")]
        .filter((e) => (rgba(getComputedStyle(e).backgroundColor) || [0, 0, 0, 0])[3] > 0)
        .length,
    });
  }
  return records;
}""".replace("FIGURES", FIGURES)


class _FigureCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        self.count += "mg-figure" in classes or "mg-graph" in classes


def pages_with_figures(site):
    """{page's path on the site ("/", "/02-value/backpropagation/"): how many figures its
    HTML holds}, for the pages that hold any."""
    counts = {}
    for path in sorted(site.rglob("index.html")):
        counter = _FigureCounter()
        counter.feed(path.read_text(encoding="utf-8"))
        if counter.count:
            counts[site_path(site, path)] = counter.count
    return counts


def problems_with(record, scheme):
    """What is wrong with one figure, in words (nothing when all is well)."""
    r, found = record, []
    if r["smallest"] < 11 - 0.01:
        found.append(f"text {r['smallest']:.1f} px high")
    if r["left"] < -0.5 or r["right"] > r["width"] + 0.5:
        found.append(f"spans {r['left']:.0f} to {r['right']:.0f} px of {r['width']}")
    if r["kind"] == "plot" and r["scrolls"]:
        found.append("a plot that scrolls sideways")
    if r["fonts"] != [r["pageFont"]]:
        found.append(f"text in {r['fonts']}, not the page's {r['pageFont']}")
    if r["textContrast"] < 4.5:
        found.append(f"text contrast {r['textContrast']:.2f}")
    if r["markerContrast"] is not None and r["markerContrast"] < 3:
        found.append(f"a marker's colour has contrast {r['markerContrast']:.2f}")
    if r["boxes"]:
        found.append(f"{r['boxes']} elements with a background of their own")
    if r["white"]:
        found.append(f"{r['white']} white shapes")
    if scheme == "dark" and r["black"]:
        found.append(f"{r['black']} black shapes in the dark scheme")
    return found


def accessibility_problems(cdp, kinds):
    """What Chromium's accessibility tree says is wrong: each figure must hold exactly one
    image, with a name and a description; a graph's scrolling box must be focusable and
    named. `kinds` says, for each figure in the page, "graph", "plot" or None (hidden).

    Each figure is reached by a handle on its element, not by the DOM domain's node ids:
    those hold only until Chromium next reports the document updated, and a check that held
    one across such a report failed with "Could not find node with given id"."""
    found = []
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        figure = cdp.send(
            "Runtime.evaluate",
            {"expression": f"document.querySelectorAll({FIGURES!r})[{i}]"},
        )["result"]
        query = {"objectId": figure["objectId"]}
        images = [
            _ax(n)
            for n in cdp.send("Accessibility.queryAXTree", {**query, "role": "image"})[
                "nodes"
            ]
            if not n.get("ignored")
        ]
        own = _ax(
            cdp.send(
                "Accessibility.getPartialAXTree", {**query, "fetchRelatives": False}
            )["nodes"][0]
        )
        what = f"figure {i + 1}"
        if len(images) != 1:
            found.append(f"{what}: {len(images)} images in the accessibility tree")
        for image in images:
            if not image["name"].strip() or not image["description"].strip():
                found.append(
                    f"{what}: an image named {image['name']!r} described "
                    f"{image['description'][:40]!r}"
                )
        if kind == "graph":
            if not (own["focusable"] and own["name"].strip()):
                found.append(
                    f"{what}: the graph's box is not a named focus stop: {own}"
                )
    return found


def _ax(node):
    properties = {
        p["name"]: p["value"].get("value") for p in node.get("properties", [])
    }
    return {
        "role": node.get("role", {}).get("value"),
        "name": node.get("name", {}).get("value", ""),
        "description": node.get("description", {}).get("value", ""),
        "focusable": bool(properties.get("focusable")),
    }


def keyboard_scrolls_a_wide_graph(page):
    """Whether Tab reaches a graph wider than the page and the arrow keys scroll it; None
    when the page has no such graph."""
    graphs = page.locator(".mg-graph").filter(has=page.locator("svg"))
    wide = graphs.evaluate_all(
        "gs => gs.findIndex(g => g.getBoundingClientRect().width > 0"
        " && g.scrollWidth > g.clientWidth + 1)"
    )
    if wide < 0:
        return None
    graph = graphs.nth(wide)
    graph.focus()
    focused = graph.evaluate("g => document.activeElement === g")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    try:  # the scroll is smooth: on a busy machine it may take a moment to start
        page.wait_for_function(
            "g => g.scrollLeft > 0", arg=graph.element_handle(), timeout=5_000
        )
    except PlaywrightTimeout:
        return False
    return focused


def check_page(page, cdp, scheme):
    """Every problem of one page's figures, in words, and how many figures it has."""
    records = page.evaluate(MEASURE)
    kinds = page.locator(FIGURES).evaluate_all(
        "fs => fs.map(f => f.getBoundingClientRect().width === 0 ? null"
        " : f.classList.contains('mg-graph') ? 'graph' : 'plot')"
    )
    found = [
        f"figure {i + 1}: {p}"
        for i, r in enumerate(records)
        for p in problems_with(r, scheme)
    ]
    found += accessibility_problems(cdp, kinds)
    if keyboard_scrolls_a_wide_graph(page) is False:
        found.append("a wide graph cannot be scrolled with the keyboard")
    return found, len(records)


@pytest.mark.browser
def test_figures_read_well_everywhere(built_site, served_site, browser, every_page):
    pages = {
        url: count
        for url, count in pages_with_figures(built_site).items()
        if every_page.keeps(url)
    }
    assert len(pages) >= 15 or not every_page.all, pages
    if not pages:  # --page on a page without figures: nothing of this test applies
        pytest.skip(f"{every_page.page.url} has no figure")
    problems, checked = [], 0
    for scheme, width in VIEWS:
        context = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme
        )
        context.outside = []
        refuse_outside(context, context.outside)
        for url in pages:
            # The figures are in the HTML: a page is measured once it is loaded and set
            # up, and its fonts are in (not once the network goes quiet: half a second
            # more a page).
            page = open_page(context, served_site + url)
            page.evaluate("document.fonts.ready.then(() => true)")
            # figures folded away ("compare after you pass", "going deeper") count too
            page.evaluate(
                "document.querySelectorAll('details').forEach(d => d.open = true)"
            )
            where = f"{url} ({scheme}, {width} px)"
            wanted = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.dataset.mdColorScheme") == wanted, where
            found, count = check_page(page, context.new_cdp_session(page), scheme)
            problems += [f"{where}, {p}" for p in found]
            checked += count
            page.close()
        assert not context.outside, context.outside
        context.close()
    print(f"\n{checked} figures checked on {len(pages)} pages in {len(VIEWS)} views")
    assert checked == len(VIEWS) * sum(pages.values())  # every figure, none hidden
    assert not problems, "\n".join(problems)
