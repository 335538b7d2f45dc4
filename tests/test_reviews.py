"""The spaced reviews' logic and bank, without a browser.

- web/schedule.js, run by Node on a simulated clock: the first review a day after and not
  before, the gaps growing on right answers, back to a day on a wrong one, modules
  interleaved, many topics over months, and a bank's wording never asked twice in a row.
- web/expression.js, run by Node: a typed derivative is right exactly when CPython, reading
  it, gets micrograd's gradient, however it is written.
- web/python-source.js, run by Node: the statements of every Python file of this
  repository, where Python's tokenizer finds them.
- web/rebuild.js, run by Node: a rebuild's task is the reader's file with exactly one
  function's body replaced, as CPython's ast sees it, on odd files and on the solutions
  with comments and blank lines strewn through them.
- The bank (micrograd/check/reviews.py): every predict answer is what its code prints, every
  accepted derivative is micrograd's gradient, every bug's lines fail and its fix passes,
  every rebuild names a function of its exercise's correct solution.
"""

import ast
import io
import json
import random
import subprocess
import sys
import textwrap
import tokenize
from pathlib import Path

import pytest

from micrograd.check import reviews
from micrograd.check.exercises import EXERCISES
from micrograd.engine import Value
from tests.web_node import node

ROOT = Path(__file__).resolve().parent.parent
DAY = 24 * 60 * 60 * 1000


def test_the_first_review_is_a_day_after_and_not_before():
    got = node(
        "schedule.js",
        """
      const t0 = Date.UTC(2026, 0, 5, 9);  // a Monday, 9:00
      const cards = {"exercise/value": s.learn(null, {title: "v", module: "02"}, t0)};
      const ids = (now) => s.due(cards, now).map(([id]) => id);
      console.log(JSON.stringify([ids(t0), ids(t0 + s.DAY - 1), ids(t0 + s.DAY)]));
    """,
    )
    assert got == [[], [], ["exercise/value"]]


def test_next_is_the_soonest_due_or_none():
    got = node(
        "schedule.js",
        """
      const a = s.learn(null, {title: "a", module: "02"}, 5 * s.DAY);
      const b = s.learn(null, {title: "b", module: "03"}, 2 * s.DAY);
      console.log(JSON.stringify([s.next({a, b}) / s.DAY, s.next({})]));
    """,
    )
    assert got == [3, None]


def test_learning_again_keeps_the_card():
    got = node(
        "schedule.js",
        """
      const card = s.learn(null, {title: "v", module: "02"}, 0);
      console.log(JSON.stringify(s.learn(card, {title: "v", module: "02"}, 5 * s.DAY)));
    """,
    )
    assert got["due"] == DAY and got["last"] == 0


def test_right_answers_grow_the_gap_and_a_wrong_one_resets_it():
    got = node(
        "schedule.js",
        """
      let now = 0, card = s.learn(null, {title: "v", module: "02"}, now);
      const gaps = [];
      for (const right of [true, true, true, true, true, true, false, true]) {
        now = card.due;
        card = s.answer(card, right, now);
        gaps.push((card.due - now) / s.DAY);
      }
      console.log(JSON.stringify(gaps));
    """,
    )
    assert got == [3, 7, 21, 60, 60, 60, 1, 3]


def test_due_reviews_interleave_modules():
    got = node(
        "schedule.js",
        """
      const cards = {};
      const learn = (id, module, at) => (cards[id] = s.learn(null, {title: id, module}, at));
      learn("a1", "02", 0); learn("a2", "02", 1); learn("a3", "02", 2);
      learn("b1", "03", 3); learn("c1", "04", 4);
      console.log(JSON.stringify(s.due(cards, 10 * s.DAY).map(([id]) => id)));
    """,
    )
    assert got == ["a1", "b1", "a2", "c1", "a3"]


