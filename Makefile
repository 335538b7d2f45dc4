# Quick start:  make serve  (set up, then serve the course on http://127.0.0.1:8000/micrograd-course/)
#               make test   (set up, then run every test: exactly what CI runs)
# Each target sets up what it needs by itself: system programs where they are missing
# (Graphviz, Node.js, Chromium), a .venv with every Python package, node_modules from the lock.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system serve site test lint bench audit clean

system:
	@bash scripts/system-deps.sh graphviz node

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (set PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,docs,torch]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup: system $(STAMP) $(NODE_STAMP)

serve: setup
	$(VENV)/bin/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

site: setup
	$(VENV)/bin/mkdocs build --strict

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	@bash scripts/system-deps.sh chromium
	$(PY) -m pytest

bench: setup
	$(PY) benchmarks/bench_moons.py
	$(PY) benchmarks/bench_monitor.py
	$(PY) benchmarks/bench_deep.py
	@bash scripts/system-deps.sh chromium
	$(PY) benchmarks/bench_runtime.py
	$(PY) benchmarks/bench_exercises.py
	$(PY) benchmarks/bench_playgrounds.py
	$(PY) benchmarks/bench_memory.py

# Lighthouse on every lesson, lab and the exercises page, served gzipped as Pages serves them.
audit: site
	@bash scripts/system-deps.sh chromium
	$(PY) scripts/audit.py site

clean:
	rm -rf $(VENV) node_modules site .cache build
