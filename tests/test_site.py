"""The built site: strict build, page weight, notebooks for download, and a browser pass.

The weight checks: no page over MAX_PAGE_BYTES; each lab cell's code once in the search index
and no copy-button notices; lab pages without nbconvert's scripts and stylesheets; no Pyodide
assets from markdown-exec on any page.

The browser test opens every page in headless Chromium and checks that there is no console
error, no request leaving localhost, every graph picture and plot that the page's source asks
for, and no raw LaTeX.
"""

import functools
import html
import json
import re
from pathlib import Path

import pytest

from tests.site_build import nav_pages, nav_url, site_path

DOCS = Path(__file__).resolve().parent.parent / "docs"
MAX_PAGE_BYTES = 300_000


def pages(site):
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


def source_of(site, page):
    """The markdown (or lab) file a built page came from, or None."""
    rel = page.parent.relative_to(site)
    if rel == Path("."):
        return DOCS / "index.md"
    for candidate in (DOCS / f"{rel}.md", DOCS / rel / "index.md", DOCS / f"{rel}.py"):
        if candidate.is_file():
            return candidate
    return None


def test_every_nav_page_is_built(built_site):
    for src in nav_pages():
        assert (built_site / nav_url(src).strip("/") / "index.html").is_file(), (
            f"{src} was not built"
        )


def test_pages_stay_light(built_site):
    heavy = {
        str(p.relative_to(built_site)): p.stat().st_size for p in pages(built_site)
    }
    heaviest = max(heavy, key=heavy.get)
    print(f"\n{len(heavy)} pages; heaviest {heaviest}: {heavy[heaviest] / 1000:.0f} KB")
    too_heavy = {k: v for k, v in heavy.items() if v > MAX_PAGE_BYTES}
    assert not too_heavy, f"pages over {MAX_PAGE_BYTES} bytes: {too_heavy}"


def test_labs_download_as_notebooks(built_site):
    labs = sorted((DOCS / "labs").glob("*.py"))
    assert labs
    for lab in labs:
        notebook = json.loads((built_site / "labs" / f"{lab.stem}.ipynb").read_text())
        assert notebook["cells"], lab.name
        page = (built_site / "labs" / lab.stem / "index.html").read_text()
        assert f"../{lab.stem}.ipynb" in page, (
            f"{lab.name}: no download link to its notebook"
        )