def test_many_topics_over_months_are_each_asked_at_their_gaps():
    """Forty topics learned over two months, answered every day for a year (one in five
    wrong): each is asked on the day it is due, never before, at gaps from GAPS only."""
    got = node(
        "schedule.js",
        """
      const cards = {}, asked = {};
      let wrong = 0;
      for (let day = 0; day < 365; day++) {
        const now = day * s.DAY;
        if (day < 60 && day % 3 < 2) {
          const id = `t${Object.keys(cards).length}`;
          cards[id] = s.learn(null, {title: id, module: `m${day % 5}`}, now);
        }
        for (const [id, card] of s.due(cards, now)) {
          if (card.due > now) throw new Error("asked early");
          const right = (++wrong) % 5 !== 0;
          (asked[id] ??= []).push([(now - card.last) / s.DAY, right]);
          cards[id] = s.answer(card, right, now);
        }
      }
      console.log(JSON.stringify({n: Object.keys(cards).length, asked}));
    """,
    )
    assert got["n"] == 40
    for history in got["asked"].values():
        step, expected = 0, []
        for _, right in history:
            expected.append([1, 3, 7, 21, 60][min(step, 4)])
            step = step + 1 if right else 0
        assert [gap for gap, _ in history] == expected
        assert len(history) >= 4  # a year of reviews brings every topic back


def test_pick_never_asks_the_same_item_twice_in_a_row_when_the_bank_has_two():
    got = node(
        "schedule.js",
        """
      const items = [{id: "a"}, {id: "b"}, {id: "c", kind: "rebuild"}];
      const seq = [];
      let last = null;
      for (let i = 0; i < 6; i++) { last = s.pick(items, last).id; seq.push(last); }
      const usable = (item) => item.kind !== "rebuild";
      console.log(JSON.stringify([seq, s.pick(items, "a", usable).id,
        s.pick([{id: "x"}], "x").id, s.pick(items, null, () => false)]));
    """,
    )
    seq, without_rebuild, alone, nothing = got
    assert all(a != b for a, b in zip(seq, seq[1:])), seq
    assert set(seq) == {"a", "b", "c"}
    assert (without_rebuild, alone, nothing) == ("b", "x", None)


# --- the bank --------------------------------------------------------------------------

ITEMS = [
    pytest.param(item, id=item["id"])
    for entry in reviews.BANK.values()
    for item in entry["items"]
]


def test_the_bank_covers_every_exercise_but_the_capstone_and_every_self_check():
    topics = set(reviews.BANK)
    assert {f"exercise/{n}" for n in EXERCISES if n != "capstone"} <= topics
    modules = sorted(p.parent.name for p in (ROOT / "docs").glob("0*/self-check.md"))
    assert {f"self-check/{m}/self-check/" for m in modules} <= topics
    ids = [item["id"] for entry in reviews.BANK.values() for item in entry["items"]]
    assert len(ids) == len(set(ids))


def _right_in_python(item, code):
    """Is the answer ``code`` (text or compiled) micrograd's gradient, at five random
    points? ``x`` stands for ``wrt``, the name differentiated by."""
    rng = random.Random(3)
    for _ in range(5):
        x = Value(rng.uniform(0.2, 2.0))
        names = {n: rng.uniform(-2, 2) for n in item["names"]}
        names["x"] = x
        out = eval(item["expression"], {}, names)
        out.backward()
        names.update({"o": out.data, item["wrt"]: x.data})
        if eval(code, {}, names) != pytest.approx(x.grad):
            return False
    return True


@pytest.mark.parametrize("item", ITEMS)
def test_each_item_is_right(item):
    kind = item["kind"]
    if kind == "predict":
        answer = reviews.page_data()  # produced by running the code
        shown = {i["id"]: i for t in answer.values() for i in t["items"]}[item["id"]]
        assert shown["answer"] == reviews.run(item["code"]) != ""
    elif kind == "derivative":
        for accepted in item["answers"]:
            assert _right_in_python(item, accepted), accepted
    elif kind == "bug":
        lines = item["lines"]
        fixed = [
            item["fix"] if i == item["wrong"] else line for i, line in enumerate(lines)
        ]

        def runs(lines):
            body = "\n".join(lines)
            if item["setup"].rstrip().endswith(":"):
                body = textwrap.indent(body, "    ")
            exec(item["setup"] + body + "\n" + item["check"], {})

        with pytest.raises(AssertionError):
            runs(lines)
        runs(fixed)
    else:
        assert kind == "rebuild"
        correct = ROOT / "tests" / "check_cases" / item["exercise"] / "correct.py"
        assert f"def {item['function']}(" in correct.read_text()


# --- a derivative's answer, read as arithmetic ----------------------------------------------

