"""The page's cell runner (web/python/course_runner.py), under CPython.

The page's worker runs the very same module in Pyodide; tests/test_runtime.py checks that
the page prints what CPython prints.
"""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "course_runner", ROOT / "web" / "python" / "course_runner.py"
)
runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(runner)


def run(source, **options):
    options.setdefault("space", f"test-{id(source)}")
    return json.loads(runner.run(source, **options))


class Picture:
    """A figure object of the test's own, as a plotting library would make one."""

    def __init__(self, kind):
        self.kind = kind

    def _repr_svg_(self):
        return f'<svg xmlns="http://www.w3.org/2000/svg"><text>{self.kind}</text></svg>'


class Table:
    def _repr_html_(self):
        return "<table><tr><td>1</td></tr></table>"


def test_printed_text_and_no_error():
    result = run("x = 6 * 7\nprint('x is', x)")
    assert result == {
        "stdout": "x is 42\n",
        "stderr": "",
        "error": None,
        "figures": [],
        "repr": None,
        "value": None,
    }


def test_cells_of_a_page_share_a_namespace_and_pages_do_not():
    run("total = 1", space="page:a")
    assert run("total += 1\nprint(total)", space="page:a")["stdout"] == "2\n"
    assert "NameError" in run("print(total)", space="page:b")["error"]


def test_last_expression_is_shown_as_in_a_notebook():
    result = run("{'lr': 0.1, 'steps': [1, 2]}")
    assert result["repr"] == "{'lr': 0.1, 'steps': [1, 2]}"
    assert result["value"] == {"lr": 0.1, "steps": [1, 2]}
    assert run("object()")["value"] is None  # no JSON for it: only its repr
    assert run("x = 1\nNone")["repr"] is None


def test_inputs_are_set_in_the_namespace_first():
    result = run("rate * 2", inputs={"rate": 0.25})
    assert result["value"] == 0.5


def test_last_value_with_repr_svg_or_html_is_a_figure(monkeypatch):
    run("", space="figs")
    runner.namespace("figs").update(Picture=Picture, Table=Table)
    svg = run("Picture('loss curve')", space="figs")
    assert svg["figures"] == [
        '<svg xmlns="http://www.w3.org/2000/svg"><text>loss curve</text></svg>'
    ]
    assert svg["repr"] is None
    assert run("Table()", space="figs")["figures"] == [
        "<table><tr><td>1</td></tr></table>"
    ]
    assert run("p = Picture('x')", space="figs")["figures"] == []  # not displayed


def test_html_cells_show_printed_markup_as_a_figure():
    result = run("print('<svg><text>1.5</text></svg>')", html=True)
    assert result["figures"] == ["<svg><text>1.5</text></svg>\n"]
    assert result["stdout"] == ""


def test_an_error_shows_the_cell_line_not_the_runner():
    source = "a = 1\nb = 0\nprint(a / b)\n"
    error = run(source, name="cell 3")["error"]
    assert error.startswith("Traceback (most recent call last):\n")
    assert 'File "<cell 3>", line 3, in <module>' in error
    assert "print(a / b)" in error
    assert error.endswith("ZeroDivisionError: division by zero\n")
    assert "course_runner" not in error and "exec(" not in error


def test_an_error_in_package_code_points_to_the_cell_line():
    source = "from micrograd.engine import Value\nValue('3')\n"
    error = run(source, name="cell 1")["error"]
    assert 'File "<cell 1>", line 2' in error and "Value('3')" in error
    assert "engine.py" not in error
    assert error.splitlines()[-1].startswith("TypeError")


def test_a_syntax_error_names_the_line():
    error = run("x = (1,\nprint(x", name="cell 2")["error"]
    assert '"<cell 2>", line' in error and "SyntaxError" in error
    assert "Traceback" not in error


def test_output_is_capped_and_the_rest_counted():
    result = run("for i in range(100_000):\n    print(i)")
    stdout = result["stdout"]
    assert len(stdout) < runner.MAX_CHARS + 100
    assert stdout.startswith("0\n1\n2\n")
    total = sum(len(f"{i}\n") for i in range(100_000))
    dropped = total - runner.MAX_CHARS
    assert stdout.endswith(f"… {dropped:,} more characters of output not shown\n")


def test_printed_text_is_sent_on_while_the_code_runs(monkeypatch):
    monkeypatch.setattr(runner, "FLUSH_SECONDS", 0.0)
    pieces = []
    run(
        "print('a'); print('b', file=__import__('sys').stderr)",
        on_text=lambda *p: pieces.append(p),
    )
    assert ("stdout", "a") in pieces and ("stderr", "b") in pieces


def test_system_exit_ends_the_cell_with_a_message():
    result = run("print('before')\nraise SystemExit(3)\nprint('after')")
    assert result["stdout"] == "before\n"
    assert "SystemExit: 3" in result["error"]


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_values_json_cannot_carry_are_shown_as_repr_only(value):
    result = run("v", inputs={"v": value})
    assert result["value"] is None and result["repr"] == repr(value)


def test_an_import_error_shows_no_import_machinery():
    error = run("import no_such_module_here", name="cell 5")["error"]
    assert "frozen" not in error and 'File "<cell 5>", line 1' in error
    assert error.splitlines()[-1].startswith("ModuleNotFoundError")
