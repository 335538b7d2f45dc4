"""The lessons ask before they show: the rules every lesson, self-check and lab keeps.

- A lesson (modules 1 to 5) has a pitfalls box and one to three exercises, headed
  ``### Exercise N: ...``, each with at least two hints folded until asked for.
- An exercise that asks for code comes before that code: outside a folded block, the page
  shows none of its lines before the exercise. The code asked for is what the exercise
  compares with after you pass (``/// compare``) and the solution of its Parsons puzzle.
- A build-it exercise ends its help with a Parsons puzzle (``/// parsons``): the solution's
  lines, shuffled. In the right order they pass the puzzle's check, in the order shown they
  fail it. A predict or mystery-run exercise has a folded answer (``/// answer``).
- Every module ends with a self-check: 5 to 8 questions, each with exactly one right option
  and a folded explanation. The right option of a "predict the output" question is what its
  code prints, and no other option is.
- Labs run as scripts, ask for code before they show it, and open in Colab beside their
  download.
"""

import contextlib
import html
import io
import os
import re
import runpy
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from hooks import execution, load

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MODULES = sorted(DOCS.glob("0[1-5]-*"))
SELF_CHECKS = [module / "self-check.md" for module in MODULES]
LESSONS = sorted(p for p in DOCS.glob("0[1-5]-*/*.md") if p.name != "self-check.md")
LABS = sorted((DOCS / "labs").glob("*.py"))
REPO = "micrograd-course/micrograd-course"

FOLDED = {"hint", "parsons", "answer", "compare", "deeper", "details"}
EXERCISE = re.compile(r"^### Exercise (\d+): (.+)$")
INCLUDE = re.compile(r'^--8<-- "([^":]+):([\w-]+)"$')


def page_id(path):
    return f"{path.parent.name}/{path.stem}"


class Page:
    """A lesson's markdown: its fences, its folded blocks and its exercises."""

    def __init__(self, path):
        self.path = path
        self.text = path.read_text()
        self.lines = self.text.splitlines()
        self.fences = [
            t for t in MarkdownIt().parse(self.text) if t.type == "fence" and t.map
        ]
        self.in_fence = {i for f in self.fences for i in range(*f.map)}
        self.blocks = self._blocks()

    def _blocks(self):
        """(type, title, first line, last line) of every ``///`` block, outermost first."""
        found, stack = [], []
        for i, line in enumerate(self.lines):
            if i in self.in_fence:
                continue
            if m := re.match(r"^/{3,}\s*([\w-]+)(?:\s*\|\s*(.*))?$", line):
                stack.append((m[1], m[2] or "", i))
            elif re.match(r"^/{3,}\s*$", line):
                kind, title, start = stack.pop()
                found.append((kind, title, start, i))
        assert not stack, f"{self.path.name}: unclosed block {stack}"
        return sorted(found, key=lambda block: block[2])

    def folded(self, line):
        """Whether a line is inside a block that stays folded until the reader opens it."""
        return any(k in FOLDED and a < line < b for k, _, a, b in self.blocks)

    def exercises(self):
        """(number, title, first line, end line) of every exercise."""
        heads = [
            i
            for i, line in enumerate(self.lines)
            if EXERCISE.match(line) and i not in self.in_fence
        ]
        for i in heads:
            end = next(
                (
                    j
                    for j in range(i + 1, len(self.lines))
                    if re.match(r"^#{1,3} ", self.lines[j]) and j not in self.in_fence
                ),
                len(self.lines),
            )
            number, title = EXERCISE.match(self.lines[i]).groups()
            yield int(number), title, i, end

    def blocks_in(self, start, end, kind):
        return [b for b in self.blocks if b[0] == kind and start < b[2] < end]

    def fences_in(self, start, end):
        return [f for f in self.fences if start < f.map[0] < end]