DERIVATIVES = {
    item["id"]: item
    for topic in reviews.BANK.values()
    for item in topic["items"]
    if item["kind"] == "derivative"
}
# Answers a reader may type, beyond the bank's own: right ones written otherwise, wrong
# ones, and ones that are not arithmetic of the names given.
TYPED = {
    "value-tanh": [
        "(1 - o)*(1 + o)",
        "-o**2 + 1",
        "1 - o^2",
        "1 - o**2.0",
        "1-2*o",
        "o**2 - 1",
        "1 - o*o*o",
        "1 - tanh(o)**2",
        "1 - x**2",
    ],
    "loss-hinge-grad": ["-1*y", "0 - y", "(-y)", "y", "-y**1", "-s*y", "- y"],
    "big-power": ["3*x^2", "x**2*3", "3 * x ** 2.0", "3x^2", "3*x**3", "x*x*3", "6*x"],
    "selfcheck-value-mul": ["b*1", "a", "b + 0*a", "a*b", "b/1.0"],
    "selfcheck-nn-weight": ["a", "a + b", "1*a", "w"],
    "selfcheck-train-square": [
        "-2*(t - s)",
        "2*s-2*t",
        "2*(t-s)",
        "2s - 2t",
        "(s-t)*2",
        "2*(s - t)**1",
        "(s - t)**2",
    ],
    "selfcheck-full-relu": ["1.0", "1", "0", "x", "2 - 1", "1e0", ".5*2"],
}
UNREADABLE = ["", "1 -", "(1 - ", "1)", "1 — 2", "**2", "1 = 1", "print(1)"]
ARITHMETIC = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Pow,
    ast.USub,
    ast.UAdd,
)


def _python_reads(text, names):
    """``text`` as Python reads it, ^ as **, if it is arithmetic of ``names`` only."""
    try:
        tree = ast.parse(text.replace("^", "**"), mode="eval")
    except SyntaxError:
        return None
    for part in ast.walk(tree):
        if not isinstance(part, ARITHMETIC) or (
            isinstance(part, ast.Name) and part.id not in names
        ):
            return None
        if isinstance(part, ast.Constant) and not isinstance(part.value, int | float):
            return None
    return compile(tree, "<answer>", "eval")


def test_a_derivative_is_right_when_its_arithmetic_is_micrograds_gradient():
    """Every answer typed (the bank's, others right and wrong, and ones that are not
    arithmetic): the page marks it right exactly when CPython, reading it, gets
    micrograd's gradient; one that cannot be read is said so."""
    asked = [
        (item_id, text)
        for item_id, item in DERIVATIVES.items()
        for text in [*item["answers"], *TYPED[item_id], *UNREADABLE]
    ]
    got = node(
        "expression.js",
        "console.log(JSON.stringify(given.map(([text, answer, names]) =>"
        " s.compare(text, answer, names))));",
        [
            [text, DERIVATIVES[i]["answers"][0], DERIVATIVES[i]["names"]]
            for i, text in asked
        ],
    )
    assert set(TYPED) == set(DERIVATIVES)
    verdicts = {"right": 0, "wrong": 0, "unread": 0}
    for (item_id, text), verdict in zip(asked, got, strict=True):
        item = DERIVATIVES[item_id]
        code = _python_reads(text, item["names"])
        if code is None:
            assert verdict["error"] and not verdict["same"], (item_id, text, verdict)
            verdicts["unread"] += 1
            continue
        right = _right_in_python(item, code)
        assert verdict == {"same": right, "error": ""}, (item_id, text)
        verdicts["right" if right else "wrong"] += 1
    assert min(verdicts.values()) >= 10, verdicts
    said = dict(zip(asked, got, strict=True))
    assert "write * to multiply" in said["big-power", "3x^2"]["error"]
    assert "the answer is a number" in said["selfcheck-full-relu", "x"]["error"]


# --- a rebuild's task ----------------------------------------------------------------------

