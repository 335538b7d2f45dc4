"""The single-file micrograd (hooks/single_file.py): made from the package, runs alone."""

import ast
import inspect
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.single_file import SOURCES, TARGET, single_file
from micrograd.engine import Value
from micrograd.nn import MLP

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def text():
    return single_file()


def code_of(source):
    """The source of each top-level statement that is not a docstring, import or __all__."""
    tree = ast.parse(source)
    segments = []
    for i, node in enumerate(tree.body):
        if i == 0 and ast.get_docstring(tree) is not None:
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if is_all(node):
            continue
        segment = ast.get_source_segment(source, node, padded=True)
        segments.append(re.sub(r"\n[ ]*# --8<-- \[\w+:[\w-]+\]", "", segment))
    return segments


def is_all(node):
    return isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__"


def sources():
    return [(ROOT / path).read_text(encoding="utf-8") for path in SOURCES]


def test_its_code_is_the_packages_code_in_order(text):
    expected = [segment for source in sources() for segment in code_of(source)]
    assert code_of(text) == expected
    defined = {node.name for node in ast.parse(text).body if hasattr(node, "name")}
    assert {"Value", "topological_order", "Module", "Neuron", "MLP"} <= defined


def test_its_imports_and_names_are_the_packages(text):
    tree = ast.parse(text)
    imports = {ast.unparse(n) for n in tree.body if isinstance(n, ast.Import)}
    froms = {
        (n.module, alias.name)
        for n in tree.body
        if isinstance(n, ast.ImportFrom)
        for alias in n.names
    }
    expected_imports, expected_froms, expected_all = set(), set(), []
    for source in sources():
        for node in ast.parse(source).body:
            if isinstance(node, ast.Import):
                expected_imports.add(ast.unparse(node))
            elif isinstance(node, ast.ImportFrom) and node.module != "micrograd.engine":
                expected_froms |= {(node.module, alias.name) for alias in node.names}
            elif is_all(node):
                expected_all += ast.literal_eval(node.value)
    assert imports == expected_imports and froms == expected_froms
    assert "micrograd" not in {module.split(".")[0] for module, _ in froms}
    (all_names,) = [ast.literal_eval(n.value) for n in tree.body if is_all(n)]
    assert all_names == expected_all == ["Value", "Module", "Neuron", "Layer", "MLP"]


def test_every_line_comes_from_the_package_except_the_header(text):
    package_lines = {line for source in sources() for line in source.splitlines()}
    docstring = ast.get_docstring(ast.parse(text))
    first_docstring = ast.get_docstring(ast.parse(sources()[0]))
    header = docstring[: docstring.index(first_docstring)].splitlines()
    allowed = {*header, '"""' + header[0]}
    new = [
        line
        for line in text.splitlines()
        if line not in package_lines and '"""' + line not in package_lines
    ]
    unexplained = [
        line
        for line in new
        if line not in allowed
        and not line.startswith(("import ", "from ", "__all__ = "))
    ]
    assert unexplained == []
    assert "--8<--" not in text
    assert any("0.1.0" in line for line in header)
    assert any("MIT License" in line for line in header)


def test_no_name_is_defined_twice(text):
    names = []
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [ast.unparse(t) for t in node.targets]
    assert len(names) == len(set(names)), names


def test_ruff_finds_nothing_to_change(text, tmp_path):
    path = tmp_path / "micrograd.py"
    path.write_text(text, encoding="utf-8")
    for args in (["check"], ["format", "--check"]):
        proc = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "--no-cache", str(path)],
            cwd=ROOT,  # the project's settings: 88 columns
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


def readme_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.DOTALL)[1]
    assert "from micrograd.engine import Value" in code and "MLP(" in code
    return code


# Runs in a bare interpreter (python -S: no site-packages, so no installed micrograd),
# next to the single file: the README's example with its imports pointed at the single
# file, the file's own doctests, and a few steps of training.
ALONE = """
import doctest, json, random, sys
import micrograd

assert micrograd.__file__ == sys.argv[1], micrograd.__file__
try:
    import micrograd.engine
except ImportError:
    pass
else:
    raise AssertionError("micrograd.engine is importable: not the single file")
result = run(sys.argv[2], micrograd.Value, micrograd.MLP)
result["doctests"] = doctest.testmod(micrograd).attempted
print(json.dumps(result))
"""


def run(code, Value, MLP):
    """Run the README example, then train; return every number it produced."""
    import random

    random.seed(0)
    namespace = {}
    exec(code, namespace)
    values = {k: [v.data, v.grad] for k, v in namespace.items() if isinstance(v, Value)}
    params = [p.data for p in namespace["model"].parameters()]
    model = MLP(2, [4, 4, 1], seed=1)
    X = [[0.5, 1.0], [-1.0, 0.5], [1.5, -0.5], [-0.5, -1.5]]
    y = [1, -1, 1, -1]
    losses = []
    for _ in range(5):
        costs = [(1 - yi * model(x)).relu() for x, yi in zip(X, y)]  # noqa: B905
        loss = sum(costs) * (1.0 / len(costs))
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 0.1 * p.grad
        losses.append(loss.data)
    return {"values": values, "params": params, "losses": losses}


def test_alone_it_runs_the_readme_example_with_the_packages_numbers(text, tmp_path):
    path = tmp_path / "micrograd.py"
    path.write_text(text, encoding="utf-8")
    code = re.sub(
        r"from micrograd\.\w+ import", "from micrograd import", readme_example()
    )
    script = ALONE.replace("result = run", inspect.getsource(run) + "\nresult = run")
    proc = subprocess.run(
        [sys.executable, "-S", "-c", script, str(path), code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    alone = json.loads(proc.stdout)

    state = random.getstate()
    try:
        expected = run(readme_example(), Value, MLP)  # the package, README as is
    finally:
        random.setstate(state)
    assert alone.pop("doctests") >= 8
    assert alone == expected
    assert len(alone["params"]) == 337 and round(alone["values"]["g"][0], 4) == 24.7041


def test_the_site_serves_it(built_site, text):
    assert (built_site / TARGET).read_text(encoding="utf-8") == text


def test_the_script_prints_it(text):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "hooks" / "single_file.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout == text