def displayed(fence):
    """The code lines a python fence puts on the page.

    A plain fence shows its code; an exec fence shows it only with ``source=``, and prints
    code when its result is ``python`` (a Parsons puzzle, or a package function's source).
    """
    info = fence.info.strip()
    if not re.match(r"^(\{\s*\.)?(python|py|python3)\b", info):
        return []
    lines = []
    if 'exec="on"' not in info or "source=" in info:
        lines += code_lines(fence)
    if 'exec="on"' in info and 'result="python"' in info:
        lines += run_fence(fence.content)[1].splitlines()
    return lines


def package_section(path, name):
    """The lines of a ``# --8<-- [start:name]`` section of a package file."""
    text = (ROOT / path).read_text()
    start, end = f"[start:{name}]", f"[end:{name}]"
    _, _, rest = text.partition(start)
    assert rest, f"{path} has no section {name}"
    return rest.partition(end)[0].splitlines()[1:-1]


def code_lines(fence):
    """The fence's code, with package snippet includes expanded."""
    lines = []
    for line in fence.content.splitlines():
        if m := INCLUDE.match(line.strip()):
            lines += package_section(*m.groups())
        else:
            lines.append(line)
    return lines


def substantive(lines, shortest=16):
    """The lines that carry an answer: no blanks, comments, signatures or short lines."""
    out = set()
    for line in lines:
        code = re.split(r"\s+#\s", line.strip())[0].strip()
        code = re.sub(r"\s+", " ", code)
        skip = (
            "#",
            "def ",
            "class ",
            "import ",
            "from ",
            '"""',
            "'''",
            ">>>",
            "--8<--",
        )
        if len(code) >= shortest and not code.startswith(skip):
            out.add(code)
    return out


def run_fence(code):
    """Run a fence's code; return its namespace and what it printed."""
    namespace, out = {"__name__": "__fence__"}, io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, namespace)
    return namespace, out.getvalue()


def parsons_fence(page, block):
    """The one fence of a ``/// parsons`` block: it prints the shuffled solution."""
    fences = page.fences_in(block[2], block[3])
    assert len(fences) == 1, f"{page.path.name}: a Parsons block needs one fence"
    fence = fences[0]
    assert 'exec="on"' in fence.info and "source=" not in fence.info, (
        "a Parsons fence prints the shuffled lines and hides its source (the solution)"
    )
    namespace, printed = run_fence(fence.content)
    return namespace["SOLUTION"], namespace["CHECK"], printed


def asked_code(page, start, end, shortest=16):
    """What an exercise asks for: its compare blocks' code and its Parsons solutions."""
    asked = set()
    for block in page.blocks_in(start, end, "compare"):
        for fence in page.fences_in(block[2], block[3]):
            asked |= substantive(displayed(fence), shortest)
    for block in page.blocks_in(start, end, "parsons"):
        solution, _, _ = parsons_fence(page, block)
        asked |= substantive(solution.splitlines(), shortest)
    return asked


def test_there_are_lessons_and_a_self_check_in_every_module():
    modules = {p.parent.name for p in LESSONS}
    assert len(modules) == 5, modules
    assert len(LESSONS) >= 15
    for self_check in SELF_CHECKS:
        assert self_check.is_file(), f"{self_check.parent.name} has no self-check"


@pytest.mark.parametrize("lesson", LESSONS, ids=page_id)
def test_lesson_has_pitfalls_and_exercises_with_hints(lesson):
    page = Page(lesson)
    assert re.search(r"^/// warning \| Pitfalls", page.text, re.M), (
        "no '/// warning | Pitfalls' box"
    )
    found = list(page.exercises())
    assert 1 <= len(found) <= 3, f"{len(found)} exercises (want 1 to 3)"
    assert [n for n, *_ in found] == list(range(1, len(found) + 1)), (
        "exercises are numbered 1, 2, 3 in page order"
    )
    for _, title, start, end in found:
        hints = page.blocks_in(start, end, "hint")
        assert len(hints) >= 2, f"exercise {title!r} has {len(hints)} hints"
    assert not re.search(r"^#+ .*\bsolution", page.text, re.M | re.I), (
        "a lesson page shows a solution"
    )


