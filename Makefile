# Planbot: `make run` installs everything, ingests the bundled samples and serves;
# `make test` installs everything and runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# No model or data set is ever fetched from a hub at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: install run test lint bench teams-package browser postgres node e2e-deps office

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	# CPU torch first: otherwise sentence-transformers pulls gigabytes of CUDA wheels.
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e '.[test]'
	touch $@
run: install
	$(BIN)/planbot ingest $(CURDIR)/corpus/samples
	$(BIN)/planbot serve

# Debian's Chromium drives the web-chat tests; playwright's own browser download cannot work here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

# Node.js runs the Microsoft 365 Agents Playground in the real-client tests.
node:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq nodejs npm >/dev/null; fi; }

# The Agents Playground and the Teams manifest schema, pinned by tests/e2e/package-lock.json
# (project-local, never global; node_modules is git-ignored).
e2e-deps: node tests/e2e/node_modules/.installed

tests/e2e/node_modules/.installed: tests/e2e/package.json tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund
	touch $@

# Debian's PostgreSQL server binaries: the store tests start a throw-away cluster (initdb/pg_ctl).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq postgresql >/dev/null; fi; }

# Debian's pandoc and LibreOffice render the sample plans to .docx and .pdf the way units publish them.
office:
	@{ command -v pandoc && command -v soffice; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libreoffice-writer-nogui pandoc >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq libreoffice-writer-nogui pandoc >/dev/null; fi; }

test: install browser postgres office e2e-deps
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy config core ingest knowledge indicators bot cli

bench: install
	$(BIN)/planbot bench

# Pure Python (zipfile): `zip` is not installed everywhere.
teams-package: install
	$(BIN)/python teams/package.py