def _search_text_by_page(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    text = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        text[page] = text.get(page, "") + "\n" + doc["text"]
    return text


def test_search_index_holds_each_lab_cell_once(built_site):
    import jupytext

    size = (built_site / "search" / "search_index.json").stat().st_size
    print(f"\nsearch index: {size / 1000:.0f} KB")
    text = _search_text_by_page(built_site)
    copied = [page for page, words in text.items() if "Copied!" in words]
    assert not copied, f"copy-button notices in the search index of {copied}"
    for lab in sorted((DOCS / "labs").glob("*.py")):
        code = [c.source for c in jupytext.read(lab).cells if c.cell_type == "code"]
        lab_text = text[f"labs/{lab.stem}/"]
        for cell in code:
            line = max(cell.splitlines(), key=len)
            expected = sum(other.count(line) for other in code)
            found = lab_text.count(html.escape(line, quote=False))
            assert found == expected, (
                f"{lab.name}: {line!r} is {found} times in the index"
            )


def test_lab_pages_carry_only_their_cells(built_site):
    """No script, stylesheet or style of nbconvert's: the theme styles what is left."""
    for lab in sorted((DOCS / "labs").glob("*.py")):
        page = (built_site / "labs" / lab.stem / "index.html").read_text()
        article = page[page.index("<article") : page.index("</article>")]
        for tag in ("<script", "<style", "<link"):
            assert tag not in article, f"{lab.name}: {tag} in the page's content"
        assert "jp-CodeCell" in article and "highlight-ipynb" not in article, lab.name


def test_no_page_loads_markdown_exec_pyodide_assets(built_site):
    assert not list(built_site.glob("assets/_markdown_exec_*"))
    loading = [
        str(p.relative_to(built_site))
        for p in pages(built_site)
        if "_markdown_exec_pyodide" in p.read_text()
    ]
    assert not loading, f"pages loading markdown-exec's Pyodide assets: {loading}"


RAW_TEX = re.compile(
    r"\$\$|\\\(|\\\[|\\(frac|partial|cdot|sum|left|right|mathrm|tanh|text)\b"
)


def visible_text(page):
    """The text of a built page's article, folded blocks (hints, answers) included, without
    its code, scripts, styles, figures and math."""
    article = page[page.index("<article") : page.index("</article>")]
    article = re.sub(
        r"<(pre|code|script|style|math|svg)\b.*?</\1>", " ", article, flags=re.S
    )
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


STATIC_IMPORT = re.compile(
    r"""(?:from|import)\s*"\./(?:chunks/)?(chunk-[\w-]+\.js)\""""
)


def _loaded_with(path):
    """The text of a script of the bundle and of every chunk it imports, however deep."""
    chunks = path.parent if path.parent.name == "chunks" else path.parent / "chunks"
    seen, todo, text = set(), [path], []
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            text.append(path.read_text(encoding="utf-8"))
            todo += [chunks / name for name in STATIC_IMPORT.findall(text[-1])]
    return "".join(text)


def test_only_the_review_page_loads_what_reviews_ask(built_site):
    """Every page counts the reviews due from each topic's title alone; the questions,
    code and answers of the review bank load only with the review list."""
    from micrograd.check.reviews import page_data

    ids = [item["id"] for topic in page_data().values() for item in topic["items"]]
    bundle = built_site / "assets" / "course"
    scripts = [bundle / "course.js"] + sorted(
        p for p in (bundle / "chunks").glob("*.js") if not p.name.startswith("chunk-")
    )
    named = {path.name.rsplit("-", 1)[0]: path for path in scripts}
    assert {"course.js", "reviews", "review-list"} <= set(named), sorted(named)
    holding = {
        name
        for name, path in named.items()
        if any(f'"{i}"' in _loaded_with(path) for i in ids)
    }
    assert holding == {"review-list"}, holding


def test_no_raw_tex_on_any_page(built_site):
    """Math becomes MathML everywhere: a `$` left in the text is TeX that was not (a space
    before the closing `$` makes "$= $" plain text, for one)."""
    leaks = []
    for page in pages(built_site):
        text = visible_text(page.read_text(encoding="utf-8"))
        for found in re.finditer(rf"\$|{RAW_TEX.pattern}", text):
            near = " ".join(text[found.start() - 40 : found.end() + 40].split())
            leaks.append(f"{page.parent.relative_to(built_site)}: {near!r}")
    assert not leaks, "raw TeX in the page:\n" + "\n".join(leaks)


def _console_error(errors, message):
    if message.type == "error":
        errors.append(message.text)


@pytest.mark.browser
def test_every_page_in_a_browser(built_site, served_site, browser_context, every_page):
    problems, checked = [], 0
    context, outside = browser_context, browser_context.outside
    for page_file in pages(built_site):
        path = site_path(built_site, page_file)
        if not every_page.keeps(path):
            continue
        url = served_site + path
        errors, outside[:] = [], []
        page = context.new_page()
        page.on("console", functools.partial(_console_error, errors))
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(url, wait_until="networkidle")
        article = page.locator("article")
        text = article.evaluate(
            "a => { const c = a.cloneNode(true);"
            " c.querySelectorAll('pre, code, .highlight').forEach(e => e.remove());"
            " return c.innerText; }"
        )
        graphs = article.locator("svg g.node").count()
        plots = article.evaluate(  # with every hint and answer open: closed, they are not drawn
            "a => { a.querySelectorAll('details').forEach(d => d.open = true);"
            " return [...a.querySelectorAll('.mg-figure')]"
            ".filter(f => f.getBoundingClientRect().width > 0).length; }"
        )
        maths = article.locator("math").count()
        source = source_of(built_site, page_file)
        src = source.read_text() if source else ""
        label = path.strip("/") or "home"
        if errors:
            problems.append(f"{label}: console errors {errors}")
        if outside:
            problems.append(f"{label}: requests leaving the site {outside}")
        if tex := RAW_TEX.search(text):
            problems.append(
                f"{label}: raw LaTeX visible near {text[tex.start() - 30 : tex.end() + 30]!r}"
            )
        if "print(svg(" in src and graphs == 0:
            problems.append(f"{label}: the source draws a graph, the page shows none")
        if "print(html(" in src and plots < src.count("print(html("):
            problems.append(
                f"{label}: {src.count('print(html(')} plots in the source, {plots} shown"
            )
        if (
            re.search(r"(?<![\\\w])\$[^$\n]+\$", src)
            and source.suffix == ".md"
            and maths == 0
        ):
            problems.append(f"{label}: the source has math, the page shows no MathML")
        page.close()
        checked += 1
    print(f"\n{checked} pages checked in Chromium")
    assert checked > 10 or (checked == 1 and not every_page.all)
    assert not problems, "\n".join(problems)
