# The README's commands.  Every target sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# The suite on every core; tests of one module or class stay on one worker, so their shared data is built once.
# Modules are handed out in the order tests/conftest.py gives (the heavy ones first), not by their number of tests.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder
# make bench-scale: N organisations of REPORTS quarterly reports each; a load run of CLIENTS clients for
# DURATION seconds a server, on DATABASES;
# it makes (and drops) a database of its own on the server of BENCH_POSTGRES_URL.
N ?= 2
REPORTS ?= 40
CLIENTS ?= 4
DURATION ?= 10
DATABASES ?= sqlite,postgres
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: setup system-deps test test-postgres lint bench bench-scale demo serve clean

setup: $(STAMP)

$(STAMP): pyproject.toml package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@sh scripts/system-deps.sh
	npm ci --no-audit --no-fund --silent
	touch $(STAMP)

system-deps:
	@sh scripts/system-deps.sh

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: setup lint
	@mkdir -p var
	$(BIN)/python -m django makemigrations --check --dry-run --settings=sasaeai.site.settings
	$(PYTEST)

test-postgres: setup
	DATABASE_URL=$(POSTGRES_URL) $(PYTEST)

bench: setup
	$(BIN)/python benchmarks/run.py

bench-scale: setup
	$(BIN)/python benchmarks/bench_scale.py -n $(N) --reports $(REPORTS) --clients $(CLIENTS) --seconds $(DURATION) \
		--databases $(DATABASES) --postgres-url $(BENCH_POSTGRES_URL)

demo: setup
	PORT=$(PORT) $(BIN)/sasaeai demo

serve: setup
	PORT=$(PORT) $(BIN)/sasaeai serve

clean:
	rm -rf $(VENV) var build *.egg-info
