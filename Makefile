# Quick start:  make serve  (set up, then serve the course on http://127.0.0.1:8000/micrograd-course/)
#               make test   (set up, then run every test: exactly what CI runs)
# Each target sets up what it needs by itself: system programs where they are missing
# (Graphviz, Node.js, Chromium), a .venv with the Python packages, node_modules from the lock.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DOCS_STAMP := $(VENV)/.installed-docs
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# PyTorch's CPU build (the parity tests need no GPU): its own index first, which a machine
# that reaches only the package registries skips after one quick try.
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
FAST   := -m "not site and not browser"
# One worker per core (at most 4 browsers), each taking the next test as it is free.
WORKERS := -n auto --maxprocesses 4 --dist worksteal
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system serve site test test-fast test-page lint format bench audit clean

system:
	@bash scripts/system-deps.sh graphviz node

$(DOCS_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (set PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[docs]'
	@touch $@

$(STAMP): $(DOCS_STAMP) pyproject.toml
	$(PY) -m pip install -q --retries 1 --extra-index-url $(TORCH_INDEX) -e '.[torch]'
	@$(PY) -c 'import sys, torch; sys.exit(torch.version.cuda is not None)' \
	  || echo "warning: torch is a CUDA build ($(TORCH_INDEX) was not reachable)"
	$(PY) -m pip install -q -e '.[test,docs,torch]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup: system $(STAMP) $(NODE_STAMP)

# Rebuilds only what an edit changed (hooks/rebuild.py): a lesson in seconds.
serve: system $(DOCS_STAMP) $(NODE_STAMP)
	$(VENV)/bin/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:8000

site: system $(DOCS_STAMP) $(NODE_STAMP)
	$(VENV)/bin/mkdocs build --strict

BIOME := node_modules/.bin/biome

# Python: ruff. The browser code and JSON: Biome (biome.jsonc).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(BIOME) ci --error-on-warnings .

# Everything the formatters would change, changed (Python and the browser code).
format: setup
	$(VENV)/bin/ruff format .
	$(BIOME) format --write .

# The whole truth: the fast lane, then the tests of the built site in Chromium (built once,
# shared by the workers: tests/conftest.py).
test: lint
	@bash scripts/system-deps.sh chromium
	@status=0; \
	  $(PY) -m pytest $(FAST) $(WORKERS) -q || status=1; \
	  $(PY) -m pytest -m "site or browser" $(WORKERS) || status=1; \
	  exit $$status

# Everything that needs neither a browser nor a site build (tests/lanes.py).
test-fast: setup
	$(PY) -m pytest $(FAST) $(WORKERS) -q

# One page's tests: make test-page PAGE=docs/02-value/backpropagation.md
test-page: setup
	@test -n "$(PAGE)" || { echo "usage: make test-page PAGE=docs/<page>.md"; exit 2; }
	@bash scripts/system-deps.sh chromium
	$(PY) -m pytest --page $(PAGE)

bench: setup
	$(PY) benchmarks/bench_moons.py
	$(PY) benchmarks/bench_monitor.py
	$(PY) benchmarks/bench_deep.py
	@bash scripts/system-deps.sh chromium
	$(PY) benchmarks/bench_runtime.py
	$(PY) benchmarks/bench_exercises.py
	$(PY) benchmarks/bench_playgrounds.py
	$(PY) benchmarks/bench_memory.py
	$(PY) benchmarks/bench_serve.py

# Lighthouse on every lesson, lab and the exercises page, served gzipped as Pages serves them.
audit: site
	@bash scripts/system-deps.sh chromium
	$(PY) scripts/audit.py site

clean:
	rm -rf $(VENV) node_modules site .cache build dist
