# Build, test and render the project. Needs only GNU make and Python 3.11 or newer (3.11 to 3.14
# are tested): every target creates the virtual environment .venv on first use.
#
#   make report     render the notebooks to offline HTML in reports/ (installs the project only)
#   make lab        open JupyterLab on the project (installs the project only)
#   make test       the whole test suite (executes the notebooks, opens the reports in Chromium);
#                   also installs the 'test' and 'scale' extras (pytest, Playwright, Dask, pyarrow)
#   make test-fast  the suite without the tests marked slow (notebooks, browser, batch runs), on two
#                   processes (pytest-xdist): the development loop
#   make bench      run the readability, comparison and batch benchmarks (the batch one takes minutes)
#   make evaluate   measure the quote and reported-speech extractor on the gold set's test half
#   make clean      remove .venv, reports/ and caches
#
# Another interpreter: make test PYTHON=python3.13 VENV=.venv-3.13

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The project and its run-time dependencies: enough for report and lab (a classroom install).
RUN_STAMP := $(VENV)/.installed-run
# The same plus the test and scale extras.
TEST_STAMP := $(VENV)/.installed-test
STAMP := $(RUN_STAMP)
# Extra arguments for `make lab`; JupyterLab refuses to run as root without --allow-root
# (containers, CI), so that one is added for root only.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# Extra arguments for pytest, e.g. make test PYTEST_ARGS="-x -k quotes"
PYTEST_ARGS ?=

.PHONY: all setup setup-test test test-fast report lab bench evaluate clean

all: test

setup: $(RUN_STAMP)

setup-test: $(TEST_STAMP)

# Re-created whenever pyproject.toml (the dependency list) changes.
$(RUN_STAMP): pyproject.toml
	@"$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
	  { echo "error: Python 3.11 or newer is required; '$(PYTHON)' is not (run: make PYTHON=/path/to/python3.11)" >&2; exit 1; }
	"$(PYTHON)" -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/pip install -e .
	rm -f $(TEST_STAMP)
	touch $@

$(TEST_STAMP): $(RUN_STAMP)
	$(BIN)/pip install -e ".[test,scale]"
	touch $@

test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not slow" -q -n 2 $(PYTEST_ARGS)

report: $(RUN_STAMP)
	$(BIN)/python -m analysis report

lab: $(RUN_STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $(LAB_ARGS)

# Story sizes of the comparison benchmark; 10,000 articles take a few minutes and about 1.5 GB
# (make bench COMPARE_SIZES="100 1000" for a short run).
COMPARE_SIZES ?= 100 1000 10000

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench_readability.py
	$(BIN)/python benchmarks/bench_compare.py --sizes $(COMPARE_SIZES)
	$(BIN)/python benchmarks/bench_batch.py

evaluate: $(STAMP)
	$(BIN)/python -m analysis evaluate gold/speech/test

clean:
	rm -rf $(VENV) .venv-* reports .pytest_cache .hypothesis build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
