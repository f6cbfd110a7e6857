# The two set-up commands of the README. Each creates .venv from nothing when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install clean eval

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[web,dask,dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	rm -f sitrep.db sitrep.db-wal sitrep.db-shm
	$(BIN)/sitrep ingest examples/*.txt examples/*.jsonl examples/*.xml --db sitrep.db
	$(BIN)/sitrep events --db sitrep.db --format table

lint: $(STAMP)
	$(BIN)/ruff check sitrep tests scripts
	$(BIN)/mypy sitrep

test: $(STAMP) lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) sitrep.db sitrep.db-wal sitrep.db-shm .pytest_cache .mypy_cache .ruff_cache

# Full accuracy run on every dev file in ../shared/eval (about 15 minutes on 2 cores).
eval: $(STAMP)
	scripts/eval_all.sh
	$(BIN)/python scripts/accuracy_table.py out/eval