HOLE = "# Rebuild this from memory."  # web/rebuild.js
# Files a reader may write, each with the function a rebuild empties.
ODD = {
    "a comment after the def's colon": (
        "class Value:\n    def backward(self):  # walk the graph\n        topo = []\n"
        "        for v in topo:\n            v._backward()\n\n"
        "    def __repr__(self):\n        return 'V'\n",
        "backward",
    ),
    "a comment at column 0 in the body": (
        "class Value:\n    def backward(self):\n        topo = []\n# a note\n"
        "        for v in topo:\n            v._backward()\n"
        "    def __repr__(self):\n        return 'V'\n",
        "backward",
    ),
    "a docstring with a line at column 0": (
        'class Value:\n    def backward(self):\n        """Walk the graph.\n\n'
        'Every node, in reverse.\n        """\n        topo = []\n'
        "    def __repr__(self):\n        return 'V'\n",
        "backward",
    ),
    "a body on the def's line": (
        "class Value:\n    def backward(self): self.grad = 1.0; return None\n"
        "    def __repr__(self):\n        return 'V'\n",
        "backward",
    ),
    "a signature over three lines, a lambda and strings in it": (
        "def train(model,\n          steps=lambda k: k,  # (\n"
        "          note='def train(x): #'):\n    for k in range(steps(3)):\n"
        "        model(k)\n    return note\n\nprint(train)\n",
        "train",
    ),
    "brackets and a backslash that reach column 0": (
        "def __mul__(self, other):\n    out = [\n1,\n]\n    total = 1 + \\\n2\n"
        "    return out\n\ndef after():\n    pass\n",
        "__mul__",
    ),
    "a string that holds a quote, a hash and a colon": (
        "def train(m):\n    s = 'it\\'s # not: a comment'\n    return s\nx = train\n",
        "train",
    ),
    "tabs, a decorator and async": (
        "class M:\n\t@staticmethod\n\tasync def train(x):\n\t\treturn x\n"
        "\tdef other(self):\n\t\treturn 1\n",
        "train",
    ),
    "the same name twice: the first is emptied": (
        "def __call__(x):\n    return x\n\n\n"
        "class Neuron:\n    def __call__(self, x):\n        return x\n",
        "__call__",
    ),
    "the last line without a newline": ("def train():\n    return 1", "train"),
    "a body of only a docstring": (
        "def train():\n    '''Nothing yet.'''\n\ndef b():\n    pass\n",
        "train",
    ),
}


def _strewn(source, rng):
    """``source`` with comment lines (at any indent, column 0 included), blank lines and
    end-of-line comments put in where Python allows them: after a logical line."""
    ends = {
        t.end[0]
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type == tokenize.NEWLINE and t.line.strip()
    }
    lines = []
    for number, line in enumerate(source.split("\n"), 1):
        if number in ends and "#" not in line and rng.random() < 0.2:
            line += "  # why: it adds up"
        lines.append(line)
        if number in ends and rng.random() < 0.3:
            lines.append(
                rng.choice(["", "# a note", "        # later", "    #", "   "])
            )
    return "\n".join(lines)


def _rebuild_cases():
    """(label, source, name): the odd files, then each rebuild's solutions, as written and
    strewn with comments."""
    rng = random.Random(7)
    cases = [(label, *case) for label, case in ODD.items()]
    rebuilds = [
        i for t in reviews.BANK.values() for i in t["items"] if i["kind"] == "rebuild"
    ]
    for item in rebuilds:
        folder = ROOT / "tests" / "check_cases" / item["exercise"]
        for file in sorted(folder.glob("*.py")):
            source, name = file.read_text(), item["function"]
            cases.append((f"{item['exercise']}/{file.name} {name}", source, name))
            for k in range(25):
                label = f"{item['exercise']}/{file.name} {name}, strewn {k}"
                cases.append((label, _strewn(source, rng), name))
    return cases


def _emptied_as_cpython_reads_it(source, name):
    """What the rebuild must be: the tree of ``source`` with the first ``def name``'s body
    replaced by ``raise NotImplementedError``, and the lines before and after it."""
    tree = ast.parse(source)
    target = min(
        (
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == name
        ),
        key=lambda n: (n.lineno, n.col_offset),
    )
    lines = source.split("\n")
    before, after = lines[: target.lineno - 1], lines[target.end_lineno :]
    target.body = [ast.Raise(exc=ast.Name("NotImplementedError", ast.Load()))]
    return ast.dump(tree), before, after


def _statement_lines(source):
    """[first, last] line (0-based) of each statement of ``source``, by Python's tokenizer."""
    found, first = [], None
    skip = {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NEWLINE and first is not None:
            found.append([first, token.start[0] - 1])
            first = None
        elif token.type not in skip | {tokenize.NEWLINE, tokenize.ENDMARKER}:
            first = token.start[0] - 1 if first is None else first
    return found


def test_the_page_reads_statements_where_pythons_tokenizer_does():
    """web/python-source.js on every Python file of this repository (the package, the
    lessons' labs, the tests' odd cases, the hooks): the same statements, line for line."""
    folders = ("micrograd", "docs", "tests", "hooks", "scripts", "benchmarks", "web")
    files = sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))
    sources = [file.read_text() for file in files]
    got = node(
        "python-source.js",
        "const lines = (source) => s.statements(source).map((t) => [t.first, t.last]);\n"
        "console.log(JSON.stringify(given.map(lines)));",
        sources,
    )
    assert len(files) > 150
    for file, source, statements in zip(files, sources, got, strict=True):
        assert statements == _statement_lines(source), file.relative_to(ROOT)


