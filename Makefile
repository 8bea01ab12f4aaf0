# Build, test and render the project. Needs only GNU make and Python 3.11:
# every target creates the virtual environment .venv on first use.
#
#   make test     run the test suite (executes the notebooks, opens a report in Chromium);
#                 installs the optional 'scale' extra (Dask, pyarrow, tqdm) so batch is tested
#   make report   render the notebooks to offline HTML in reports/
#   make lab      open JupyterLab on the project
#   make bench    run the readability, comparison and batch benchmarks (the batch one takes minutes)
#   make clean    remove .venv, reports/ and caches

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3.11)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Extra arguments for `make lab`; JupyterLab refuses to run as root without --allow-root
# (containers, CI), so that one is added for root only.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: all setup test report lab bench clean

all: test

setup: $(STAMP)

# Re-created whenever pyproject.toml (the dependency list) changes.
$(STAMP): pyproject.toml
	@"$(PYTHON)" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "error: Python 3.11 is required; '$(PYTHON)' is not 3.11 (run: make PYTHON=/path/to/python3.11)" >&2; exit 1; }
	"$(PYTHON)" -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/pip install -e ".[test,scale]"
	touch $@

test: $(STAMP)
	$(BIN)/python -m pytest

report: $(STAMP)
	$(BIN)/python -m analysis.report

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $(LAB_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_readability.py
	$(BIN)/python benchmarks/bench_compare.py
	$(BIN)/python benchmarks/bench_batch.py

clean:
	rm -rf $(VENV) reports .pytest_cache .hypothesis build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
