"""The page↔Python protocol, under CPython: web/protocol.js (the declaration) and
web/python/course_calls.py (the Python side: what the page may call, and the replies).

The JavaScript declaration is read by Node, as the page's bundle reads it; the browser side
of the protocol is tested in headless Chromium by tests/test_runtime.py.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web_python import course_calls

ROOT = Path(__file__).resolve().parent.parent
PROTOCOL = ROOT / "web" / "protocol.js"


def js_messages():
    script = f"const m = await import({json.dumps(PROTOCOL.as_uri())});"
    script += " console.log(JSON.stringify(m.MESSAGES));"
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def test_python_mirrors_the_javascript_declaration():
    assert js_messages() == course_calls.MESSAGES


def test_each_message_type_is_documented_with_its_fields():
    """Every type of MESSAGES has a JSDoc typedef in protocol.js, naming the same fields."""
    text = PROTOCOL.read_text(encoding="utf-8")
    typedefs = re.findall(r'@typedef \{\{type: "(\w+)"(.*?)\}\}', text)
    documented = {
        name: re.findall(r"(\w+)\??:", fields.lstrip(", ")) for name, fields in typedefs
    }
    assert documented == course_calls.MESSAGES


def call(fn, kwargs=None, id_=1):
    events = []
    message = {"type": "call", "id": id_, "fn": fn, "kwargs": kwargs or {}}
    reply = json.loads(course_calls.handle(json.dumps(message), events.append))
    return reply, [json.loads(e) for e in events]


def test_every_allowed_function_exists():
    for module, names in course_calls.CALLABLE.items():
        for name in names:
            assert callable(course_calls.callable_named(f"{module}.{name}"))


@pytest.mark.parametrize(
    "fn", ["os.system", "course_runner.namespace", "builtins.eval", "run", ""]
)
def test_only_allowed_functions_can_be_called(fn):
    reply, _ = call(fn, {"command": "true"})
    assert reply["type"] == "error" and reply["id"] == 1
    assert reply["error"].startswith(f"LookupError: the page cannot call {fn!r}")
    assert "course_runner.run" in reply["error"]  # it says what can be called


def test_a_call_returns_its_value_as_json_once():
    reply, events = call(
        "course_playgrounds.render", {"name": "descent", "values": {"lr": "0.5"}}, 4
    )
    assert reply["type"] == "result" and reply["id"] == 4 and not events
    assert set(reply["value"]) == {"readout", "figure", "table"}
    assert "repr" not in json.dumps(reply["value"])[:20]


def test_a_function_that_raises_gives_an_error_reply():
    reply, _ = call("course_playgrounds.render", {"name": "nope"})
    assert reply["type"] == "error"
    assert reply["error"].startswith("ValueError: no playground named 'nope'")
    assert reply["traceback"].startswith("Traceback (most recent call last):")


def test_events_are_tagged_with_their_call(monkeypatch):
    def emitting(emit, times):
        for k in range(times):
            emit("step", {"k": k})
        return "done"

    monkeypatch.setitem(course_calls.CALLABLE, "tests.test_runtime_protocol", ("f",))
    monkeypatch.setattr(sys.modules[__name__], "f", emitting, raising=False)
    reply, events = call("tests.test_runtime_protocol.f", {"times": 2}, 9)
    assert reply == {"type": "result", "id": 9, "value": "done"}
    assert events == [
        {"type": "event", "id": 9, "kind": "step", "payload": {"k": 0}},
        {"type": "event", "id": 9, "kind": "step", "payload": {"k": 1}},
    ]


@pytest.mark.parametrize(
    "value, problem",
    [
        (float("nan"), "holds a number JSON cannot carry (nan or inf)"),
        ({1, 2}, "is not JSON data (Object of type set is not JSON serializable)"),
    ],
)
def test_a_value_json_cannot_carry_is_an_error_that_says_so(
    monkeypatch, value, problem
):
    monkeypatch.setitem(course_calls.CALLABLE, "tests.test_runtime_protocol", ("f",))
    monkeypatch.setattr(sys.modules[__name__], "f", lambda: value, raising=False)
    reply, _ = call("tests.test_runtime_protocol.f")
    assert reply["type"] == "error"
    assert reply["error"] == f"TypeError: the value of a 'result' message {problem}"


def test_system_exit_in_a_function_ends_the_call_not_python(monkeypatch):
    def leaves():
        raise SystemExit(2)

    monkeypatch.setitem(course_calls.CALLABLE, "tests.test_runtime_protocol", ("f",))
    monkeypatch.setattr(sys.modules[__name__], "f", leaves, raising=False)
    reply, _ = call("tests.test_runtime_protocol.f")
    assert reply["type"] == "error" and reply["error"] == "SystemExit: 2"


def test_messages_have_exactly_their_fields():
    assert json.loads(course_calls.encode("fatal", cause="exit", message="m")) == {
        "type": "fatal",
        "cause": "exit",
        "message": "m",
    }
    with pytest.raises(TypeError, match="a 'result' message has id, value"):
        course_calls.encode("result", id=1)


def test_start_sets_the_recursion_limit_and_says_when_graphs_cannot_be_drawn():
    import micrograd.viz
    from micrograd.engine import Value

    limit = sys.getrecursionlimit()
    try:
        why = "viz/viz.js could not be loaded (404)"
        version = course_calls.start(lambda dot: "", lambda: why)
        assert version == sys.version.split()[0]
        assert sys.getrecursionlimit() == course_calls.RECURSION_LIMIT
        with pytest.raises(RuntimeError, match=f"drawn in this page: {re.escape(why)}"):
            micrograd.viz.svg(Value(1.0) * 2)
        course_calls.start(lambda dot: "<svg>drawn</svg>")
        assert micrograd.viz.svg(Value(1.0) * 2).endswith("drawn</svg></div>")
    finally:
        sys.setrecursionlimit(limit)
        micrograd.viz.set_renderer(None)
