# One command per task. `make run` and `make test` work from a fresh clone (they build .venv first).
VENV    ?= .venv
PY      := $(VENV)/bin/python
STORE   ?= firmgraph-data
HOST    ?= 127.0.0.1
PORT    ?= 8000
SAMPLES := data/samples

.PHONY: venv run test lint format bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test,bench]'
	touch $@

venv: $(VENV)/.installed

# first run: import the bundled samples into a fresh store; then serve it (workbench at http://HOST:PORT/)
run: venv
	@if [ ! -d "$(STORE)" ]; then \
		$(VENV)/bin/firmgraph --store $(STORE) import $(SAMPLES) || { rm -rf "$(STORE)"; exit 1; }; \
	fi
	$(VENV)/bin/firmgraph --store $(STORE) serve --host $(HOST) --port $(PORT)

# pytest exits 5 when it collects nothing: that is a failure here, never a silent pass.
test: venv
	$(PY) -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: venv
	$(PY) -m bench

clean:
	rm -rf $(STORE) build dist *.egg-info bench-results