@pytest.mark.parametrize("lesson", LESSONS, ids=page_id)
def test_every_exercise_ends_with_an_answer_or_a_parsons_puzzle(lesson):
    page = Page(lesson)
    for _, title, start, end in page.exercises():
        body = "\n".join(page.lines[start:end])
        answers = page.blocks_in(start, end, "answer")
        parsons = page.blocks_in(start, end, "parsons")
        hints = page.blocks_in(start, end, "hint")
        assert answers or parsons, f"{title!r}: neither an answer nor a Parsons puzzle"
        first_paragraph = body.split("\n\n")[1]
        if re.search(r"predict|mystery", title + first_paragraph, re.I):
            assert answers, f"{title!r} asks to predict: it needs a folded answer"
        if parsons:
            assert parsons[0][2] > hints[-1][2], (
                f"{title!r}: the Parsons puzzle is last"
            )
        if "python -m micrograd.check" in body:
            assert parsons, (
                f"{title!r} builds a piece: the last help is a Parsons puzzle"
            )
            assert page.blocks_in(start, end, "compare"), (
                f"{title!r}: the package's version goes in a '/// compare' block"
            )


@pytest.mark.parametrize("lesson", LESSONS, ids=page_id)
def test_no_page_shows_the_code_an_exercise_asks_for_before_it(lesson):
    page = Page(lesson)
    for _, title, start, end in page.exercises():
        asked = asked_code(page, start, end)
        for fence in page.fences:
            line = fence.map[0]
            if line >= start or page.folded(line):
                continue
            shown = substantive(displayed(fence)) & asked
            assert not shown, (
                f"line {line + 1} shows, before exercise {title!r}, code it asks for: "
                f"{sorted(shown)}"
            )


def test_start_here_tells_where_the_checker_and_the_answers_are():
    """Both checkers (the page's editor and the command line), and the course's version
    shown after a pass, never "no page gives the finished code"."""
    text = " ".join((DOCS / "start-here.md").read_text().split())
    assert "**In the page.**" in text and "python -m micrograd.check" in text
    assert "Compare after you pass" in text and "passes its Check" in text
    assert "No page gives you the finished code" not in text


@pytest.mark.parametrize("lesson", LESSONS, ids=page_id)
def test_no_hint_gives_a_line_of_the_solution(lesson):
    """A hint asks, or says where to look: the line itself is the learner's to write (a
    bare call such as ``L.backward()`` is no answer)."""
    page = Page(lesson)
    for _, title, start, end in page.exercises():
        asked = asked_code(page, start, end, shortest=8)
        asked = {line for line in asked if not re.fullmatch(r"[\w.]+\(\w*\)", line)}
        for _, hint, first, last in page.blocks_in(start, end, "hint"):
            text = re.sub(r"\s+", " ", "\n".join(page.lines[first + 1 : last]))
            given = sorted(line for line in asked if line in text)
            assert not given, f"{title!r}, {hint}: the hint gives the line(s) {given}"


@pytest.mark.parametrize("lesson", LESSONS, ids=page_id)
def test_compare_blocks_come_after_their_exercise(lesson):
    """'Compare after you pass' blocks live inside an exercise, after its hints."""
    page = Page(lesson)
    spans = [(start, end) for _, _, start, end in page.exercises()]
    for kind, _, start, _ in page.blocks:
        if kind != "compare":
            continue
        assert any(a < start < b for a, b in spans), (
            f"line {start + 1}: a compare block outside any exercise"
        )


PARSONS = [
    (lesson, i)
    for lesson in LESSONS
    for i, block in enumerate(Page(lesson).blocks)
    if block[0] == "parsons"
]


