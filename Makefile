# newshedge: run `make help` for the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
OUT ?= reports

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (newshedge)" >/dev/null
	@touch $@

.PHONY: install
install: $(STAMP) ## Create .venv and install the locked, hash-checked dependencies

.PHONY: report
report: $(STAMP) ## Render the reports over the bundled corpus into reports/ (CORPUS=path, STORY=file for another)
	$(PY) -m analysis report $(if $(CORPUS),--corpus $(CORPUS)) $(if $(STORY),--story $(STORY)) --out $(OUT)

.PHONY: analyze
analyze: $(STAMP) ## Write the tidy tables for the bundled corpus into build/tables (CORPUS=path, STORY=file)
	$(PY) -m analysis analyze $(if $(CORPUS),--corpus $(CORPUS)) $(if $(STORY),--story $(STORY)) --out build/tables

.PHONY: evaluate-stories
evaluate-stories: $(STAMP) ## Score both modes on the other-stories set data/stories/ (figures the reports show)
	$(PY) tools/evaluate_stories.py --out analysis/data/measured_accuracy.json

.PHONY: lint
lint: $(STAMP) ## Check formatting, lint rules and the layers contract (stages import one way)
	$(VENV)/bin/ruff format --check analysis tests bench tools notebooks
	$(VENV)/bin/ruff check analysis tests bench tools notebooks
	$(VENV)/bin/lint-imports
	$(PY) tools/check_sizes.py analysis

.PHONY: format
format: $(STAMP) ## Reformat the code and apply the safe lint fixes
	$(VENV)/bin/ruff format analysis tests bench tools notebooks
	$(VENV)/bin/ruff check --fix analysis tests bench tools notebooks

.PHONY: test
test: $(STAMP) browser ## Run the unit tests and validate the notebooks (nbval)
	$(PY) -m pytest -q tests
	$(PY) -m pytest -q --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider notebooks

.PHONY: browser
browser: ## Install headless Chromium (Debian package) for the HTML tests, if missing
	@bash .ci/install-browser.sh

.PHONY: notebooks
notebooks: $(STAMP) ## Re-execute the notebooks in place to refresh their stored outputs
	$(PY) -m analysis refresh-notebooks

.PHONY: lab
lab: $(STAMP) ## Open JupyterLab on notebooks/
	$(VENV)/bin/jupyter lab notebooks

.PHONY: bench
bench: $(STAMP) ## Measure throughput and the scale ratios; results in bench/results.json (DOCS=40 for a quick run)
	$(PY) bench/run.py --out bench/results.json
	$(PY) bench/scale.py --out bench/results.json $(if $(DOCS),--docs $(DOCS))
	$(PY) bench/claims.py --out bench/results.json

.PHONY: lock
lock: ## Re-resolve requirements.lock from pyproject.toml (needs network)
	$(PY) -m pip install --quiet uv && $(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --no-strip-extras --no-header -o requirements.lock

.PHONY: clean
clean: ## Remove build output (keeps .venv and reports/)
	rm -rf build .pytest_cache
