"""Shared fixtures (the notebooks rendered once per test session) and the run's header.

The header says, at the top of every run, whether the browser tests can run: without
Chromium they are skipped (and fail when the environment variable CI is set), and a
run that skipped them must not pass for a complete one.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from analysis.core import paths
from analysis.present import report

# Property tests: about 50 examples and no deadline (no test depends on the machine's
# speed); set HYPOTHESIS_PROFILE=thorough for a longer local search. No example database:
# nothing is written into the checkout (a failing example is printed with the failure).
settings.register_profile("ci", max_examples=50, deadline=None, database=None)
settings.register_profile("thorough", max_examples=2000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")


def find_chromium() -> str | None:
    """Path of the Chromium executable: $CHROMIUM_PATH, else the first candidate on PATH."""
    override = os.environ.get("CHROMIUM_PATH")
    for candidate in (override,) if override else CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (make test installs it: pip install -e '.[test]')"
    if find_chromium() is None:
        return "Chromium is not installed (Debian/Ubuntu: sudo apt-get install chromium; or set CHROMIUM_PATH)"
    return None


def pytest_report_header(config: pytest.Config) -> list[str]:
    problem = browser_problem()
    if problem is None:
        return [f"browser tests: Chromium at {find_chromium()}"]
    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    consequence = "they FAIL because CI is set" if ci else "they are SKIPPED: this run does not test the reports in a browser"
    return [f"!!! BROWSER TESTS CANNOT RUN: {problem}; {consequence} !!!"]


@pytest.fixture(scope="session")
def rendered_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder holding the reports of every notebook, rendered against the default story.

    Rendering executes each notebook once; the notebook tests and the report tests
    share the result. An error here names the notebook and the cell that failed.
    """
    out_dir = tmp_path_factory.mktemp("reports")
    report.render_reports(None, out_dir, report.default_notebooks(paths.NOTEBOOKS_DIR))
    return out_dir


#: Tests using these fixtures execute every notebook or start a browser: slow, whatever their own marks.
SLOW_FIXTURES = frozenset({"rendered_reports", "hostile_reports", "browser", "visits"})


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
