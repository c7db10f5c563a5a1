# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
HOST ?= 127.0.0.1
PORT ?= 8050
LINT_PATHS := src tests app.py $(wildcard bench)
WORKERS ?=

.PHONY: run test lint format bench serve build-data region chromium node poppler axe clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python app.py

serve: $(STAMP)
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(BIN)/gunicorn --config python:erbm_map.web.gunicorn_conf 'erbm_map.reload:serve()'

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing: install Debian's package first (sudo apt-get install chromium)."; \
		exit 1; \
	fi

# Node runs the unit tests of the browser scripts (assets/*.js, tests/js/): Debian's package.
node:
	@if command -v node >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's nodejs for the JavaScript tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; \
	else \
		echo "Node is missing: install Debian's package first (sudo apt-get install nodejs)."; \
		exit 1; \
	fi
	@if command -v npm >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's npm for the accessibility tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	else \
		echo "npm is missing: install Debian's package first (sudo apt-get install npm)."; \
		exit 1; \
	fi

# axe-core, injected by the accessibility browser tests: the version pinned in tools/axe/package-lock.json.
AXE := tools/axe/node_modules/axe-core/axe.min.js
$(AXE): tools/axe/package.json tools/axe/package-lock.json | node
	cd tools/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $@

axe: $(AXE)

# pdfinfo/pdftotext/pdftoppm check the print sheet's PDF in the browser tests.
poppler:
	@if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's poppler-utils for the print-sheet tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	else \
		echo "pdfinfo is missing: install Debian's package first (sudo apt-get install poppler-utils)."; \
		exit 1; \
	fi

test: $(TEST_STAMP) chromium node poppler $(AXE)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/lint-imports
	node --test tests/js/
	$(BIN)/python -m pytest --durations=12

lint: $(TEST_STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/lint-imports

format: $(TEST_STAMP)
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

build-data: $(STAMP)
	$(BIN)/erbm-map build-data

region: $(STAMP)
	$(BIN)/erbm-map build-data --perimeter hauts-de-france --output build/region

bench: $(TEST_STAMP) chromium
	$(BIN)/python -m bench
	$(BIN)/python -m bench.robustness

clean:
	rm -rf $(VENV) .cache build tools/axe/node_modules
