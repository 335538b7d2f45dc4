"""The page's cell runner (web/python/course_runner.py), under CPython.

Each run goes the page's way: a ``call`` message of ``course_runner.run``, answered by
web/python/course_calls.py as JSON text. The page's worker runs the very same modules in
Pyodide; tests/test_runtime.py checks that the page prints what CPython prints.
"""

import json

import pytest

from tests.web_python import course_calls
from tests.web_python import course_runner as runner


def call(fn, **kwargs):
    """The reply to a call of ``fn``, as the page receives it, and the call's events."""
    events = []
    message = {"type": "call", "id": 7, "fn": fn, "kwargs": kwargs}
    reply = json.loads(course_calls.handle(json.dumps(message), events.append))
    return reply, [json.loads(event) for event in events]


def run(source, **options):
    options.setdefault("space", f"test-{id(source)}")
    reply, _ = call("course_runner.run", source=source, **options)
    assert reply["type"] == "result", reply
    return reply["value"]


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
    source = "print('a'); print('b', file=__import__('sys').stderr)"
    _, events = call("course_runner.run", source=source, space="events")
    pieces = [(e["kind"], e["payload"]) for e in events]
    assert ("stdout", "a") in pieces and ("stderr", "b") in pieces
    assert all(e["type"] == "event" and e["id"] == 7 for e in events)


def test_an_html_cell_sends_its_markup_as_it_is_printed(monkeypatch):
    monkeypatch.setattr(runner, "FLUSH_SECONDS", 0.0)
    source = "print('<pre>1'); print('2</pre>')"
    reply, events = call("course_runner.run", source=source, html=True, space="h")
    assert "".join(e["payload"] for e in events) == "<pre>1\n2</pre>\n"
    assert reply["value"]["figures"] == ["<pre>1\n2</pre>\n"]


def test_the_first_line_is_sent_at_once_and_later_ones_as_they_come(monkeypatch):
    """A long cell shows its first line when it is printed, not with the next one."""
    sent = []
    monkeypatch.setattr(runner, "FLUSH_SECONDS", 0.2)
    stream = runner.CappedStream("stdout", on_text=lambda *piece: sent.append(piece))
    stream.write("step 0\n")
    assert sent == [("stdout", "step 0\n")]
    stream.write("step 1\n")  # within 0.2 s of the last: kept for the next write
    assert len(sent) == 1
    stream.flush()
    assert sent[-1] == ("stdout", "step 1\n")


def test_system_exit_ends_the_cell_with_a_message():
    result = run("print('before')\nraise SystemExit(3)\nprint('after')")
    assert result["stdout"] == "before\n"
    assert "SystemExit: 3" in result["error"]


@pytest.mark.parametrize("value", ["float('nan')", "[float('inf')]", "(1, {2: 3})"])
def test_values_json_cannot_carry_are_shown_as_repr_only(value):
    result = run(value)
    assert result["repr"] == repr(eval(value))
    assert result["value"] == (None if "float" in value else [1, {"2": 3}])


def test_a_long_repr_is_capped_and_a_big_value_not_sent():
    result = run("list(range(300_000))")
    assert len(result["repr"]) < runner.MAX_REPR + 50
    assert result["repr"].endswith(" more characters)")
    assert result["value"] is None  # its JSON is over MAX_VALUE
    assert run("list(range(5))")["value"] == [0, 1, 2, 3, 4]


def test_markup_that_is_not_text_is_not_shown_and_says_why():
    source = "class B:\n    def _repr_html_(self):\n        return b'<b>1</b>'\nB()"
    result = run(source)
    assert result["error"] is None and result["figures"] == []
    assert result["stderr"] == "_repr_html_ returned bytes, not text: not shown\n"
    assert result["repr"].startswith("<__main__.B object")


def test_an_import_error_shows_no_import_machinery():
    error = run("import no_such_module_here", name="cell 5")["error"]
    assert "frozen" not in error and 'File "<cell 5>", line 1' in error
    assert error.splitlines()[-1].startswith("ModuleNotFoundError")