def test_a_rebuild_empties_exactly_one_function_as_cpython_reads_the_file():
    cases = _rebuild_cases()
    got = node(
        "rebuild.js",
        "const out = given.map(([source, name]) => s.emptied(source, name));\n"
        "console.log(JSON.stringify(out));",
        [[source, name] for _, source, name in cases],
    )
    assert len(got) == len(cases) > 100
    for (label, source, name), rebuilt in zip(cases, got, strict=True):
        tree, before, after = _emptied_as_cpython_reads_it(source, name)
        assert rebuilt is not None, label
        try:
            assert ast.dump(ast.parse(rebuilt)) == tree, f"{label}:\n{rebuilt}"
        except SyntaxError as error:
            raise AssertionError(f"{label}: {error}\n{rebuilt}") from error
        lines = rebuilt.split("\n")
        assert lines[: len(before)] == before, label
        assert lines[len(lines) - len(after) :] == after, label
        hole = [k for k, line in enumerate(lines) if line.strip() == HOLE]
        assert len(hole) == 1, label
        assert lines[hole[0] + 1].strip() == "raise NotImplementedError", label


def test_a_file_without_the_function_has_no_rebuild():
    got = node(
        "rebuild.js",
        "const out = given.map((source) => s.emptied(source, 'backward'));\n"
        "console.log(JSON.stringify([out, s.HOLE]));",
        ["def forward(self):\n    pass\n", "x = 'def backward(self):'\n", "", None],
    )
    assert got == [[None, None, None, None], HOLE]


# --- own words in the tutor prompt --------------------------------------------------------

REPORT = {"report": "Checking value.py ...\n", "concepts": []}
WORDS = {
    "02-value/backpropagation/": {
        "text": "Reverse order.\nAnd += adds up.",
        "covered": [0],
    },
    "04-training/training-loop/": {"text": "Not in play for value.", "covered": []},
}


def test_every_lesson_asks_one_own_words_question():
    lessons = {
        p.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/"
        for p in (ROOT / "docs").glob("0*/*.md")
        if p.name != "self-check.md"
    }
    assert set(reviews.OWN_WORDS) == lessons
    for entry in reviews.OWN_WORDS.values():
        assert entry["question"].endswith(("?", ".")) and len(entry["points"]) >= 3


def test_the_tutor_prompt_holds_the_explanations_in_play_and_asks_to_check_them():
    from micrograd.check.tutor import tutor_prompt

    plain = tutor_prompt("value", "x = 1\n", REPORT)
    with_words = tutor_prompt("value", "x = 1\n", REPORT, words=WORDS)
    assert with_words.startswith(plain.rstrip("\n"))
    added = with_words[len(plain) - 1 :]
    assert "## In my own words" in added and "Socratically" in added
    assert "without giving me the answers" in added
    assert "> Reverse order.\n> And += adds up." in added
    assert "backpropagation/: Why does backward()" in added
    assert "Not in play" not in added
    # the key points (what a good answer says) never reach the prompt
    for point in reviews.OWN_WORDS["02-value/backpropagation/"]["points"]:
        assert point not in with_words


def test_the_command_line_reads_the_explanations_from_a_progress_file(tmp_path):
    progress = tmp_path / "progress.json"
    progress.write_text(
        json.dumps(
            {"course": "micrograd-course", "schema": 2, "records": {"words": WORDS}}
        )
    )
    solution = ROOT / "tests" / "check_cases" / "value" / "correct.py"
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    base = [sys.executable, "-m", "micrograd.check", "value", str(solution)]
    run = subprocess.run(
        [*base, "--tutor-prompt", "--progress", str(progress)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "> Reverse order.\n> And += adds up." in run.stdout
    progress.write_text('{"course": "another"}')
    refused = subprocess.run(
        [*base, "--tutor-prompt", "--progress", str(progress)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert refused.returncode == 2
    assert "is not a progress file of this course" in refused.stderr
