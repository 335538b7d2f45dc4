# Quick start:  make serve  (set up, then serve the course on http://127.0.0.1:8000/micrograd-course/)
#               make test   (set up, then run every test)
# Each target sets up what it needs by itself: a .venv, and Graphviz / Chromium where missing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export MPLBACKEND := Agg

.PHONY: setup serve site test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (set PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,docs]'
	@touch $@

setup: $(STAMP)
	@bash scripts/system-deps.sh graphviz

serve: setup
	$(VENV)/bin/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

site: setup
	$(VENV)/bin/mkdocs build --strict

test: setup
	@bash scripts/system-deps.sh chromium
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: setup
	$(PY) benchmarks/bench_moons.py
	$(PY) benchmarks/bench_deep.py

clean:
	rm -rf $(VENV) site .cache