@pytest.mark.parametrize(
    "lesson, index", PARSONS, ids=[f"{page_id(p)}-{i}" for p, i in PARSONS]
)
def test_parsons_puzzle_is_the_solution_shuffled(lesson, index):
    page = Page(lesson)
    solution, check, printed = parsons_fence(page, page.blocks[index])
    right = [line for line in solution.splitlines() if line.strip()]
    shown = printed.rstrip("\n").splitlines()
    assert sorted(shown) == sorted(right), (
        "the puzzle shows other lines than its solution"
    )
    assert shown != right, "the puzzle shows the lines in the right order"
    exec(check, {"SOLUTION": solution})  # the right order passes its check
    with pytest.raises(Exception):  # noqa: B017 (any error: syntax, name, assertion)
        exec(check, {"SOLUTION": "\n".join(shown)})


def test_parsons_puzzles_show_one_line_per_line_on_the_site(built_site):
    """The built page shows each puzzle's lines as lines (a print quirk could join them)."""
    checked = 0
    for lesson, index in PARSONS:
        page = Page(lesson)
        solution, _, _ = parsons_fence(page, page.blocks[index])
        built = built_site / lesson.parent.name / lesson.stem / "index.html"
        blocks = re.findall(
            r"<summary>Last hint: put the lines in order</summary>(.*?)</code>",
            built.read_text(),
            re.S,
        )
        shown = [html.unescape(re.sub(r"<[^>]+>", "", b)) for b in blocks]
        lines = [line for line in solution.splitlines() if line.strip()]
        assert any(
            sorted(b.strip("\n").splitlines()) == sorted(lines) for b in shown
        ), f"{lesson.name}: the puzzle's lines are not shown one per line"
        checked += 1
    assert checked == len(PARSONS) > 10


@pytest.mark.parametrize("lesson", LESSONS, ids=page_id)
def test_broken_code_wears_a_badge(lesson):
    """Deliberately wrong code sits in a '/// wrong' block titled 'This code is wrong'."""
    page = Page(lesson)
    for kind, title, start, end in page.blocks:
        if kind == "wrong":
            assert title.startswith("This code is wrong"), (
                f"line {start + 1}: {title!r}"
            )
            assert page.fences_in(start, end), f"line {start + 1}: a badge without code"


ANNOTATED = ["+=", "reversed(", "zero_grad()", ".grad = 1"]


def annotated_lines():
    """Every code line carrying a Material annotation marker ``# (N)!``, by page."""
    for lesson in LESSONS:
        page = Page(lesson)
        for fence in page.fences:
            markers = re.findall(r"#\s*\((\d+)\)!", fence.content)
            if not markers:
                continue
            after = page.lines[fence.map[1] :]
            items = []
            for line in after[1:] if after and not after[0].strip() else after:
                if m := re.match(r"^(\d+)\. ", line):
                    items.append(m[1])
                elif line.strip() and not line[0].isspace():
                    break
            yield lesson, markers, items, fence.content


def test_pitfalls_are_annotated_where_they_happen():
    seen = set()
    for lesson, markers, items, code in annotated_lines():
        assert markers == [str(n) for n in range(1, len(markers) + 1)], lesson.name
        assert items == markers, (
            f"{lesson.name}: markers {markers} need a numbered list {items} after the fence"
        )
        for line in code.splitlines():
            if re.search(r"#\s*\(\d+\)!", line):
                seen |= {pattern for pattern in ANNOTATED if pattern in line}
    assert seen == set(ANNOTATED), f"no annotation on: {set(ANNOTATED) - seen}"


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.stem)
def test_admonitions_use_blocks_syntax(page):
    """Fences indented under '!!!' or '===' are not tested: the course uses '///' blocks."""
    bad = re.findall(r"^\s*(?:!!!|\?\?\?|===) ", page.read_text(), re.M)
    assert not bad, f"indented admonition/tab syntax: {bad}"


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.stem)
def test_untested_fences_are_package_code(page):
    """A fence the tests skip ('notest') may only include a section of a package file."""
    for token in MarkdownIt().parse(page.read_text()):
        if token.type == "fence" and "notest" in token.info:
            lines = [line for line in token.content.splitlines() if line.strip()]
            assert lines and all(line.startswith("--8<--") for line in lines), (
                f"line {token.map[0] + 1}: a notest fence holds code no test runs"
            )


