# Two commands on a fresh machine: `make run` builds the seed graph, `make test` runs ruff, the
# type checker (mypy, strict on kg/: [tool.mypy] in pyproject.toml) and the suite.
# Everything is installed into .venv from requirements.lock (pinned, with hashes).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint install system-deps bench clean lock docs

run: $(STAMP)
	$(BIN)/kg build seeds/ -o output/

test: $(STAMP) system-deps
	$(BIN)/ruff check kg tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q tests

lint: $(STAMP)
	$(BIN)/ruff check kg tests benchmarks scripts
	$(BIN)/ruff format --check kg tests benchmarks scripts
	$(BIN)/mypy

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Debian tools the tests use as independent judges: rapper (raptor2-utils) checks our Turtle,
# chromium renders the HTML view. Installed only when absent and only when we are root.
system-deps:
	@bash scripts/install-system-deps.sh

# The API reference from the docstrings (pdoc) into docs/api/; fails on any pdoc warning.
docs: $(STAMP)
	PYTHON=$(BIN)/python bash scripts/api_docs.sh docs/api

bench: $(STAMP)
	$(BIN)/python benchmarks/carb_score.py

# Regenerate the lock after changing dependencies in pyproject.toml (needs network to PyPI).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --all-extras --generate-hashes \
		--python-version 3.10 -o requirements.lock

clean:
	rm -rf $(VENV) output/*
