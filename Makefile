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

.PHONY: install run test lint bench teams-package system-deps browser postgres node e2e-deps office

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

# Debian packages the tests use, installed once and only when missing (one apt-get update):
# Chromium (web chat and Agents Playground tests; playwright's own browser download cannot work
# here), PostgreSQL server binaries (throw-away clusters for the store tests), LibreOffice and
# pandoc (plans rendered to .docx and .pdf the way units publish them), Node.js (the Playground).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	command -v pandoc >/dev/null 2>&1 || missing="$$missing pandoc"; \
	{ command -v node && command -v npm; } >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "Installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

# Names the skip messages of the tests use.
browser postgres office node: system-deps

# The Agents Playground and the Teams manifest schema, pinned by tests/e2e/package-lock.json
# (project-local, never global; node_modules is git-ignored).
e2e-deps: system-deps tests/e2e/node_modules/.installed

tests/e2e/node_modules/.installed: tests/e2e/package.json tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund
	touch $@

# Lint first (ruff + mypy are part of CI), then the whole suite.
test: install system-deps e2e-deps
	$(BIN)/ruff check .
	$(BIN)/mypy config core ingest knowledge indicators bot cli
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy config core ingest knowledge indicators bot cli

bench: install
	$(BIN)/planbot bench

# Pure Python (zipfile): `zip` is not installed everywhere.
teams-package: install
	$(BIN)/python teams/package.py
