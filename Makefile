# Every target creates .venv first if it is missing; nothing else needs installing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/evaluator

demo: $(STAMP)
	$(BIN)/evaluator demo

lint: $(STAMP)
	$(BIN)/ruff check evaluator tests bench
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

screenshots: $(STAMP)
	$(BIN)/python tests/ui/make_screenshots.py screenshots

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