# Self-checks ---------------------------------------------------------------------------

QUESTION = re.compile(r"<fieldset class=\"self-check__question\"(.*?)</fieldset>", re.S)
OPTION = re.compile(
    r"<label><input type=\"radio\" name=\"(\w+)\"[^>]*?( data-correct)?>(.*?)</label>"
)


def questions(path):
    return QUESTION.findall(path.read_text())


def option_text(raw):
    return html.unescape(re.sub(r"<[^>]+>", "", raw)).strip()


@pytest.mark.parametrize("self_check", SELF_CHECKS, ids=lambda p: p.parent.name)
def test_self_check_has_five_to_eight_questions_with_explanations(self_check):
    text = self_check.read_text()
    found = questions(self_check)
    assert 5 <= len(found) <= 8, f"{len(found)} questions (want 5 to 8)"
    names = set()
    for number, body in enumerate(found, start=1):
        options = OPTION.findall(body)
        assert len(options) >= 2, f"question {number}: {len(options)} options"
        assert len({name for name, *_ in options}) == 1, f"question {number}: one group"
        names.add(options[0][0])
        right = [text for _, correct, text in options if correct]
        assert len(right) == 1, f"question {number}: {len(right)} right options"
        assert re.search(r"^/// details \| ", body, re.M), (
            f"question {number}: no folded explanation"
        )
        assert re.search(r"<legend>.+</legend>", body), f"question {number}: no legend"
    assert len(names) == len(found), "every question needs its own radio group name"
    # a page feature (web/self-check.js): set up on every visit, instant navigation too
    assert '<form class="self-check" data-course="self-check" markdown>' in text


def test_no_page_loads_a_script_of_its_own():
    for page in DOCS.rglob("*.md"):
        assert "<script" not in page.read_text(), page


PREDICT = [
    (path, number, body)
    for path in SELF_CHECKS
    if path.is_file()
    for number, body in enumerate(questions(path), start=1)
    if 'data-kind="predict"' in body
]


@pytest.mark.parametrize(
    "self_check, number, body",
    PREDICT,
    ids=[f"{p.parent.name}-q{n}" for p, n, _ in PREDICT],
)
def test_predict_question_offers_what_the_code_prints(self_check, number, body):
    fences = [t for t in MarkdownIt().parse(body) if t.type == "fence"]
    code = [f for f in fences if f.info.strip() == "python"][0].content
    _, printed = run_fence(code)
    options = OPTION.findall(body)
    right = [option_text(t) for _, correct, t in options if correct]
    wrong = [option_text(t) for _, correct, t in options if not correct]
    assert right == [printed.strip()], f"the code prints {printed.strip()!r}"
    assert printed.strip() not in wrong


def test_every_module_has_predict_questions():
    for path in SELF_CHECKS:
        assert any(p == path for p, _, _ in PREDICT), f"{path.parent.name}: none"


# Labs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lab", LABS, ids=lambda p: p.stem)
def test_lab_runs_as_a_script(lab, monkeypatch, tmp_path):
    """Unless it ran to its end before with what it reads now (hooks/execution.py)."""
    code = lab.read_text()
    if execution.known(code):
        return
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    with load.reading() as reader:
        runpy.run_path(str(lab), run_name="__main__")
    assert not os.listdir(tmp_path), "a lab must not write files"
    execution.remember(code, reader)


