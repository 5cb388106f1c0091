# Quickstart targets. `make demo` and `make test` each set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TORCH_VERSION ?= 2.13.0
ARTICLE ?= examples/articles/alliance_summit.txt

.PHONY: setup demo test test-quick lint typecheck bench backbone-mpnet recipe heldout clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# CPU torch first (pinned), so nothing else pulls a multi-GB CUDA build
	$(PY) -m pip install -q "torch==$(TORCH_VERSION)"
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(VENV)/bin/framing analyze $(ARTICLE)

test: setup
	$(PY) -m pytest -q -m "slow or not slow"

test-quick: setup
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check framing tests recipes benchmarks examples
	$(VENV)/bin/ruff format --check framing tests recipes benchmarks examples
	$(VENV)/bin/mypy

# mypy over framing/ and recipes/ (settings and files in pyproject.toml [tool.mypy])
typecheck: setup
	$(VENV)/bin/mypy

bench: setup
	$(PY) benchmarks/throughput.py

# all-mpnet-base-v2 (110M) into $$FRAMING_CACHE/backbones (default ~/.cache/framing/backbones); idempotent
backbone-mpnet: setup
	$(PY) -m framing.backbones fetch mpnet

# Rebuild the default model from ../shared/data (slow: trains on every corpus) and measure it (recipes/)
DATA ?= ../shared/data
MODEL_OUT ?= models/framing-default
recipe: setup
	$(PY) -m recipes.recipe --data $(DATA) --out $(MODEL_OUT) $(RECIPE_ARGS)

heldout: setup
	$(PY) -m recipes.heldout $(MODEL_OUT) --data $(DATA)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