@pytest.mark.parametrize("lab", LABS, ids=lambda p: p.stem)
def test_lab_asks_for_code_before_it_shows_it(lab):
    """A 'your turn' cell stubs a function; the lab's own version of it comes later."""
    cells = lab.read_text().split("\n# %%")
    stubs = [
        (i, name)
        for i, cell in enumerate(cells)
        if "raise NotImplementedError" in cell
        for name in re.findall(r"^def (\w+)\(", cell, re.M)
    ]
    assert stubs, "no cell asks the reader to write code first"
    for i, name in stubs:
        earlier = [c for c in cells[:i] if re.search(rf"^def {name}\(", c, re.M)]
        later = [c for c in cells[i + 1 :] if re.search(rf"^def {name}\(", c, re.M)]
        assert not earlier, f"{name} is shown before the cell that asks for it"
        assert later, f"the lab never shows its own {name}"


@pytest.mark.parametrize("lab", LABS, ids=lambda p: p.stem)
def test_lab_opens_in_colab_from_its_notebook(lab):
    import jupytext

    notebook = lab.with_suffix(".ipynb")
    colab = (
        f"https://colab.research.google.com/github/{REPO}/blob/main/docs/labs/"
        f"{notebook.name}"
    )
    assert colab in lab.read_text(), "no link to open the lab in Colab"
    assert f"(../{notebook.name})" in lab.read_text(), "no download link"
    assert notebook.is_file(), f"no {notebook.name} for Colab to open"

    def cells(path):
        return [(c.cell_type, c.source) for c in jupytext.read(path).cells]

    assert cells(notebook) == cells(lab), (
        f"{notebook.name} is out of date: run "
        f"`.venv/bin/jupytext --to ipynb docs/labs/{lab.name}`"
    )


# In the browser -------------------------------------------------------------------------

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, selector):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (selector) => {
            const result = await axe.run(
                {include: [[selector]], exclude: [["pre"], ["code"]]},
                {runOnly: ["color-contrast", "label", "aria-allowed-attr"]});
            return result.violations.map(v => `${v.id}: ${v.nodes.length} nodes`);
        }""",
        selector,
    )


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_self_check_marks_answers_in_words(served_site, browser_context, scheme):
    from playwright.sync_api import expect

    page = browser_context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{served_site}/02-value/self-check/", wait_until="networkidle")
    check = page.get_by_role("button", name="Check my answers")
    expect(check).to_be_visible()  # shown by the page's script, once it has run
    questions = page.locator(".self-check__question")
    total = questions.count()
    questions.nth(0).locator("input[data-correct]").check()
    questions.nth(1).locator("input:not([data-correct])").first.check()
    check.press("Enter")
    verdicts = page.locator(".self-check__verdict")
    assert verdicts.nth(0).inner_text().startswith("✓ Right")
    assert verdicts.nth(1).inner_text().startswith("✗ Not quite")
    assert verdicts.nth(2).inner_text() == "Not answered yet."
    assert questions.nth(1).locator("details").get_attribute("open") is not None
    assert page.locator(".self-check__score").get_attribute("role") == "status"
    score = page.locator(".self-check__score").inner_text()
    assert score.startswith(f"1 of {total} right.") and "2, 3" in score, score
    assert not axe_violations(page, "form.self-check")
    page.get_by_role("button", name="Start again").click()
    assert page.locator(".self-check__score").inner_text() == ""
    assert errors == [] and browser_context.outside == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wrong_code_badge_and_annotations_show(served_site, browser_context, scheme):
    page = browser_context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{served_site}/02-value/backpropagation/", wait_until="networkidle")
    badge = page.locator(".admonition.wrong > .admonition-title").first
    assert badge.is_visible()
    assert badge.inner_text().startswith("This code is wrong")
    assert not axe_violations(page, ".admonition.wrong > .admonition-title")
    assert page.locator(".md-annotation").count() >= 3, "code annotations not rendered"
